//! Benchmark: one simulated hour at 1 s ticks with 100 nodes, 1,000 pods and 5,000 requests/s (issue target: < 50 ms).
//!
//! Run with `cargo bench -p cluster_sim`. The cluster is built and warmed up (all pods Ready) outside the timing.

use cluster_sim::{
    Cluster, Command, DeploymentName, DeploymentSpec, HpaName, HpaSpec, Labels, LoadSpec,
    MetricSpec, NodeTypeName, ObjectSpec, ResourceList, ServiceName, ServiceSpec,
};

fn main() {
    divan::main();
}

const APP: &str = "my-ml-model";

/// 100 large nodes, a 1,000-replica Deployment with an HPA pinned at 1,000, a Service, 5,000 rps.
fn warmed_cluster() -> Cluster {
    let mut c = Cluster::new(42);
    for _ in 0..100 {
        c.apply(Command::AddNode {
            node_type: NodeTypeName("large".into()),
            immediate: true,
        })
        .unwrap();
    }
    let d = DeploymentSpec::simple(
        APP,
        "registry.example.com/ml/my-ml-model:1.4.2",
        1000,
        ResourceList {
            cpu_milli: Some(500),
            memory_mib: Some(1024),
            gpu: None,
        },
        ResourceList {
            cpu_milli: Some(1000),
            memory_mib: Some(2048),
            gpu: None,
        },
    );
    c.apply(Command::Create(ObjectSpec::Deployment(d))).unwrap();
    let mut sel = Labels::new();
    sel.insert("app".into(), APP.into());
    c.apply(Command::Create(ObjectSpec::Service(ServiceSpec {
        name: ServiceName(APP.into()),
        selector: sel,
        port: 80,
        session_affinity: Default::default(),
        balancing: Default::default(),
    })))
    .unwrap();
    c.apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(
        HpaSpec {
            name: HpaName(APP.into()),
            target: DeploymentName(APP.into()),
            min_replicas: Some(1000),
            max_replicas: 1000,
            metrics: vec![MetricSpec::cpu_utilization(50)],
            behavior: None,
        },
    )))
    .unwrap();
    c.step_n(60);
    assert_eq!(
        c.metrics().replicas_ready,
        1000,
        "warm-up should make every pod Ready"
    );
    c.apply(Command::SetLoad(LoadSpec::constant(5000.0)))
        .unwrap();
    c
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
