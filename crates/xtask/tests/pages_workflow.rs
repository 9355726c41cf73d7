//! Keeps `.github/workflows/pages.yml` valid: it parses, builds the site with a command xtask
//! really has, under the repository's sub-path, and publishes the folder Trunk writes.

use kubectl::yaml::{parse_documents, Node, Value};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
}

fn workflow() -> Node {
    let text = std::fs::read_to_string(root().join(".github/workflows/pages.yml")).unwrap();
    let mut docs = parse_documents(&text).unwrap_or_else(|e| panic!("pages.yml: {e}"));
    assert_eq!(docs.len(), 1, "pages.yml is one YAML document");
    docs.remove(0)
}

fn at<'a>(node: &'a Node, path: &[&str]) -> &'a Node {
    path.iter().fold(node, |n, key| {
        n.get(key)
            .unwrap_or_else(|| panic!("pages.yml has no `{}`", path.join(".")))
    })
}

fn text(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        other => panic!("expected a scalar, found {other:?}"),
    }
}

fn steps<'a>(doc: &'a Node, job: &str) -> &'a [Node] {
    match &at(doc, &["jobs", job, "steps"]).value {
        Value::Seq(steps) => steps,
        other => panic!("jobs.{job}.steps is not a list: {other:?}"),
    }
}

/// The step that `uses` an action whose name starts with `action`.
fn step_using<'a>(steps: &'a [Node], action: &str) -> &'a Node {
    steps
        .iter()
        .find(|s| s.get("uses").is_some_and(|u| text(u).starts_with(action)))
        .unwrap_or_else(|| panic!("no step uses {action}"))
}

#[test]
fn deploys_on_every_push_to_main_with_pages_permissions() {
    let doc = workflow();
    let on = doc
        .get("on")
        .or_else(|| doc.get("true"))
        .expect("pages.yml has triggers");
    let branches = on.get("push").and_then(|p| p.get("branches")).unwrap();
    assert!(matches!(&branches.value, Value::Seq(b) if b.iter().any(|b| text(b) == "main")));
    assert_eq!(text(at(&doc, &["permissions", "pages"])), "write");
    assert_eq!(text(at(&doc, &["permissions", "id-token"])), "write");
    assert_eq!(text(at(&doc, &["jobs", "deploy", "needs"])), "build");
    step_using(steps(&doc, "deploy"), "actions/deploy-pages@");
}

#[test]
fn builds_with_an_xtask_command_that_exists_and_publishes_trunks_dist() {
    let doc = workflow();
    let build = steps(&doc, "build");
    let usage = std::fs::read_to_string(root().join("crates/xtask/src/main.rs")).unwrap();
    let runs: Vec<String> = build
        .iter()
        .filter_map(|s| s.get("run").map(text))
        .collect();
    let xtask: Vec<&String> = runs.iter().filter(|r| r.contains("cargo xtask")).collect();
    assert!(!xtask.is_empty(), "the workflow builds with cargo xtask");
    for line in xtask {
        let command = line
            .split("cargo xtask")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or("");
        assert!(
            usage.contains(&format!("Some(\"{command}\")")),
            "`cargo xtask {command}` (pages.yml) is not an xtask command"
        );
    }
    let build_line = runs
        .iter()
        .find(|r| r.contains("cargo xtask build"))
        .unwrap();
    let public_url = build_line
        .split("--public-url")
        .nth(1)
        .expect("the Pages site lives under /<repository>/, so the build names it")
        .trim()
        .trim_matches('"');
    assert!(public_url.starts_with('/') && public_url.ends_with('/'));
    let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
    let dist = trunk
        .lines()
        .find_map(|l| l.strip_prefix("dist = "))
        .unwrap()
        .trim_matches('"');
    let upload = step_using(build, "actions/upload-pages-artifact@");
    assert_eq!(text(at(upload, &["with", "path"])), dist);
}
