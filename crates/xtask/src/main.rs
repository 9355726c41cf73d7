//! The project's commands: `cargo xtask serve` and `cargo xtask test`, plus build, size and figures.
//!
//! Both first install whatever this machine lacks (checking versions, installing only what is
//! missing, so a second run is fast), then run. The facts behind each install step (which
//! versions work offline here and which fail) are in ARCHITECTURE.md, "Toolchain".

mod figures;
mod hardening;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve            install what is missing, then `trunk serve` at http://127.0.0.1:8080
  test             install what is missing, then run every test (what CI runs)
  build [ARGS]     install what is missing, then `trunk build --release [ARGS]`
                   (e.g. `cargo xtask build --public-url /course/scaling/`)
  package-scorm    install what is missing, build the site, then package it for learning
                   platforms: target/scorm/mlops-scaling-scorm.zip (SCORM 1.2)
  size             the gzipped sizes of dist/ against the budgets in ARCHITECTURE.md
  figures [ARGS]   every performance figure in one markdown table: sizes, Lighthouse on
                   every route, time to interactive, lab frame time, engine benchmark
                   (builds dist/ first if it is missing or stale; `figures --help`)
  setup            only install what is missing
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    std::env::set_current_dir(&root).expect("the project root exists");
    let result = match args.first().map(String::as_str) {
        Some("serve") => tools::ensure(&root, tools::Need::Serve).and_then(|()| serve(&root)),
        Some("build") => {
            tools::ensure(&root, tools::Need::Serve).and_then(|()| trunk_build(&root, &args[1..]))
        }
        Some("test") => tools::ensure(&root, tools::Need::Test).and_then(|()| test_all(&root)),
        Some("setup") => tools::ensure(&root, tools::Need::Test),
        Some("package-scorm") => tools::ensure(&root, tools::Need::Serve)
            .and_then(|()| trunk_build(&root, &[]))
            .and_then(|()| package_scorm(&root)),
        Some("size") => tools::check_size_budget(&root, &root.join("dist")),
        Some("figures") => tools::ensure(&root, tools::Need::Test)
            .and_then(|()| figures::figures(&root, &args[1..])),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of `crates/xtask`.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the root")
        .to_path_buf()
}

fn serve(root: &Path) -> Result<(), String> {
    println!("Serving the app at http://127.0.0.1:8080 (Ctrl-C to stop)");
    run(tools::command(root, "trunk").arg("serve"))
}

fn trunk_build(root: &Path, extra: &[String]) -> Result<(), String> {
    run(tools::command(root, "trunk")
        .args(["build", "--release"])
        .args(extra))
}

/// Packages dist/ (a root build) as a SCORM 1.2 zip; the rewriting is crates/xtask/scorm-package.py.
fn package_scorm(root: &Path) -> Result<(), String> {
    let out = root.join("target/scorm");
    run(Command::new("python3")
        .arg(root.join("crates/xtask/scorm-package.py"))
        .arg(root.join("dist"))
        .arg(out.join("package"))
        .arg(out.join("mlops-scaling-scorm.zip")))
}

/// Every test, cheapest first, with the time each layer took.
fn test_all(root: &Path) -> Result<(), String> {
    hardening::fix_proptest_seed();
    let started = Instant::now();
    let mut timings: Vec<(String, f64)> = Vec::new();
    let mut step = |name: &str, f: &mut dyn FnMut() -> Result<(), String>| {
        println!("\n==> {name}");
        let t = Instant::now();
        let r = f();
        timings.push((name.to_string(), t.elapsed().as_secs_f64()));
        r.map_err(|e| format!("{name} failed: {e}"))
    };

    step("cargo fmt --check", &mut || {
        run(tools::command(root, "cargo").args(["fmt", "--all", "--check"]))
    })?;
    step("file headers (every .rs starts with //!)", &mut || {
        check_file_headers(root)
    })?;
    step("no HTML sinks (learner text stays text)", &mut || {
        hardening::check_no_html_sinks(root)
    })?;
    step("clippy (native, all targets)", &mut || {
        run(tools::command(root, "cargo").args([
            "clippy",
            "--workspace",
            "--exclude",
            "mlops-scaling",
            "--exclude",
            "bundle_cluster",
            "--exclude",
            "bundle_python",
            "--exclude",
            "bundle_progress",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("clippy (web app and its bundles, wasm32)", &mut || {
        run(tools::command(root, "cargo").args([
            "clippy",
            "-p",
            "mlops-scaling",
            "-p",
            "bundle_cluster",
            "-p",
            "bundle_python",
            "-p",
            "bundle_progress",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step("native tests (UI-free crates)", &mut || {
        run(tools::command(root, "cargo").args([
            "test",
            "--workspace",
            "--exclude",
            "mlops-scaling",
            "--exclude",
            "bundle_cluster",
            "--exclude",
            "bundle_python",
            "--exclude",
            "bundle_progress",
        ]))
    })?;
    step(
        "browser component tests (wasm-bindgen-test, headless Chromium)",
        &mut || {
            run(tools::command(root, "cargo")
                .args([
                    "test",
                    "-p",
                    "mlops-scaling",
                    "-p",
                    "bundle_cluster",
                    "-p",
                    "bundle_python",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .env("CHROMEDRIVER", "/usr/bin/chromedriver"))
        },
    )?;
    step("release build (trunk build --release)", &mut || {
        run(tools::command(root, "trunk").args(["build", "--release"]))
    })?;
    step("size budget", &mut || {
        tools::check_size_budget(root, &root.join("dist"))
    })?;
    step("sub-path release build (/course/scaling/)", &mut || {
        run(tools::command(root, "trunk").args([
            "build",
            "--release",
            "--public-url",
            "/course/scaling/",
            "--dist",
            "dist-subpath",
        ]))
    })?;
    step(
        "end-to-end journeys (playwright-core, headless Chromium)",
        &mut || {
            run(tools::command(root, "node")
                .args(["--test", "--test-concurrency=1"])
                .args(e2e_test_files(root)?)
                .env("DIST", root.join("dist"))
                .env("DIST_SUBPATH", root.join("dist-subpath")))
        },
    )?;

    println!("\nTimings:");
    for (name, secs) in &timings {
        println!("  {secs:>7.1} s  {name}");
    }
    println!("  {:>7.1} s  total", started.elapsed().as_secs_f64());
    Ok(())
}

fn e2e_test_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join("tests/e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("no tests/e2e/*.test.mjs files".into());
    }
    Ok(files)
}

/// The house rule that every Rust file opens with a `//!` line saying what it is for.
fn check_file_headers(root: &Path) -> Result<(), String> {
    let mut missing = Vec::new();
    let mut stack = vec![root.join("src"), root.join("crates"), root.join("tests")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "target" && name != "node_modules" {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if !text.trim_start().starts_with("//!") {
                    missing.push(
                        path.strip_prefix(root)
                            .unwrap_or(&path)
                            .display()
                            .to_string(),
                    );
                }
            }
        }
    }
    if missing.is_empty() {
        println!("every .rs file starts with //!");
        Ok(())
    } else {
        missing.sort();
        Err(format!(
            "files without a leading //! line:\n  {}",
            missing.join("\n  ")
        ))
    }
}

/// Runs a command with inherited output; an error names it and its exit status.
pub(crate) fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} exited with {status}", cmd.get_program()))
    }
}
