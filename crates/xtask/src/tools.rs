//! Installs the build and test tools this machine lacks (idempotent), and checks the size budget.
//!
//! Each tool is checked by its version first and installed only when missing or different, so
//! the second run of `cargo xtask test` spends no time here.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Trunk 0.22 needs a newer rustc, and unlocked builds of it fail.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen (wasm-opt 108) yields a wasm that dies at start; the npm build works.
const BINARYEN_NPM: &str = "binaryen@132";
const WASM_OPT_VERSION: &str = "version 132";

/// What the caller is about to do, and so which tools it needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Serve,
    Test,
}

/// Installs whatever `need` requires and this machine lacks.
pub fn ensure(root: &Path, need: Need) -> Result<(), String> {
    ensure_wasm_target(root)?;
    ensure_trunk(root)?;
    ensure_wasm_bindgen_cli(root)?;
    ensure_wasm_opt(root)?;
    if need == Need::Test {
        ensure_chromium()?;
        ensure_e2e_packages(root)?;
        ensure_rust_components(root)?;
    }
    Ok(())
}

/// A command whose PATH has the project's tool folders first (cargo's bin, the npm wasm-opt).
pub fn command(root: &Path, program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("PATH", tool_path(root));
    cmd.current_dir(root);
    cmd
}

fn tool_path(root: &Path) -> String {
    let mut dirs: Vec<PathBuf> = vec![root.join(".tools/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    let mut path = std::env::join_paths(dirs)
        .expect("tool folders have no separators")
        .into_string()
        .unwrap_or_default();
    if let Ok(existing) = std::env::var("PATH") {
        path.push(':');
        path.push_str(&existing);
    }
    path
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(root: &Path, program: &str, args: &[&str]) -> Option<String> {
    let out = command(root, program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    })
}

fn install(root: &Path, what: &str, program: &str, args: &[&str]) -> Result<(), String> {
    println!("xtask: installing {what}: {program} {}", args.join(" "));
    let status = command(root, program)
        .args(args)
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("installing {what} failed ({status})"))
    }
}

fn ensure_wasm_target(root: &Path) -> Result<(), String> {
    let installed = command(root, "rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    install(
        root,
        "the wasm32 target",
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
    )
}

fn ensure_rust_components(root: &Path) -> Result<(), String> {
    let has = |tool: &str| version_of(root, "cargo", &[tool, "--version"]).is_some();
    if has("fmt") && has("clippy") {
        return Ok(());
    }
    install(
        root,
        "rustfmt and clippy",
        "rustup",
        &["component", "add", "rustfmt", "clippy"],
    )
}

fn ensure_trunk(root: &Path) -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if version_of(root, "trunk", &["--version"]).as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    install(
        root,
        &want,
        "cargo",
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
    )
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly, or Trunk tries to
/// download one (and fails offline).
fn locked_wasm_bindgen_version(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn ensure_wasm_bindgen_cli(root: &Path) -> Result<(), String> {
    let version = locked_wasm_bindgen_version(root)?;
    let want = format!("wasm-bindgen {version}");
    let have = version_of(root, "wasm-bindgen", &["--version"]);
    let runner = version_of(root, "wasm-bindgen-test-runner", &["--version"]);
    if have.as_deref() == Some(want.as_str()) && runner.is_some() {
        return Ok(());
    }
    // Without --locked: the CLI's own lock file names a crate version the registry lacks.
    install(
        root,
        &format!("wasm-bindgen-cli {version}"),
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ],
    )
}

fn ensure_wasm_opt(root: &Path) -> Result<(), String> {
    let wasm_opt = root.join(".tools/node_modules/.bin/wasm-opt");
    let ok = Command::new(&wasm_opt)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(WASM_OPT_VERSION))
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    std::fs::create_dir_all(root.join(".tools")).map_err(|e| format!("creating .tools: {e}"))?;
    install(
        root,
        "wasm-opt (npm binaryen)",
        "npm",
        &[
            "install",
            "--prefix",
            ".tools",
            "--no-audit",
            "--no-fund",
            BINARYEN_NPM,
        ],
    )
}

fn ensure_chromium() -> Result<(), String> {
    let present =
        Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists();
    if present {
        return Ok(());
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        return Err(
            "Chromium is missing: run `sudo apt-get install -y chromium chromium-driver`".into(),
        );
    }
    println!("xtask: installing Debian chromium and chromium-driver");
    let update = Command::new("apt-get").args(["update", "-qq"]).status();
    let install = Command::new("apt-get")
        .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status();
    match (update, install) {
        (Ok(u), Ok(i)) if u.success() && i.success() => Ok(()),
        _ => Err("apt-get could not install chromium and chromium-driver".into()),
    }
}

/// playwright-core and axe-core for the end-to-end journeys, from tests/e2e/package-lock.json.
fn ensure_e2e_packages(root: &Path) -> Result<(), String> {
    let dir = root.join("tests/e2e");
    let stamp = dir.join("node_modules/.package-lock.json");
    let lock = dir.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => match (s.modified(), l.modified()) {
            (Ok(s), Ok(l)) => s >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    install(
        root,
        "the end-to-end test packages",
        "npm",
        &["ci", "--prefix", "tests/e2e", "--no-audit", "--no-fund"],
    )
}

/// One file of the release build and its sizes.
pub struct Part {
    /// Index into [`Sizes::groups`]: 0 is the first load, then each on-demand bundle.
    pub group: usize,
    /// Path under dist/, with `/` separators.
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
}

/// What a group of files (the first load, or one bundle) weighs against its budget.
pub struct Group {
    pub name: String,
    pub budget_kb: u64,
    /// gzip -9 total of the group's .wasm and .js (what the budget counts).
    pub gzip: u64,
}

/// The release build's code files, grouped as the budgets in ARCHITECTURE.md count them.
pub struct Sizes {
    pub groups: Vec<Group>,
    pub parts: Vec<Part>,
}

/// Reads the budgets from ARCHITECTURE.md (1 KB = 1024 bytes): `Size budget: **N KB**` for what
/// the first page load downloads (the app's wasm, its JS and snippets, every .js and .wasm not in a
/// bundle), and `Bundle budget NAME: **N KB**` for each bundle loaded on demand (`dist/NAME.js` +
/// `dist/NAME_bg.wasm`); measures every .wasm and .js under `dist` with `gzip -9`.
pub fn measure_sizes(root: &Path, dist: &Path) -> Result<Sizes, String> {
    let arch = std::fs::read_to_string(root.join("ARCHITECTURE.md"))
        .map_err(|e| format!("reading ARCHITECTURE.md: {e}"))?;
    let first_load_kb = budget_after(&arch, "Size budget: **")
        .ok_or("ARCHITECTURE.md has no `Size budget: **N KB**` line")?;
    let mut groups = vec![Group {
        name: "first load".into(),
        budget_kb: first_load_kb,
        gzip: 0,
    }];
    for part in arch.split("Bundle budget ").skip(1) {
        let Some((name, rest)) = part.split_once(": **") else {
            continue;
        };
        let kb = budget_after(rest, "")
            .ok_or_else(|| format!("ARCHITECTURE.md: bad `Bundle budget {name}` line"))?;
        groups.push(Group {
            name: name.trim().to_string(),
            budget_kb: kb,
            gzip: 0,
        });
    }
    let mut files = Vec::new();
    collect_code_files(dist, &mut files)?;
    if files.is_empty() {
        return Err(format!("no .wasm or .js in {}", dist.display()));
    }
    files.sort();
    let mut parts = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let group = groups
            .iter()
            .skip(1)
            .position(|g| name == format!("{}.js", g.name) || name == format!("{}_bg.wasm", g.name))
            .map_or(0, |i| i + 1);
        let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let gzip = gzip_size(path)?;
        groups[group].gzip += gzip;
        let file = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        parts.push(Part {
            group,
            file,
            raw,
            gzip,
        });
    }
    Ok(Sizes { groups, parts })
}

/// Prints the gzipped size of the release .wasm and .js, and fails above the budgets written
/// in ARCHITECTURE.md (see [`measure_sizes`]).
pub fn check_size_budget(root: &Path, dist: &Path) -> Result<(), String> {
    let sizes = measure_sizes(root, dist)?;
    for part in &sizes.parts {
        println!(
            "  {:<12} {:<48} {:>8.1} KB raw  {:>7.1} KB gzip",
            sizes.groups[part.group].name,
            part.file,
            part.raw as f64 / 1024.0,
            part.gzip as f64 / 1024.0
        );
    }
    let mut over = Vec::new();
    for g in &sizes.groups {
        let kb = g.gzip as f64 / 1024.0;
        println!(
            "size: {}: wasm + js = {kb:.1} KB gzip (budget {} KB)",
            g.name, g.budget_kb
        );
        if g.gzip == 0 {
            over.push(format!("{}: no files found", g.name));
        } else if g.gzip > g.budget_kb * 1024 {
            over.push(format!(
                "{}: {kb:.1} KB gzip is over the {} KB budget",
                g.name, g.budget_kb
            ));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; "))
    }
}

/// The number in `<prefix>N KB**`.
fn budget_after(text: &str, prefix: &str) -> Option<u64> {
    let rest = if prefix.is_empty() {
        text
    } else {
        text.split(prefix).nth(1)?
    };
    rest.split(" KB**").next()?.trim().parse().ok()
}

/// Every .js and .wasm under `dir` (the snippets folder included; not Trunk's `.stage` folder,
/// which exists while a build is running).
fn collect_code_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_code_files(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "wasm")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

pub fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("running gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", path.display()));
    }
    Ok(out.stdout.len() as u64)
}
