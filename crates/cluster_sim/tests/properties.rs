//! Property tests: random command sequences (sled's `prop_tree_matches_btreemap` style), checking the
//! engine's invariants after every tick, and that replaying the same sequence gives the same run.

use cluster_sim::{
    Cluster, ClusterAutoscalerSpec, Command, DeploymentName, DeploymentSpec, HpaName, HpaSpec,
    Labels, LoadSpec, MetricSpec, NodeTypeName, ObjectKind, ObjectSpec, PodName, QuotaName,
    QuotaResources, ResourceList, ResourceQuotaSpec, ServiceName, ServiceSpec, SessionAffinity,
};
use propkit::config;
use proptest::prelude::*;

const APP: &str = "my-ml-model";

#[derive(Clone, Debug)]
enum Op {
    Step(u8),
    Scale(u8),
    Load(u16),
    AddNode(bool),
    RemoveNode(u8),
    DeletePod(u8),
    Hpa { min: u8, extra: u8, pct: u8 },
    DeleteHpa,
    Cpu(u16),
    Autoscaler(bool),
    Quota(u8),
    Sticky(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (1u8..40).prop_map(Op::Step),
        1 => (0u8..12).prop_map(Op::Scale),
        2 => (0u16..120).prop_map(Op::Load),
        1 => any::<bool>().prop_map(Op::AddNode),
        1 => any::<u8>().prop_map(Op::RemoveNode),
        1 => any::<u8>().prop_map(Op::DeletePod),
        1 => (1u8..4, 0u8..6, 10u8..95).prop_map(|(min, extra, pct)| Op::Hpa { min, extra, pct }),
        1 => Just(Op::DeleteHpa),
        1 => (50u16..1500).prop_map(Op::Cpu),
        1 => any::<bool>().prop_map(Op::Autoscaler),
        1 => (1u8..10).prop_map(Op::Quota),
        1 => any::<bool>().prop_map(Op::Sticky),
    ]
}

fn setup(seed: u64) -> Cluster {
    let mut c = Cluster::new(seed);
    c.apply(Command::AddNode {
        node_type: NodeTypeName("small".into()),
        immediate: true,
    })
    .unwrap();
    c.apply(Command::AddNode {
        node_type: NodeTypeName("medium".into()),
        immediate: true,
    })
    .unwrap();
    let d = DeploymentSpec::simple(
        APP,
        "registry.example.com/ml/my-ml-model:1.4.2",
        2,
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
    c
}

fn service(sticky: bool) -> ServiceSpec {
    let mut sel = Labels::new();
    sel.insert("app".into(), APP.into());
    ServiceSpec {
        name: ServiceName(APP.into()),
        selector: sel,
        port: 80,
        session_affinity: if sticky {
            SessionAffinity::ClientIP
        } else {
            SessionAffinity::None
        },
        balancing: Default::default(),
    }
}

/// Apply one op; engine rejections are fine (they must just not change anything or panic).
fn apply(c: &mut Cluster, op: &Op) -> Result<(), String> {
    let dep = DeploymentName(APP.into());
    let cmd = match op {
        Op::Step(n) => {
            for _ in 0..*n {
                c.step();
                c.check_invariants()?;
            }
            return Ok(());
        }
        Op::Scale(n) => Command::ScaleDeployment {
            name: dep,
            replicas: u32::from(*n),
        },
        Op::Load(r) => Command::SetLoad(LoadSpec::constant(f64::from(*r))),
        Op::AddNode(big) => Command::AddNode {
            node_type: NodeTypeName(if *big { "medium" } else { "small" }.into()),
            immediate: false,
        },
        Op::RemoveNode(i) => {
            let nodes = c.nodes();
            if nodes.is_empty() {
                return Ok(());
            }
            Command::RemoveNode {
                name: nodes[*i as usize % nodes.len()].name.clone(),
            }
        }
        Op::DeletePod(i) => {
            let pods = c.pods();
            if pods.is_empty() {
                return Ok(());
            }
            Command::DeletePod {
                name: PodName(pods[*i as usize % pods.len()].name.0.clone()),
            }
        }
        Op::Hpa { min, extra, pct } => {
            Command::Apply(ObjectSpec::HorizontalPodAutoscaler(HpaSpec {
                name: HpaName(APP.into()),
                target: dep,
                min_replicas: Some(u32::from(*min)),
                max_replicas: u32::from(*min + *extra),
                metrics: vec![MetricSpec::cpu_utilization(u32::from(*pct))],
                behavior: None,
            }))
        }
        Op::DeleteHpa => Command::Delete {
            kind: ObjectKind::HorizontalPodAutoscaler,
            name: APP.into(),
        },
        Op::Cpu(m) => Command::SetResources {
            deployment: dep,
            container: None,
            requests: ResourceList {
                cpu_milli: Some(u64::from(*m)),
                ..Default::default()
            },
            limits: ResourceList {
                cpu_milli: Some(u64::from(*m) * 2),
                ..Default::default()
            },
        },
        Op::Autoscaler(on) => Command::SetClusterAutoscaler(on.then(|| {
            let mut s = ClusterAutoscalerSpec::new("medium", 1, 4);
            s.node_provision_s = 30;
            s.scale_down_unneeded_s = 60;
            s.scale_down_delay_after_add_s = 60;
            s
        })),
        Op::Quota(p) => Command::Apply(ObjectSpec::ResourceQuota(ResourceQuotaSpec {
            name: QuotaName("q".into()),
            hard: QuotaResources {
                pods: Some(u32::from(*p)),
                ..QuotaResources::default()
            },
        })),
        Op::Sticky(s) => Command::Apply(ObjectSpec::Service(service(*s))),
    };
    let before = c.clone();
    if c.apply(cmd).is_err() && *c != before {
        return Err("a rejected command changed the cluster".into());
    }
    c.check_invariants()
}

fn run(seed: u64, ops: &[Op]) -> Result<Cluster, String> {
    let mut c = setup(seed);
    c.apply(Command::Create(ObjectSpec::Service(service(false))))
        .unwrap();
    for op in ops {
        apply(&mut c, op)?;
    }
    Ok(c)
}

proptest! {
    #![proptest_config(ProptestConfig { max_shrink_iters: 200, ..config(64) })]

    #[test]
    fn invariants_hold_after_every_tick(seed in 0u64..1000, ops in proptest::collection::vec(op(), 1..40)) {
        if let Err(e) = run(seed, &ops) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn same_seed_and_commands_replay_bit_for_bit(seed in 0u64..1000, ops in proptest::collection::vec(op(), 1..25)) {
        let a = run(seed, &ops).unwrap();
        let b = run(seed, &ops).unwrap();
        prop_assert_eq!(a.view(), b.view());
        prop_assert_eq!(a.history().copied().collect::<Vec<_>>(), b.history().copied().collect::<Vec<_>>());
        prop_assert_eq!(a.events(), b.events());
    }
}
