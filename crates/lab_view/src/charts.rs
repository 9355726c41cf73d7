//! Chart series over the engine's metrics history: the last N minutes of load against ready
//! capacity, replicas and nodes, CPU against the HPA target, latency and drops, cost.
//!
//! The x axis is minutes since the load started (the lab's clock); the bundle draws these with
//! plotters-canvas.

use cluster_sim::TickMetrics;

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    LoadCapacity,
    Replicas,
    Cpu,
    Latency,
    Cost,
}

impl ChartKind {
    pub const ALL: [ChartKind; 5] = [
        ChartKind::LoadCapacity,
        ChartKind::Replicas,
        ChartKind::Cpu,
        ChartKind::Latency,
        ChartKind::Cost,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ChartKind::LoadCapacity => "load",
            ChartKind::Replicas => "replicas",
            ChartKind::Cpu => "cpu",
            ChartKind::Latency => "latency",
            ChartKind::Cost => "cost",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ChartKind::LoadCapacity => "Load vs ready capacity (req/s)",
            ChartKind::Replicas => "Replicas and nodes",
            ChartKind::Cpu => "CPU utilization vs HPA target (%)",
            ChartKind::Latency => "Latency p50/p95 (ms) and dropped req/s",
            ChartKind::Cost => "Cost so far (USD)",
        }
    }
}

/// One line (or filled area) of a chart. `color` is an index into the page's palette.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: &'static str,
    pub color: usize,
    pub fill: bool,
    /// Step line (counts: replicas, nodes).
    pub step: bool,
    pub points: Vec<(f64, f64)>,
}

/// A chart ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    /// x range in minutes.
    pub x_from: f64,
    pub x_to: f64,
    pub y_max: f64,
    pub series: Vec<Series>,
    /// A horizontal band (the HPA target ± the 10 % tolerance).
    pub band: Option<(f64, f64)>,
    /// The time cursor (now), minutes.
    pub cursor: f64,
    /// The last values in words, for the chart's text alternative.
    pub text: String,
}

fn nice_max(v: f64) -> f64 {
    if !(v.is_finite()) || v <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    for m in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if v <= m * mag {
            return m * mag;
        }
    }
    10.0 * mag
}

/// The charts over `history` (ticks after `start_tick` count from minute 0), showing the last
/// `window_min` minutes up to `now_tick`.
pub fn charts(
    history: &[TickMetrics],
    start_tick: u64,
    now_tick: u64,
    window_min: u32,
) -> Vec<Chart> {
    ChartKind::ALL
        .into_iter()
        .map(|k| chart(k, history, start_tick, now_tick, window_min))
        .collect()
}

/// One chart; see [`charts`].
pub fn chart(
    kind: ChartKind,
    history: &[TickMetrics],
    start_tick: u64,
    now_tick: u64,
    window_min: u32,
) -> Chart {
    let now = now_tick.saturating_sub(start_tick) as f64 / 60.0;
    let window = window_min.max(1) as f64;
    let x_from = (now - window).max(0.0);
    let x_to = x_from + window;
    let from_tick = start_tick + (x_from * 60.0) as u64;
    let rows: Vec<&TickMetrics> = history
        .iter()
        .filter(|m| m.tick >= from_tick && m.tick >= start_tick && m.tick <= now_tick)
        .collect();
    // At most ~300 points per line: average runs of ticks.
    let stride = rows.len().div_ceil(300).max(1);
    let x = |m: &TickMetrics| (m.tick - start_tick) as f64 / 60.0;
    let line = |label, color, fill, step, f: &dyn Fn(&TickMetrics) -> f64| -> Series {
        let points = rows
            .chunks(stride)
            .map(|c| {
                let v = c.iter().map(|m| f(m)).sum::<f64>() / c.len() as f64;
                (x(c[c.len() - 1]), v)
            })
            .collect();
        Series {
            label,
            color,
            fill,
            step,
            points,
        }
    };
    let last = rows.last().copied().copied().unwrap_or_default();
    let (series, band, text) = match kind {
        ChartKind::LoadCapacity => (
            vec![
                line("ready capacity", 1, true, false, &|m| m.ready_capacity_rps),
                line("load", 0, false, false, &|m| m.load_rps),
            ],
            None,
            format!(
                "Load {} req/s, ready capacity {} req/s.",
                last.load_rps.round(),
                last.ready_capacity_rps.round()
            ),
        ),
        ChartKind::Replicas => (
            vec![
                line("desired", 3, false, true, &|m| m.replicas_desired as f64),
                line("current", 4, false, true, &|m| m.replicas_current as f64),
                line("ready", 1, false, true, &|m| m.replicas_ready as f64),
                line("nodes", 5, false, true, &|m| m.nodes as f64),
            ],
            None,
            format!(
                "Replicas: {} desired, {} current, {} ready; {} nodes.",
                last.replicas_desired, last.replicas_current, last.replicas_ready, last.nodes
            ),
        ),
        ChartKind::Cpu => {
            let target = rows.iter().rev().find_map(|m| m.hpa_target_percent);
            (
                vec![line("CPU % of request", 0, false, false, &|m| {
                    m.cpu_utilization_percent.unwrap_or(0.0)
                })],
                target.map(|t| (t as f64 * 0.9, t as f64 * 1.1)),
                match (last.cpu_utilization_percent, target) {
                    (Some(u), Some(t)) => {
                        format!("CPU {} % of request; HPA target {t} %.", u.round())
                    }
                    (Some(u), None) => format!("CPU {} % of request; no HPA.", u.round()),
                    (None, _) => "CPU utilization unknown: the pods have no CPU request.".into(),
                },
            )
        }
        ChartKind::Latency => (
            vec![
                line("p95", 2, false, false, &|m| m.latency_ms_p95),
                line("p50", 0, false, false, &|m| m.latency_ms_p50),
                line("dropped req/s", 6, true, false, &|m| {
                    (m.dropped + m.failed) as f64
                }),
            ],
            None,
            format!(
                "Latency p50 {} ms, p95 {} ms; {} requests dropped or failed in the last second.",
                last.latency_ms_p50.round(),
                last.latency_ms_p95.round(),
                last.dropped + last.failed
            ),
        ),
        ChartKind::Cost => (
            vec![line("cost", 5, true, false, &|m| m.cost_usd)],
            None,
            format!("Cost so far {:.2} USD.", last.cost_usd),
        ),
    };
    let mut y = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0f64, f64::max);
    if let Some((_, hi)) = band {
        y = y.max(hi);
    }
    Chart {
        kind,
        x_from,
        x_to,
        y_max: nice_max(y * 1.05),
        series,
        band,
        cursor: now,
        text,
    }
}
