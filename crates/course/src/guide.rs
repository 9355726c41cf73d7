//! The Kubernetes guide: manifests with per-field annotations, requests and limits, commands,
//! pitfalls; its serde model, the annotation line resolution and the checks.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::{check_preset_id, ContentError, Problems};
use crate::text::{List, Text};
use crate::yaml_path;

/// The whole guide page, as read from `content/lessons/kubernetes-guide.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubernetesGuide {
    pub title: Text,
    pub minutes: u32,
    pub introduction: Text,
    pub parts: List<Part>,
    pub manifests: List<Manifest>,
    pub resources: Resources,
    pub example: Example,
    pub pitfalls: List<Pitfall>,
    pub quick_reference: ItemList,
    pub key_takeaways: ItemList,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: Text,
    pub role: Text,
}

/// One YAML document (Deployment, HPA, Service, or a "wrong" variant) with its tooltips.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub id: Text,
    /// The Kubernetes kind, matching the `kind:` line of `yaml`.
    pub kind: Text,
    pub title: Text,
    /// Set on a counter-example: the id of the manifest it is a broken copy of.
    #[serde(default)]
    pub variant_of: Option<Text>,
    /// Block-style YAML, exactly what the copy button copies.
    pub yaml: Text,
    pub annotations: List<Annotation>,
}

/// A tooltip on one field of a manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Dotted path with sequence indexes: `spec.template.spec.containers[0].resources.requests.cpu`.
    pub path: Text,
    pub text: Text,
    /// 1-based line of `path` in the manifest's YAML. Filled in by the loader from `path`
    /// (authors cannot set it, so it cannot go stale).
    #[serde(skip_deserializing)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    pub lead: Text,
    pub notes: List<Text>,
    pub fields: List<ResourceField>,
}

/// One of requests.cpu, requests.memory, limits.cpu, limits.memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceField {
    pub field: Text,
    pub value: Text,
    pub meaning: Text,
    pub when_exceeded: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The file the three manifests are saved in for `kubectl apply -f`.
    pub file_name: Text,
    pub description: Text,
    pub commands: List<ExampleCommand>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleCommand {
    pub command: Text,
    pub purpose: Text,
    pub output: Text,
    #[serde(default)]
    pub note: Option<Text>,
}

/// A pitfall with "see it fail" (a lab preset) and "fix it".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pitfall {
    pub id: Text,
    pub title: Text,
    pub why_it_hurts: Text,
    /// What the lab (or a real cluster) shows when the pitfall bites.
    pub what_you_see: Text,
    pub fix: Text,
    /// A YAML snippet of the fix, when the fix is a manifest change.
    #[serde(default)]
    pub fix_yaml: Option<Text>,
    /// Id of a manifest that shows the mistake.
    #[serde(default)]
    pub manifest: Option<Text>,
    pub lab_preset: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemList {
    pub items: List<Text>,
}

impl KubernetesGuide {
    pub fn manifest(&self, id: &str) -> Option<&Manifest> {
        self.manifests.iter().find(|m| m.id == id)
    }

    /// The file `kubectl apply -f` reads in the example: the manifests that are not
    /// counter-examples, in order, separated by `---`.
    pub fn apply_file_yaml(&self) -> String {
        self.manifests
            .iter()
            .filter(|m| m.variant_of.is_none())
            .map(|m| m.yaml.trim_end())
            .collect::<Vec<_>>()
            .join("\n---\n")
            + "\n"
    }

    /// Every lab preset id the guide links to, in page order.
    pub fn lab_presets(&self) -> Vec<&str> {
        self.pitfalls
            .iter()
            .map(|p| p.lab_preset.as_ref())
            .collect()
    }

    /// Fills each annotation's `line` from its path. Unresolved paths keep line 0 and are
    /// reported by `validate`.
    pub(crate) fn resolve_lines(&mut self) {
        for m in self.manifests.to_mut() {
            let Ok(keys) = yaml_path::index(&m.yaml) else {
                continue;
            };
            for a in m.annotations.to_mut() {
                a.line = keys.iter().find(|k| k.path == a.path).map_or(0, |k| k.line);
            }
        }
    }

    pub fn validate(&self, file: &str) -> Vec<ContentError> {
        let mut p = Problems::new(file);
        p.require_text("introduction", &self.introduction);
        p.require_unique(
            self.manifests
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("manifests[{i}].id"), m.id.as_ref())),
        );
        let manifest_ids: BTreeSet<&str> = self.manifests.iter().map(|m| m.id.as_ref()).collect();
        for (i, m) in self.manifests.iter().enumerate() {
            let key = format!("manifests[{i}]");
            if !m
                .yaml
                .lines()
                .any(|l| l.trim_end() == format!("kind: {}", m.kind))
            {
                p.push(
                    format!("{key}.kind"),
                    format!("the YAML has no top-level `kind: {}` line", m.kind),
                );
            }
            if let Some(of) = &m.variant_of {
                if !manifest_ids.contains(of.as_ref()) || of == &m.id {
                    p.push(
                        format!("{key}.variant_of"),
                        format!("no other manifest `{of}`"),
                    );
                }
            }
            let keys = match yaml_path::index(&m.yaml) {
                Ok(keys) => keys,
                Err(e) => {
                    p.push(
                        format!("{key}.yaml"),
                        format!("YAML line {}: {}", e.line, e.message),
                    );
                    continue;
                }
            };
            let line_count = m.yaml.lines().count();
            let mut seen = BTreeSet::new();
            for (j, a) in m.annotations.iter().enumerate() {
                let akey = format!("{key}.annotations[{j}]");
                p.require_text(format!("{akey}.text"), &a.text);
                if !seen.insert(a.path.as_ref()) {
                    p.push(
                        format!("{akey}.path"),
                        format!("`{}` is annotated twice", a.path),
                    );
                }
                match keys.iter().find(|k| k.path == a.path) {
                    None => p.push(
                        format!("{akey}.path"),
                        format!("the manifest has no field `{}`", a.path),
                    ),
                    Some(k) if a.line != k.line || a.line == 0 || a.line > line_count => p.push(
                        format!("{akey}.line"),
                        format!(
                            "line {} does not hold `{}` (line {} of {line_count} does)",
                            a.line, a.path, k.line
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
        for (i, f) in self.resources.fields.iter().enumerate() {
            // Each explained value must be the one the Deployment actually sets.
            let in_deployment = self.manifest("deployment").is_some_and(|d| {
                let (section, name) = f.field.split_once('.').unwrap_or(("", ""));
                let path = format!("spec.template.spec.containers[0].resources.{section}.{name}");
                yaml_path::line_of(&d.yaml, &path).is_some_and(|line| {
                    d.yaml
                        .lines()
                        .nth(line - 1)
                        .is_some_and(|l| l.contains(&format!("\"{}\"", f.value)))
                })
            });
            if !in_deployment {
                p.push(
                    format!("resources.fields[{i}]"),
                    format!(
                        "the Deployment does not set `{}` to \"{}\"",
                        f.field, f.value
                    ),
                );
            }
        }
        for (i, c) in self.example.commands.iter().enumerate() {
            if !c.command.starts_with("kubectl ") {
                p.push(
                    format!("example.commands[{i}].command"),
                    "must start with `kubectl `",
                );
            }
            p.require_text(format!("example.commands[{i}].output"), &c.output);
        }
        p.require_unique(
            self.pitfalls
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("pitfalls[{i}].id"), x.id.as_ref())),
        );
        for (i, x) in self.pitfalls.iter().enumerate() {
            let key = format!("pitfalls[{i}]");
            p.require_text(format!("{key}.why_it_hurts"), &x.why_it_hurts);
            p.require_text(format!("{key}.what_you_see"), &x.what_you_see);
            p.require_text(format!("{key}.fix"), &x.fix);
            check_preset_id(&mut p, format!("{key}.lab_preset"), &x.lab_preset);
            if let Some(m) = &x.manifest {
                if !manifest_ids.contains(m.as_ref()) {
                    p.push(format!("{key}.manifest"), format!("no manifest `{m}`"));
                }
            }
            if let Some(y) = &x.fix_yaml {
                if let Err(e) = yaml_path::index(y) {
                    p.push(
                        format!("{key}.fix_yaml"),
                        format!("YAML line {}: {}", e.line, e.message),
                    );
                }
            }
        }
        for (name, list) in [
            ("quick_reference.items", &self.quick_reference.items),
            ("key_takeaways.items", &self.key_takeaways.items),
        ] {
            if list.is_empty() {
                p.push(name, "must not be empty");
            }
        }
        p.errors
    }
}
