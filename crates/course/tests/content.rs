//! Native checks of the bundled content: everything validates, broken files are reported with
//! file and key, kubectl outputs keep kubectl's layout, tooltips sit on their fields.

use course::{
    decision_flow, kubernetes_guide, lab_presets, overview, parse_decision_flow, parse_guide,
    parse_overview, sources, validate_all, ContentError, FLOW_FILE, GUIDE_FILE, OVERVIEW_FILE,
};

fn source(file: &str) -> &'static str {
    sources()
        .into_iter()
        .find(|(f, _)| *f == file)
        .map(|(_, s)| s)
        .unwrap()
}

/// Replaces exactly one occurrence of `from`, so a mutation cannot silently miss its target.
fn mutate(file: &str, from: &str, to: &str) -> String {
    let src = source(file);
    assert_eq!(
        src.matches(from).count(),
        1,
        "`{from}` must occur once in {file}"
    );
    src.replacen(from, to, 1)
}

fn messages(errors: &[ContentError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn all_bundled_content_is_valid() {
    let errors = validate_all();
    assert!(errors.is_empty(), "{}", messages(&errors));
}

#[test]
fn compiled_statics_match_a_fresh_parse() {
    // build.rs writes the content out as Rust; this proves the round trip loses nothing.
    assert_eq!(
        overview(),
        &parse_overview(OVERVIEW_FILE, source(OVERVIEW_FILE)).unwrap()
    );
    assert_eq!(
        decision_flow(),
        &parse_decision_flow(FLOW_FILE, source(FLOW_FILE)).unwrap()
    );
    assert_eq!(
        kubernetes_guide(),
        &parse_guide(GUIDE_FILE, source(GUIDE_FILE)).unwrap()
    );
}

#[test]
fn unknown_keys_are_rejected_with_file_line_and_key() {
    let src = mutate(
        OVERVIEW_FILE,
        "id = \"threshold-too-high\"",
        "id = \"threshold-too-high\"\ncolour = \"red\"",
    );
    let errors = parse_overview(OVERVIEW_FILE, &src).unwrap_err();
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(e.file, OVERVIEW_FILE);
    assert_eq!(e.key, "[[mistakes]] colour");
    assert!(e.message.contains("unknown field `colour`"), "{e}");
    let line = e.line.unwrap();
    assert_eq!(src.lines().nth(line - 1), Some("colour = \"red\""));

    // Annotation lines are computed, so an author cannot set one by hand.
    let src = mutate(
        GUIDE_FILE,
        "path = \"spec.replicas\"",
        "path = \"spec.replicas\"\nline = 6",
    );
    let errors = parse_guide(GUIDE_FILE, &src).unwrap_err();
    assert!(
        errors[0].message.contains("unknown field `line`"),
        "{}",
        messages(&errors)
    );
}

#[test]
fn broken_flow_references_are_reported() {
    let cases = [
        (
            "to = \"evaluate\"",
            "to = \"evalute\"",
            "edges[0].to: no node `evalute`",
        ),
        (
            "code_line = 7",
            "code_line = 9",
            "code_line: line 9 is outside the 7-line sample",
        ),
        (
            "table_row = 3",
            "table_row = 8",
            "table_row: no process-table row with step 8",
        ),
        (
            "node = \"monitor\"",
            "node = \"monitr\"",
            "key_moments[2].node: no node `monitr`",
        ),
        (
            "table_rows = [1]",
            "table_rows = [6]",
            "no process-table row with step 6",
        ),
        (
            "label = \"resource_limit: False\"\nwhen = false",
            "label = \"resource_limit: False\"\nwhen = true",
            "decision `choose-strategy` needs two edges",
        ),
        (
            "from = \"monitor\"\nto = \"end\"",
            "from = \"monitor\"\nto = \"evaluate\"",
            "cycle through",
        ),
        (
            "values = [\"idle\",",
            "values = [",
            "4 values for 5 columns",
        ),
        (
            "row = 4\ncolumn = 2",
            "row = 4\ncolumn = 0",
            "share grid cell (4, 0)",
        ),
        (
            "lab_preset = \"small-model-one-node\"",
            "lab_preset = \"Small Model\"",
            "must be kebab-case",
        ),
    ];
    for (from, to, expected) in cases {
        let src = mutate(FLOW_FILE, from, to);
        let errors = parse_decision_flow(FLOW_FILE, &src).unwrap_err();
        assert!(
            errors.len() <= 3,
            "one mistake, few messages: {}",
            messages(&errors)
        );
        let shown = messages(&errors);
        assert!(
            shown.contains(expected),
            "mutating `{from}`: expected `{expected}` in\n{shown}"
        );
        assert!(errors.iter().all(|e| e.file == FLOW_FILE));
    }
}

#[test]
fn unreachable_node_is_reported() {
    // Cut the edge into the horizontal branch: the node can no longer be reached, and the
    // decision lacks its `false` branch.
    let src = mutate(FLOW_FILE, "to = \"horizontal\"", "to = \"vertical\"");
    let shown = messages(&parse_decision_flow(FLOW_FILE, &src).unwrap_err());
    assert!(
        shown.contains("`horizontal` cannot be reached from the start"),
        "{shown}"
    );
}

#[test]
fn broken_guide_references_are_reported() {
    let cases = [
        (
            "path = \"spec.replicas\"",
            "path = \"spec.replica\"",
            "the manifest has no field `spec.replica`",
        ),
        (
            "manifest = \"deployment-missing-resources\"",
            "manifest = \"nope\"",
            "no manifest `nope`",
        ),
        (
            "variant_of = \"deployment\"",
            "variant_of = \"deploy\"",
            "no other manifest `deploy`",
        ),
        (
            "value = \"512Mi\"",
            "value = \"256Mi\"",
            "does not set `requests.memory` to \"256Mi\"",
        ),
        (
            "kind = \"Service\"",
            "kind = \"Svc\"",
            "no top-level `kind: Svc` line",
        ),
        (
            "  initialDelaySeconds: 10\n",
            "  initialDelaySeconds 10\n",
            "pitfalls[3].fix_yaml: YAML line 5",
        ),
    ];
    for (from, to, expected) in cases {
        let src = mutate(GUIDE_FILE, from, to);
        let shown = messages(&parse_guide(GUIDE_FILE, &src).unwrap_err());
        assert!(
            shown.contains(expected),
            "mutating `{from}`: expected `{expected}` in\n{shown}"
        );
    }
}

#[test]
fn broken_overview_references_are_reported() {
    let cases = [
        (
            "flag = \"--max\"",
            "flag = \"--maximum\"",
            "`--maximum` does not occur in",
        ),
        (
            "id = \"threshold-too-low\"",
            "id = \"threshold-too-high\"",
            "duplicate id `threshold-too-high`",
        ),
        (
            "command = \"kubectl get hpa my-ml-model\"",
            "command = \"get hpa my-ml-model\"",
            "must start with `kubectl `",
        ),
    ];
    for (from, to, expected) in cases {
        let src = mutate(OVERVIEW_FILE, from, to);
        let shown = messages(&parse_overview(OVERVIEW_FILE, &src).unwrap_err());
        assert!(
            shown.contains(expected),
            "mutating `{from}`: expected `{expected}` in\n{shown}"
        );
    }
}

#[test]
fn annotations_sit_on_the_line_of_their_field() {
    let guide = kubernetes_guide();
    let mut count = 0;
    for m in guide.manifests.iter() {
        let lines: Vec<&str> = m.yaml.lines().collect();
        for a in m.annotations.iter() {
            let text = lines[a.line - 1].trim_start();
            let last = a.path.rsplit('.').next().unwrap();
            let ok = match last.split_once('[') {
                // `containers[0]`: the item's line starts with its dash.
                Some(_) if a.path.ends_with(']') => text.starts_with("- "),
                _ => {
                    text.starts_with(&format!("{last}:")) || text.starts_with(&format!("- {last}:"))
                }
            };
            assert!(
                ok,
                "{}: `{}` annotated on line {} `{text}`",
                m.id, a.path, a.line
            );
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} annotations");
    let cpu = guide
        .manifest("deployment")
        .unwrap()
        .annotations
        .iter()
        .find(|a| a.path == "spec.template.spec.containers[0].resources.requests.cpu")
        .unwrap();
    assert_eq!(cpu.line, 20);
}

#[test]
fn apply_file_holds_the_three_manifests_in_order() {
    let yaml = kubernetes_guide().apply_file_yaml();
    let kinds: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("kind: "))
        .collect();
    assert_eq!(kinds, ["Deployment", "HorizontalPodAutoscaler", "Service"]);
    assert_eq!(yaml.matches("\n---\n").count(), 2);
    assert!(!yaml.contains("Missing resource requests"));
}

/// Lays out a table the way kubectl's printer does (cli-runtime tabwriter: padding 3, min width 6,
/// last column unpadded); see /work/shared/reference/kubectl-output.md §0.
fn kubectl_table(rows: &[Vec<&str>]) -> String {
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| (rows.iter().map(|r| r[c].len()).max().unwrap() + 3).max(6))
        .collect();
    rows.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, cell)| {
                    if c + 1 == columns {
                        cell.to_string()
                    } else {
                        format!("{cell:<w$}", w = widths[c])
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn expected_outputs_keep_kubectls_table_layout() {
    let outputs: Vec<&str> = overview()
        .commands
        .iter()
        .map(|c| c.expected_output.as_ref())
        .chain(
            kubernetes_guide()
                .example
                .commands
                .iter()
                .map(|c| c.output.as_ref()),
        )
        .collect();
    let mut tables = 0;
    for out in outputs {
        if !out.starts_with("NAME ") {
            assert_eq!(
                out.lines().count(),
                out.lines().filter(|l| l.contains('/')).count()
            );
            continue;
        }
        // Cells are separated by 3+ spaces; a single space belongs to the cell (`cpu: 30%/50%`).
        let rows: Vec<Vec<&str>> = out
            .lines()
            .map(|l| {
                l.split("  ")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .collect();
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{out}");
        assert_eq!(kubectl_table(&rows), out);
        tables += 1;
    }
    assert_eq!(tables, 4);
}

#[test]
fn lab_presets_are_listed_for_the_scenario_files() {
    assert_eq!(
        lab_presets(),
        [
            "horizontal-fixed",
            "hpa-cluster-autoscaler",
            "hpa-custom-metric",
            "max-replicas-too-low",
            "memory-limit-oom",
            "no-readiness-probe",
            "no-requests-limits",
            "quota-blocks-scale-out",
            "small-model-one-node",
            "threshold-too-high",
            "threshold-too-low",
            "vertical-node-ceiling",
        ]
    );
}

#[test]
fn every_lab_preset_has_a_scenario_file() {
    // The lab (crates/cluster_sim) loads its presets from content/scenarios/<id>.toml; a link to a
    // preset that does not exist would open nothing.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/scenarios");
    let missing: Vec<&str> = lab_presets()
        .into_iter()
        .filter(|id| !dir.join(format!("{id}.toml")).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "no scenario file for {missing:?} in {}",
        dir.display()
    );
}

#[test]
fn flowchart_grid_is_compact() {
    // The page sizes the SVG from the grid; a stray row or column would leave a hole.
    let flow = decision_flow();
    assert_eq!(flow.grid_size(), (8, 4));
    let max_row = flow.nodes.iter().map(|n| n.row).max().unwrap();
    for row in 0..=max_row {
        assert!(
            flow.nodes.iter().any(|n| n.row == row),
            "row {row} is empty"
        );
    }
    let max_col = flow.nodes.iter().map(|n| n.column).max().unwrap();
    for col in 0..=max_col {
        assert!(
            flow.nodes.iter().any(|n| n.column == col),
            "column {col} is empty"
        );
    }
}

#[test]
fn every_rust_file_opens_with_a_doc_line() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("build.rs")];
    for dir in ["src", "tests", "build"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    assert!(files.len() >= 14, "{files:?}");
    {
        for path in files {
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    text.starts_with("//!"),
                    "{} must start with `//!`",
                    path.display()
                );
            }
        }
    }
}

/// (path, value) pairs of each `---` document, ignoring comments, layout and line numbers.
fn documents(yaml: &str) -> Vec<Vec<(String, String)>> {
    yaml.split("\n---\n")
        .map(|doc| {
            course::yaml_path::index(doc)
                .unwrap()
                .into_iter()
                .map(|k| (k.path, k.value))
                .collect()
        })
        .collect()
}

#[test]
fn guide_manifests_match_the_sandbox_files() {
    // The kubectl sandbox applies its own copies (content/manifests/, owned by the kubectl crate);
    // what the guide explains must be what `kubectl apply -f` creates there.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/manifests");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let guide = kubernetes_guide();
    let file = guide.example.file_name.as_ref();
    assert_eq!(
        documents(&guide.apply_file_yaml()),
        documents(&read(file)),
        "{file}"
    );
    let broken = documents(&read("ml-inference-no-resources.yaml"));
    let ours = documents(&guide.manifest("deployment-missing-resources").unwrap().yaml);
    assert_eq!(
        ours[0], broken[0],
        "ml-inference-no-resources.yaml, first document"
    );
}
