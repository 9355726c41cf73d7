//! Embeds the course content this crate serves (content/manifests/*.yaml,
//! content/missions/*.toml, content/missions/start/*.toml) by listing the folders at build
//! time, so a course author adds a manifest, a mission or a start scenario without touching Rust.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `(stem or file name, absolute path)` of the files in `dir` ending with `ext`, sorted.
fn list(dir: &Path, ext: &str, keep_ext: bool) -> Vec<(String, PathBuf)> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            let stem = name.strip_suffix(ext)?.to_string();
            println!("cargo:rerun-if-changed={}", path.display());
            Some((if keep_ext { name } else { stem }, path))
        })
        .collect();
    files.sort();
    files
}

fn table(out: &mut String, doc: &str, name: &str, files: &[(String, PathBuf)]) {
    writeln!(out, "/// {doc}").unwrap();
    writeln!(out, "pub const {name}: &[(&str, &str)] = &[").unwrap();
    for (key, path) in files {
        writeln!(
            out,
            "    ({key:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let content = content.canonicalize().unwrap_or(content);
    let mut out = String::new();
    table(
        &mut out,
        "The course's built-in manifests, by the file name learners type after `-f`.",
        "BUILTIN_MANIFESTS",
        &list(&content.join("manifests"), ".yaml", true),
    );
    table(
        &mut out,
        "The missions, by id (file stem; the numeric prefix orders them).",
        "MISSION_FILES",
        &list(&content.join("missions"), ".toml", false),
    );
    table(
        &mut out,
        "The sandbox's own start scenarios (engine scenario format), by name.",
        "START_SCENARIOS",
        &list(&content.join("missions/start"), ".toml", false),
    );
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("write embedded.rs");
}
