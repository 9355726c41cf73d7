//! kubectl's printers over the engine's views: `get` tables (server-side column definitions),
//! `-o yaml/json/name`, `describe` layouts and `top`. Pure functions of a [`Cluster`].

use crate::clock::{rfc1123z, rfc3339};
use crate::duration::human_duration;
use crate::quantity::format_cpu_milli;
use crate::resources::{resource_def, ResourceKind};
use crate::tabwriter::{align, DESCRIBE};
use crate::yaml::Out;
use cluster_sim::{
    Cluster, ConditionView, DeploymentView, EventView, HpaView, Labels, MetricSpec, MetricTarget,
    NodeView, ObjectKind, PodView, QuotaResources, QuotaView, ResourceList, ServiceView,
    SessionAffinity,
};

/// One object as a table row, with what filtering needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub name: String,
    pub labels: Labels,
    pub cells: Vec<String>,
}

/// Index of the AGE-like column that changes every second (ignored when `-w` compares rows).
pub fn age_column(kind: ResourceKind) -> Option<usize> {
    match kind {
        ResourceKind::Event => Some(0),
        ResourceKind::ResourceQuota => Some(1),
        ResourceKind::Node => Some(3),
        ResourceKind::Pod | ResourceKind::Deployment | ResourceKind::ReplicaSet => {
            Some(header(kind, false).len() - 1)
        }
        ResourceKind::HorizontalPodAutoscaler | ResourceKind::Service => {
            Some(header(kind, false).len() - 1)
        }
    }
}

/// Column headers (already upper-case, as the table printer upper-cases them).
pub fn header(kind: ResourceKind, wide: bool) -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = match kind {
        ResourceKind::Pod => vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        ResourceKind::Deployment => vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        ResourceKind::ReplicaSet => vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        ResourceKind::HorizontalPodAutoscaler => {
            vec![
                "NAME",
                "REFERENCE",
                "TARGETS",
                "MINPODS",
                "MAXPODS",
                "REPLICAS",
                "AGE",
            ]
        }
        ResourceKind::Service => vec![
            "NAME",
            "TYPE",
            "CLUSTER-IP",
            "EXTERNAL-IP",
            "PORT(S)",
            "AGE",
        ],
        ResourceKind::Node => vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        ResourceKind::Event => vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        ResourceKind::ResourceQuota => vec!["NAME", "AGE", "REQUEST", "LIMIT"],
    };
    if wide {
        cols.extend(match kind {
            ResourceKind::Pod => vec!["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
            ResourceKind::Deployment | ResourceKind::ReplicaSet => {
                vec!["CONTAINERS", "IMAGES", "SELECTOR"]
            }
            ResourceKind::Service => vec!["SELECTOR"],
            ResourceKind::Node => vec![
                "INTERNAL-IP",
                "EXTERNAL-IP",
                "OS-IMAGE",
                "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ],
            ResourceKind::Event => vec!["SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME"],
            _ => vec![],
        });
    }
    cols
}

fn age(now: u64, since: u64) -> String {
    human_duration(now as i64 - since as i64)
}

fn labels_text(labels: &Labels) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn or_none(value: Option<String>) -> String {
    value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "<none>".to_string())
}

fn pod_restarts(pod: &PodView, now: u64) -> String {
    match pod.last_restart_tick {
        Some(t) if pod.restarts > 0 => format!("{} ({} ago)", pod.restarts, age(now, t)),
        _ => pod.restarts.to_string(),
    }
}

/// The ReplicaSets of a deployment, derived from its pods' template hashes (the engine keeps
/// them implicit): (name, hash, desired, current, ready).
pub fn replica_sets(cluster: &Cluster) -> Vec<(String, DeploymentView, String, u32, u32, u32)> {
    let pods = cluster.pods();
    let mut out = Vec::new();
    for d in cluster.deployments() {
        let mut hashes: Vec<String> = pods
            .iter()
            .filter(|p| p.deployment.as_ref() == Some(&d.name))
            .map(|p| p.template_hash.clone())
            .collect();
        hashes.push(d.template_hash.clone());
        hashes.sort();
        hashes.dedup();
        for hash in hashes {
            let mine: Vec<&PodView> = pods
                .iter()
                .filter(|p| {
                    p.deployment.as_ref() == Some(&d.name) && p.template_hash == hash && !p.deleting
                })
                .collect();
            let desired = if hash == d.template_hash {
                d.replicas
            } else {
                mine.len() as u32
            };
            let ready = mine.iter().filter(|p| p.ready).count() as u32;
            out.push((
                format!("{}-{hash}", d.name),
                d.clone(),
                hash,
                desired,
                mine.len() as u32,
                ready,
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `cpu: 30%/50%` and friends (`printers.go: formatHPAMetrics`).
pub fn hpa_targets(hpa: &HpaView) -> String {
    let mut list = Vec::new();
    for (i, spec) in hpa.metrics.iter().enumerate() {
        let status = hpa.current_metrics.get(i);
        let text = match spec {
            MetricSpec::Resource {
                resource,
                target:
                    MetricTarget::Utilization {
                        average_utilization_percent,
                    },
            } => {
                let current = status
                    .and_then(|s| s.current_utilization_percent)
                    .map(|u| format!("{u}%"))
                    .unwrap_or_else(|| "<unknown>".into());
                format!(
                    "{}: {current}/{average_utilization_percent}%",
                    resource.as_str()
                )
            }
            MetricSpec::Resource {
                resource,
                target:
                    MetricTarget::AverageValue {
                        average_value_milli,
                    },
            } => {
                let memory = resource.as_str() == "memory";
                let fmt = |v: u64| {
                    if memory {
                        cluster_sim::format_memory_mib(v)
                    } else {
                        format_cpu_milli(v)
                    }
                };
                let current = status
                    .and_then(|s| s.current_average_value_milli)
                    .map(fmt)
                    .unwrap_or_else(|| "<unknown>".into());
                format!(
                    "{}: {current}/{}",
                    resource.as_str(),
                    fmt(*average_value_milli)
                )
            }
            MetricSpec::Pods {
                target_average_value_milli,
                ..
            } => {
                let current = status
                    .and_then(|s| s.current_average_value_milli)
                    .map(format_cpu_milli)
                    .unwrap_or_else(|| "<unknown>".into());
                format!(
                    "{current}/{}",
                    format_cpu_milli(*target_average_value_milli)
                )
            }
        };
        list.push(text);
    }
    match list.len() {
        0 => "<none>".to_string(),
        1 | 2 => list.join(", "),
        n => format!("{} + {} more...", list[..2].join(", "), n - 2),
    }
}

fn quota_columns(q: &QuotaView) -> (String, String) {
    let entries = quota_entries(&q.hard, &q.used);
    let mut request = Vec::new();
    let mut limit = Vec::new();
    for (name, used, hard) in entries {
        let text = format!("{name}: {used}/{hard}");
        if name.starts_with("limits.") {
            limit.push(text);
        } else {
            request.push(text);
        }
    }
    (request.join(", "), limit.join(", "))
}

/// (resource name, used, hard) sorted by name, for every capped resource.
pub fn quota_entries(
    hard: &QuotaResources,
    used: &QuotaResources,
) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mem = cluster_sim::format_memory_mib;
    if let Some(h) = hard.limits_cpu_milli {
        out.push((
            "limits.cpu",
            format_cpu_milli(used.limits_cpu_milli.unwrap_or(0)),
            format_cpu_milli(h),
        ));
    }
    if let Some(h) = hard.limits_memory_mib {
        out.push((
            "limits.memory",
            zero_or(used.limits_memory_mib, mem),
            mem(h),
        ));
    }
    if let Some(h) = hard.pods {
        out.push(("pods", used.pods.unwrap_or(0).to_string(), h.to_string()));
    }
    if let Some(h) = hard.requests_cpu_milli {
        out.push((
            "requests.cpu",
            format_cpu_milli(used.requests_cpu_milli.unwrap_or(0)),
            format_cpu_milli(h),
        ));
    }
    if let Some(h) = hard.requests_memory_mib {
        out.push((
            "requests.memory",
            zero_or(used.requests_memory_mib, mem),
            mem(h),
        ));
    }
    out
}

fn zero_or(value: Option<u64>, fmt: fn(u64) -> String) -> String {
    match value {
        Some(v) if v > 0 => fmt(v),
        _ => "0".to_string(),
    }
}

fn node_internal_ip(index: usize) -> String {
    format!("10.128.0.{}", index + 2)
}

fn event_object(e: &EventView) -> String {
    format!(
        "{}/{}",
        e.object.kind.as_str().to_lowercase(),
        e.object.name
    )
}

/// One event as a `get events` row (server-side `printEvent`).
pub fn event_row(e: &EventView, now: u64, wide: bool) -> Row {
    let last_seen = if e.count > 1 {
        format!(
            "{} (x{} over {})",
            age(now, e.last_tick),
            e.count,
            age(now, e.first_tick)
        )
    } else {
        age(now, e.last_tick)
    };
    let name = format!("{}.{:x}", e.object.name, 0x1800_0000_0000u64 + e.seq);
    let mut cells = vec![
        last_seen,
        e.event_type.as_str().into(),
        e.reason.clone(),
        event_object(e),
        e.message.clone(),
    ];
    if wide {
        cells.extend([
            "".into(),
            e.source.clone(),
            age(now, e.first_tick),
            e.count.to_string(),
            name.clone(),
        ]);
    }
    Row {
        name,
        labels: Labels::new(),
        cells,
    }
}

/// Every object of a kind as rows, sorted as the API server lists them (by name; events by time).
pub fn rows(cluster: &Cluster, kind: ResourceKind, wide: bool) -> Vec<Row> {
    let now = cluster.tick();
    let mut rows: Vec<Row> = match kind {
        ResourceKind::Pod => cluster
            .pods()
            .into_iter()
            .map(|p| {
                let mut cells = vec![
                    p.name.to_string(),
                    format!("{}/{}", p.ready_containers, p.total_containers),
                    p.status.clone(),
                    pod_restarts(&p, now),
                    age(now, p.created_tick),
                ];
                if wide {
                    cells.push(or_none(p.ip.clone()));
                    cells.push(or_none(p.node.as_ref().map(|n| n.to_string())));
                    cells.push("<none>".into());
                    cells.push("<none>".into());
                }
                Row {
                    name: p.name.to_string(),
                    labels: p.labels.clone(),
                    cells,
                }
            })
            .collect(),
        ResourceKind::Deployment => cluster
            .deployments()
            .into_iter()
            .map(|d| {
                let mut cells = vec![
                    d.name.to_string(),
                    format!("{}/{}", d.ready_replicas, d.replicas),
                    d.updated_replicas.to_string(),
                    d.available_replicas.to_string(),
                    age(now, d.created_tick),
                ];
                if wide {
                    cells.extend(containers_images_selector(&d));
                }
                Row {
                    name: d.name.to_string(),
                    labels: d.template.labels.clone(),
                    cells,
                }
            })
            .collect(),
        ResourceKind::ReplicaSet => replica_sets(cluster)
            .into_iter()
            .map(|(name, d, hash, desired, current, ready)| {
                let mut cells = vec![
                    name.clone(),
                    desired.to_string(),
                    current.to_string(),
                    ready.to_string(),
                    age(now, d.created_tick),
                ];
                if wide {
                    let mut cis = containers_images_selector(&d);
                    cis[2] = format!("{},pod-template-hash={hash}", cis[2]);
                    cells.extend(cis);
                }
                let mut labels = d.template.labels.clone();
                labels.insert("pod-template-hash".into(), hash);
                Row {
                    name,
                    labels,
                    cells,
                }
            })
            .collect(),
        ResourceKind::HorizontalPodAutoscaler => cluster
            .hpas()
            .into_iter()
            .map(|h| Row {
                name: h.name.to_string(),
                labels: Labels::new(),
                cells: vec![
                    h.name.to_string(),
                    format!("Deployment/{}", h.target),
                    hpa_targets(&h),
                    h.min_replicas.unwrap_or(1).to_string(),
                    h.max_replicas.to_string(),
                    h.current_replicas.to_string(),
                    age(now, h.created_tick),
                ],
            })
            .collect(),
        ResourceKind::Service => cluster
            .services()
            .into_iter()
            .map(|s| {
                let mut cells = vec![
                    s.name.to_string(),
                    "ClusterIP".into(),
                    s.cluster_ip.clone(),
                    "<none>".into(),
                    format!("{}/TCP", s.port),
                    age(now, s.created_tick),
                ];
                if wide {
                    cells.push(labels_text(&s.selector));
                }
                Row {
                    name: s.name.to_string(),
                    labels: Labels::new(),
                    cells,
                }
            })
            .collect(),
        ResourceKind::Node => cluster
            .nodes()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let mut cells = vec![
                    n.name.to_string(),
                    n.status.clone(),
                    n.roles.clone(),
                    age(now, n.created_tick),
                    n.version.clone(),
                ];
                if wide {
                    cells.extend([
                        node_internal_ip(i),
                        "<none>".into(),
                        "Container-Optimized OS from Google".into(),
                        "6.6.56+".into(),
                        "containerd://1.7.24".into(),
                    ]);
                }
                Row {
                    name: n.name.to_string(),
                    labels: n.labels.clone(),
                    cells,
                }
            })
            .collect(),
        ResourceKind::Event => {
            let mut events = cluster.events();
            events.sort_by_key(|e| (e.last_tick, e.seq));
            return events.iter().map(|e| event_row(e, now, wide)).collect();
        }
        ResourceKind::ResourceQuota => cluster
            .quotas()
            .into_iter()
            .map(|q| {
                let (request, limit) = quota_columns(&q);
                Row {
                    name: q.name.to_string(),
                    labels: Labels::new(),
                    cells: vec![q.name.to_string(), age(now, q.created_tick), request, limit],
                }
            })
            .collect(),
    };
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

fn containers_images_selector(d: &DeploymentView) -> [String; 3] {
    let names: Vec<&str> = d
        .template
        .containers
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let images: Vec<&str> = d
        .template
        .containers
        .iter()
        .map(|c| c.image.as_str())
        .collect();
    [names.join(","), images.join(","), labels_text(&d.selector)]
}

/// Formats rows under their header with kubectl's tabwriter settings.
pub fn table_text(header: &[&str], rows: &[Row], show_labels: bool) -> String {
    let mut text = header.join("\t");
    if show_labels {
        text.push_str("\tLABELS");
    }
    text.push('\n');
    for row in rows {
        text.push_str(&row_line(row, show_labels));
    }
    align(&text, crate::tabwriter::TABLE)
}

/// One row as a tab-separated line (for the tabwriter).
pub fn row_line(row: &Row, show_labels: bool) -> String {
    let mut line = row.cells.join("\t");
    if show_labels {
        line.push('\t');
        line.push_str(&labels_text(&row.labels));
    }
    line.push('\n');
    line
}

// ---------------------------------------------------------------------------------------------
// -o yaml / json
// ---------------------------------------------------------------------------------------------

fn metadata(name: &str, tick: u64, labels: Option<&Labels>, namespaced: bool) -> Out {
    let mut meta = Out::map()
        .with("name", name)
        .with("creationTimestamp", rfc3339(tick));
    if namespaced {
        meta.set("namespace", "default");
    }
    if let Some(labels) = labels.filter(|l| !l.is_empty()) {
        meta.set("labels", labels);
    }
    meta
}

fn resource_list(list: &ResourceList) -> Out {
    let mut out = Out::map();
    if let Some(cpu) = list.cpu_milli {
        out.set("cpu", format_cpu_milli(cpu));
    }
    if let Some(mem) = list.memory_mib {
        out.set("memory", cluster_sim::format_memory_mib(mem));
    }
    if let Some(gpu) = list.gpu {
        out.set("nvidia.com/gpu", gpu.to_string());
    }
    out
}

fn conditions(list: &[ConditionView]) -> Out {
    Out::Seq(
        list.iter()
            .map(|c| {
                Out::map()
                    .with("type", c.kind.as_str())
                    .with("status", if c.status { "True" } else { "False" })
                    .with("reason", c.reason.as_str())
                    .with("message", c.message.as_str())
                    .with("lastTransitionTime", rfc3339(c.last_transition_tick))
            })
            .collect(),
    )
}

fn template_out(d: &DeploymentView) -> Out {
    let containers: Vec<Out> = d
        .template
        .containers
        .iter()
        .map(|c| {
            let mut resources = Out::map();
            if !c.requests.is_empty() {
                resources.set("requests", resource_list(&c.requests));
            }
            if !c.limits.is_empty() {
                resources.set("limits", resource_list(&c.limits));
            }
            let mut out = Out::map()
                .with("name", c.name.as_str())
                .with("image", c.image.as_str())
                .with("imagePullPolicy", "IfNotPresent")
                .with("resources", resources)
                .with("terminationMessagePath", "/dev/termination-log")
                .with("terminationMessagePolicy", "File");
            if let Some(p) = &c.readiness_probe {
                out.set(
                    "readinessProbe",
                    Out::map()
                        .with(
                            "httpGet",
                            Out::map()
                                .with("path", "/healthz")
                                .with("port", 8080u32)
                                .with("scheme", "HTTP"),
                        )
                        .with("initialDelaySeconds", p.initial_delay_s)
                        .with("periodSeconds", p.period_s)
                        .with("failureThreshold", 3u32)
                        .with("successThreshold", 1u32)
                        .with("timeoutSeconds", 1u32),
                );
            }
            out
        })
        .collect();
    let mut spec = Out::map()
        .with("containers", containers)
        .with("dnsPolicy", "ClusterFirst")
        .with("restartPolicy", "Always")
        .with("schedulerName", "default-scheduler")
        .with("terminationGracePeriodSeconds", 30u32);
    if let Some(t) = &d.template.node_type {
        spec.set(
            "nodeSelector",
            Out::map().with(crate::manifest::INSTANCE_TYPE_LABEL, t.to_string()),
        );
    }
    Out::map()
        .with("metadata", Out::map().with("labels", &d.template.labels))
        .with("spec", spec)
}

/// The full object for `-o yaml` / `-o json`, or `None` if it does not exist.
pub fn object_out(cluster: &Cluster, kind: ResourceKind, name: &str) -> Option<Out> {
    let def = resource_def(kind);
    let base = |meta: Out| {
        Out::map()
            .with("apiVersion", def.api_version)
            .with("kind", def.kind_name)
            .with("metadata", meta)
    };
    Some(match kind {
        ResourceKind::Pod => {
            let p = cluster.pod(name)?;
            let mut status = Out::map().with("phase", p.phase.as_str());
            if let Some(ip) = &p.ip {
                status.set("podIP", ip.as_str());
            }
            if let Some(t) = p.started_tick {
                status.set("startTime", rfc3339(t));
            }
            let statuses: Vec<Out> = p
                .containers
                .iter()
                .map(|c| {
                    let state = match c.reason.as_deref() {
                        Some(reason) if c.state != "Running" => Out::map()
                            .with(&c.state.to_lowercase(), Out::map().with("reason", reason)),
                        _ => Out::map().with(&c.state.to_lowercase(), Out::map()),
                    };
                    Out::map()
                        .with("name", c.name.as_str())
                        .with("image", c.image.as_str())
                        .with("ready", c.ready)
                        .with("restartCount", c.restart_count)
                        .with("started", c.state == "Running")
                        .with("state", state)
                })
                .collect();
            status.set("containerStatuses", statuses);
            let mut spec = Out::map();
            if let Some(node) = &p.node {
                spec.set("nodeName", node.to_string());
            }
            let containers: Vec<Out> = p
                .containers
                .iter()
                .map(|c| {
                    let mut resources = Out::map();
                    if !c.requests.is_empty() {
                        resources.set("requests", resource_list(&c.requests));
                    }
                    if !c.limits.is_empty() {
                        resources.set("limits", resource_list(&c.limits));
                    }
                    Out::map()
                        .with("name", c.name.as_str())
                        .with("image", c.image.as_str())
                        .with("resources", resources)
                })
                .collect();
            spec.set("containers", containers);
            let mut meta = metadata(p.name.as_str(), p.created_tick, Some(&p.labels), true)
                .with("uid", p.uid.as_str());
            if let Some(d) = &p.deployment {
                meta.set(
                    "ownerReferences",
                    vec![Out::map()
                        .with("apiVersion", "apps/v1")
                        .with("kind", "ReplicaSet")
                        .with("name", format!("{d}-{}", p.template_hash))
                        .with("controller", true)
                        .with("blockOwnerDeletion", true)],
                );
            }
            base(meta).with("spec", spec).with("status", status)
        }
        ResourceKind::Deployment => {
            let d = cluster.deployment(name)?;
            let spec = Out::map()
                .with("replicas", d.replicas)
                .with("selector", Out::map().with("matchLabels", &d.selector))
                .with("template", template_out(&d))
                .with("progressDeadlineSeconds", 600u32)
                .with("revisionHistoryLimit", 10u32)
                .with(
                    "strategy",
                    Out::map().with("type", "RollingUpdate").with(
                        "rollingUpdate",
                        Out::map()
                            .with("maxSurge", "25%")
                            .with("maxUnavailable", "25%"),
                    ),
                );
            let status = Out::map()
                .with("replicas", d.current_replicas)
                .with("updatedReplicas", d.updated_replicas)
                .with("readyReplicas", d.ready_replicas)
                .with("availableReplicas", d.available_replicas)
                .with("conditions", conditions(&d.conditions));
            base(metadata(
                d.name.as_str(),
                d.created_tick,
                Some(&d.template.labels),
                true,
            ))
            .with("spec", spec)
            .with("status", status)
        }
        ResourceKind::HorizontalPodAutoscaler => {
            let h = cluster.hpa(name)?;
            let metrics: Vec<Out> = h.metrics.iter().map(metric_out).collect();
            let mut spec = Out::map()
                .with(
                    "scaleTargetRef",
                    Out::map()
                        .with("apiVersion", "apps/v1")
                        .with("kind", "Deployment")
                        .with("name", h.target.to_string()),
                )
                .with("minReplicas", h.min_replicas.unwrap_or(1))
                .with("maxReplicas", h.max_replicas)
                .with("metrics", metrics);
            if let Some(b) = &h.behavior {
                spec.set("behavior", behavior_out(b));
            }
            let current: Vec<Out> = h
                .current_metrics
                .iter()
                .map(|m| {
                    let mut current = Out::map();
                    if let Some(u) = m.current_utilization_percent {
                        current.set("averageUtilization", u);
                    }
                    if let Some(v) = m.current_average_value_milli {
                        current.set("averageValue", format_cpu_milli(v));
                    }
                    Out::map().with("type", "Resource").with(
                        "resource",
                        Out::map().with("name", "cpu").with("current", current),
                    )
                })
                .collect();
            let status = Out::map()
                .with("currentReplicas", h.current_replicas)
                .with("desiredReplicas", h.desired_replicas)
                .with("currentMetrics", current)
                .with("conditions", conditions(&h.conditions));
            base(metadata(h.name.as_str(), h.created_tick, None, true))
                .with("spec", spec)
                .with("status", status)
        }
        ResourceKind::Service => {
            let s = cluster
                .services()
                .into_iter()
                .find(|s| s.name.as_str() == name)?;
            service_out(
                &s,
                base(metadata(s.name.as_str(), s.created_tick, None, true)),
            )
        }
        ResourceKind::Node => {
            let n = cluster
                .nodes()
                .into_iter()
                .find(|n| n.name.as_str() == name)?;
            let res = |r: &cluster_sim::Resources| {
                Out::map()
                    .with("cpu", format_cpu_milli(r.cpu_milli))
                    .with("memory", cluster_sim::format_memory_mib(r.memory_mib))
                    .with("pods", "110")
            };
            let status = Out::map()
                .with("capacity", res(&n.capacity))
                .with("allocatable", res(&n.allocatable))
                .with(
                    "nodeInfo",
                    Out::map().with("kubeletVersion", n.version.as_str()),
                );
            let mut spec = Out::map();
            if !n.schedulable {
                spec.set("unschedulable", true);
            }
            base(metadata(
                n.name.as_str(),
                n.created_tick,
                Some(&n.labels),
                false,
            ))
            .with("spec", spec)
            .with("status", status)
        }
        ResourceKind::ResourceQuota => {
            let q = cluster
                .quotas()
                .into_iter()
                .find(|q| q.name.as_str() == name)?;
            let mut hard = Out::map();
            let mut used = Out::map();
            for (resource, u, h) in quota_entries(&q.hard, &q.used) {
                hard.set(resource, h);
                used.set(resource, u);
            }
            base(metadata(q.name.as_str(), q.created_tick, None, true))
                .with("spec", Out::map().with("hard", hard.clone()))
                .with("status", Out::map().with("hard", hard).with("used", used))
        }
        ResourceKind::ReplicaSet | ResourceKind::Event => return None,
    })
}

fn service_out(s: &ServiceView, base: Out) -> Out {
    let mut spec = Out::map()
        .with("clusterIP", s.cluster_ip.as_str())
        .with(
            "ports",
            vec![Out::map()
                .with("port", u32::from(s.port))
                .with("protocol", "TCP")
                .with("targetPort", u32::from(s.port))],
        )
        .with("selector", &s.selector)
        .with("type", "ClusterIP");
    spec.set(
        "sessionAffinity",
        match s.session_affinity {
            SessionAffinity::None => "None",
            SessionAffinity::ClientIP => "ClientIP",
        },
    );
    base.with("spec", spec)
        .with("status", Out::map().with("loadBalancer", Out::map()))
}

fn behavior_out(b: &cluster_sim::HpaBehavior) -> Out {
    let rules = |r: &cluster_sim::ScalingRules| {
        let mut out = Out::map();
        if let Some(w) = r.stabilization_window_s {
            out.set("stabilizationWindowSeconds", w);
        }
        if let Some(p) = r.select_policy {
            out.set("selectPolicy", format!("{p:?}"));
        }
        if let Some(t) = r.tolerance {
            // A quantity, as the API server prints it (0.05 -> 50m).
            out.set("tolerance", format_cpu_milli((t * 1000.0).round() as u64));
        }
        let policies: Vec<Out> = r
            .policies
            .iter()
            .map(|p| {
                Out::map()
                    .with("type", format!("{:?}", p.kind))
                    .with("value", p.value)
                    .with("periodSeconds", p.period_s)
            })
            .collect();
        out.set("policies", policies);
        out
    };
    let mut out = Out::map();
    if let Some(up) = &b.scale_up {
        out.set("scaleUp", rules(up));
    }
    if let Some(down) = &b.scale_down {
        out.set("scaleDown", rules(down));
    }
    out
}

fn metric_out(m: &MetricSpec) -> Out {
    match m {
        MetricSpec::Resource { resource, target } => {
            let target = match target {
                MetricTarget::Utilization {
                    average_utilization_percent,
                } => Out::map()
                    .with("type", "Utilization")
                    .with("averageUtilization", *average_utilization_percent),
                MetricTarget::AverageValue {
                    average_value_milli,
                } => Out::map()
                    .with("type", "AverageValue")
                    .with("averageValue", format_cpu_milli(*average_value_milli)),
            };
            Out::map().with("type", "Resource").with(
                "resource",
                Out::map()
                    .with("name", resource.as_str())
                    .with("target", target),
            )
        }
        MetricSpec::Pods {
            metric_name,
            target_average_value_milli,
        } => Out::map().with("type", "Pods").with(
            "pods",
            Out::map()
                .with("metric", Out::map().with("name", metric_name.as_str()))
                .with(
                    "target",
                    Out::map().with("type", "AverageValue").with(
                        "averageValue",
                        format_cpu_milli(*target_average_value_milli),
                    ),
                ),
        ),
    }
}

/// `kubectl get ... -o yaml` of several objects: a `List`.
pub fn list_out(items: Vec<Out>) -> Out {
    Out::map()
        .with("apiVersion", "v1")
        .with("items", items)
        .with("kind", "List")
        .with("metadata", Out::map().with("resourceVersion", ""))
}

// ---------------------------------------------------------------------------------------------
// describe
// ---------------------------------------------------------------------------------------------

fn labels_block(title: &str, labels: &Labels) -> String {
    if labels.is_empty() {
        return format!("{title}:\t<none>\n");
    }
    let mut text = String::new();
    for (i, (k, v)) in labels.iter().enumerate() {
        let head = if i == 0 {
            format!("{title}:")
        } else {
            String::new()
        };
        text.push_str(&format!("{head}\t{k}={v}\n"));
    }
    text
}

/// The `Events:` section for one object (`describe.go: DescribeEvents`).
fn events_block(cluster: &Cluster, kind: ObjectKind, name: &str) -> String {
    let now = cluster.tick();
    let mut events: Vec<EventView> = cluster
        .events()
        .into_iter()
        .filter(|e| e.object.kind == kind && e.object.name == name)
        .collect();
    if events.is_empty() {
        return "Events:\t<none>\n".to_string();
    }
    // describe sorts by last timestamp (event.SortableEvents).
    events.sort_by_key(|e| (e.last_tick, e.seq));
    let mut text = String::from(
        "Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n",
    );
    for e in events {
        let age_text = if e.count > 1 {
            format!(
                "{} (x{} over {})",
                age(now, e.last_tick),
                e.count,
                age(now, e.first_tick)
            )
        } else {
            age(now, e.first_tick)
        };
        text.push_str(&format!(
            "  {}\t{}\t{age_text}\t{}\t{}\n",
            e.event_type.as_str(),
            e.reason,
            e.source,
            e.message
        ));
    }
    text
}

fn resources_lines(indent: &str, c_requests: &ResourceList, c_limits: &ResourceList) -> String {
    let mut text = String::new();
    for (title, list) in [("Limits", c_limits), ("Requests", c_requests)] {
        if list.is_empty() {
            continue;
        }
        text.push_str(&format!("{indent}{title}:\n"));
        if let Some(cpu) = list.cpu_milli {
            text.push_str(&format!("{indent}  cpu:\t{}\n", format_cpu_milli(cpu)));
        }
        if let Some(mem) = list.memory_mib {
            text.push_str(&format!(
                "{indent}  memory:\t{}\n",
                cluster_sim::format_memory_mib(mem)
            ));
        }
    }
    text
}

fn conditions_block(list: &[ConditionView], with_reason: bool) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut text = String::from("Conditions:\n");
    if with_reason {
        text.push_str("  Type\tStatus\tReason\tMessage\n  ----\t------\t------\t-------\n");
        for c in list {
            text.push_str(&format!(
                "  {}\t{}\t{}\t{}\n",
                c.kind,
                if c.status { "True" } else { "False" },
                c.reason,
                c.message
            ));
        }
    } else {
        text.push_str("  Type\tStatus\tReason\n  ----\t------\t------\n");
        for c in list {
            text.push_str(&format!(
                "  {}\t{}\t{}\n",
                c.kind,
                if c.status { "True" } else { "False" },
                c.reason
            ));
        }
    }
    text
}

/// `kubectl describe pod`.
pub fn describe_pod(cluster: &Cluster, p: &PodView) -> String {
    let mut t = format!(
        "Name:\t{}\nNamespace:\tdefault\nPriority:\t0\nService Account:\tdefault\n",
        p.name
    );
    let node_ip = |name: &cluster_sim::NodeName| {
        let nodes = cluster.nodes();
        let index = nodes.iter().position(|n| &n.name == name).unwrap_or(0);
        node_internal_ip(index)
    };
    t.push_str(&format!(
        "Node:\t{}\n",
        p.node
            .as_ref()
            .map(|n| format!("{n}/{}", node_ip(n)))
            .unwrap_or_else(|| "<none>".into())
    ));
    if let Some(start) = p.started_tick {
        t.push_str(&format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    t.push_str(&labels_block("Labels", &p.labels));
    t.push_str("Annotations:\t<none>\n");
    t.push_str(&format!(
        "Status:\t{}\n",
        if p.deleting {
            "Terminating".to_string()
        } else {
            p.phase.as_str().to_string()
        }
    ));
    t.push_str(&format!("IP:\t{}\n", p.ip.clone().unwrap_or_default()));
    if let Some(d) = &p.deployment {
        t.push_str(&format!(
            "Controlled By:\tReplicaSet/{d}-{}\n",
            p.template_hash
        ));
    }
    t.push_str("Containers:\n");
    for c in &p.containers {
        t.push_str(&format!(
            "  {}:\n    Image:\t{}\n    Port:\t8080/TCP\n",
            c.name, c.image
        ));
        t.push_str(&format!(
            "    State:\t{}\n",
            if c.state == "Running" {
                "Running".to_string()
            } else {
                c.state.clone()
            }
        ));
        if let Some(reason) = &c.reason {
            t.push_str(&format!("      Reason:\t{reason}\n"));
        }
        if let Some(last) = &c.last_termination_reason {
            t.push_str(&format!(
                "    Last State:\tTerminated\n      Reason:\t{last}\n"
            ));
        }
        t.push_str(&format!(
            "    Ready:\t{}\n    Restart Count:\t{}\n",
            if c.ready { "True" } else { "False" },
            c.restart_count
        ));
        t.push_str(&resources_lines("    ", &c.requests, &c.limits));
        if c.has_readiness_probe {
            t.push_str("    Readiness:\thttp-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n");
        }
        t.push_str("    Environment:\t<none>\n");
    }
    let scheduled = p.node.is_some();
    // describe.go writes each row as "%v \t%v \n": the trailing spaces are real.
    t.push_str("Conditions:\n  Type\tStatus\n");
    if scheduled {
        let started = p.started_tick.is_some();
        let ready = if p.ready { "True" } else { "False" };
        t.push_str(&format!(
            "  PodReadyToStartContainers \t{} \n",
            if started { "True" } else { "False" }
        ));
        t.push_str(&format!(
            "  Initialized \tTrue \n  Ready \t{ready} \n  ContainersReady \t{ready} \n"
        ));
    }
    t.push_str(&format!(
        "  PodScheduled \t{} \n",
        if scheduled { "True" } else { "False" }
    ));
    t.push_str("QoS Class:\t");
    t.push_str(qos_class(p));
    t.push_str("\nNode-Selectors:\t<none>\nTolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
    t.push_str(&events_block(cluster, ObjectKind::Pod, p.name.as_str()));
    align(&t, DESCRIBE)
}

fn qos_class(p: &PodView) -> &'static str {
    let all_set = p.containers.iter().all(|c| {
        c.requests.cpu_milli.is_some() && c.limits.cpu_milli.is_some() && c.requests == c.limits
    });
    let any_set = p
        .containers
        .iter()
        .any(|c| !c.requests.is_empty() || !c.limits.is_empty());
    if all_set && any_set {
        "Guaranteed"
    } else if any_set {
        "Burstable"
    } else {
        "BestEffort"
    }
}

/// `kubectl describe deployment`.
pub fn describe_deployment(cluster: &Cluster, d: &DeploymentView) -> String {
    let mut t = format!(
        "Name:\t{}\nNamespace:\tdefault\nCreationTimestamp:\t{}\n",
        d.name,
        rfc1123z(d.created_tick)
    );
    t.push_str(&labels_block("Labels", &d.template.labels));
    t.push_str("Annotations:\tdeployment.kubernetes.io/revision: 1\n");
    t.push_str(&format!("Selector:\t{}\n", labels_text(&d.selector)));
    t.push_str(&format!(
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
        d.replicas,
        d.updated_replicas,
        d.current_replicas,
        d.available_replicas,
        d.unavailable_replicas
    ));
    t.push_str("StrategyType:\tRollingUpdate\nMinReadySeconds:\t0\nRollingUpdateStrategy:\t25% max unavailable, 25% max surge\n");
    t.push_str("Pod Template:\n");
    t.push_str(&labels_block("  Labels", &d.template.labels));
    t.push_str("  Containers:\n");
    for c in &d.template.containers {
        t.push_str(&format!(
            "   {}:\n    Image:\t{}\n    Port:\t8080/TCP\n",
            c.name, c.image
        ));
        t.push_str(&resources_lines("    ", &c.requests, &c.limits));
        if let Some(p) = &c.readiness_probe {
            t.push_str(&format!(
                "    Readiness:\thttp-get http://:8080/healthz delay={}s timeout=1s period={}s #success=1 #failure=3\n",
                p.initial_delay_s, p.period_s
            ));
        }
        t.push_str("    Environment:\t<none>\n    Mounts:\t<none>\n");
    }
    t.push_str("  Volumes:\t<none>\n");
    if let Some(node_type) = &d.template.node_type {
        t.push_str(&format!(
            "  Node-Selectors:\t{}={node_type}\n",
            crate::manifest::INSTANCE_TYPE_LABEL
        ));
    } else {
        t.push_str("  Node-Selectors:\t<none>\n");
    }
    t.push_str("  Tolerations:\t<none>\n");
    t.push_str(&conditions_block(&d.conditions, false));
    let sets = replica_sets(cluster);
    let mine: Vec<_> = sets.iter().filter(|s| s.1.name == d.name).collect();
    let old: Vec<String> = mine
        .iter()
        .filter(|s| s.2 != d.template_hash)
        .map(|s| format!("{} ({}/{} replicas created)", s.0, s.4, s.3))
        .collect();
    t.push_str(&format!(
        "OldReplicaSets:\t{}\n",
        if old.is_empty() {
            "<none>".to_string()
        } else {
            old.join(", ")
        }
    ));
    let new = mine
        .iter()
        .find(|s| s.2 == d.template_hash)
        .map(|s| format!("{} ({}/{} replicas created)", s.0, s.4, s.3))
        .unwrap_or_else(|| "<none>".into());
    t.push_str(&format!("NewReplicaSet:\t{new}\n"));
    t.push_str(&events_block(
        cluster,
        ObjectKind::Deployment,
        d.name.as_str(),
    ));
    align(&t, DESCRIBE)
}

/// `kubectl describe hpa` (`describeHorizontalPodAutoscalerV2`).
pub fn describe_hpa(cluster: &Cluster, h: &HpaView) -> String {
    let mut t = format!(
        "Name:\t{}\nNamespace:\tdefault\nLabels:\t<none>\nAnnotations:\t<none>\nCreationTimestamp:\t{}\nReference:\tDeployment/{}\nMetrics:\t( current / target )\n",
        h.name,
        rfc1123z(h.created_tick),
        h.target
    );
    for (i, spec) in h.metrics.iter().enumerate() {
        let status = h.current_metrics.get(i);
        match spec {
            MetricSpec::Resource {
                resource,
                target:
                    MetricTarget::Utilization {
                        average_utilization_percent,
                    },
            } => {
                let current = match status.and_then(|s| s.current_utilization_percent) {
                    Some(u) => {
                        let avg = status
                            .and_then(|s| s.current_average_value_milli)
                            .map(format_cpu_milli)
                            .unwrap_or_else(|| "0".into());
                        format!("{u}% ({avg})")
                    }
                    None => "<unknown>".to_string(),
                };
                t.push_str(&format!(
                    "  resource {} on pods  (as a percentage of request):\t{current} / {average_utilization_percent}%\n",
                    resource.as_str()
                ));
            }
            MetricSpec::Resource {
                resource,
                target:
                    MetricTarget::AverageValue {
                        average_value_milli,
                    },
            } => {
                let current = status
                    .and_then(|s| s.current_average_value_milli)
                    .map(format_cpu_milli)
                    .unwrap_or_else(|| "<unknown>".into());
                t.push_str(&format!(
                    "  resource {} on pods:\t{current} / {}\n",
                    resource.as_str(),
                    format_cpu_milli(*average_value_milli)
                ));
            }
            MetricSpec::Pods {
                metric_name,
                target_average_value_milli,
            } => {
                let current = status
                    .and_then(|s| s.current_average_value_milli)
                    .map(format_cpu_milli)
                    .unwrap_or_else(|| "<unknown>".into());
                t.push_str(&format!(
                    "  \"{metric_name}\" on pods:\t{current} / {}\n",
                    format_cpu_milli(*target_average_value_milli)
                ));
            }
        }
    }
    t.push_str(&format!(
        "Min replicas:\t{}\nMax replicas:\t{}\n",
        h.min_replicas.unwrap_or(1),
        h.max_replicas
    ));
    if let Some(b) = &h.behavior {
        t.push_str("Behavior:\n");
        for (title, rules) in [("Scale Up", &b.scale_up), ("Scale Down", &b.scale_down)] {
            let Some(rules) = rules else { continue };
            t.push_str(&format!("  {title}:\n"));
            if let Some(w) = rules.stabilization_window_s {
                t.push_str(&format!("    Stabilization Window: {w} seconds\n"));
            }
            if let Some(p) = rules.select_policy {
                t.push_str(&format!("    Select Policy: {p:?}\n"));
            }
            t.push_str("    Policies:\n");
            for p in &rules.policies {
                t.push_str(&format!(
                    "      - Type: {:?}  Value: {}  Period: {} seconds\n",
                    p.kind, p.value, p.period_s
                ));
            }
        }
    }
    t.push_str(&format!(
        "Deployment pods:\t{} current / {} desired\n",
        h.current_replicas, h.desired_replicas
    ));
    t.push_str(&conditions_block(&h.conditions, true));
    t.push_str(&events_block(
        cluster,
        ObjectKind::HorizontalPodAutoscaler,
        h.name.as_str(),
    ));
    align(&t, DESCRIBE)
}

/// `kubectl describe node`.
pub fn describe_node(cluster: &Cluster, n: &NodeView) -> String {
    let mut t = format!("Name:\t{}\nRoles:\t{}\n", n.name, n.roles);
    t.push_str(&labels_block("Labels", &n.labels));
    t.push_str(&format!(
        "CreationTimestamp:\t{}\n",
        rfc1123z(n.created_tick)
    ));
    t.push_str(&format!("Unschedulable:\t{}\n", !n.schedulable));
    let cap = |r: &cluster_sim::Resources| {
        format!(
            "  cpu:\t{}\n  memory:\t{}\n  pods:\t110\n",
            format_cpu_milli(r.cpu_milli),
            cluster_sim::format_memory_mib(r.memory_mib)
        )
    };
    t.push_str("Capacity:\n");
    t.push_str(&cap(&n.capacity));
    t.push_str("Allocatable:\n");
    t.push_str(&cap(&n.allocatable));
    let pods: Vec<PodView> = cluster
        .pods()
        .into_iter()
        .filter(|p| p.node.as_ref() == Some(&n.name) && !p.deleting)
        .collect();
    t.push_str(&format!(
        "Non-terminated Pods:\t({} in total)\n",
        pods.len()
    ));
    t.push_str(
        "  Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    t.push_str(
        "  ---------\t----\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let pct = |v: u64, of: u64| (v * 100).checked_div(of).unwrap_or(0);
    for p in &pods {
        t.push_str(&format!(
            "  default\t{}\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
            p.name,
            format_cpu_milli(p.requests.cpu_milli),
            pct(p.requests.cpu_milli, n.allocatable.cpu_milli),
            format_cpu_milli(p.limits.cpu_milli),
            pct(p.limits.cpu_milli, n.allocatable.cpu_milli),
            mem_or_zero(p.requests.memory_mib),
            pct(p.requests.memory_mib, n.allocatable.memory_mib),
            mem_or_zero(p.limits.memory_mib),
            pct(p.limits.memory_mib, n.allocatable.memory_mib),
            age(cluster.tick(), p.created_tick)
        ));
    }
    t.push_str("Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n  Resource\tRequests\tLimits\n  --------\t--------\t------\n");
    t.push_str(&format!(
        "  cpu\t{} ({}%)\t{} ({}%)\n  memory\t{} ({}%)\t{} ({}%)\n",
        format_cpu_milli(n.allocated_requests.cpu_milli),
        pct(n.allocated_requests.cpu_milli, n.allocatable.cpu_milli),
        format_cpu_milli(n.allocated_limits.cpu_milli),
        pct(n.allocated_limits.cpu_milli, n.allocatable.cpu_milli),
        mem_or_zero(n.allocated_requests.memory_mib),
        pct(n.allocated_requests.memory_mib, n.allocatable.memory_mib),
        mem_or_zero(n.allocated_limits.memory_mib),
        pct(n.allocated_limits.memory_mib, n.allocatable.memory_mib),
    ));
    t.push_str(&events_block(cluster, ObjectKind::Node, n.name.as_str()));
    align(&t, DESCRIBE)
}

fn mem_or_zero(mib: u64) -> String {
    if mib == 0 {
        "0".into()
    } else {
        cluster_sim::format_memory_mib(mib)
    }
}

/// `kubectl describe resourcequota`.
pub fn describe_quota(q: &QuotaView) -> String {
    let mut t = format!(
        "Name:\t{}\nNamespace:\tdefault\nResource\tUsed\tHard\n--------\t----\t----\n",
        q.name
    );
    for (name, used, hard) in quota_entries(&q.hard, &q.used) {
        t.push_str(&format!("{name}\t{used}\t{hard}\n"));
    }
    align(&t, DESCRIBE)
}
