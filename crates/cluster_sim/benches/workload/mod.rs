//! The benchmark's workload, shared by `benches/engine.rs` and `examples/bench_hour.rs`:
//! 100 large nodes, a 1,000-replica Deployment with an HPA pinned at 1,000, a Service, 5,000 rps.

use cluster_sim::{
    Cluster, Command, DeploymentName, DeploymentSpec, HpaName, HpaSpec, Labels, LoadSpec,
    MetricSpec, NodeTypeName, ObjectSpec, ResourceList, ServiceName, ServiceSpec,
};

const APP: &str = "my-ml-model";

/// 100 large nodes, a 1,000-replica Deployment with an HPA pinned at 1,000, a Service, 5,000 rps.
pub fn warmed_cluster() -> Cluster {
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
