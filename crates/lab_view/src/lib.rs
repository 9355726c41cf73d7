//! The cluster lab's view models, UI-free: what the lab page shows, computed from the engine.
//!
//! * [`params`]: the URL state (`?scenario=hpa-50&seed=7&strategy=hpa:2-10@50...`), parsed with
//!   clear messages for bad values (never a panic) and written back so a link reproduces the run.
//! * [`controls`]: the strategy form (kind, node type, replicas, HPA range, target, metric) to and
//!   from a [`cluster_sim::scenario::Strategy`], and the pitfall toggles.
//! * [`scene`]: the nodes-and-pods picture as plain data ([`scene::scene`]), shared with the
//!   terminal page.
//! * [`charts`]: chart series over the engine's metrics history (the last N minutes).
//! * [`run`]: one lab session: the main run and the side-by-side runs, stepped together, with
//!   event rows, narration and the summary table.

pub mod charts;
pub mod controls;
pub mod params;
pub mod run;
pub mod scene;

/// `m:ss` for a number of seconds (the lab's clock: seconds since the load started).
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
