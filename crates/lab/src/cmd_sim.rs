//! `lab simulate`, `lab compare`, `lab hpa`: the cluster engine from the command line, for authors and tests.
//!
//! Every error is one line naming the place (argument, scenario key, JSON line/column) and exits non-zero.

use cluster_sim::hpa::{resource_replicas, CalcResource, PodPhase, PodSample, ResourceReplicaInput, Tolerances};
use cluster_sim::scenario::{self, Scenario, Strategy, Variant};
use cluster_sim::TickMetrics;
use serde::Deserialize;
use std::io::Read;
use std::process::ExitCode;

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

/// A scenario by built-in id, or by path to a .toml file (validated by the same loader).
fn load_scenario(arg: &str) -> Result<Scenario, String> {
    if arg.ends_with(".toml") || arg.contains('/') {
        let text = std::fs::read_to_string(arg).map_err(|e| format!("{arg}: {e}"))?;
        return Scenario::parse(arg, &text).map_err(|e| e.to_string());
    }
    match scenario::find(arg) {
        Some(r) => r.map_err(|e| e.to_string()),
        None => {
            let ids: Vec<&str> = scenario::BUILTIN.iter().map(|(id, _)| *id).collect();
            Err(format!("unknown scenario \"{arg}\" (known: {})", ids.join(", ")))
        }
    }
}

/// Split `args` into positionals and `--flag value` / `--flag=value` pairs, rejecting unknown flags.
fn parse_flags<'a>(args: &'a [String], known: &[&str]) -> Result<(Vec<&'a str>, Vec<(String, String)>), String> {
    let mut pos = Vec::new();
    let mut flags = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(rest) = a.strip_prefix("--") {
            let (name, value) = match rest.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => {
                    i += 1;
                    let v = args.get(i).ok_or_else(|| format!("flag --{rest} needs a value"))?;
                    (rest.to_string(), v.clone())
                }
            };
            if !known.contains(&name.as_str()) {
                return Err(format!("unknown flag --{name} (known: {})", known.iter().map(|k| format!("--{k}")).collect::<Vec<_>>().join(", ")));
            }
            flags.push((name, value));
        } else {
            pos.push(a.as_str());
        }
        i += 1;
    }
    Ok((pos, flags))
}

fn flag<'a>(flags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    flags.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn parse_u64(flags: &[(String, String)], name: &str) -> Result<Option<u64>, String> {
    flag(flags, name)
        .map(|v| v.parse::<u64>().map_err(|_| format!("--{name}: expected a non-negative integer, got \"{v}\"")))
        .transpose()
}

const CSV_HEADER: &str = "tick,load_rps,generated,served,failed,dropped,queued,latency_ms_p50,latency_ms_p95,latency_ms_p99,replicas_desired,replicas_current,replicas_ready,pods_pending,nodes,nodes_ready,cpu_utilization_percent,cost_usd";

fn csv_row(m: &TickMetrics) -> String {
    format!(
        "{},{:.2},{},{},{},{},{},{:.1},{:.1},{:.1},{},{},{},{},{},{},{},{:.4}",
        m.tick,
        m.load_rps,
        m.generated,
        m.served,
        m.failed,
        m.dropped,
        m.queued,
        m.latency_ms_p50,
        m.latency_ms_p95,
        m.latency_ms_p99,
        m.replicas_desired,
        m.replicas_current,
        m.replicas_ready,
        m.pods_pending,
        m.nodes,
        m.nodes_ready,
        m.cpu_utilization_percent.map(|u| format!("{u:.1}")).unwrap_or_default(),
        m.cost_usd
    )
}

/// `lab simulate SCENARIO [--seconds N] [--seed S] [--format csv|json] [--strategy NAME]`
pub fn simulate(args: &[String]) -> ExitCode {
    let (pos, flags) = match parse_flags(args, &["seconds", "seed", "format", "strategy"]) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let [name] = pos.as_slice() else {
        return fail("usage: lab simulate SCENARIO [--seconds N] [--seed S] [--format csv|json] [--strategy NAME]");
    };
    let sc = match load_scenario(name) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let (seconds, seed) = match (parse_u64(&flags, "seconds"), parse_u64(&flags, "seed")) {
        (Ok(a), Ok(b)) => (a.unwrap_or(sc.seconds), b.unwrap_or(sc.seed)),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    if seconds > 7 * 24 * 3600 {
        return fail(format!("--seconds: at most 604800, got {seconds}"));
    }
    let format = flag(&flags, "format").unwrap_or("csv");
    if format != "csv" && format != "json" {
        return fail(format!("--format: expected csv or json, got \"{format}\""));
    }
    let strategy = match Strategy::parse(flag(&flags, "strategy").unwrap_or("scenario"), &sc) {
        Ok(s) => s,
        Err(e) => return fail(format!("--strategy: {e}")),
    };
    let mut cluster = match sc.build(&strategy, seed, None, 1.0) {
        Ok(c) => c,
        Err(e) => return fail(format!("{}: {e}", sc.id)),
    };
    let mut out = String::new();
    if format == "csv" {
        out.push_str(CSV_HEADER);
        out.push('\n');
    }
    let mut rows = Vec::new();
    for _ in 0..seconds {
        cluster.step();
        let m = cluster.metrics();
        if format == "csv" {
            out.push_str(&csv_row(&m));
            out.push('\n');
        } else {
            rows.push(m);
        }
    }
    if format == "json" {
        let body = serde_json::json!({
            "scenario": sc.id,
            "seed": seed,
            "strategy": strategy.label(),
            "ticks": rows,
            "events": cluster.events(),
        });
        out = match serde_json::to_string_pretty(&body) {
            Ok(s) => s + "\n",
            Err(e) => return fail(e),
        };
    }
    print!("{out}");
    ExitCode::SUCCESS
}

/// `lab compare SCENARIO [--strategies a,b,c] [--seconds N] [--seed S]`; a strategy may end in `+safe`.
pub fn compare(args: &[String]) -> ExitCode {
    let (pos, flags) = match parse_flags(args, &["strategies", "seconds", "seed"]) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let [name] = pos.as_slice() else {
        return fail("usage: lab compare SCENARIO --strategies a,b,c [--seconds N] [--seed S]");
    };
    let sc = match load_scenario(name) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let (seconds, seed) = match (parse_u64(&flags, "seconds"), parse_u64(&flags, "seed")) {
        (Ok(a), Ok(b)) => (a.unwrap_or(sc.seconds), b.unwrap_or(sc.seed)),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let names: Vec<String> = match flag(&flags, "strategies") {
        Some(list) => list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
        None => sc.compare_strategies(),
    };
    if names.is_empty() {
        return fail("--strategies: give at least one strategy");
    }
    let mut strategies = Vec::new();
    for n in &names {
        match Variant::parse(n, &sc) {
            Ok(s) => strategies.push(s),
            Err(e) => return fail(format!("--strategies: {e}")),
        }
    }
    let rows = match sc.compare(&strategies, seed, seconds) {
        Ok(r) => r,
        Err(e) => return fail(format!("{}: {e}", sc.id)),
    };
    println!("scenario {} ({}), seed {seed}, {seconds} s", sc.id, sc.title);
    let header = ["STRATEGY", "P95 LATENCY", "ERRORS", "DROPPED", "PEAK PODS", "PEAK NODES", "COST"];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.strategy.clone(),
                format!("{:.0} ms", r.latency_ms_p95),
                format!("{:.2} %", r.error_percent),
                format!("{:.2} %", r.dropped_percent),
                r.peak_replicas.to_string(),
                r.peak_nodes.to_string(),
                format!("${:.3}", r.cost_usd),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| cells.iter().map(|r| r[i].len()).chain([header[i].len()]).max().unwrap_or(0))
        .collect();
    let line = |cols: Vec<&str>| {
        cols.iter()
            .enumerate()
            .map(|(i, c)| if i + 1 == cols.len() { c.to_string() } else { format!("{:<w$}   ", c, w = widths[i]) })
            .collect::<String>()
    };
    println!("{}", line(header.to_vec()));
    for r in &cells {
        println!("{}", line(r.iter().map(String::as_str).collect()));
    }
    ExitCode::SUCCESS
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HpaPodInput {
    request_milli: Option<i64>,
    usage_milli: Option<i64>,
    #[serde(default = "yes")]
    ready: bool,
    #[serde(default)]
    phase: Option<PodPhase>,
    #[serde(default)]
    deleting: bool,
    #[serde(default)]
    name: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HpaInput {
    current_replicas: i64,
    target_utilization_percent: i64,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    resource: Option<CalcResource>,
    pods: Vec<HpaPodInput>,
}

fn hpa_input(text: &str) -> Result<ResourceReplicaInput, String> {
    let raw: HpaInput = serde_json::from_str(text)
        .map_err(|e| format!("stdin:{}:{}: {}", e.line(), e.column(), e.to_string().split(" at line").next().unwrap_or("")))?;
    let nonneg = |v: i64, place: &str| -> Result<u64, String> {
        u64::try_from(v).map_err(|_| format!("{place}: must be >= 0, got {v}"))
    };
    let current = nonneg(raw.current_replicas, "current_replicas")?;
    let target = nonneg(raw.target_utilization_percent, "target_utilization_percent")?;
    if target == 0 {
        return Err("target_utilization_percent: must be > 0".into());
    }
    let tol = raw.tolerance.unwrap_or(cluster_sim::hpa::DEFAULT_TOLERANCE);
    if !(tol.is_finite() && (0.0..1.0).contains(&tol)) {
        return Err(format!("tolerance: must be a number in [0, 1), got {tol}"));
    }
    let mut pods = Vec::new();
    for (i, p) in raw.pods.into_iter().enumerate() {
        let request = p.request_milli.map(|v| nonneg(v, &format!("pods[{i}].request_milli"))).transpose()?;
        let usage = p.usage_milli.map(|v| nonneg(v, &format!("pods[{i}].usage_milli"))).transpose()?;
        pods.push(PodSample {
            name: p.name.unwrap_or_else(|| format!("pod-{i}")),
            container: String::new(),
            request_milli: request,
            usage_milli: usage,
            ready: p.ready,
            phase: p.phase.unwrap_or(PodPhase::Running),
            deleting: p.deleting,
        });
    }
    Ok(ResourceReplicaInput {
        current_replicas: u32::try_from(current).map_err(|_| "current_replicas: too large".to_string())?,
        target_utilization_percent: u32::try_from(target).map_err(|_| "target_utilization_percent: too large".to_string())?,
        tolerances: Tolerances::symmetric(tol),
        resource: raw.resource.unwrap_or_default(),
        pods,
    })
}

/// `lab hpa [--explain]`: one JSON object on stdin -> `{"desired_replicas":N,"utilization_percent":U}`.
pub fn hpa(args: &[String]) -> ExitCode {
    let explain = match args {
        [] => false,
        [a] if a == "--explain" => true,
        _ => return fail("usage: lab hpa [--explain] < input.json"),
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        return fail(format!("stdin: {e}"));
    }
    let input = match hpa_input(&text) {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    match resource_replicas(&input) {
        Ok(calc) => {
            let mut out = serde_json::json!({
                "desired_replicas": calc.desired_replicas,
                "utilization_percent": calc.utilization_percent,
            });
            if explain {
                out["steps"] = serde_json::json!(calc.steps);
            }
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("the HPA cannot compute a replica count: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hpa_input_rejects_negative_and_malformed() {
        assert!(hpa_input(r#"{"current_replicas":-1,"target_utilization_percent":50,"pods":[]}"#)
            .unwrap_err()
            .starts_with("current_replicas: must be >= 0"));
        let e = hpa_input("{\"current_replicas\":3,").unwrap_err();
        assert!(e.starts_with("stdin:1:"), "{e}");
        let e = hpa_input(r#"{"current_replicas":3,"target_utilization_percent":50,"pods":[{"request_milli":1000,"usage_milli":-5}]}"#)
            .unwrap_err();
        assert_eq!(e, "pods[0].usage_milli: must be >= 0, got -5");
        let e = hpa_input(r#"{"current_replicas":3,"target_utilization_percent":50,"bogus":1,"pods":[]}"#).unwrap_err();
        assert!(e.contains("unknown field `bogus`"), "{e}");
    }
}
