//! Build script: parses and validates the lesson TOML files and writes them out as Rust statics.
//!
//! It compiles the crate's own model and validation modules (`#[path]`), so the build and
//! `validate_all` apply exactly the same checks. Invalid content stops the build with one
//! `file:line: key: message` line per problem.

// The shared modules carry API the script does not call.
#![allow(dead_code)]

#[path = "src/error.rs"]
mod error;
#[path = "src/flow.rs"]
mod flow;
#[path = "src/guide.rs"]
mod guide;
#[path = "src/load.rs"]
mod load;
#[path = "src/overview.rs"]
mod overview;
#[path = "build/rust_literal.rs"]
mod rust_literal;
#[path = "src/stepper.rs"]
mod stepper;
#[path = "src/text.rs"]
mod text;
#[path = "src/yaml_path.rs"]
mod yaml_path;

use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let repo = manifest_dir.join("../..");
    for dir in ["src", "build"] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(dir).display()
        );
    }

    let read = |file: &str| -> String {
        let path = repo.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&[format!("{file}: cannot read: {e}")]))
    };

    let overview_file = "content/lessons/overview.toml";
    let flow_file = "content/flow/decision-flow.toml";
    let guide_file = "content/lessons/kubernetes-guide.toml";
    let mut errors = Vec::new();
    let overview = load::parse_overview(overview_file, &read(overview_file))
        .map_err(|e| errors.extend(e))
        .ok();
    let flow = load::parse_decision_flow(flow_file, &read(flow_file))
        .map_err(|e| errors.extend(e))
        .ok();
    let guide = load::parse_guide(guide_file, &read(guide_file))
        .map_err(|e| errors.extend(e))
        .ok();
    let (Some(overview), Some(flow), Some(guide)) = (overview, flow, guide) else {
        fail(&errors.iter().map(ToString::to_string).collect::<Vec<_>>());
    };

    write(&out_dir, "overview.rs", "OVERVIEW", "Overview", &overview);
    write(
        &out_dir,
        "decision_flow.rs",
        "DECISION_FLOW",
        "DecisionFlow",
        &flow,
    );
    write(
        &out_dir,
        "kubernetes_guide.rs",
        "KUBERNETES_GUIDE",
        "KubernetesGuide",
        &guide,
    );
}

fn write<T: serde::Serialize>(out_dir: &Path, file: &str, name: &str, ty: &str, value: &T) {
    let code = rust_literal::static_item(name, ty, value)
        .unwrap_or_else(|e| fail(&[format!("{file}: cannot generate Rust: {e}")]));
    std::fs::write(out_dir.join(file), code)
        .unwrap_or_else(|e| fail(&[format!("{file}: cannot write: {e}")]));
}

fn fail(lines: &[String]) -> ! {
    eprintln!("invalid course content:");
    for line in lines {
        eprintln!("error: {line}");
    }
    std::process::exit(1);
}
