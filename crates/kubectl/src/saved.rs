//! What the terminal page keeps in the browser between visits: mission progress and the learner's files.
//!
//! Both are JSON in localStorage. Loading never fails: a missing, truncated, corrupt or hostile
//! value gives the empty state (the page then says nothing is saved yet), and anything that
//! does not fit the shape is dropped entry by entry rather than losing the rest.

use std::collections::BTreeMap;

use crate::mission::MissionProgress;

/// localStorage key of [`MissionProgress`] by mission id.
pub const PROGRESS_KEY: &str = "mlops-scaling.kubectl.missions";
/// localStorage key of the learner's files (name -> YAML text).
pub const FILES_KEY: &str = "mlops-scaling.kubectl.files";

/// Longest file a learner can keep (bytes); longer ones are not restored.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// Mission progress from its saved JSON; entries that are not valid progress are skipped.
pub fn load_progress(text: Option<&str>) -> BTreeMap<String, MissionProgress> {
    let Some(map) =
        text.and_then(|t| serde_json::from_str::<BTreeMap<String, serde_json::Value>>(t).ok())
    else {
        return BTreeMap::new();
    };
    map.into_iter()
        .filter_map(|(id, v)| Some((id, serde_json::from_value(v).ok()?)))
        .collect()
}

pub fn save_progress(progress: &BTreeMap<String, MissionProgress>) -> String {
    serde_json::to_string(progress).unwrap_or_else(|_| "{}".into())
}

/// The learner's files from their saved JSON; names that could not be typed after `-f`
/// (empty, with a slash or a space) and oversized texts are skipped.
pub fn load_files(text: Option<&str>) -> BTreeMap<String, String> {
    let Some(map) =
        text.and_then(|t| serde_json::from_str::<BTreeMap<String, serde_json::Value>>(t).ok())
    else {
        return BTreeMap::new();
    };
    map.into_iter()
        .filter_map(|(name, v)| match v {
            serde_json::Value::String(text)
                if valid_file_name(&name) && text.len() <= MAX_FILE_BYTES =>
            {
                Some((name, text))
            }
            _ => None,
        })
        .collect()
}

pub fn save_files(files: &BTreeMap<String, String>) -> String {
    serde_json::to_string(files).unwrap_or_else(|_| "{}".into())
}

/// A name a learner can type after `kubectl apply -f`.
pub fn valid_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.contains(['/', '\\', ' '])
        && !name.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips_and_bad_entries_are_skipped() {
        let mut p = BTreeMap::new();
        p.insert(
            "01-scale-to-three".to_string(),
            MissionProgress {
                completed: true,
                best_commands: Some(1),
                hints_used: 2,
            },
        );
        assert_eq!(load_progress(Some(&save_progress(&p))), p);
        let mixed = r#"{"01-scale-to-three":{"completed":true,"best_commands":1,"hints_used":2},"x":"lots"}"#;
        assert_eq!(load_progress(Some(mixed)), p);
        for bad in ["", "{", "null", "[1,2]", "{\"a\":", "\u{0}"] {
            assert!(load_progress(Some(bad)).is_empty(), "{bad:?}");
        }
        assert!(load_progress(None).is_empty());
    }

    #[test]
    fn files_round_trip_and_untypeable_names_are_dropped() {
        let mut f = BTreeMap::new();
        f.insert(
            "my-hpa.yaml".to_string(),
            "kind: HorizontalPodAutoscaler\n".to_string(),
        );
        assert_eq!(load_files(Some(&save_files(&f))), f);
        let hostile = r#"{"my-hpa.yaml":"kind: HorizontalPodAutoscaler\n","../etc":"x","a b":"x","n":3,"":"x"}"#;
        assert_eq!(load_files(Some(hostile)), f);
        assert!(load_files(Some("[1,2")).is_empty());
    }
}
