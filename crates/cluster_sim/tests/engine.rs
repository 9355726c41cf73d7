//! Engine behaviour: scheduling, pod lifecycle, quota, crash loops, rollouts, HPA, cluster autoscaler, VPA,
//! API errors and determinism, each checked through the public API only.

use cluster_sim::{
    ApiErrorReason, Cluster, ClusterAutoscalerSpec, Command, DeploymentName, DeploymentSpec,
    EventType, HpaName, HpaSpec, Labels, LoadPattern, LoadSpec, MetricSpec, NodeTypeName,
    ObjectKind, ObjectSpec, Operation, PodName, ProbeSpec, QuotaName, QuotaResources, ResourceList,
    ResourceQuotaSpec, ServiceName, ServiceSpec, SessionAffinity, VpaName, VpaSpec, VpaUpdateMode,
    Workload,
};

const APP: &str = "my-ml-model";

fn deployment(replicas: u32, request_cpu: Option<u64>) -> DeploymentSpec {
    let req = ResourceList {
        cpu_milli: request_cpu,
        memory_mib: Some(1024),
        gpu: None,
    };
    let lim = ResourceList {
        cpu_milli: request_cpu.map(|c| c * 2),
        memory_mib: Some(2048),
        gpu: None,
    };
    DeploymentSpec::simple(
        APP,
        "registry.example.com/ml/my-ml-model:1.4.2",
        replicas,
        req,
        lim,
    )
}

fn service() -> ServiceSpec {
    let mut sel = Labels::new();
    sel.insert("app".into(), APP.into());
    ServiceSpec {
        name: ServiceName(APP.into()),
        selector: sel,
        port: 80,
        session_affinity: SessionAffinity::None,
        balancing: Default::default(),
    }
}

/// A cluster with `nodes` nodes of `node_type`, the model Deployment and its Service.
fn cluster(node_type: &str, nodes: u32, dep: DeploymentSpec) -> Cluster {
    let mut c = Cluster::new(7);
    for _ in 0..nodes {
        c.apply(Command::AddNode {
            node_type: NodeTypeName(node_type.into()),
            immediate: true,
        })
        .unwrap();
    }
    c.apply(Command::Create(ObjectSpec::Deployment(dep)))
        .unwrap();
    c.apply(Command::Create(ObjectSpec::Service(service())))
        .unwrap();
    c
}

fn load(c: &mut Cluster, rps: f64) {
    c.apply(Command::SetLoad(LoadSpec::constant(rps))).unwrap();
}

fn step_checked(c: &mut Cluster, n: u64) {
    for _ in 0..n {
        c.step();
        c.check_invariants().unwrap();
    }
}

#[test]
fn pod_names_follow_the_replicaset_pattern_and_carry_labels() {
    let mut c = cluster("medium", 1, deployment(3, Some(500)));
    c.step();
    let pods = c.pods();
    assert_eq!(pods.len(), 3);
    let hash = c.deployment(APP).unwrap().template_hash;
    assert!(
        !hash.is_empty() && hash.chars().all(|ch| "456789bcdf".contains(ch)),
        "hash {hash}"
    );
    for p in &pods {
        let suffix = p
            .name
            .as_str()
            .strip_prefix(&format!("{APP}-{hash}-"))
            .expect("prefix");
        assert_eq!(suffix.len(), 5);
        assert!(
            suffix
                .chars()
                .all(|ch| "bcdfghjklmnpqrstvwxz2456789".contains(ch)),
            "{suffix}"
        );
        assert_eq!(p.labels.get("app").map(String::as_str), Some(APP));
        assert_eq!(p.labels.get("pod-template-hash"), Some(&hash));
    }
    // Same template, same hash: the hash is a function of the template only.
    let mut other = Cluster::new(99);
    other
        .apply(Command::Create(ObjectSpec::Deployment(deployment(
            1,
            Some(500),
        ))))
        .unwrap();
    assert_eq!(other.deployment(APP).unwrap().template_hash, hash);
}

#[test]
fn lifecycle_goes_pending_creating_running_ready() {
    let mut dep = deployment(1, Some(500));
    dep.workload = Some(Workload {
        model_load_s: 20,
        container_create_s: 5,
        ..Workload::default()
    });
    dep.template.containers[0].readiness_probe = Some(ProbeSpec {
        initial_delay_s: 0,
        period_s: 10,
    });
    let mut c = cluster("medium", 1, dep);
    c.step();
    let p = &c.pods()[0];
    assert_eq!(p.status, "ContainerCreating");
    assert!(p.node.is_some() && p.ip.as_deref().is_some_and(|ip| ip.starts_with("10.244.")));
    c.step_n(5);
    let p = &c.pods()[0];
    assert_eq!(
        (p.status.as_str(), p.ready, p.ready_containers),
        ("Running", false, 0)
    );
    c.step_n(30);
    let p = &c.pods()[0];
    assert!(
        p.ready && p.model_loaded,
        "ready after model load and a probe: {p:?}"
    );
    let ready_at = p.ready_since_tick.unwrap();
    let started = p.started_tick.unwrap();
    assert!(
        ready_at >= started + 5 + 20,
        "not before the model is loaded"
    );
    assert_eq!((ready_at - (started + 5)) % 10, 0, "on a probe period");
    let reasons: Vec<String> = c.events().into_iter().map(|e| e.reason).collect();
    for r in [
        "ScalingReplicaSet",
        "SuccessfulCreate",
        "Scheduled",
        "Started",
    ] {
        assert!(reasons.iter().any(|x| x == r), "missing {r} in {reasons:?}");
    }
}

#[test]
fn pending_pods_get_the_schedulers_message() {
    let mut dep = deployment(3, Some(900));
    dep.template.containers[0].limits.cpu_milli = Some(900);
    let mut c = cluster("small", 1, dep);
    c.step();
    let pending: Vec<_> = c
        .pods()
        .into_iter()
        .filter(|p| p.status == "Pending")
        .collect();
    assert_eq!(
        pending.len(),
        1,
        "two 900m pods fit in 1930m, the third does not"
    );
    assert_eq!(
        pending[0].pending_reason.as_deref(),
        Some("0/1 nodes are available: 1 Insufficient cpu.")
    );
    let ev = c
        .events()
        .into_iter()
        .find(|e| e.reason == "FailedScheduling")
        .unwrap();
    assert_eq!(ev.event_type, EventType::Warning);
    assert_eq!(ev.message, "0/1 nodes are available: 1 Insufficient cpu.");
    // Several reasons are counted and sorted as strings.
    c.apply(Command::AddNode {
        node_type: NodeTypeName("small".into()),
        immediate: false,
    })
    .unwrap();
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 4,
    })
    .unwrap();
    c.step_n(5);
    let msg = c.pods().into_iter().find_map(|p| p.pending_reason).unwrap();
    assert_eq!(msg, "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.");
}

#[test]
fn resource_quota_refuses_pods_with_the_real_message() {
    let mut c = cluster("medium", 2, deployment(2, Some(500)));
    c.apply(Command::Create(ObjectSpec::ResourceQuota(
        ResourceQuotaSpec {
            name: QuotaName("compute-quota".into()),
            hard: QuotaResources {
                requests_cpu_milli: Some(1000),
                pods: Some(10),
                ..QuotaResources::default()
            },
        },
    )))
    .unwrap();
    c.step_n(3);
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 4,
    })
    .unwrap();
    c.step_n(3);
    assert_eq!(c.pods().len(), 2);
    let ev = c
        .events()
        .into_iter()
        .find(|e| e.reason == "FailedCreate")
        .expect("FailedCreate");
    assert_eq!(ev.object.kind, ObjectKind::ReplicaSet);
    let hash = c.deployment(APP).unwrap().template_hash;
    assert_eq!(ev.object.name, format!("{APP}-{hash}"));
    assert!(
        ev.message
            .starts_with(&format!("Error creating: pods \"{APP}-{hash}-")),
        "{}",
        ev.message
    );
    assert!(
        ev.message.ends_with("\" is forbidden: exceeded quota: compute-quota, requested: requests.cpu=500m, used: requests.cpu=1, limited: requests.cpu=1"),
        "{}",
        ev.message
    );
    let d = c.deployment(APP).unwrap();
    assert!(d
        .conditions
        .iter()
        .any(|c| c.kind == "ReplicaFailure" && c.reason == "FailedCreate"));
    assert_eq!((d.replicas, d.current_replicas), (4, 2));
    let q = &c.quotas()[0];
    assert_eq!(
        (q.used.requests_cpu_milli, q.used.pods),
        (Some(1000), Some(2))
    );
    // The ReplicaSet controller retries (every 10 s here), each time with a newly generated name.
    c.step_n(30);
    let evs: Vec<_> = c
        .events()
        .into_iter()
        .filter(|e| e.reason == "FailedCreate")
        .collect();
    assert!(evs.len() >= 4, "{evs:?}");
    assert_eq!(c.pods().len(), 2);
}

#[test]
fn a_crashing_container_backs_off_exponentially() {
    let mut dep = deployment(1, Some(500));
    dep.workload = Some(Workload {
        crash_on_start: true,
        ..Workload::default()
    });
    let mut c = cluster("medium", 1, dep);
    load(&mut c, 5.0);
    let mut statuses = Vec::new();
    let mut restart_ticks = Vec::new();
    let mut last = 0;
    for _ in 0..200 {
        c.step();
        c.check_invariants().unwrap();
        let p = &c.pods()[0];
        statuses.push(p.status.clone());
        if p.restarts != last {
            last = p.restarts;
            restart_ticks.push(c.tick());
        }
    }
    for s in ["ContainerCreating", "Running", "Error", "CrashLoopBackOff"] {
        assert!(statuses.iter().any(|x| x == s), "never {s}: {statuses:?}");
    }
    let gaps: Vec<u64> = restart_ticks.windows(2).map(|w| w[1] - w[0]).collect();
    // Each cycle: back-off (10, 20, 40 ...) plus the few seconds the program runs before exiting.
    assert!(
        gaps.len() >= 3 && gaps[1] > gaps[0] && gaps[2] > gaps[1],
        "{gaps:?}"
    );
    assert_eq!(gaps[1] - gaps[0], 10);
    assert_eq!(gaps[2] - gaps[1], 20);
    let m = c.metrics();
    assert_eq!(m.served_total, 0, "never ready, so never an endpoint");
    assert!(m.failed_total > 0);
    let back = c
        .events()
        .into_iter()
        .find(|e| e.reason == "BackOff")
        .unwrap();
    let pod = c.pods()[0].clone();
    assert_eq!(
        back.message,
        format!(
            "Back-off restarting failed container {APP} in pod {}_default({})",
            pod.name, pod.uid
        )
    );
}

#[test]
fn memory_over_the_limit_is_oom_killed() {
    let mut dep = deployment(1, Some(500));
    dep.template.containers[0].limits.memory_mib = Some(900);
    dep.template.containers[0].requests.memory_mib = Some(900);
    dep.workload = Some(Workload {
        memory_mib_per_queued_request: 10,
        ..Workload::default()
    });
    let mut c = cluster("medium", 1, dep);
    c.step_n(60);
    assert!(c.pods()[0].ready);
    load(&mut c, 60.0);
    let mut saw = false;
    for _ in 0..60 {
        c.step();
        c.check_invariants().unwrap();
        let p = &c.pods()[0];
        saw |= p.status == "OOMKilled";
        if saw {
            assert_eq!(
                p.containers[0].last_termination_reason.as_deref(),
                Some("OOMKilled")
            );
            break;
        }
    }
    assert!(saw, "queue growth should push memory over 900Mi");
    assert!(c.pods()[0].restarts >= 1);
}

#[test]
fn without_a_readiness_probe_requests_fail_while_the_model_loads() {
    let mut dep = deployment(1, Some(500));
    dep.template.containers[0].readiness_probe = None;
    dep.workload = Some(Workload {
        model_load_s: 40,
        ..Workload::default()
    });
    let mut c = cluster("medium", 1, dep);
    load(&mut c, 10.0);
    c.step_n(10);
    let p = &c.pods()[0];
    assert!(
        p.ready && !p.model_loaded,
        "Ready without being able to serve"
    );
    assert!(c.metrics().failed_total > 0);
    c.step_n(60);
    let before = c.metrics().failed_total;
    c.step_n(30);
    assert_eq!(c.metrics().failed_total, before, "no failures once loaded");
}

#[test]
fn apply_reports_created_unchanged_configured_and_rolls_out() {
    let mut c = cluster("large", 2, deployment(4, Some(500)));
    step_checked(&mut c, 60);
    let old = c.deployment(APP).unwrap().template_hash;
    let same = c
        .apply(Command::Apply(ObjectSpec::Deployment(deployment(
            4,
            Some(500),
        ))))
        .unwrap();
    assert_eq!(same.operation, Operation::Unchanged);
    assert_eq!(same.to_string(), "deployment.apps/my-ml-model unchanged");
    let r = c
        .apply(Command::SetResources {
            deployment: DeploymentName(APP.into()),
            container: None,
            requests: ResourceList {
                cpu_milli: Some(750),
                ..Default::default()
            },
            limits: ResourceList {
                cpu_milli: Some(1500),
                ..Default::default()
            },
        })
        .unwrap();
    assert_eq!(
        r.to_string(),
        "deployment.apps/my-ml-model resource requirements updated"
    );
    let new = c.deployment(APP).unwrap().template_hash;
    assert_ne!(old, new);
    let mut max_pods = 0;
    for _ in 0..300 {
        c.step();
        c.check_invariants().unwrap();
        let live = c.pods().iter().filter(|p| !p.deleting).count();
        max_pods = max_pods.max(live);
        let ready = c.pods().iter().filter(|p| p.ready).count();
        assert!(
            ready >= 3 || c.tick() < 70,
            "maxUnavailable 25 % of 4 = 1 at tick {}",
            c.tick()
        );
    }
    assert!(max_pods <= 5, "maxSurge 25 % of 4 = 1, saw {max_pods}");
    let d = c.deployment(APP).unwrap();
    assert!(d.rollout_complete, "{d:?}");
    assert!(c
        .pods()
        .iter()
        .all(|p| p.template_hash == new && p.requests.cpu_milli == 750));
}

#[test]
fn api_errors_print_like_the_api_server() {
    let mut c = cluster("medium", 1, deployment(1, Some(500)));
    let e = c
        .apply(Command::ScaleDeployment {
            name: DeploymentName("web".into()),
            replicas: 3,
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Error from server (NotFound): deployments.apps \"web\" not found"
    );
    let e = c
        .apply(Command::Create(ObjectSpec::Deployment(deployment(
            1,
            Some(500),
        ))))
        .unwrap_err();
    assert_eq!(e.reason, ApiErrorReason::AlreadyExists);
    assert_eq!(
        e.to_string(),
        "Error from server (AlreadyExists): deployments.apps \"my-ml-model\" already exists"
    );
    let bad = HpaSpec {
        name: HpaName(APP.into()),
        target: DeploymentName(APP.into()),
        min_replicas: Some(5),
        max_replicas: 2,
        metrics: vec![],
        behavior: None,
    };
    let e = c
        .apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(bad)))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Error from server (Invalid): HorizontalPodAutoscaler.autoscaling \"my-ml-model\" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"
    );
    let mut d = deployment(1, Some(500));
    d.template.containers[0].limits.cpu_milli = Some(100);
    let e = c
        .apply(Command::Apply(ObjectSpec::Deployment(d)))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("must be less than or equal to cpu limit of 100m"),
        "{e}"
    );
    let e = c
        .apply(Command::DeletePod {
            name: PodName("nope".into()),
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Error from server (NotFound): pods \"nope\" not found"
    );
    let e = c
        .apply(Command::Delete {
            kind: ObjectKind::HorizontalPodAutoscaler,
            name: "x".into(),
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Error from server (NotFound): horizontalpodautoscalers.autoscaling \"x\" not found"
    );
    let ok = c
        .apply(Command::Delete {
            kind: ObjectKind::Deployment,
            name: APP.into(),
        })
        .unwrap();
    assert_eq!(ok.to_string(), "deployment.apps \"my-ml-model\" deleted");
    assert!(c
        .apply(Command::AddNode {
            node_type: NodeTypeName("huge".into()),
            immediate: true
        })
        .is_err());
    // The simulator's limits keep every tick bounded (the browser must stay responsive).
    let e = c
        .apply(Command::ScaleDeployment {
            name: DeploymentName("x".into()),
            replicas: 1_000_000,
        })
        .unwrap_err();
    assert_eq!(e.reason, ApiErrorReason::Invalid);
    assert!(c.apply(Command::SetLoad(LoadSpec::constant(1e12))).is_err());
    assert!(c
        .apply(Command::SetClusterAutoscaler(Some(
            ClusterAutoscalerSpec::new("small", 1, 1_000_000)
        )))
        .is_err());
}

fn hpa(min: u32, max: u32, pct: u32) -> HpaSpec {
    HpaSpec {
        name: HpaName(APP.into()),
        target: DeploymentName(APP.into()),
        min_replicas: Some(min),
        max_replicas: max,
        metrics: vec![MetricSpec::cpu_utilization(pct)],
        behavior: None,
    }
}

#[test]
fn hpa_scales_out_under_load_and_records_the_event() {
    let mut c = cluster("medium", 3, deployment(2, Some(500)));
    step_checked(&mut c, 60);
    c.apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(hpa(
        2, 10, 50,
    ))))
    .unwrap();
    load(&mut c, 40.0);
    step_checked(&mut c, 240);
    let h = c.hpa(APP).unwrap();
    assert!(
        h.current_replicas > 2 && c.deployment(APP).unwrap().replicas > 2,
        "{h:?}"
    );
    let ev = c
        .events()
        .into_iter()
        .find(|e| e.reason == "SuccessfulRescale")
        .unwrap();
    assert!(ev.message.starts_with("New size: "), "{}", ev.message);
    assert!(ev
        .message
        .ends_with("; reason: cpu resource utilization (percentage of request) above target"));
    assert_eq!(ev.source, "horizontal-pod-autoscaler");
    assert!(h.current_metrics[0].current_utilization_percent.is_some());
    assert!(h
        .conditions
        .iter()
        .any(|c| c.kind == "ScalingActive" && c.status && c.reason == "ValidMetricFound"));
    assert!(!h.last_explanation.is_empty());
    // Scale-down waits out the 5 minute window after the load stops.
    load(&mut c, 0.0);
    let peak = c.deployment(APP).unwrap().replicas;
    step_checked(&mut c, 250);
    assert_eq!(
        c.deployment(APP).unwrap().replicas,
        peak,
        "held by stabilization"
    );
    step_checked(&mut c, 120);
    assert_eq!(c.deployment(APP).unwrap().replicas, 2);
}

#[test]
fn hpa_without_cpu_requests_shows_unknown_and_does_nothing() {
    let mut c = cluster("medium", 2, deployment(2, None));
    c.apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(hpa(
        2, 10, 50,
    ))))
    .unwrap();
    load(&mut c, 60.0);
    step_checked(&mut c, 200);
    let h = c.hpa(APP).unwrap();
    assert_eq!(
        h.current_metrics[0].current_utilization_percent, None,
        "<unknown>"
    );
    assert_eq!(c.deployment(APP).unwrap().replicas, 2);
    let cond = h
        .conditions
        .iter()
        .find(|c| c.kind == "ScalingActive")
        .unwrap();
    assert!(!cond.status);
    assert_eq!(cond.reason, "FailedGetResourceMetric");
    let pod = c.pods()[0].name.clone();
    assert!(cond.message.starts_with("the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container my-ml-model of Pod "), "{}", cond.message);
    let ev = c
        .events()
        .into_iter()
        .rfind(|e| e.reason == "FailedComputeMetricsReplicas")
        .unwrap();
    assert!(ev.message.starts_with("invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container my-ml-model of Pod "));
    assert!(ev.count > 1, "repeats every sync");
    assert!(
        ev.message.ends_with(pod.as_str())
            || c.pods()
                .iter()
                .any(|p| ev.message.ends_with(p.name.as_str()))
    );
}

#[test]
fn hpa_jumps_into_range_and_disables_at_zero() {
    let mut c = cluster("large", 3, deployment(12, Some(200)));
    c.apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(hpa(
        2, 5, 50,
    ))))
    .unwrap();
    c.step_n(2);
    assert_eq!(c.deployment(APP).unwrap().replicas, 5);
    let ev = c
        .events()
        .into_iter()
        .find(|e| e.reason == "SuccessfulRescale")
        .unwrap();
    assert_eq!(
        ev.message,
        "New size: 5; reason: Current number of replicas above Spec.MaxReplicas"
    );
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 0,
    })
    .unwrap();
    c.step_n(20);
    let h = c.hpa(APP).unwrap();
    assert_eq!(c.deployment(APP).unwrap().replicas, 0);
    assert!(h
        .conditions
        .iter()
        .any(|c| c.reason == "ScalingDisabled" && !c.status));
}

#[test]
fn cluster_autoscaler_adds_nodes_for_pending_pods_and_removes_idle_ones() {
    let mut dep = deployment(2, Some(1000));
    dep.template.containers[0].limits.cpu_milli = Some(1000);
    let mut c = cluster("small", 1, dep);
    let mut ca = ClusterAutoscalerSpec::new("small", 1, 5);
    ca.node_provision_s = 60;
    c.apply(Command::SetClusterAutoscaler(Some(ca))).unwrap();
    step_checked(&mut c, 5);
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 4,
    })
    .unwrap();
    step_checked(&mut c, 15);
    assert!(c.nodes().len() > 1, "scale-up ordered within a scan");
    assert!(c
        .nodes()
        .iter()
        .any(|n| n.provisioning && n.status == "NotReady"));
    let ev = c
        .events()
        .into_iter()
        .find(|e| e.reason == "TriggeredScaleUp")
        .unwrap();
    assert!(
        ev.message
            .starts_with("pod triggered scale-up: [{small-pool 1->"),
        "{}",
        ev.message
    );
    step_checked(&mut c, 120);
    assert!(
        c.pods().iter().all(|p| p.node.is_some()),
        "all scheduled once nodes are Ready"
    );
    // Scale back in: nodes under 50 % requested for 10 minutes (after the 10 min delay-after-add) go away.
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 1,
    })
    .unwrap();
    step_checked(&mut c, 1500);
    assert_eq!(
        c.nodes().len(),
        1,
        "{:?}",
        c.nodes().iter().map(|n| &n.name).collect::<Vec<_>>()
    );
    assert!(c.events().iter().any(|e| e.reason == "ScaleDown"));
}

#[test]
fn sticky_sessions_keep_load_on_old_pods() {
    let mut c = cluster("large", 2, deployment(2, Some(500)));
    let mut svc = service();
    svc.session_affinity = SessionAffinity::ClientIP;
    c.apply(Command::Apply(ObjectSpec::Service(svc))).unwrap();
    step_checked(&mut c, 60);
    load(&mut c, 20.0);
    step_checked(&mut c, 30);
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 4,
    })
    .unwrap();
    step_checked(&mut c, 120);
    let mut served: Vec<(u64, u32)> = c
        .pods()
        .iter()
        .map(|p| (p.created_tick, p.served_last_tick))
        .collect();
    served.sort();
    let old: u32 = served[..2].iter().map(|s| s.1).sum();
    let new: u32 = served[2..].iter().map(|s| s.1).sum();
    assert!(
        old > new * 3,
        "old pods keep their clients: old {old} new {new}"
    );
}

#[test]
fn vpa_recreate_lowers_oversized_requests() {
    let mut dep = deployment(3, Some(2000));
    dep.template.containers[0].limits.cpu_milli = None;
    let mut c = cluster("medium", 3, dep);
    c.apply(Command::Create(ObjectSpec::VerticalPodAutoscaler(
        VpaSpec {
            name: VpaName(APP.into()),
            target: DeploymentName(APP.into()),
            update_mode: VpaUpdateMode::Recreate,
            max_allowed: None,
        },
    )))
    .unwrap();
    load(&mut c, 10.0);
    step_checked(&mut c, 900);
    let v = &c.vpas()[0];
    let rec = v
        .recommendation
        .as_ref()
        .expect("recommendation after a few minutes");
    assert!(
        rec.target.cpu_milli < 1000 && rec.target.cpu_milli >= 25,
        "{rec:?}"
    );
    assert!(c.events().iter().any(|e| e.reason == "EvictedByVPA"));
    assert!(c
        .pods()
        .iter()
        .filter(|p| !p.deleting)
        .all(|p| p.requests.cpu_milli == rec.target.cpu_milli || p.requests.cpu_milli < 2000));
}

fn run(seed: u64) -> (Vec<cluster_sim::TickMetrics>, cluster_sim::ClusterView) {
    let sc = cluster_sim::scenario::find("hpa-cluster-autoscaler")
        .unwrap()
        .unwrap();
    let mut c = sc
        .build(&cluster_sim::scenario::Strategy::Scenario, seed, None, 1.0)
        .unwrap();
    c.step_n(900);
    (c.history().copied().collect(), c.view())
}

#[test]
fn same_seed_same_run_bit_for_bit() {
    let (h1, v1) = run(5);
    let (h2, v2) = run(5);
    assert_eq!(h1, h2);
    assert_eq!(v1, v2);
    let (h3, _) = run(6);
    assert_ne!(h1, h3, "a different seed changes the arrivals");
}

#[test]
fn history_and_events_can_be_read_incrementally() {
    let mut c = cluster("medium", 1, deployment(1, Some(500)));
    c.set_history_capacity(50);
    c.step_n(100);
    assert_eq!(c.history().count(), 50);
    let since: Vec<u64> = c.history_since(95).map(|m| m.tick).collect();
    assert_eq!(since, vec![96, 97, 98, 99, 100]);
    let seq = c.last_event_seq();
    c.apply(Command::ScaleDeployment {
        name: DeploymentName(APP.into()),
        replicas: 2,
    })
    .unwrap();
    c.step();
    let new = c.events_since(seq);
    assert!(!new.is_empty() && new.iter().all(|e| e.seq > seq));
}

#[test]
fn load_patterns_drive_the_generated_requests() {
    let mut c = cluster("large", 1, deployment(2, Some(500)));
    c.step_n(60);
    c.apply(Command::SetLoad(LoadSpec {
        pattern: LoadPattern::Trace {
            rps: vec![0.0, 100.0, 0.0],
            step_s: 10,
        },
        intensity: 1.0,
    }))
    .unwrap();
    let start = c.metrics().generated_total;
    c.step_n(10);
    let quiet = c.metrics().generated_total - start;
    c.step_n(10);
    let busy = c.metrics().generated_total - start - quiet;
    assert_eq!(quiet, 0);
    assert!(
        (800..1200).contains(&busy),
        "about 100 rps for 10 s: {busy}"
    );
    assert!(c
        .apply(Command::SetLoad(LoadSpec {
            pattern: LoadPattern::Constant { rps: 1.0 },
            intensity: f64::NAN
        }))
        .is_err());
}

#[test]
fn pods_without_requests_still_spread_over_nodes() {
    // The scheduler scores a request of 0 as 100m CPU / 200Mi (nonzero.go), so BestEffort pods spread.
    let mut c = cluster("medium", 3, deployment(3, None));
    c.step();
    let mut nodes: Vec<String> = c
        .pods()
        .into_iter()
        .filter_map(|p| p.node.map(|n| n.0))
        .collect();
    nodes.sort();
    nodes.dedup();
    assert_eq!(nodes.len(), 3, "one pod per node: {nodes:?}");
}

#[test]
fn narration_tells_what_happened_in_plain_words() {
    let sc = cluster_sim::scenario::find("hpa-cluster-autoscaler")
        .unwrap()
        .unwrap();
    let mut c = sc
        .build(
            &cluster_sim::scenario::Strategy::Scenario,
            sc.seed,
            None,
            1.0,
        )
        .unwrap();
    let start = 0;
    c.step_n(900);
    let lines: Vec<String> = c
        .narration_since(start)
        .into_iter()
        .map(|n| n.text)
        .collect();
    let has = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    assert!(
        has("HPA my-ml-model scaled my-ml-model from "),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("replicas: CPU ") && l.ends_with("% against a target of 50 %.")),
        "{lines:#?}"
    );
    assert!(has("Cluster autoscaler is adding "), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("stay Pending: 0/2 nodes are available: 2 Insufficient cpu.")),
        "{lines:#?}"
    );
    assert!(
        has("Node ")
            && lines
                .iter()
                .any(|l| l.ends_with("is Ready: Pending pods can be scheduled on it."))
    );
    let seqs: Vec<u64> = c.narration_since(start).iter().map(|n| n.seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    let last = *seqs.last().unwrap();
    assert!(c.narration_since(last).is_empty());
}

#[test]
fn describe_details_conditions_qos_exit_codes_and_replicasets() {
    let mut dep = deployment(2, Some(500));
    dep.template.containers[0].requests.cpu_milli = Some(1000);
    dep.template.containers[0].limits.cpu_milli = Some(1000);
    dep.template.containers[0].requests.memory_mib = Some(2048);
    let mut c = cluster("small", 1, dep);
    c.step_n(60);
    let pods = c.pods();
    let pending = pods
        .iter()
        .find(|p| p.node.is_none())
        .expect("one does not fit a small node");
    let sched = &pending.conditions[0];
    assert_eq!(
        (sched.kind.as_str(), sched.status, sched.reason.as_str()),
        ("PodScheduled", false, "Unschedulable")
    );
    let running = pods.iter().find(|p| p.node.is_some()).unwrap();
    let kinds: Vec<&str> = running.conditions.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["PodScheduled", "Initialized", "ContainersReady", "Ready"]
    );
    assert_eq!(running.qos_class, "Guaranteed");
    let rs = c.replica_sets();
    assert_eq!(rs.len(), 1);
    assert_eq!((rs[0].desired, rs[0].current, rs[0].ready), (2, 2, 1));
    assert_eq!(
        rs[0].name,
        format!("{APP}-{}", c.deployment(APP).unwrap().template_hash)
    );
    let best_effort = cluster("medium", 1, deployment(1, None));
    let mut be = best_effort;
    be.step();
    assert_eq!(
        be.pods()[0].qos_class,
        "Burstable",
        "memory request set, CPU not"
    );
}
