//! Scenario presets: every content file loads and is embedded, bad files fail with one clear line, each
//! preset's timeline matches its golden file, and each preset shows what its story promises.
//!
//! Regenerate the golden timelines after an intended behaviour change with `UPDATE_GOLDEN=1 cargo test -p cluster_sim --test scenarios`.

use cluster_sim::scenario::{self, Scenario, Strategy, Variant, BUILTIN, BUILTIN_JSON};
use cluster_sim::{Cluster, EventView};
use std::path::PathBuf;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/scenarios")
}

#[test]
fn every_content_file_is_valid_and_embedded() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(content_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 13, "the issue lists at least 13 presets");
    for f in &files {
        let id = f.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(f).unwrap();
        let name = format!("content/scenarios/{id}.toml");
        let sc = Scenario::parse(&name, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sc.id, id);
        let embedded = BUILTIN
            .iter()
            .find(|(i, _)| *i == id)
            .unwrap_or_else(|| panic!("{id} is not in scenario::BUILTIN"));
        assert_eq!(
            embedded.1, text,
            "{id}: embedded text differs from the file"
        );
        for s in sc.compare_strategies() {
            Variant::parse(&s, &sc).unwrap_or_else(|e| panic!("{id}: compare entry {s}: {e}"));
        }
    }
    assert_eq!(files.len(), BUILTIN.len(), "an embedded preset has no file");
    let listed = scenario::builtin().unwrap();
    assert_eq!(listed.len(), BUILTIN.len());
    assert_eq!(
        listed[0].id, "small-model-one-node",
        "the lab lists by `order`"
    );
    assert!(listed.windows(2).all(|w| w[0].order <= w[1].order));
}

const MINIMAL: &str = r#"
title = "t"
story = "s"
watch_for = "w"
question = "q"
seconds = 60

[cluster]
node_type = "medium"
nodes = 1

[deployment]
replicas = 1

[load]
pattern = "constant"
rps = 1.0
"#;

/// The browser reads the JSON build.rs made from each file: it must be the very same scenario.
#[test]
fn the_json_the_browser_reads_equals_the_toml_file() {
    assert_eq!(BUILTIN.len(), BUILTIN_JSON.len());
    for ((id, toml_text), (json_id, json)) in BUILTIN.iter().zip(BUILTIN_JSON) {
        assert_eq!(id, json_id);
        let file = format!("content/scenarios/{id}.toml");
        let from_toml = Scenario::parse(&file, toml_text).unwrap();
        let from_json = Scenario::from_json(&file, json).unwrap();
        assert_eq!(from_toml, from_json, "{id}");
    }
    let err = Scenario::from_json("x.toml", "{\"title\": 3}").unwrap_err();
    assert!(err.to_string().contains("x.toml"), "{err}");
}

#[test]
fn minimal_file_parses() {
    let sc = Scenario::parse("x.toml", MINIMAL).unwrap();
    assert_eq!(
        (sc.id.as_str(), sc.seed, sc.deployment.name.as_str()),
        ("x", 42, "my-ml-model")
    );
}

#[test]
fn unknown_keys_are_errors_naming_file_line_and_key() {
    let text = MINIMAL.replace("replicas = 1", "replicas = 1\nreplica = 2");
    let e = Scenario::parse("content/scenarios/bad.toml", &text).unwrap_err();
    let line = e.to_string();
    assert!(!line.contains('\n'), "one line: {line}");
    assert!(
        line.starts_with("content/scenarios/bad.toml:14:1: "),
        "{line}"
    );
    assert!(line.contains("unknown field `replica`"), "{line}");
    let text = MINIMAL.replace("rps = 1.0", "rps = 1.0\nburst = 3");
    let e = Scenario::parse("f.toml", &text).unwrap_err();
    assert!(e.to_string().contains("burst"), "{e}");
}

#[test]
fn semantic_errors_name_the_key() {
    let bad = |from: &str, to: &str| {
        Scenario::parse("f.toml", &MINIMAL.replace(from, to))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        bad(
            "nodes = 1",
            "nodes = 1\n[hpa]\nmin_replicas = 3\nmax_replicas = 2\ncpu_target_percent = 50"
        ),
        "f.toml: hpa.max_replicas: must be >= hpa.min_replicas (3)"
    );
    assert_eq!(
        bad("node_type = \"medium\"", "node_type = \"huge\""),
        "f.toml: cluster.node_type: unknown node type \"huge\" (small, medium, large, gpu)"
    );
    assert_eq!(
        bad("rps = 1.0", "rps = -5.0"),
        "f.toml: load.rps: must be a number between 0 and 1000000, got -5"
    );
    assert_eq!(
        bad("seconds = 60", "seconds = 0"),
        "f.toml: seconds: must be between 1 and 86400, got 0"
    );
    assert!(bad("replicas = 1", "replicas = -1").starts_with("f.toml:"));
    assert!(bad("title = \"t\"", "title = \"\"").contains("title: must not be empty"));
}

#[test]
fn strategies_parse_with_scenario_defaults_and_reject_nonsense() {
    let sc = scenario::find("hpa-50").unwrap().unwrap();
    assert_eq!(Strategy::parse("hpa", &sc).unwrap().label(), "hpa:2-10@50");
    assert_eq!(
        Strategy::parse("fixed:4", &sc).unwrap(),
        Strategy::FixedReplicas { replicas: 4 }
    );
    assert_eq!(
        Strategy::parse("hpa:3-7@70", &sc).unwrap().label(),
        "hpa:3-7@70"
    );
    assert!(Strategy::parse("hpa:7-3", &sc).is_err());
    assert!(Strategy::parse("warp", &sc)
        .unwrap_err()
        .contains("unknown strategy"));
    assert_eq!(
        Variant::parse("scenario+safe", &sc).unwrap().label(),
        "scenario+safe"
    );
}

/// One line per minute: what the lab's charts would show.
fn timeline(sc: &Scenario) -> String {
    let mut c = sc.build(&Strategy::Scenario, sc.seed, None, 1.0).unwrap();
    let mut out = format!("# {} seed {}\n", sc.id, sc.seed);
    for s in 1..=sc.seconds {
        c.step();
        c.check_invariants()
            .unwrap_or_else(|e| panic!("{}: {e}", sc.id));
        if s % 60 == 0 {
            let m = c.metrics();
            out.push_str(&format!(
                "t={} load={:.0} gen={} served={} failed={} dropped={} queued={} p95={:.0} want={} cur={} ready={} pending={} nodes={}\n",
                s, m.load_rps, m.generated_total, m.served_total, m.failed_total, m.dropped_total, m.queued,
                m.latency_ms_p95, m.replicas_desired, m.replicas_current, m.replicas_ready, m.pods_pending, m.nodes
            ));
        }
    }
    out
}

#[test]
fn golden_timelines() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let mut failures = Vec::new();
    for sc in scenario::builtin().unwrap() {
        let got = timeline(&sc);
        let path = dir.join(format!("{}.txt", sc.id));
        if update {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            let first = want.lines().zip(got.lines()).find(|(a, b)| a != b);
            failures.push(format!("{}: first difference {:?}", sc.id, first));
        }
    }
    assert!(
        failures.is_empty(),
        "golden timelines differ (UPDATE_GOLDEN=1 to accept):\n{}",
        failures.join("\n")
    );
}

fn run(id: &str, variant: &str) -> Cluster {
    let sc = scenario::find(id).unwrap().unwrap();
    let v = Variant::parse(variant, &sc).unwrap();
    let mut c = sc
        .build(&v.strategy, sc.seed, v.toggles.as_ref(), 1.0)
        .unwrap();
    c.set_history_capacity(sc.seconds as usize + 200);
    c.step_n(sc.seconds);
    c
}

fn events(c: &Cluster, reason: &str) -> Vec<EventView> {
    c.events()
        .into_iter()
        .filter(|e| e.reason == reason)
        .collect()
}

fn error_pct(c: &Cluster) -> f64 {
    c.summary("x").error_percent
}

#[test]
fn presets_show_what_their_stories_promise() {
    // Small model on one node: one pod saturates and drops; HPA + CA does not.
    let one = run("small-model-one-node", "scenario");
    assert!(one.summary("x").dropped_percent > 5.0);
    assert!(error_pct(&run("small-model-one-node", "hpa-ca:1-6@50")) < 1.0);

    // Vertical: a bigger node moves the ceiling, it does not remove it.
    let v = run("vertical-node-ceiling", "scenario");
    assert_eq!(v.summary("x").peak_replicas, 1);
    assert!(v.summary("x").dropped_percent > 5.0);

    // Fixed replicas drop at the daily peak; 8 do not.
    assert!(
        run("horizontal-fixed", "fixed:4")
            .summary("x")
            .dropped_percent
            > 1.0
    );
    assert!(
        run("horizontal-fixed", "fixed:8")
            .summary("x")
            .dropped_percent
            < 0.1
    );

    // HPA at 50 %: scales out, then back to min after the stabilization window.
    let h = run("hpa-50", "scenario");
    assert!(h.summary("x").peak_replicas >= 8);
    assert!(
        h.deployment("my-ml-model").unwrap().replicas <= 4,
        "back down to what 15 rps needs"
    );
    assert!(events(&h, "SuccessfulRescale")
        .iter()
        .any(|e| e.message.ends_with("All metrics below target")));

    // Black Friday: pods wait Pending until the autoscaler's nodes boot.
    let bf = run("hpa-cluster-autoscaler", "scenario");
    assert!(bf.summary("x").peak_nodes > 2);
    assert!(events(&bf, "FailedScheduling")
        .iter()
        .any(|e| e.message.contains("Insufficient cpu")));
    assert!(!events(&bf, "TriggeredScaleUp").is_empty());
    assert!(error_pct(&bf) < error_pct(&run("hpa-cluster-autoscaler", "hpa:2-40@50")));

    // Custom metric: the HPA reports requests per second, not a utilization.
    let cm = run("hpa-custom-metric", "scenario");
    let hv = cm.hpa("my-ml-model").unwrap();
    assert!(
        hv.current_metrics[0].current_utilization_percent.is_none()
            && hv.current_metrics[0].current_average_value_milli.is_some()
    );
    assert!(cm.summary("x").peak_replicas > 4);

    // No requests: <unknown>, no scaling, drops; with requests the HPA copes.
    let nr = run("no-requests-limits", "scenario");
    assert_eq!(nr.summary("x").peak_replicas, 2);
    assert!(nr.hpa("my-ml-model").unwrap().current_metrics[0]
        .current_utilization_percent
        .is_none());
    assert!(
        error_pct(&nr) > 5.0 && error_pct(&run("no-requests-limits", "hpa:2-10@50+safe")) < 1.0
    );

    // Max replicas too low: stuck at 3 with TooManyReplicas.
    let mr = run("max-replicas-too-low", "scenario");
    assert_eq!(mr.summary("x").peak_replicas, 3);
    assert!(mr.summary("x").dropped_percent > 5.0);

    // No readiness probe: failures while new pods load; none with a probe.
    assert!(run("no-readiness-probe", "scenario").summary("x").failed > 0);
    assert_eq!(
        run("no-readiness-probe", "scenario+safe")
            .summary("x")
            .failed,
        0
    );

    // Threshold too high: stalls far below what the load needs.
    let th = run("threshold-too-high", "scenario");
    assert!(th.summary("x").dropped_percent > 1.0 || th.summary("x").latency_ms_p95 > 1000.0);

    // Threshold too low without stabilization: many rescale events both ways.
    let tl = run("threshold-too-low", "scenario");
    let downs = events(&tl, "SuccessfulRescale")
        .iter()
        .filter(|e| e.message.ends_with("All metrics below target"))
        .count();
    assert!(downs >= 3, "flapping: {downs} scale-downs");

    // Quota: the ReplicaSet cannot create pods.
    let q = run("quota-blocks-scale-out", "scenario");
    assert!(events(&q, "FailedCreate")
        .iter()
        .any(|e| e.message.contains("exceeded quota: compute-quota")));
    assert!(q.summary("x").peak_replicas <= 4);

    // CrashLoopBackOff: nothing is served.
    let cl = run("crashloop-backoff", "scenario");
    assert_eq!(cl.summary("x").served, 0);
    assert!(cl.pods().iter().all(|p| p.restarts >= 3));

    // OOM: containers are killed under load and the failure spreads.
    let oom = run("memory-limit-oom", "scenario");
    assert!(oom.pods().iter().all(|p| p.restarts >= 1));
    assert!(error_pct(&oom) > 10.0);

    // Sticky sessions: worse tail latency than the same setup without affinity.
    let st = run("sticky-sessions", "scenario")
        .summary("x")
        .latency_ms_p95;
    let free = run("sticky-sessions", "scenario+safe")
        .summary("x")
        .latency_ms_p95;
    assert!(st > free * 2.0, "sticky p95 {st} vs {free}");

    // VPA: recommendations shrink the requests.
    let vpa = run("vpa-recommender", "scenario");
    assert!(vpa
        .pods()
        .iter()
        .filter(|p| !p.deleting)
        .all(|p| p.requests.cpu_milli < 2000));
}
