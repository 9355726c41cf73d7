//! The benchmark's workload as a plain program, for CPU-time measurement on a busy machine
//! (`perf stat -e task-clock`): `bench_hour setup` builds only, `bench_hour run` also simulates the hour.

#[path = "../benches/workload/mod.rs"]
mod workload;

use workload::warmed_cluster;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "run".into());
    let mut c = warmed_cluster();
    if mode == "run" {
        c.step_n(3600);
    }
    let m = c.metrics();
    println!(
        "tick {} served {} dropped {} ready {}",
        m.tick, m.served_total, m.dropped_total, m.replicas_ready
    );
}
