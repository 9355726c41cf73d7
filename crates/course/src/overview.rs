//! The overview lesson ("why it works"): its serde model and its checks.

use serde::{Deserialize, Serialize};

use crate::error::{check_preset_id, ContentError, Problems};
use crate::text::{List, Text};

/// The whole overview page, as read from `content/lessons/overview.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    pub title: Text,
    /// The learning mode's name as the course menu shows it.
    pub mode: Text,
    pub minutes: u32,
    pub introduction: Text,
    pub when_to_scale: WhenToScale,
    pub commands: List<Command>,
    pub key_concept: KeyConcept,
    pub mistakes: List<Mistake>,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenToScale {
    pub lead: Text,
    pub situations: List<Situation>,
}

/// One of the five situations that call for scaling, with the strategy it usually points to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    pub situation: Text,
    pub strategy: Text,
}

/// A kubectl command the learner can read about and run in the embedded sandbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Command {
    pub id: Text,
    /// Exactly what to type (and what the "run" button sends to the sandbox).
    pub command: Text,
    pub purpose: Text,
    /// kubectl's stdout for this command, laid out as kubectl lays it out.
    pub expected_output: Text,
    /// Caveats: versions, deprecations, why your output may differ.
    #[serde(default)]
    pub note: Option<Text>,
    pub flags: List<Flag>,
}

/// One flag (or argument) of a command and what it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    pub flag: Text,
    pub meaning: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyConcept {
    pub text: Text,
}

/// A common mistake, why it hurts, the fix, and the lab scenario that shows it happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    pub id: Text,
    pub mistake: Text,
    pub why_it_hurts: Text,
    pub fix: Text,
    /// Id of the cluster-lab preset that reproduces the mistake.
    pub lab_preset: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub points: List<Text>,
}

impl Overview {
    /// Every lab preset id this lesson links to, in page order.
    pub fn lab_presets(&self) -> Vec<&str> {
        self.mistakes
            .iter()
            .map(|m| m.lab_preset.as_ref())
            .collect()
    }

    /// Checks what serde cannot: no blank text, unique ids, flags that occur in their command.
    pub fn validate(&self, file: &str) -> Vec<ContentError> {
        let mut p = Problems::new(file);
        p.require_text("title", &self.title);
        p.require_text("introduction", &self.introduction);
        p.require_text("key_concept.text", &self.key_concept.text);
        if self.when_to_scale.situations.len() != 5 {
            p.push(
                "when_to_scale.situations",
                format!(
                    "the lesson teaches five situations, found {}",
                    self.when_to_scale.situations.len()
                ),
            );
        }
        for (i, s) in self.when_to_scale.situations.iter().enumerate() {
            p.require_text(
                format!("when_to_scale.situations[{i}].situation"),
                &s.situation,
            );
            p.require_text(
                format!("when_to_scale.situations[{i}].strategy"),
                &s.strategy,
            );
        }
        p.require_unique(
            self.commands
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("commands[{i}].id"), c.id.as_ref())),
        );
        for (i, c) in self.commands.iter().enumerate() {
            let key = format!("commands[{i}]");
            if !c.command.starts_with("kubectl ") {
                p.push(format!("{key}.command"), "must start with `kubectl `");
            }
            p.require_text(format!("{key}.purpose"), &c.purpose);
            p.require_text(format!("{key}.expected_output"), &c.expected_output);
            if c.flags.is_empty() {
                p.push(format!("{key}.flags"), "explain at least one flag");
            }
            let words: Vec<&str> = c.command.split_whitespace().collect();
            for (j, f) in c.flags.iter().enumerate() {
                // A flag explanation must match a word of the command (`--min` matches `--min=2`).
                let present = words
                    .iter()
                    .any(|w| *w == f.flag || w.starts_with(&format!("{}=", f.flag)));
                if !present {
                    p.push(
                        format!("{key}.flags[{j}].flag"),
                        format!("`{}` does not occur in `{}`", f.flag, c.command),
                    );
                }
                p.require_text(format!("{key}.flags[{j}].meaning"), &f.meaning);
            }
        }
        p.require_unique(
            self.mistakes
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("mistakes[{i}].id"), m.id.as_ref())),
        );
        for (i, m) in self.mistakes.iter().enumerate() {
            let key = format!("mistakes[{i}]");
            p.require_text(format!("{key}.mistake"), &m.mistake);
            p.require_text(format!("{key}.why_it_hurts"), &m.why_it_hurts);
            p.require_text(format!("{key}.fix"), &m.fix);
            check_preset_id(&mut p, format!("{key}.lab_preset"), &m.lab_preset);
        }
        if self.summary.points.is_empty() {
            p.push("summary.points", "must not be empty");
        }
        p.errors
    }
}
