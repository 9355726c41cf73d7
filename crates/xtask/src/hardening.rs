//! Hardening checks of `cargo xtask test` (issue 9): the static check that no learner text can
//! be injected as HTML, and the property-test budget the native tests run with.

use std::path::Path;

/// Fixed seed for every proptest suite in `cargo xtask test`, so a CI run is reproducible (a
/// failure names the case; re-run it with the same seed). Local `cargo test` draws a random
/// seed each run, which explores more; see ARCHITECTURE.md, "Property tests".
pub const PROPTEST_RNG_SEED: &str = "20260911";

/// Gives every command `cargo xtask test` starts the fixed proptest seed, unless the caller
/// chose one (`PROPTEST_RNG_SEED=123 cargo xtask test`).
pub fn fix_proptest_seed() {
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        std::env::set_var("PROPTEST_RNG_SEED", PROPTEST_RNG_SEED);
    }
}

/// Ways to put text into the page as HTML. Leptos and web-sys set text safely everywhere else
/// (`{text}` in `view!`, `set_text_content`), so none of these should appear in the views.
const HTML_SINKS: &[&str] = &[
    "inner_html",
    "outer_html",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "insert_adjacent_html",
    "dangerously",
    "document.write",
    "write_with_str",
    "create_contextual_fragment",
    "createContextualFragment",
];

/// Lines allowed to contain a sink, as `(path, substring of the line, why)`. Empty on purpose:
/// add an entry only with a reason the text can never come from a learner.
const ALLOWED: &[(&str, &str, &str)] = &[];

/// Fails if the app (`src/`) or a bundle (`crates/bundle_*/src`) uses an HTML sink.
pub fn check_no_html_sinks(root: &Path) -> Result<(), String> {
    let mut dirs = vec![root.join("src")];
    let crates = root.join("crates");
    for entry in std::fs::read_dir(&crates)
        .map_err(|e| format!("reading {}: {e}", crates.display()))?
        .flatten()
    {
        if entry.file_name().to_string_lossy().starts_with("bundle_") {
            dirs.push(entry.path().join("src"));
        }
    }
    let mut found = Vec::new();
    let mut scanned = 0;
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let is_source = path
                .extension()
                .is_some_and(|e| e == "rs" || e == "js" || e == "mjs" || e == "html");
            if !is_source {
                continue;
            }
            scanned += 1;
            let shown = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                for sink in HTML_SINKS {
                    let allowed = ALLOWED
                        .iter()
                        .any(|(file, part, _)| shown == *file && line.contains(part));
                    if line.contains(sink) && !allowed {
                        found.push(format!("{shown}:{}: {sink}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    if found.is_empty() {
        println!("no HTML sinks in {scanned} files of src/ and crates/bundle_*/src");
        Ok(())
    } else {
        found.sort();
        Err(format!(
            "learner text must never be injected as HTML; set text instead \
             (`{{text}}` in view!, set_text_content), or justify an entry in \
             crates/xtask/src/hardening.rs ALLOWED:\n  {}",
            found.join("\n  ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_and_bundles_have_no_html_sinks() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        check_no_html_sinks(&root).unwrap();
    }

    #[test]
    fn a_sink_in_a_bundle_is_reported_with_its_place() {
        let root = std::env::temp_dir().join(format!("xtask-sinks-{}", std::process::id()));
        let dir = root.join("crates/bundle_x/src");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(
            dir.join("view.rs"),
            "//! x\nfn f(el: Element, t: &str) {\n    el.set_inner_html(t);\n}\n",
        )
        .unwrap();
        let err = check_no_html_sinks(&root).unwrap_err();
        assert!(
            err.contains("crates/bundle_x/src/view.rs:3: inner_html"),
            "{err}"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
