//! `help`, `help COMMAND` and `kubectl CMD --help`, rendered from the command table so help
//! can never disagree with what the parser accepts.

use crate::defs::{command_at, CommandDef, Positionals, COMMANDS};
use crate::resources::RESOURCES;
use crate::tabwriter::{align, DESCRIBE};

/// The overview printed by `help` and by `kubectl` alone.
pub fn overview() -> String {
    let mut text =
        String::from("kubectl sandbox: a simulated cluster answers like a real one.\n\n");
    let mut table = String::from("kubectl commands:\n");
    for def in COMMANDS.iter().filter(|c| c.is_kubectl() && !c.is_group()) {
        if def.name() == "help" {
            continue;
        }
        table.push_str(&format!(
            "  kubectl {}\t{}\n",
            def.path[1..].join(" "),
            def.summary
        ));
    }
    table.push_str("Sandbox commands:\n");
    for def in COMMANDS.iter().filter(|c| !c.is_kubectl()) {
        table.push_str(&format!("  {}\t{}\n", def.usage, def.summary));
    }
    text.push_str(&align(&table, DESCRIBE));
    let kinds: Vec<String> = RESOURCES
        .iter()
        .map(|r| match r.short_names.first() {
            Some(short) => format!("{} ({short})", r.plural),
            None => r.plural.to_string(),
        })
        .collect();
    text.push_str(&format!("\nResource types: {}\n", kinds.join(", ")));
    text.push_str(
        "Tab completes commands, types, names and flags; Up/Down recall earlier lines.\n",
    );
    text.push_str("Type 'help COMMAND' (e.g. help scale) for its flags and examples.\n");
    text
}

/// Help for one command (by table path); the overview for an empty or unknown path.
pub fn command_help(path: &[&str]) -> String {
    match command_at(path) {
        Some(def) => render(def),
        None => overview(),
    }
}

fn render(def: &CommandDef) -> String {
    let mut text = format!("{}\n\nUsage:\n  {}\n", def.summary, def.usage);
    let children: Vec<&CommandDef> = def.children().collect();
    if !children.is_empty() {
        let mut table = String::new();
        for child in &children {
            table.push_str(&format!("  {}\t{}\n", child.name(), child.summary));
        }
        text.push_str("\nAvailable Commands:\n");
        text.push_str(&align(&table, DESCRIBE));
    }
    if let Positionals::Resources(kinds) = def.positionals {
        let names: Vec<&str> = RESOURCES
            .iter()
            .filter(|r| kinds.contains(&r.kind))
            .map(|r| r.plural)
            .collect();
        text.push_str(&format!("\nResource types: {}\n", names.join(", ")));
    }
    text.push_str("\nExamples:\n");
    for example in def.examples {
        text.push_str(&format!("  {example}\n"));
    }
    let flags = def.accepted_flags();
    if !flags.is_empty() {
        let mut table = String::new();
        for flag in flags {
            let short = flag.short.map(|s| format!("-{s}, ")).unwrap_or_default();
            let value = match flag.value {
                crate::defs::ValueKind::Bool => String::new(),
                crate::defs::ValueKind::Int => "=N".to_string(),
                crate::defs::ValueKind::Text(placeholder) => format!("={placeholder}"),
            };
            table.push_str(&format!("  {short}--{}{value}\t{}\n", flag.long, flag.help));
        }
        text.push_str("\nOptions:\n");
        text.push_str(&align(&table, DESCRIBE));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_help_with_its_flags() {
        for def in COMMANDS {
            let help = command_help(def.path);
            assert!(help.starts_with(def.summary), "{:?}", def.path);
            for flag in def.flags {
                assert!(
                    help.contains(&format!("--{}", flag.long)),
                    "{:?} --{}",
                    def.path,
                    flag.long
                );
            }
            for child in def.children() {
                assert!(help.contains(child.name()));
            }
        }
    }

    #[test]
    fn overview_lists_every_runnable_command() {
        let text = overview();
        for def in COMMANDS
            .iter()
            .filter(|c| !c.is_group() && c.name() != "help")
        {
            let shown = if def.is_kubectl() {
                format!("kubectl {}", def.path[1..].join(" "))
            } else {
                def.usage.to_string()
            };
            assert!(text.contains(&shown), "{shown} missing from help");
        }
    }
}
