//! Soak run (issue 9): the lab's whole pipeline, as the page drives it at "as fast as possible",
//! for a long simulated time on the heaviest set-up, checking that everything the page and the
//! engine keep stays bounded (chart series, event rows, narration, summaries, the engine's
//! events, narration and metrics history, the process's memory).
//!
//! `SOAK_SECONDS` sets the simulated time: `cargo xtask test` runs the default (five simulated
//! hours: the 3-hour metrics history fills, then memory must stay flat); the full day is
//! `SOAK_SECONDS=86400 cargo test --release -p lab_view --test soak -- --nocapture`.

use lab_view::params::{resolve, LabParams};
use lab_view::run::{Lab, EVENT_ROWS, HISTORY_S};
use std::time::Instant;

/// The heaviest lab the page offers: up to 200 pods on up to 20 nodes under random bursts at
/// ten times the preset's load, with the preset's three side-by-side runs.
const QUERY: &str =
    "scenario=hpa-cluster-autoscaler&strategy=hpa-ca:2-200@50/nodes2-20&load=bursts&intensity=10";

/// The page's chart window (crates/bundle_cluster/src/lab.rs `WINDOW_MIN`).
const WINDOW_MIN: u32 = 10;
/// Simulated seconds per frame. The page steps up to 3600 a frame at "as fast as possible"
/// (lab.rs `frame`, 8 ms of engine); the release build in headless Chromium manages about
/// this many, and reading every view model each frame is the point of the soak.
const FRAME_S: u64 = 60;
/// The engine's own caps (crates/cluster_sim/src/engine: event log, narration).
const ENGINE_EVENTS: usize = 1000;
const ENGINE_NARRATION: usize = 200;
/// Warm-up: an hour after every run's metrics history is full (its ring buffer has then
/// reached its final allocation), nothing may grow.
const WARM_S: u64 = HISTORY_S as u64 + 3600;
/// Growth of the process's resident memory allowed after the warm-up (allocator noise).
const RSS_GROWTH_LIMIT_KB: u64 = 4 * 1024;

/// Resident set size of this process, KB (Linux), or None elsewhere.
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_long_run_at_full_speed_keeps_every_history_bounded() {
    let seconds: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5 * 3600);
    let (params, mut problems) = LabParams::parse(QUERY);
    let resolved = resolve(params, &mut problems).expect("the preset resolves");
    assert!(problems.is_empty(), "{problems:?}");
    let mut lab = Lab::new(resolved, true).expect("the lab builds");
    assert_eq!(lab.others.len(), 3, "the preset's three side-by-side runs");

    let started = Instant::now();
    let mut rss_after_warmup = None;
    let (mut peak_pods, mut peak_events, mut peak_points) = (0usize, 0usize, 0usize);
    let mut frames = 0u64;
    while lab.main.elapsed() < seconds {
        // One frame at full speed, then what the page reads after it.
        let n = FRAME_S.min(seconds - lab.main.elapsed());
        lab.step_n(n);
        frames += 1;
        let scene = lab.main.scene();
        peak_pods = peak_pods.max(lab.main.cluster.pods().len());
        let events = lab.main.new_events();
        assert!(events.len() <= EVENT_ROWS, "{} event rows", events.len());
        let said = lab.main.new_narration();
        assert!(
            said.len() <= ENGINE_NARRATION,
            "{} narration lines",
            said.len()
        );
        let summaries = lab.summaries();
        assert_eq!(summaries.len(), 4);
        for run in std::iter::once(&lab.main).chain(lab.others.iter()) {
            for chart in run.charts(WINDOW_MIN) {
                for series in &chart.series {
                    // One point a simulated second over the window, plus the edges.
                    assert!(
                        series.points.len() <= WINDOW_MIN as usize * 60 + 3,
                        "{:?} {} has {} points",
                        chart.kind,
                        series.label,
                        series.points.len()
                    );
                    peak_points = peak_points.max(series.points.len());
                }
            }
            // The engine's own retained state.
            let c = &run.cluster;
            assert!(c.history_since(0).count() <= HISTORY_S);
            let events = c.events_since(0).len();
            peak_events = peak_events.max(events);
            assert!(events <= ENGINE_EVENTS, "{events} events kept");
            assert!(c.narration_since(0).len() <= ENGINE_NARRATION);
        }
        assert!(!scene.nodes.is_empty());
        if lab.main.elapsed().is_multiple_of(3600) {
            println!(
                "soak: at {} h: RSS {:?} KB, pods {}, {:.1} s wall",
                lab.main.elapsed() / 3600,
                rss_kb(),
                lab.main.cluster.pods().len(),
                started.elapsed().as_secs_f64()
            );
        }
        if rss_after_warmup.is_none() && lab.main.elapsed() >= WARM_S {
            rss_after_warmup = rss_kb();
        }
    }
    let wall = started.elapsed();
    let rss_end = rss_kb();
    println!(
        "soak: {seconds} simulated s ({frames} frames of {FRAME_S} s, 4 runs) in {:.1} s wall; \
         peak pods {peak_pods}, engine events kept {peak_events}, chart points {peak_points}; \
         RSS after the warm-up {:?} KB, at the end {:?} KB",
        wall.as_secs_f64(),
        rss_after_warmup,
        rss_end
    );
    if let (Some(a), Some(b)) = (rss_after_warmup, rss_end) {
        assert!(
            b <= a + RSS_GROWTH_LIMIT_KB,
            "resident memory grew from {a} KB to {b} KB"
        );
    }
}
