//! The benchmark's workload as a plain program, for CPU-time measurement on a busy machine
//! (`perf stat -e task-clock`): `bench_hour setup` builds only, `bench_hour run` also simulates the hour.

use cluster_sim::{
    Cluster, Command, DeploymentName, DeploymentSpec, HpaName, HpaSpec, Labels, LoadSpec,
    MetricSpec, NodeTypeName, ObjectSpec, ResourceList, ServiceName, ServiceSpec,
};

fn warmed_cluster() -> Cluster {
    let app = "my-ml-model";
    let mut c = Cluster::new(42);
    for _ in 0..100 {
        c.apply(Command::AddNode {
            node_type: NodeTypeName("large".into()),
            immediate: true,
        })
        .unwrap();
    }
    let d = DeploymentSpec::simple(
        app,
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
    sel.insert("app".into(), app.into());
    c.apply(Command::Create(ObjectSpec::Service(ServiceSpec {
        name: ServiceName(app.into()),
        selector: sel,
        port: 80,
        session_affinity: Default::default(),
        balancing: Default::default(),
    })))
    .unwrap();
    c.apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(
        HpaSpec {
            name: HpaName(app.into()),
            target: DeploymentName(app.into()),
            min_replicas: Some(1000),
            max_replicas: 1000,
            metrics: vec![MetricSpec::cpu_utilization(50)],
            behavior: None,
        },
    )))
    .unwrap();
    c.step_n(60);
    c.apply(Command::SetLoad(LoadSpec::constant(5000.0)))
        .unwrap();
    c
}

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
