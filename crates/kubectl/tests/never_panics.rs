//! Property tests: whatever a learner types or pastes, the sandbox answers with an error or
//! an output and never panics (parser, completion, YAML decoding, and a live session).

use kubectl::complete::{complete, NoNames};
use kubectl::manifest::decode_manifest;
use kubectl::session::Session;
use proptest::prelude::*;
use std::sync::OnceLock;

/// One warmed-up session, cloned per case (building it costs a few hundred ticks).
fn base_session() -> Session {
    static BASE: OnceLock<Session> = OnceLock::new();
    BASE.get_or_init(|| Session::start("sandbox", 60).unwrap())
        .clone()
}

/// Words a learner might type, plus some that are wrong on purpose.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("kubectl".to_string()),
        prop::sample::select(vec![
            "get",
            "describe",
            "scale",
            "autoscale",
            "apply",
            "delete",
            "set",
            "resources",
            "top",
            "rollout",
            "status",
            "create",
            "quota",
            "help",
            "history",
            "clear",
            "wait",
            "pods",
            "pod",
            "deploy",
            "deployment/my-ml-model",
            "hpa",
            "nodes",
            "events",
            "resourcequota",
            "svc",
            "rs",
            "all",
            "my-ml-model",
            "nope",
            "-l",
            "app=my-ml-model",
            "-o",
            "wide",
            "yaml",
            "json",
            "name",
            "-w",
            "-A",
            "--replicas=3",
            "--replicas=-1",
            "--replicas",
            "--min=2",
            "--max=5",
            "--cpu-percent=50",
            "--cpu=50%",
            "-f",
            "ml-inference-deployment.yaml",
            "compute-quota.yaml",
            "--requests=cpu=250m",
            "--limits=memory=1Gi",
            "--hard=pods=3",
            "--all",
            "--sort-by=cpu",
            "30s",
            "2m",
            "-h",
            "--",
            "'quoted word'",
            "\"x",
            "|",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..7).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parsing_and_completing_any_text_never_panics(text in "\\PC{0,80}") {
        let _ = kubectl::parse_line(&text);
        let completion = complete(&text, &NoNames);
        let _ = completion.apply(&text);
    }

    #[test]
    fn plausible_lines_parse_or_fail_with_a_message(text in line()) {
        if let Err(e) = kubectl::parse_line(&text) {
            prop_assert!(!e.to_string().is_empty());
        }
        let _ = complete(&text, &NoNames).apply(&text);
    }

    #[test]
    fn decoding_any_yaml_never_panics(text in "[ -~\\n\\t]{0,300}") {
        match decode_manifest("x.yaml", &text) {
            Ok(objects) => {
                for object in objects {
                    if let Err(e) = object {
                        prop_assert!(!e.to_string().is_empty());
                    }
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_session_answers_every_line_with_an_error_or_an_output(lines in prop::collection::vec(line(), 1..6)) {
        let mut session = base_session();
        for text in &lines {
            let output = session.run_line(text);
            if output.is_error() {
                prop_assert!(!output.text().trim().is_empty(), "{text:?} failed silently");
            }
            let _ = session.complete(text).apply(text);
            let _ = session.step();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Saved browser state is read back whatever it holds: random text, or a valid save cut
    /// anywhere (a quota hit mid-write), never panics and never yields an untypeable file name.
    #[test]
    fn loading_any_saved_state_never_panics(text in "\\PC{0,120}", cut in 0usize..200) {
        let _ = kubectl::saved::load_progress(Some(&text));
        for (name, _) in kubectl::saved::load_files(Some(&text)) {
            prop_assert!(kubectl::saved::valid_file_name(&name));
        }
        let valid = r#"{"01-scale-to-three":{"completed":true,"best_commands":1,"hints_used":2},"02-autoscale-the-spike":{"completed":false,"best_commands":null,"hints_used":1}}"#;
        let truncated = &valid[..cut.min(valid.len())];
        let _ = kubectl::saved::load_progress(Some(truncated));
        let _ = kubectl::saved::load_files(Some(truncated));
    }
}
