//! One lab session: the main run and the side-by-side runs on the same load, stepped together,
//! with what the page reads after each frame (scene, charts, event rows, narration, summaries).

use cluster_sim::scenario::{Scenario, Strategy, Toggles};
use cluster_sim::{Cluster, EventType, RunSummary, TickMetrics};

use crate::charts::{self, Chart, ChartKind};
use crate::params::Resolved;
use crate::scene::{self, Scene};

/// Event rows the log keeps.
pub const EVENT_ROWS: usize = 60;

/// One engine run with the cursors the page polls.
pub struct Run {
    pub label: String,
    pub cluster: Cluster,
    /// The tick the load started (the lab's clock is `tick - start_tick`).
    pub start_tick: u64,
    event_seq: u64,
    narration_seq: u64,
}

/// One line of the event log, like `kubectl get events`.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    /// Unique per recording (a repeat gets a new one).
    pub seq: u64,
    /// The lab's clock when last seen (`m:ss`).
    pub time: String,
    pub warning: bool,
    pub reason: String,
    /// `pod/my-ml-model-7d4f-abcde`.
    pub object: String,
    pub message: String,
    pub count: u32,
}

/// One row of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub label: String,
    pub p95_ms: String,
    pub dropped: String,
    pub peak_pods: u32,
    pub peak_nodes: u32,
    pub cost: String,
}

impl SummaryRow {
    pub fn from_summary(label: &str, s: &RunSummary) -> SummaryRow {
        SummaryRow {
            label: label.to_string(),
            p95_ms: format!("{}", s.latency_ms_p95.round()),
            dropped: format!("{:.1} %", s.error_percent),
            peak_pods: s.peak_replicas,
            peak_nodes: s.peak_nodes,
            cost: format!("{:.2}", s.cost_usd),
        }
    }
}

impl Run {
    /// Build `strategy` on `scenario` and keep `history_s` seconds of metrics.
    pub fn new(
        label: String,
        scenario: &Scenario,
        strategy: &Strategy,
        seed: u64,
        toggles: Option<&Toggles>,
        intensity: f64,
        history_s: usize,
    ) -> Result<Run, String> {
        let mut cluster = scenario.build(strategy, seed, toggles, intensity)?;
        cluster.set_history_capacity(history_s);
        let start_tick = cluster.tick();
        Ok(Run {
            label,
            event_seq: 0,
            narration_seq: cluster.narration_since(0).last().map_or(0, |n| n.seq),
            cluster,
            start_tick,
        })
    }

    /// Seconds since the load started.
    pub fn elapsed(&self) -> u64 {
        self.cluster.tick() - self.start_tick
    }

    pub fn scene(&self) -> Scene {
        scene::scene(&self.cluster)
    }

    pub fn metrics(&self) -> TickMetrics {
        self.cluster.metrics()
    }

    /// The metrics of the last `window_min` minutes (not the whole run: this is read every frame).
    fn history(&self, window_min: u32) -> Vec<TickMetrics> {
        let from = self
            .cluster
            .tick()
            .saturating_sub(window_min as u64 * 60 + 1)
            .max(self.start_tick);
        self.cluster
            .history_since(from.saturating_sub(1))
            .copied()
            .collect()
    }

    /// The charts over the last `window_min` minutes.
    pub fn charts(&self, window_min: u32) -> Vec<Chart> {
        charts::charts(
            &self.history(window_min),
            self.start_tick,
            self.cluster.tick(),
            window_min,
        )
    }

    /// One chart over the whole run so far (the side-by-side small multiples).
    pub fn chart(&self, kind: ChartKind, window_min: u32) -> Chart {
        charts::chart(
            kind,
            &self.history(window_min),
            self.start_tick,
            self.cluster.tick(),
            window_min,
        )
    }

    /// Events recorded since the last call, newest last (at most [`EVENT_ROWS`]).
    pub fn new_events(&mut self) -> Vec<EventRow> {
        let events = self.cluster.events_since(self.event_seq);
        if let Some(e) = events.iter().map(|e| e.seq).max() {
            self.event_seq = e;
        }
        let skip = events.len().saturating_sub(EVENT_ROWS);
        events
            .into_iter()
            .skip(skip)
            .map(|e| EventRow {
                seq: e.seq,
                time: crate::clock(e.last_tick.saturating_sub(self.start_tick)),
                warning: e.event_type == EventType::Warning,
                reason: e.reason,
                object: format!(
                    "{}/{}",
                    e.object.kind.as_str().to_ascii_lowercase(),
                    e.object.name
                ),
                message: e.message,
                count: e.count,
            })
            .collect()
    }

    /// Narration sentences since the last call.
    pub fn new_narration(&mut self) -> Vec<String> {
        let n = self.cluster.narration_since(self.narration_seq);
        if let Some(last) = n.last() {
            self.narration_seq = last.seq;
        }
        n.into_iter().map(|n| n.text).collect()
    }

    pub fn summary(&self) -> SummaryRow {
        SummaryRow::from_summary(
            &self.label,
            &self.cluster.summary_since(&self.label, self.start_tick),
        )
    }
}

/// The main run plus the side-by-side ones.
pub struct Lab {
    pub resolved: Resolved,
    pub main: Run,
    pub others: Vec<Run>,
    /// The last narration sentence of the fast-forward to `t` (shown, not announced).
    pub last_said: Option<String>,
}

/// Seconds of history each run keeps (the whole of a long preset).
pub const HISTORY_S: usize = 3 * 3600;

impl Lab {
    /// Build the runs and fast-forward to `t`. With `compare` off only the main run is built.
    pub fn new(resolved: Resolved, compare: bool) -> Result<Lab, String> {
        let r = &resolved;
        let main = Run::new(
            crate::controls::strategy_text(&r.strategy),
            &r.scenario,
            &r.strategy,
            r.seed,
            r.toggles.as_ref(),
            r.intensity,
            HISTORY_S,
        )?;
        let mut lab = Lab {
            main,
            others: Vec::new(),
            resolved,
            last_said: None,
        };
        if compare {
            lab.set_compare(true)?;
        }
        let t = lab.resolved.t;
        lab.step_n(t);
        // The fast-forward's events and narration are history, not news: skip the live region.
        lab.last_said = lab.main.new_narration().pop();
        Ok(lab)
    }

    /// Start (or drop) the side-by-side runs; new ones catch up with the main run's clock.
    pub fn set_compare(&mut self, on: bool) -> Result<(), String> {
        self.others.clear();
        if !on {
            return Ok(());
        }
        let r = &self.resolved;
        for (label, v) in &r.compare {
            let mut run = Run::new(
                label.clone(),
                &r.scenario,
                &v.strategy,
                r.seed,
                v.toggles.as_ref(),
                r.intensity,
                HISTORY_S,
            )?;
            run.cluster.step_n(self.main.elapsed());
            self.others.push(run);
        }
        Ok(())
    }

    /// Advance every run by `n` seconds.
    pub fn step_n(&mut self, n: u64) {
        self.main.cluster.step_n(n);
        for r in &mut self.others {
            r.cluster.step_n(n);
        }
    }

    /// The summary rows: the main run, then the side-by-side runs.
    pub fn summaries(&self) -> Vec<SummaryRow> {
        std::iter::once(&self.main)
            .chain(self.others.iter())
            .map(Run::summary)
            .collect()
    }
}
