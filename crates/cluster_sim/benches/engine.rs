//! Benchmark: one simulated hour at 1 s ticks with 100 nodes, 1,000 pods and 5,000 requests/s (issue target: < 50 ms).
//!
//! Run with `cargo bench -p cluster_sim`. The cluster is built and warmed up (all pods Ready) outside the timing.

mod workload;

use workload::warmed_cluster;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn one_hour_100_nodes_1000_pods_5000_rps(bencher: divan::Bencher) {
    bencher
        .with_inputs(warmed_cluster)
        .bench_local_values(|mut c| {
            c.step_n(3600);
            assert_eq!(c.metrics().dropped_total, 0);
            c
        });
}

#[divan::bench(sample_count = 20, sample_size = 100)]
fn one_tick_1000_pods(bencher: divan::Bencher) {
    let mut c = warmed_cluster();
    c.step_n(30);
    bencher.bench_local(|| c.step());
}

#[divan::bench(sample_count = 20, sample_size = 10)]
fn full_view_1000_pods(bencher: divan::Bencher) {
    let c = warmed_cluster();
    bencher.bench_local(|| c.view());
}
