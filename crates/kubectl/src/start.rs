//! Where a session starts: a cluster built from a scenario in the engine's format, either one
//! of the sandbox's own (content/missions/start/*.toml) or any engine preset
//! (content/scenarios/*.toml), then warmed up so pods are Running and AGE reads naturally.

use cluster_sim::scenario::{self, Scenario, Strategy};
use cluster_sim::Cluster;
use std::fmt;

pub use crate::embedded::{START_JSON, START_SCENARIOS};

/// `lab kubectl` and the terminal page start here unless told otherwise.
pub const DEFAULT_START: &str = "sandbox";

/// Seconds simulated before the first prompt, on top of the engine's own warm-up (which runs
/// until the pods are Ready), so AGE columns read like a service that has been up a while.
pub const DEFAULT_WARMUP_S: u64 = 60;

/// A start that cannot be built; one line naming what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartError {
    pub message: String,
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StartError {}

/// Every name `--scenario` accepts: the sandbox's starts, then the engine's presets.
pub fn start_names() -> Vec<String> {
    let mut names: Vec<String> = START_SCENARIOS.iter().map(|(n, _)| n.to_string()).collect();
    if let Ok(presets) = scenario::builtin() {
        names.extend(presets.into_iter().map(|s| s.id));
    }
    names
}

/// Parses a start scenario by name.
pub fn find_start(name: &str) -> Result<Scenario, StartError> {
    let parsed = match START_JSON.iter().find(|(n, _)| *n == name) {
        Some((n, json)) => Scenario::from_json(&format!("content/missions/start/{n}.toml"), json),
        None => match scenario::find(name) {
            Some(result) => result,
            None => {
                return Err(StartError {
                    message: format!(
                        "unknown scenario \"{name}\" (known: {})",
                        start_names().join(", ")
                    ),
                })
            }
        },
    };
    parsed.map_err(|e| StartError {
        message: e.to_string(),
    })
}

/// Builds the cluster of a start scenario and runs it for `warmup_s` simulated seconds.
pub fn build_start(name: &str, warmup_s: u64) -> Result<Cluster, StartError> {
    let scenario = find_start(name)?;
    let mut cluster = scenario
        .build(&Strategy::Scenario, scenario.seed, None, 1.0)
        .map_err(|message| StartError { message })?;
    cluster.step_n(warmup_s);
    Ok(cluster)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_start_builds() {
        assert!(START_SCENARIOS.iter().any(|(n, _)| *n == DEFAULT_START));
        for (name, _) in START_SCENARIOS {
            let cluster = build_start(name, 0).unwrap();
            assert_eq!(cluster.deployments().len(), 1, "{name}");
        }
    }

    /// The browser reads the JSON build.rs made: it must be the very same scenario.
    #[test]
    fn the_json_starts_equal_their_toml_files() {
        assert_eq!(START_SCENARIOS.len(), START_JSON.len());
        for ((name, text), (json_name, json)) in START_SCENARIOS.iter().zip(START_JSON) {
            assert_eq!(name, json_name);
            let file = format!("content/missions/start/{name}.toml");
            assert_eq!(
                Scenario::parse(&file, text).unwrap(),
                Scenario::from_json(&file, json).unwrap()
            );
        }
    }

    #[test]
    fn engine_presets_are_starts_too_and_unknown_names_say_so() {
        assert!(build_start("quota-blocks-scale-out", 0).is_ok());
        let err = build_start("nope", 0).unwrap_err().to_string();
        assert!(
            err.starts_with("unknown scenario \"nope\" (known: sandbox, spike"),
            "{err}"
        );
    }

    #[test]
    fn the_default_sandbox_is_running_after_warmup() {
        let cluster = build_start(DEFAULT_START, DEFAULT_WARMUP_S).unwrap();
        let pods = cluster.pods();
        assert_eq!(pods.len(), 2);
        assert!(pods.iter().all(|p| p.ready), "{pods:?}");
        assert!(pods
            .iter()
            .all(|p| p.labels.get("app").map(String::as_str) == Some("my-ml-model")));
    }
}
