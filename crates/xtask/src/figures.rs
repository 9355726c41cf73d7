//! `cargo xtask figures`: every performance figure of the release build in one markdown table.
//!
//! Sizes (each part of the first load and of each bundle against its budget, with the same code
//! as the budget check), Lighthouse on every route, the home page's time to interactive and the
//! lab's frame time (tests/perf/figures.mjs, on the site served at 127.0.0.1), and the engine's
//! hour benchmark (the `bench_hour` example, timed). Timing rows carry the load average.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

use crate::tools;

const USAGE: &str = "\
usage: cargo xtask figures [--runs N] [--no-build] [--no-lighthouse] [--no-tti] [--no-lab]
                           [--no-bench] [--preset mobile|desktop|both]

  --runs N        timed runs for the time to interactive and the engine benchmark (default 5)
  --no-build      measure dist/ as it is, even if older than the sources
  --preset P      Lighthouse's mobile (default config) or desktop preset, or both (default)
";

struct Options {
    runs: usize,
    build: bool,
    bench: bool,
    browser_args: Vec<String>,
    browser: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        runs: 5,
        build: true,
        bench: true,
        browser_args: Vec::new(),
        browser: true,
    };
    let mut skipped = 0;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" | "--preset" => {
                let v = it
                    .next()
                    .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))?;
                if a == "--runs" {
                    o.runs = v
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("--runs wants a positive number, not {v:?}"))?;
                }
                o.browser_args.push(a.clone());
                o.browser_args.push(v.clone());
            }
            "--help" | "-h" => return Err(USAGE.trim_end().to_string()),
            "--no-build" => o.build = false,
            "--no-bench" => o.bench = false,
            "--no-lighthouse" | "--no-tti" | "--no-lab" => {
                skipped += 1;
                o.browser_args.push(a.clone());
            }
            _ => return Err(format!("unknown option {a:?}\n{USAGE}")),
        }
    }
    o.browser = skipped < 3;
    Ok(o)
}

pub fn figures(root: &Path, args: &[String]) -> Result<(), String> {
    let o = parse(args)?;
    let dist = root.join("dist");
    if o.build {
        if let Some(why) = stale(root, &dist) {
            println!("xtask figures: building the release site ({why})");
            crate::run(tools::command(root, "trunk").args(["build", "--release"]))?;
        }
    }
    if !dist.join("index.html").exists() {
        return Err("no dist/index.html: run `cargo xtask build` first".into());
    }

    let mut rows: Vec<String> = Vec::new();
    rows.extend(size_rows(root, &dist)?);

    let mut browser_failed = None;
    if o.browser {
        println!("xtask figures: Lighthouse, time to interactive and frame time (a few minutes)");
        let out = tools::command(root, "node")
            .arg("tests/perf/figures.mjs")
            .arg(&dist)
            .args(&o.browser_args)
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("could not start node: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        rows.extend(
            text.lines()
                .filter(|l| l.starts_with('|'))
                .map(str::to_string),
        );
        if !out.status.success() {
            browser_failed = Some(format!(
                "tests/perf/figures.mjs exited with {} (accessibility, best practices or SEO under 95 somewhere, or a console error)",
                out.status
            ));
        }
    }
    if o.bench {
        rows.push(bench_row(root, o.runs)?);
    }

    println!("\n| figure | value | budget / target | how, notes |");
    println!("| --- | --- | --- | --- |");
    for r in &rows {
        println!("{r}");
    }
    println!(
        "\n`cargo xtask figures {}`, {} UTC, {} cores, load average {} at the end",
        args.join(" "),
        utc_now(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    match browser_failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Why dist/ must be rebuilt (missing, or older than a source file), or None.
fn stale(root: &Path, dist: &Path) -> Option<String> {
    let built = match std::fs::metadata(dist.join("index.html")).and_then(|m| m.modified()) {
        Ok(t) => t,
        Err(_) => return Some("dist/ is missing".into()),
    };
    let mut sources: Vec<PathBuf> = ["src", "style", "content", "public", "build", "crates"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    sources.extend(
        [
            "index.html",
            "Cargo.toml",
            "Cargo.lock",
            "Trunk.toml",
            "build.rs",
        ]
        .iter()
        .map(|f| root.join(f)),
    );
    while let Some(p) = sources.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Tests and benches do not reach the site; xtask's own source does not either.
            if matches!(
                name,
                "target" | "node_modules" | "tests" | "benches" | "xtask"
            ) {
                continue;
            }
            if let Ok(entries) = std::fs::read_dir(&p) {
                sources.extend(entries.flatten().map(|e| e.path()));
            }
        } else if meta.modified().is_ok_and(|t| t > built) {
            let shown = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            return Some(format!("{shown} is newer than dist/"));
        }
    }
    // The post-build hook and the service worker template do reach the site.
    for hook in ["crates/xtask/route-copies.sh", "crates/xtask/sw.js"] {
        let t = std::fs::metadata(root.join(hook)).and_then(|m| m.modified());
        if t.is_ok_and(|t| t > built) {
            return Some(format!("{hook} is newer than dist/"));
        }
    }
    None
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// What a first-load file is, for the table.
fn label(file: &str) -> String {
    if file.starts_with("snippets/") {
        "snippets (wasm-bindgen JS)".into()
    } else if file == "sw.js" {
        "sw.js (service worker, fetched after load)".into()
    } else if file.ends_with(".wasm") {
        format!("app wasm (`{file}`)")
    } else {
        format!("app js (`{file}`)")
    }
}

/// One row per part of the first load (the app's wasm, js, snippets, sw.js, then CSS and HTML,
/// which the budget does not count), one per bundle, and each group's total against its budget.
fn size_rows(root: &Path, dist: &Path) -> Result<Vec<String>, String> {
    let sizes = tools::measure_sizes(root, dist)?;
    let mut rows = Vec::new();
    let first = &sizes.groups[0];
    // Snippets are many small files: one row for all of them.
    let mut snippets = (0u64, 0u64, 0usize);
    for p in sizes.parts.iter().filter(|p| p.group == 0) {
        if p.file.starts_with("snippets/") {
            snippets.0 += p.raw;
            snippets.1 += p.gzip;
            snippets.2 += 1;
        } else {
            rows.push(format!(
                "| size, first load: {} | {} gzip ({} raw) | in the {} KB below | gzip -9 |",
                label(&p.file),
                kb(p.gzip),
                kb(p.raw),
                first.budget_kb
            ));
        }
    }
    if snippets.2 > 0 {
        rows.push(format!(
            "| size, first load: {} | {} gzip ({} raw) | in the {} KB below | {} files |",
            label("snippets/"),
            kb(snippets.1),
            kb(snippets.0),
            first.budget_kb,
            snippets.2
        ));
    }
    rows.push(format!(
        "| **size, first load: wasm + js** | **{}** gzip | {} KB | {} KB headroom |",
        kb(first.gzip),
        first.budget_kb,
        format_args!("{:.1}", first.budget_kb as f64 - first.gzip as f64 / 1024.0)
    ));
    // CSS and HTML: downloaded on first load, not counted by the budget.
    let mut css = (0u64, 0u64, 0usize);
    for entry in std::fs::read_dir(dist).map_err(|e| format!("reading dist: {e}"))? {
        let path = entry.map_err(|e| format!("reading dist: {e}"))?.path();
        if path.extension().is_some_and(|e| e == "css") {
            css.0 += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            css.1 += tools::gzip_size(&path)?;
            css.2 += 1;
        }
    }
    rows.push(format!(
        "| size, first load: css | {} gzip ({} raw) | not counted | {} files |",
        kb(css.1),
        kb(css.0),
        css.2
    ));
    let html = dist.join("index.html");
    rows.push(format!(
        "| size, first load: index.html | {} gzip ({} raw) | not counted | |",
        kb(tools::gzip_size(&html)?),
        kb(std::fs::metadata(&html).map(|m| m.len()).unwrap_or(0))
    ));
    for (i, g) in sizes.groups.iter().enumerate().skip(1) {
        let parts: Vec<String> = sizes
            .parts
            .iter()
            .filter(|p| p.group == i)
            .map(|p| format!("{} {}", p.file, kb(p.gzip)))
            .collect();
        rows.push(format!(
            "| **size, bundle {}: wasm + js** | **{}** gzip | {} KB | {}; loaded on demand |",
            g.name,
            kb(g.gzip),
            g.budget_kb,
            parts.join(" + ")
        ));
    }
    let over: Vec<&str> = sizes
        .groups
        .iter()
        .filter(|g| g.gzip > g.budget_kb * 1024)
        .map(|g| g.name.as_str())
        .collect();
    if !over.is_empty() {
        rows.push(format!("| OVER BUDGET | {} | | |", over.join(", ")));
    }
    Ok(rows)
}

/// The engine benchmark (ARCHITECTURE.md, "Engine benchmark"): one simulated hour at 1 s ticks,
/// 100 nodes, 1,000 pods, 5,000 requests/s. Times `bench_hour run` (build + warm-up + the hour)
/// and `bench_hour setup` (build + warm-up only) `runs` times each, alternating; the hour is the
/// difference of the medians. Built as the benchmark is (opt-level 3, no LTO), not with the
/// workspace's size-tuned release profile.
fn bench_row(root: &Path, runs: usize) -> Result<String, String> {
    println!("xtask figures: building and timing the engine benchmark (bench_hour)");
    let with_bench_profile = |cmd: &mut Command| {
        cmd.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
            .env("CARGO_PROFILE_RELEASE_LTO", "false");
    };
    let mut build = tools::command(root, "cargo");
    build.args([
        "build",
        "--release",
        "--quiet",
        "-p",
        "cluster_sim",
        "--example",
        "bench_hour",
    ]);
    with_bench_profile(&mut build);
    crate::run(&mut build)?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let exe = target.join("release/examples/bench_hour");
    let time = |mode: &str| -> Result<f64, String> {
        let t = Instant::now();
        let out = Command::new(&exe)
            .arg(mode)
            .output()
            .map_err(|e| format!("running {}: {e}", exe.display()))?;
        if !out.status.success() {
            return Err(format!("bench_hour {mode} failed"));
        }
        Ok(t.elapsed().as_secs_f64() * 1000.0)
    };
    let start_load = load_average();
    let (mut run, mut setup) = (Vec::new(), Vec::new());
    time("run")?; // warm the page cache
    let (mut cpu_run, mut cpu_setup) = (0.0, 0.0);
    for _ in 0..runs {
        let c = children_cpu_ms();
        run.push(time("run")?);
        let c2 = children_cpu_ms();
        setup.push(time("setup")?);
        cpu_run += c2 - c;
        cpu_setup += children_cpu_ms() - c2;
    }
    let hour = median(&run) - median(&setup);
    let cpu = (cpu_run - cpu_setup) / runs as f64;
    let shown: Vec<String> = run
        .iter()
        .zip(&setup)
        .map(|(r, s)| format!("{:.0}", r - s))
        .collect();
    Ok(format!(
        "| Engine benchmark: one simulated hour, 100 nodes, 1,000 pods, 5,000 req/s | {cpu:.0} ms CPU (mean of {runs}, {:.1} µs a tick); {hour:.0} ms wall (median) | 50 ms | `bench_hour run` minus `bench_hour setup`, built at opt-level 3 without LTO as the benchmark is; wall runs {} ms; CPU time (user + sys) from the kernel's accounting of finished children, 10 ms ticks summed over the runs, steadier than wall time when the cores are shared; load {start_load} |",
        cpu * 1000.0 / 3600.0,
        shown.join(", ")
    ))
}

/// CPU time (user + system) of this process's finished children, in ms (`/proc/self/stat`,
/// cutime + cstime, in clock ticks of 10 ms).
fn children_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    // After the command name: field 3 (state) is index 0, so cutime (16) and cstime (17).
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (tick(13) + tick(14)) * 10.0
}

fn median(xs: &[f64]) -> f64 {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    s[(s.len() - 1) / 2]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `YYYY-MM-DD HH:MM` in UTC, without a date crate.
fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}
