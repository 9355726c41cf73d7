//! Build script: parses every `content/exercises/*.toml` into the crate's model and writes it
//! out as JSON for `include_str!`, so the browser gets validated data without a TOML parser.
//! A file that does not parse or does not fit the model stops the build with `file:line: message`.

// The model carries methods the script does not call.
#![allow(dead_code)]

#[path = "src/model.rs"]
mod model;

use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let dir = manifest_dir.join("../../content/exercises");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/model.rs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{}: cannot read: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut exercises = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = format!(
            "content/exercises/{}",
            path.file_name().expect("a file").to_string_lossy()
        );
        let src = std::fs::read_to_string(path)
            .unwrap_or_else(|e| fail(&format!("{name}: cannot read: {e}")));
        let ex: model::Exercise = toml::from_str(&src).unwrap_or_else(|e| {
            let line = e
                .span()
                .map(|s| src[..s.start].lines().count().max(1))
                .unwrap_or(0);
            fail(&format!("{name}:{line}: {}", e.message()))
        });
        exercises.push(ex);
    }
    let json = serde_json::to_string(&exercises).expect("the model serialises");
    std::fs::write(out_dir.join("exercises.json"), json).expect("OUT_DIR is writable");
}

fn fail(msg: &str) -> ! {
    eprintln!("error: invalid exercise content: {msg}");
    std::process::exit(1);
}
