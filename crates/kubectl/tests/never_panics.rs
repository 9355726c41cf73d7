//! Property tests: whatever a learner types or pastes, the sandbox answers with an error or
//! an output and never panics (parser, completion, YAML decoding, and a live session): random
//! text, the course's own commands and manifests mutated or cut short, and hostile YAML
//! (aliases that multiply, deep nesting, long strings, deep indentation).

use kubectl::complete::{complete, NoNames};
use kubectl::manifest::decode_manifest;
use kubectl::manifest::BUILTIN_MANIFESTS;
use kubectl::session::Session;
use propkit::{apply, config, Edit};
use proptest::prelude::*;
use proptest::sample::Index;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

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
    #![proptest_config(config(256))]

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
    #![proptest_config(config(48))]

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
    #![proptest_config(config(256))]

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

/// The transcripts' files: each `# file: NAME` followed by `# | line`s.
const TRANSCRIPTS: &[&str] = &[
    include_str!("transcripts/apply.txt"),
    include_str!("transcripts/autoscale.txt"),
    include_str!("transcripts/course-000-scale-and-autoscale.txt"),
    include_str!("transcripts/course-004-apply-manifest.txt"),
    include_str!("transcripts/delete.txt"),
    include_str!("transcripts/describe.txt"),
    include_str!("transcripts/get-yaml.txt"),
    include_str!("transcripts/get.txt"),
    include_str!("transcripts/quota.txt"),
    include_str!("transcripts/scale.txt"),
    include_str!("transcripts/set-resources-rollout.txt"),
    include_str!("transcripts/shell.txt"),
    include_str!("transcripts/top.txt"),
    include_str!("transcripts/watch-hpa-spike.txt"),
    include_str!("transcripts/watch.txt"),
];

/// Every command the course's transcripts type (`$ kubectl ...`) and the missions suggest.
fn real_commands() -> Vec<String> {
    let mut all: Vec<String> = TRANSCRIPTS
        .iter()
        .flat_map(|t| t.lines())
        .filter_map(|l| l.strip_prefix("$ "))
        .map(str::to_string)
        .collect();
    for (_, text) in kubectl::mission::MISSION_FILES {
        for line in text.lines() {
            if let Some(start) = line.find("\"kubectl ") {
                let rest = &line[start + 1..];
                if let Some(end) = rest.find('"') {
                    all.push(rest[..end].to_string());
                }
            }
        }
    }
    assert!(all.len() > 50, "found only {} real commands", all.len());
    all
}

/// The course's manifests (content/manifests) and the transcripts' files.
fn real_manifests() -> Vec<String> {
    let mut all: Vec<String> = BUILTIN_MANIFESTS
        .iter()
        .map(|(_, t)| t.to_string())
        .collect();
    for t in TRANSCRIPTS {
        let mut current: Option<String> = None;
        for line in t.lines() {
            if let Some(body) = line.strip_prefix("# | ").or(line.strip_prefix("# |")) {
                if let Some(c) = current.as_mut() {
                    c.push_str(body);
                    c.push('\n');
                }
            } else {
                all.extend(current.take());
                if line.starts_with("# file: ") {
                    current = Some(String::new());
                }
            }
        }
        all.extend(current);
    }
    assert!(all.len() >= 10, "found only {} real manifests", all.len());
    all
}

/// Text that breaks command lines and YAML in interesting ways.
const FRAGMENTS: &[&str] = &[
    " ",
    "\n",
    "\t",
    "-",
    "--",
    "=",
    ":",
    ": ",
    "- ",
    "'",
    "\"",
    "|",
    ">",
    "&a ",
    "*a",
    "!!str ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "---\n",
    "...\n",
    "0",
    "-1",
    "999999999999999999999",
    "1e309",
    "Mi",
    "m",
    "%",
    "é",
    "🙂",
    "\u{0}",
    "\\",
    "?",
    "@",
    "`",
    "  ",
    "    ",
    "--replicas=",
    "-o",
    "yaml",
    "-f",
    "deploy/",
    "/",
    "null",
    "~",
    "yes",
    "0x1F",
    ".inf",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), 1usize..30).prop_map(|(i, n)| Edit::Cut(i, n)),
        (any::<Index>(), prop::sample::select(FRAGMENTS)).prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<Index>(), 1usize..120).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn decode_checked(text: &str) -> Result<(), TestCaseError> {
    match decode_manifest("x.yaml", text) {
        Ok(objects) => {
            for object in objects {
                if let Err(e) = object {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// The course's own commands with a few edits parse, complete and run, or say why not.
    #[test]
    fn mutated_course_commands_parse_or_fail_with_a_message(
        pick in any::<Index>(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let commands = real_commands();
        let text = apply(pick.get(&commands).clone(), &edits);
        if let Err(e) = kubectl::parse_line(&text) {
            prop_assert!(!e.to_string().is_empty(), "{text:?}");
        }
        let _ = complete(&text, &NoNames).apply(&text);
    }

    /// The course's manifests with a few edits, or cut anywhere, decode or fail with a message.
    #[test]
    fn mutated_course_manifests_decode_or_fail_with_a_message(
        pick in any::<Index>(),
        edits in prop::collection::vec(edit(), 0..5),
        cut in any::<Index>(),
    ) {
        let manifests = real_manifests();
        let original = pick.get(&manifests);
        decode_checked(&apply(original.clone(), &edits))?;
        decode_checked(&apply(original.clone(), &[Edit::Truncate(cut)]))?;
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// A live session runs mutated course commands (and applies the real manifests by name)
    /// with an output or an error for each, then keeps ticking.
    #[test]
    fn a_session_runs_mutated_course_commands(
        picks in prop::collection::vec((any::<Index>(), prop::collection::vec(edit(), 0..3)), 1..6),
    ) {
        let commands = real_commands();
        let mut session = base_session();
        for (pick, edits) in &picks {
            let text = apply(pick.get(&commands).clone(), edits);
            let output = session.run_line(&text);
            if output.is_error() {
                prop_assert!(!output.text().trim().is_empty(), "{text:?} failed silently");
            }
            let _ = session.step();
        }
    }
}

/// Numbers a manifest's syntax accepts but a cluster may not (huge requests, replicas, ports).
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1000000",
    "4294967296",
    "9223372036854775807",
    "99999999999999999999",
    "1e9",
    "0.0001",
];

proptest! {
    #![proptest_config(config(48))]

    /// The course's manifests with extreme numbers (and a few edits), saved as the learner's
    /// file, applied to a live cluster, which then keeps running and answering.
    #[test]
    fn extreme_manifests_apply_and_the_cluster_keeps_running(
        pick in any::<Index>(),
        numbers in prop::collection::vec((any::<Index>(), prop::sample::select(NUMBERS)), 1..4),
        edits in prop::collection::vec(edit(), 0..2),
    ) {
        let manifests = real_manifests();
        let numbers: Vec<Edit> = numbers.iter().map(|(at, n)| Edit::Number(*at, n)).collect();
        let text = apply(apply(pick.get(&manifests).clone(), &edits), &numbers);
        let mut session = base_session();
        session.set_file("x.yaml", &text);
        for line in ["kubectl apply -f x.yaml", "kubectl create -f x.yaml"] {
            let output = session.run_line(line);
            if output.is_error() {
                prop_assert!(!output.text().trim().is_empty(), "{line} failed silently");
            }
        }
        for _ in 0..30 {
            let _ = session.step();
        }
        for line in ["kubectl get all", "kubectl describe nodes", "kubectl top pods", "kubectl get hpa"] {
            let _ = session.run_line(line);
        }
    }
}

/// Decodes `text`, which must fail with one of `expected` (`|`-separated) in its message.
fn refused(text: &str, expected: &str) {
    let matches = |e: &str| expected.split('|').any(|x| e.contains(x));
    let started = Instant::now();
    let result = decode_manifest("hostile.yaml", text);
    let took = started.elapsed();
    // Refusing is quick (generous for a loaded machine; expanding would take minutes).
    assert!(took < Duration::from_secs(10), "took {took:?}");
    match result {
        Err(e) => assert!(matches(&e.to_string()), "{e}"),
        Ok(objects) => {
            let errors: Vec<String> = objects
                .into_iter()
                .filter_map(Result::err)
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.iter().any(|e| matches(e)),
                "expected {expected:?}, got {errors:?}"
            );
        }
    }
}

#[test]
fn billion_laughs_is_refused_not_expanded() {
    let mut text = String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    refused(&text, "excessive aliasing");
    // One long string aliased many times is refused too.
    let long = "x".repeat(100_000);
    let text = format!("a: &s \"{long}\"\nb: [{}]\n", vec!["*s"; 100].join(", "));
    refused(&text, "excessive aliasing");
}

#[test]
fn aliases_cannot_nest_past_the_depth_limit() {
    // Each anchor holds the previous one 40 levels down: nesting grows by 40 per alias.
    let mut text = String::from("a0: &a0 1\n");
    for i in 1..20 {
        text.push_str(&format!(
            "a{i}: &a{i} {}*a{}{}\n",
            "[".repeat(40),
            i - 1,
            "]".repeat(40)
        ));
    }
    refused(&text, "exceeded max depth");
}

#[test]
fn deep_long_and_wide_yaml_fails_or_decodes_quickly() {
    // saphyr-parser's own limit or ours, whichever comes first.
    let deep = "exceeded max depth|recursion limit exceeded";
    refused(
        &format!("a: {}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        deep,
    );
    refused(
        &format!("a: {}1{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
        deep,
    );
    let indented: String = (0..2_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    refused(&indented, deep);
    // Long strings, many keys, many items and many documents decode (or fail on the object)
    // in time linear in their size: ten times the text may take at most 25 times as long (a
    // quadratic step takes 100 times; the slack absorbs a loaded machine).
    let shapes: [fn(usize) -> String; 4] = [
        |n| {
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {}\n",
                "x".repeat(n * 10)
            )
        },
        |n| {
            let keys: String = (0..n).map(|i| format!("  k{i}: v\n")).collect();
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n{keys}")
        },
        |n| "- ".repeat(n * 2),
        |n| "---\n".repeat(n * 2),
    ];
    for shape in shapes {
        let time = |n: usize| {
            let text = shape(n);
            let started = Instant::now();
            decode_checked(&text).unwrap();
            started.elapsed()
        };
        let (small, large) = (time(2_000), time(20_000));
        assert!(
            large < small * 25 + Duration::from_millis(500),
            "{:?}...: 2,000 took {small:?}, 20,000 took {large:?}",
            &shape(1)[..20]
        );
    }
}
