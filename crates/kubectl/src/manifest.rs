//! Manifest text -> engine object specs, with the errors kubectl and the API server give:
//! YAML syntax (`error parsing F: error converting YAML to JSON: yaml: line 7: ...`), client
//! validation (`apiVersion not set`), unknown kinds, strict decoding (`unknown field
//! "spec.replica"`), type errors and field validation (`The Deployment "x" is invalid: ...`).

use crate::error::KubectlError;
use crate::quantity::{parse_cpu_milli, parse_memory_bytes};
use crate::yaml::{parse_documents, Node, Value};
use cluster_sim::command::ObjectSpec;
use cluster_sim::ids::{DeploymentName, HpaName, NodeTypeName, QuotaName, ServiceName};
use cluster_sim::spec::{
    ContainerSpec, DeploymentSpec, HpaBehavior, HpaSpec, Labels, MetricSpec, MetricTarget,
    PodTemplate, PolicyKind, ProbeSpec, QuotaResources, ResourceList, ResourceName,
    ResourceQuotaSpec, ScalingPolicy, ScalingRules, SelectPolicy, ServiceSpec, SessionAffinity,
};

pub use crate::embedded::BUILTIN_MANIFESTS;

/// One document of a manifest file: the object, or why the API server would refuse it.
pub type DecodedObject = Result<ObjectSpec, KubectlError>;

/// The node type label kubectl users put in `nodeSelector` to pin pods to an instance type.
pub const INSTANCE_TYPE_LABEL: &str = "node.kubernetes.io/instance-type";

/// Decodes every document of `text`. A YAML syntax error or an empty file fails the whole
/// file (kubectl stops before sending anything); other errors are per object, because
/// kubectl applies the good objects and reports the bad ones after them.
pub fn decode_manifest(file: &str, text: &str) -> Result<Vec<DecodedObject>, KubectlError> {
    let documents = parse_documents(text).map_err(|e| {
        KubectlError::message(format!(
            "error parsing {file}: error converting YAML to JSON: {e}"
        ))
    })?;
    if documents.is_empty() {
        return Err(KubectlError::message("no objects passed to apply"));
    }
    Ok(documents
        .iter()
        .map(|doc| decode_object(file, doc))
        .collect())
}

/// Collected problems of one object, reported the way the API server groups them.
struct Decoder<'a> {
    file: &'a str,
    kind: &'a str,
    version: &'a str,
    unknown_fields: Vec<String>,
    type_error: Option<String>,
    invalid: Vec<String>,
    unsupported: Option<String>,
}

impl<'a> Decoder<'a> {
    /// Checks a mapping's keys against the known ones (strict decoding).
    fn map<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        go_struct: &str,
        known: &[&str],
    ) -> Option<&'n [(String, Node)]> {
        match &node.value {
            Value::Map(entries) => {
                for (key, _) in entries {
                    if !known.contains(&key.as_str()) {
                        self.unknown_fields.push(join(path, key));
                    }
                }
                Some(entries)
            }
            Value::Null => None,
            other => {
                self.type_mismatch(other, path, go_struct, "object");
                None
            }
        }
    }

    fn type_mismatch(&mut self, value: &Value, path: &str, go_struct: &str, go_type: &str) {
        if self.type_error.is_none() {
            self.type_error = Some(format!(
                "json: cannot unmarshal {} into Go struct field {go_struct}.{path} of type {go_type}",
                value.json_type()
            ));
        }
    }

    fn string(&mut self, node: Option<&Node>, path: &str, go_struct: &str) -> Option<String> {
        let node = node?;
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Null => None,
            other => {
                self.type_mismatch(other, path, go_struct, "string");
                None
            }
        }
    }

    fn int(&mut self, node: Option<&Node>, path: &str, go_struct: &str) -> Option<i64> {
        let node = node?;
        match &node.value {
            Value::Int(i) if i32::try_from(*i).is_ok() => Some(*i),
            Value::Null => None,
            other => {
                self.type_mismatch(other, path, go_struct, "int32");
                None
            }
        }
    }

    fn labels(&mut self, node: Option<&Node>, path: &str, go_struct: &str) -> Labels {
        let mut labels = Labels::new();
        let Some(node) = node else { return labels };
        match &node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    if let Some(text) = self.string(Some(value), &join(path, key), go_struct) {
                        labels.insert(key.clone(), text);
                    }
                }
            }
            Value::Null => {}
            other => self.type_mismatch(other, path, go_struct, "map[string]string"),
        }
        labels
    }

    /// A quantity may be a YAML number or string; a malformed one is a decode error.
    fn quantity(&mut self, node: &Node, memory: bool) -> Option<u64> {
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            _ => String::new(),
        };
        let parsed = if memory {
            parse_memory_bytes(&text)
        } else {
            parse_cpu_milli(&text)
        };
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                if self.type_error.is_none() {
                    self.type_error = Some(e.to_string());
                }
                None
            }
        }
    }

    fn required(&mut self, path: &str) {
        self.invalid.push(format!("{path}: Required value"));
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Memory is MiB in the engine; round up so a request never shrinks.
fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

fn go_map_literal(labels: &Labels) -> String {
    let parts: Vec<String> = labels.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!("map[string]string{{{}}}", parts.join(", "))
}

fn decode_object(file: &str, doc: &Node) -> DecodedObject {
    let text_of = |key: &str| match doc.get(key).map(|n| &n.value) {
        Some(Value::Str(s)) if !s.is_empty() => Some(s.as_str()),
        _ => None,
    };
    let (api_version, kind) = (text_of("apiVersion"), text_of("kind"));
    let (api_version, kind) = match (api_version, kind) {
        (Some(v), Some(k)) => (v, k),
        (v, k) => {
            let mut missing = vec![];
            if v.is_none() {
                missing.push("apiVersion not set");
            }
            if k.is_none() {
                missing.push("kind not set");
            }
            let list = if missing.len() == 1 {
                missing[0].to_string()
            } else {
                format!("[{}]", missing.join(", "))
            };
            return Err(KubectlError::message(format!(
                "error validating \"{file}\": error validating data: {list}; if you choose to ignore these errors, turn validation off with --validate=false"
            )));
        }
    };
    let name = doc
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(|n| match &n.value {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let supported = matches!(
        (api_version, kind),
        ("apps/v1", "Deployment")
            | ("autoscaling/v2", "HorizontalPodAutoscaler")
            | ("autoscaling/v1", "HorizontalPodAutoscaler")
            | ("v1", "Service")
            | ("v1", "ResourceQuota")
    );
    if !supported {
        return Err(KubectlError::message(format!(
            "resource mapping not found for name: \"{name}\" namespace: \"\" from \"{file}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first"
        )));
    }
    if name.is_empty() {
        let def = crate::resources::resource_by_kind_name(kind)
            .expect("supported kinds are in the table");
        return Err(KubectlError::message(format!(
            "error when retrieving current configuration of:\nResource: \"{api_version}, Resource={}\", GroupVersionKind: \"{api_version}, Kind={kind}\"\nName: \"\", Namespace: \"default\"\nfrom server for: \"{file}\": resource name may not be empty",
            def.plural
        )));
    }
    let version = api_version.rsplit('/').next().unwrap_or(api_version);
    let mut d = Decoder {
        file,
        kind,
        version,
        unknown_fields: vec![],
        type_error: None,
        invalid: vec![],
        unsupported: None,
    };
    d.map(
        doc,
        "",
        kind,
        &["apiVersion", "kind", "metadata", "spec", "status"],
    );
    if let Some(meta) = doc.get("metadata") {
        d.map(
            meta,
            "metadata",
            "ObjectMeta",
            &[
                "name",
                "namespace",
                "labels",
                "annotations",
                "uid",
                "resourceVersion",
                "creationTimestamp",
                "generation",
            ],
        );
        if let Some(ns) = d.string(meta.get("namespace"), "metadata.namespace", "ObjectMeta") {
            if ns != "default" {
                return Err(KubectlError::message(
                    "this sandbox has a single namespace, \"default\"",
                ));
            }
        }
        d.labels(meta.get("labels"), "metadata.labels", "ObjectMeta");
    }
    let spec_node = doc.get("spec");
    let object = match kind {
        "Deployment" => decode_deployment(&mut d, &name, spec_node).map(ObjectSpec::Deployment),
        "HorizontalPodAutoscaler" if api_version == "autoscaling/v1" => {
            decode_hpa_v1(&mut d, &name, spec_node).map(ObjectSpec::HorizontalPodAutoscaler)
        }
        "HorizontalPodAutoscaler" => {
            decode_hpa(&mut d, &name, spec_node).map(ObjectSpec::HorizontalPodAutoscaler)
        }
        "Service" => decode_service(&mut d, &name, spec_node).map(ObjectSpec::Service),
        _ => decode_quota(&mut d, &name, spec_node).map(ObjectSpec::ResourceQuota),
    };
    finish(d, &name, object)
}

/// Applies the API server's order: decode errors, then strict fields, then validation.
fn finish(d: Decoder<'_>, name: &str, object: Option<ObjectSpec>) -> DecodedObject {
    let cannot_handle = format!(
        "error when creating \"{}\": {} in version \"{}\" cannot be handled as a {}",
        d.file, d.kind, d.version, d.kind
    );
    if let Some(type_error) = d.type_error {
        return Err(KubectlError::Server {
            reason: "BadRequest",
            message: format!("{cannot_handle}: {type_error}"),
        });
    }
    if !d.unknown_fields.is_empty() {
        let fields: Vec<String> = d
            .unknown_fields
            .iter()
            .map(|f| format!("unknown field \"{f}\""))
            .collect();
        return Err(KubectlError::Server {
            reason: "BadRequest",
            message: format!(
                "{cannot_handle}: strict decoding error: {}",
                fields.join(", ")
            ),
        });
    }
    if let Some(message) = d.unsupported {
        return Err(KubectlError::message(message));
    }
    match d.invalid.as_slice() {
        [] => Ok(object.expect("no errors means the object was built")),
        [one] => Err(KubectlError::Verbatim(format!(
            "The {} \"{name}\" is invalid: {one}",
            d.kind
        ))),
        many => {
            let mut text = format!("The {} \"{name}\" is invalid: ", d.kind);
            for item in many {
                text.push_str(&format!("\n* {item}"));
            }
            Err(KubectlError::Verbatim(text))
        }
    }
}

const CONTAINER_FIELDS: &[&str] = &[
    "name",
    "image",
    "imagePullPolicy",
    "ports",
    "resources",
    "readinessProbe",
    "livenessProbe",
    "startupProbe",
    "env",
    "envFrom",
    "command",
    "args",
    "volumeMounts",
    "workingDir",
    "securityContext",
    "lifecycle",
];

fn decode_deployment(
    d: &mut Decoder<'_>,
    name: &str,
    spec: Option<&Node>,
) -> Option<DeploymentSpec> {
    let Some(spec) = spec else {
        d.required("spec.selector");
        d.required("spec.template.spec.containers");
        return None;
    };
    d.map(
        spec,
        "spec",
        "DeploymentSpec",
        &[
            "replicas",
            "selector",
            "template",
            "strategy",
            "minReadySeconds",
            "revisionHistoryLimit",
            "progressDeadlineSeconds",
            "paused",
        ],
    );
    let replicas = d
        .int(spec.get("replicas"), "spec.replicas", "DeploymentSpec")
        .unwrap_or(1);
    if replicas < 0 {
        d.invalid.push(format!(
            "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
        ));
    }
    let mut selector = Labels::new();
    match spec.get("selector") {
        None => d.required("spec.selector"),
        Some(sel) => {
            d.map(
                sel,
                "spec.selector",
                "LabelSelector",
                &["matchLabels", "matchExpressions"],
            );
            if sel.get("matchExpressions").is_some() {
                d.unsupported = Some(
                    "this sandbox's selectors take matchLabels only, not matchExpressions".into(),
                );
            }
            selector = d.labels(
                sel.get("matchLabels"),
                "spec.selector.matchLabels",
                "LabelSelector",
            );
            if selector.is_empty() && sel.get("matchExpressions").is_none() {
                d.invalid.push("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment".into());
            }
        }
    }
    let template = spec.get("template");
    let template_meta = template.and_then(|t| t.get("metadata"));
    let template_spec = template.and_then(|t| t.get("spec"));
    if let Some(t) = template {
        d.map(t, "spec.template", "PodTemplateSpec", &["metadata", "spec"]);
    }
    if let Some(meta) = template_meta {
        d.map(
            meta,
            "spec.template.metadata",
            "ObjectMeta",
            &["labels", "annotations", "name"],
        );
    }
    let labels = d.labels(
        template_meta.and_then(|m| m.get("labels")),
        "spec.template.metadata.labels",
        "ObjectMeta",
    );
    let selects = !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v));
    if !selects {
        d.invalid.push(format!(
            "spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`",
            go_map_literal(&labels)
        ));
    }
    let mut containers = Vec::new();
    let mut node_type = None;
    if let Some(pod) = template_spec {
        d.map(
            pod,
            "spec.template.spec",
            "PodSpec",
            &[
                "containers",
                "nodeSelector",
                "restartPolicy",
                "terminationGracePeriodSeconds",
                "serviceAccountName",
                "imagePullSecrets",
                "volumes",
                "affinity",
                "tolerations",
                "initContainers",
                "securityContext",
            ],
        );
        let node_selector = d.labels(
            pod.get("nodeSelector"),
            "spec.template.spec.nodeSelector",
            "PodSpec",
        );
        node_type = node_selector
            .get(INSTANCE_TYPE_LABEL)
            .map(|t| NodeTypeName(t.clone()));
        match pod.get("containers").map(|c| &c.value) {
            Some(Value::Seq(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(c) = decode_container(d, item, i) {
                        containers.push(c);
                    }
                }
            }
            Some(other @ (Value::Map(_) | Value::Str(_) | Value::Int(_) | Value::Bool(_))) => {
                let other = other.clone();
                d.type_mismatch(
                    &other,
                    "spec.template.spec.containers",
                    "PodSpec",
                    "[]v1.Container",
                );
            }
            _ => d.required("spec.template.spec.containers"),
        }
    } else {
        d.required("spec.template.spec.containers");
    }
    if !d.invalid.is_empty() || d.type_error.is_some() {
        return None;
    }
    Some(DeploymentSpec {
        name: DeploymentName(name.to_string()),
        replicas: replicas.max(0) as u32,
        selector,
        template: PodTemplate {
            labels,
            containers,
            node_type,
        },
        workload: None,
    })
}

fn decode_container(d: &mut Decoder<'_>, node: &Node, i: usize) -> Option<ContainerSpec> {
    let path = format!("spec.template.spec.containers[{i}]");
    d.map(node, &path, "Container", CONTAINER_FIELDS);
    let name = d
        .string(node.get("name"), &format!("{path}.name"), "Container")
        .unwrap_or_default();
    let image = d
        .string(node.get("image"), &format!("{path}.image"), "Container")
        .unwrap_or_default();
    if name.is_empty() {
        d.required(&format!("{path}.name"));
    }
    if image.is_empty() {
        d.required(&format!("{path}.image"));
    }
    let mut requests = ResourceList::default();
    let mut limits = ResourceList::default();
    if let Some(resources) = node.get("resources") {
        let rpath = format!("{path}.resources");
        d.map(
            resources,
            &rpath,
            "ResourceRequirements",
            &["requests", "limits"],
        );
        for (key, list) in [("requests", &mut requests), ("limits", &mut limits)] {
            let Some(entries) = resources.get(key) else {
                continue;
            };
            let Value::Map(entries) = &entries.value else {
                continue;
            };
            for (resource, amount) in entries {
                match resource.as_str() {
                    "cpu" => list.cpu_milli = d.quantity(amount, false),
                    "memory" => list.memory_mib = d.quantity(amount, true).map(mib),
                    "nvidia.com/gpu" => list.gpu = d.quantity(amount, false).map(|m| (m / 1000) as u32),
                    "ephemeral-storage" => {}
                    other => d.invalid.push(format!(
                        "{rpath}.{key}[{other}]: Invalid value: \"{other}\": must be a standard resource type or fully qualified"
                    )),
                }
            }
        }
        if let (Some(request), Some(limit)) = (requests.cpu_milli, limits.cpu_milli) {
            if request > limit {
                d.invalid.push(format!(
                    "{rpath}.requests: Invalid value: \"{}\": must be less than or equal to cpu limit of {}",
                    crate::quantity::format_cpu_milli(request),
                    crate::quantity::format_cpu_milli(limit)
                ));
            }
        }
        if let (Some(request), Some(limit)) = (requests.memory_mib, limits.memory_mib) {
            if request > limit {
                d.invalid.push(format!(
                    "{rpath}.requests: Invalid value: \"{}\": must be less than or equal to memory limit of {}",
                    crate::quantity::format_memory_bytes(request << 20),
                    crate::quantity::format_memory_bytes(limit << 20)
                ));
            }
        }
        // Kubernetes defaults a missing request to the limit.
        if requests.cpu_milli.is_none() {
            requests.cpu_milli = limits.cpu_milli;
        }
        if requests.memory_mib.is_none() {
            requests.memory_mib = limits.memory_mib;
        }
    }
    let readiness_probe = node.get("readinessProbe").map(|probe| {
        let ppath = format!("{path}.readinessProbe");
        d.map(probe, &ppath, "Probe", &[
            "httpGet", "tcpSocket", "exec", "grpc", "initialDelaySeconds", "periodSeconds",
            "timeoutSeconds", "successThreshold", "failureThreshold",
        ]);
        let has_handler = ["httpGet", "tcpSocket", "exec", "grpc"].iter().any(|h| probe.get(h).is_some());
        if !has_handler {
            d.invalid.push(format!("{ppath}: Required value: must specify a handler type"));
        }
        let initial = d.int(probe.get("initialDelaySeconds"), &format!("{ppath}.initialDelaySeconds"), "Probe").unwrap_or(0);
        let period = d.int(probe.get("periodSeconds"), &format!("{ppath}.periodSeconds"), "Probe").unwrap_or(10);
        if period < 1 {
            d.invalid.push(format!("{ppath}.periodSeconds: Invalid value: {period}: must be greater than or equal to 1"));
        }
        ProbeSpec {
            initial_delay_s: initial.max(0) as u32,
            period_s: period.max(1) as u32,
        }
    });
    Some(ContainerSpec {
        name,
        image,
        requests,
        limits,
        readiness_probe,
    })
}

fn decode_hpa_common(
    d: &mut Decoder<'_>,
    spec: &Node,
    extra: &[&str],
) -> (String, Option<i64>, i64) {
    let mut known = vec!["scaleTargetRef", "minReplicas", "maxReplicas"];
    known.extend_from_slice(extra);
    d.map(spec, "spec", "HorizontalPodAutoscalerSpec", &known);
    let mut target = String::new();
    match spec.get("scaleTargetRef") {
        None => {
            d.required("spec.scaleTargetRef.kind");
            d.required("spec.scaleTargetRef.name");
        }
        Some(reference) => {
            d.map(
                reference,
                "spec.scaleTargetRef",
                "CrossVersionObjectReference",
                &["apiVersion", "kind", "name"],
            );
            let kind = d
                .string(
                    reference.get("kind"),
                    "spec.scaleTargetRef.kind",
                    "CrossVersionObjectReference",
                )
                .unwrap_or_default();
            target = d
                .string(
                    reference.get("name"),
                    "spec.scaleTargetRef.name",
                    "CrossVersionObjectReference",
                )
                .unwrap_or_default();
            if kind.is_empty() {
                d.required("spec.scaleTargetRef.kind");
            } else if kind != "Deployment" {
                d.unsupported = Some(format!("this sandbox's HPAs scale Deployments, not {kind}"));
            }
            if target.is_empty() {
                d.required("spec.scaleTargetRef.name");
            }
        }
    }
    let min = d.int(
        spec.get("minReplicas"),
        "spec.minReplicas",
        "HorizontalPodAutoscalerSpec",
    );
    let max = d
        .int(
            spec.get("maxReplicas"),
            "spec.maxReplicas",
            "HorizontalPodAutoscalerSpec",
        )
        .unwrap_or(0);
    if let Some(min) = min {
        if min < 1 {
            d.invalid.push(format!(
                "spec.minReplicas: Invalid value: {min}: must be greater than or equal to 1"
            ));
        }
    }
    if max < 1 {
        d.invalid.push(format!(
            "spec.maxReplicas: Invalid value: {max}: must be greater than or equal to 1"
        ));
    } else if min.is_some_and(|min| max < min) {
        d.invalid.push(format!("spec.maxReplicas: Invalid value: {max}: must be greater than or equal to `minReplicas`"));
    }
    (target, min, max)
}

fn decode_hpa_v1(d: &mut Decoder<'_>, name: &str, spec: Option<&Node>) -> Option<HpaSpec> {
    let Some(spec) = spec else {
        d.required("spec.scaleTargetRef.kind");
        d.required("spec.scaleTargetRef.name");
        return None;
    };
    let (target, min, max) = decode_hpa_common(d, spec, &["targetCPUUtilizationPercentage"]);
    let percent = d.int(
        spec.get("targetCPUUtilizationPercentage"),
        "spec.targetCPUUtilizationPercentage",
        "HorizontalPodAutoscalerSpec",
    );
    if !d.invalid.is_empty() || d.type_error.is_some() {
        return None;
    }
    Some(HpaSpec {
        name: HpaName(name.to_string()),
        target: DeploymentName(target),
        min_replicas: min.map(|m| m as u32),
        max_replicas: max as u32,
        metrics: percent
            .map(|p| vec![MetricSpec::cpu_utilization(p.max(1) as u32)])
            .unwrap_or_default(),
        behavior: None,
    })
}

fn decode_hpa(d: &mut Decoder<'_>, name: &str, spec: Option<&Node>) -> Option<HpaSpec> {
    let Some(spec) = spec else {
        d.required("spec.scaleTargetRef.kind");
        d.required("spec.scaleTargetRef.name");
        return None;
    };
    let (target, min, max) = decode_hpa_common(d, spec, &["metrics", "behavior"]);
    let mut metrics = Vec::new();
    if let Some(Value::Seq(items)) = spec.get("metrics").map(|m| &m.value) {
        for (i, item) in items.iter().enumerate() {
            if let Some(metric) = decode_metric(d, item, i) {
                metrics.push(metric);
            }
        }
    }
    let behavior = spec.get("behavior").map(|b| {
        d.map(
            b,
            "spec.behavior",
            "HorizontalPodAutoscalerBehavior",
            &["scaleUp", "scaleDown"],
        );
        HpaBehavior {
            scale_up: b
                .get("scaleUp")
                .map(|r| decode_rules(d, r, "spec.behavior.scaleUp")),
            scale_down: b
                .get("scaleDown")
                .map(|r| decode_rules(d, r, "spec.behavior.scaleDown")),
        }
    });
    if !d.invalid.is_empty() || d.type_error.is_some() {
        return None;
    }
    Some(HpaSpec {
        name: HpaName(name.to_string()),
        target: DeploymentName(target),
        min_replicas: min.map(|m| m as u32),
        max_replicas: max as u32,
        metrics,
        behavior,
    })
}

fn decode_metric(d: &mut Decoder<'_>, node: &Node, i: usize) -> Option<MetricSpec> {
    let path = format!("spec.metrics[{i}]");
    d.map(
        node,
        &path,
        "MetricSpec",
        &[
            "type",
            "resource",
            "pods",
            "object",
            "external",
            "containerResource",
        ],
    );
    let kind = d
        .string(node.get("type"), &format!("{path}.type"), "MetricSpec")
        .unwrap_or_default();
    match kind.as_str() {
        "Resource" => {
            let rpath = format!("{path}.resource");
            let Some(resource) = node.get("resource") else {
                d.invalid.push(format!("{rpath}: Required value: must populate information for the given metric source"));
                return None;
            };
            d.map(
                resource,
                &rpath,
                "ResourceMetricSource",
                &["name", "target"],
            );
            let resource_name = match d
                .string(
                    resource.get("name"),
                    &format!("{rpath}.name"),
                    "ResourceMetricSource",
                )
                .as_deref()
            {
                Some("cpu") => ResourceName::Cpu,
                Some("memory") => ResourceName::Memory,
                Some(other) => {
                    d.unsupported = Some(format!(
                        "this sandbox's HPAs read cpu and memory, not {other}"
                    ));
                    return None;
                }
                None => {
                    d.required(&format!("{rpath}.name"));
                    return None;
                }
            };
            let tpath = format!("{rpath}.target");
            let Some(target) = resource.get("target") else {
                d.required(&format!("{tpath}.type"));
                return None;
            };
            d.map(
                target,
                &tpath,
                "MetricTarget",
                &["type", "averageUtilization", "averageValue", "value"],
            );
            let target_type = d
                .string(target.get("type"), &format!("{tpath}.type"), "MetricTarget")
                .unwrap_or_default();
            let metric_target = match target_type.as_str() {
                "Utilization" => {
                    let Some(percent) = d.int(
                        target.get("averageUtilization"),
                        &format!("{tpath}.averageUtilization"),
                        "MetricTarget",
                    ) else {
                        d.invalid.push(format!("{tpath}.averageUtilization: Required value: must set either a target raw value or a target utilization"));
                        return None;
                    };
                    if percent <= 0 {
                        d.invalid.push(format!("{tpath}.averageUtilization: Invalid value: {percent}: must be greater than 0"));
                        return None;
                    }
                    MetricTarget::Utilization {
                        average_utilization_percent: percent as u32,
                    }
                }
                "AverageValue" => {
                    let Some(value) = target.get("averageValue") else {
                        d.invalid.push(format!("{tpath}.averageValue: Required value: must set either a target raw value or a target utilization"));
                        return None;
                    };
                    let memory = resource_name == ResourceName::Memory;
                    let amount = d.quantity(value, memory)?;
                    MetricTarget::AverageValue {
                        average_value_milli: if memory { mib(amount) } else { amount },
                    }
                }
                "" => {
                    d.required(&format!("{tpath}.type"));
                    return None;
                }
                other => {
                    d.invalid.push(format!("{tpath}.type: Unsupported value: \"{other}\": supported values: \"AverageValue\", \"Utilization\", \"Value\""));
                    return None;
                }
            };
            Some(MetricSpec::Resource {
                resource: resource_name,
                target: metric_target,
            })
        }
        "Pods" => {
            let ppath = format!("{path}.pods");
            let Some(pods) = node.get("pods") else {
                d.invalid.push(format!("{ppath}: Required value: must populate information for the given metric source"));
                return None;
            };
            d.map(pods, &ppath, "PodsMetricSource", &["metric", "target"]);
            let metric_name = pods
                .get("metric")
                .and_then(|m| m.get("name"))
                .and_then(|n| match &n.value {
                    Value::Str(s) => Some(s.clone()),
                    _ => None,
                });
            let Some(metric_name) = metric_name else {
                d.required(&format!("{ppath}.metric.name"));
                return None;
            };
            let value = pods.get("target").and_then(|t| t.get("averageValue"));
            let Some(value) = value else {
                d.invalid.push(format!("{ppath}.target.averageValue: Required value: must specify a positive target averageValue"));
                return None;
            };
            let milli = d.quantity(value, false)?;
            Some(MetricSpec::Pods {
                metric_name,
                target_average_value_milli: milli,
            })
        }
        "" => {
            d.required(&format!("{path}.type"));
            None
        }
        "Object" | "External" | "ContainerResource" => {
            d.unsupported = Some(format!(
                "this sandbox's HPAs take Resource and Pods metrics, not {kind}"
            ));
            None
        }
        other => {
            d.invalid.push(format!("{path}.type: Unsupported value: \"{other}\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\""));
            None
        }
    }
}

fn decode_rules(d: &mut Decoder<'_>, node: &Node, path: &str) -> ScalingRules {
    d.map(
        node,
        path,
        "HPAScalingRules",
        &[
            "stabilizationWindowSeconds",
            "selectPolicy",
            "policies",
            "tolerance",
        ],
    );
    let window = d.int(
        node.get("stabilizationWindowSeconds"),
        &format!("{path}.stabilizationWindowSeconds"),
        "HPAScalingRules",
    );
    if let Some(w) = window {
        if !(0..=3600).contains(&w) {
            d.invalid.push(format!("{path}.stabilizationWindowSeconds: Invalid value: {w}: must be less than or equal to 3600"));
        }
    }
    let select_policy = match d
        .string(
            node.get("selectPolicy"),
            &format!("{path}.selectPolicy"),
            "HPAScalingRules",
        )
        .as_deref()
    {
        None => None,
        Some("Max") => Some(SelectPolicy::Max),
        Some("Min") => Some(SelectPolicy::Min),
        Some("Disabled") => Some(SelectPolicy::Disabled),
        Some(other) => {
            d.invalid.push(format!("{path}.selectPolicy: Unsupported value: \"{other}\": supported values: \"Disabled\", \"Max\", \"Min\""));
            None
        }
    };
    let mut policies = Vec::new();
    if let Some(Value::Seq(items)) = node.get("policies").map(|p| &p.value) {
        for (i, item) in items.iter().enumerate() {
            let ppath = format!("{path}.policies[{i}]");
            d.map(
                item,
                &ppath,
                "HPAScalingPolicy",
                &["type", "value", "periodSeconds"],
            );
            let kind = match d
                .string(
                    item.get("type"),
                    &format!("{ppath}.type"),
                    "HPAScalingPolicy",
                )
                .as_deref()
            {
                Some("Pods") => PolicyKind::Pods,
                Some("Percent") => PolicyKind::Percent,
                other => {
                    d.invalid.push(format!("{ppath}.type: Unsupported value: \"{}\": supported values: \"Percent\", \"Pods\"", other.unwrap_or("")));
                    continue;
                }
            };
            let value = d
                .int(
                    item.get("value"),
                    &format!("{ppath}.value"),
                    "HPAScalingPolicy",
                )
                .unwrap_or(0);
            let period = d
                .int(
                    item.get("periodSeconds"),
                    &format!("{ppath}.periodSeconds"),
                    "HPAScalingPolicy",
                )
                .unwrap_or(0);
            if value <= 0 {
                d.invalid.push(format!(
                    "{ppath}.value: Invalid value: {value}: must be greater than zero"
                ));
            }
            if !(1..=1800).contains(&period) {
                d.invalid.push(format!("{ppath}.periodSeconds: Invalid value: {period}: must be greater than zero and less than or equal to 1800"));
            }
            policies.push(ScalingPolicy {
                kind,
                value: value.max(0) as u32,
                period_s: period.max(0) as u32,
            });
        }
    }
    let tolerance = node
        .get("tolerance")
        .and_then(|t| d.quantity(t, false))
        .map(|milli| milli as f64 / 1000.0);
    ScalingRules {
        stabilization_window_s: window.map(|w| w.max(0) as u32),
        select_policy,
        policies,
        tolerance,
    }
}

fn decode_service(d: &mut Decoder<'_>, name: &str, spec: Option<&Node>) -> Option<ServiceSpec> {
    let Some(spec) = spec else {
        d.required("spec.ports");
        return None;
    };
    d.map(
        spec,
        "spec",
        "ServiceSpec",
        &[
            "selector",
            "ports",
            "type",
            "sessionAffinity",
            "sessionAffinityConfig",
            "clusterIP",
            "externalTrafficPolicy",
            "internalTrafficPolicy",
            "loadBalancerIP",
        ],
    );
    let selector = d.labels(spec.get("selector"), "spec.selector", "ServiceSpec");
    let mut port = 0;
    match spec.get("ports").map(|p| &p.value) {
        Some(Value::Seq(items)) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                let ppath = format!("spec.ports[{i}]");
                d.map(
                    item,
                    &ppath,
                    "ServicePort",
                    &[
                        "name",
                        "protocol",
                        "port",
                        "targetPort",
                        "nodePort",
                        "appProtocol",
                    ],
                );
                match d.int(item.get("port"), &format!("{ppath}.port"), "ServicePort") {
                    Some(p) if (1..=65535).contains(&p) => {
                        if i == 0 {
                            port = p as u16;
                        }
                    }
                    Some(p) => d.invalid.push(format!(
                        "{ppath}.port: Invalid value: {p}: must be between 1 and 65535, inclusive"
                    )),
                    None => d.required(&format!("{ppath}.port")),
                }
            }
        }
        _ => d.required("spec.ports"),
    }
    if let Some(kind) = d.string(spec.get("type"), "spec.type", "ServiceSpec") {
        if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&kind.as_str()) {
            d.invalid.push(format!("spec.type: Unsupported value: \"{kind}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""));
        }
    }
    let session_affinity = match d
        .string(
            spec.get("sessionAffinity"),
            "spec.sessionAffinity",
            "ServiceSpec",
        )
        .as_deref()
    {
        None | Some("None") => SessionAffinity::None,
        Some("ClientIP") => SessionAffinity::ClientIP,
        Some(other) => {
            d.invalid.push(format!("spec.sessionAffinity: Unsupported value: \"{other}\": supported values: \"ClientIP\", \"None\""));
            SessionAffinity::None
        }
    };
    if !d.invalid.is_empty() || d.type_error.is_some() {
        return None;
    }
    Some(ServiceSpec {
        name: ServiceName(name.to_string()),
        selector,
        port,
        session_affinity,
        balancing: Default::default(),
    })
}

fn decode_quota(d: &mut Decoder<'_>, name: &str, spec: Option<&Node>) -> Option<ResourceQuotaSpec> {
    let mut hard = QuotaResources::default();
    if let Some(spec) = spec {
        d.map(
            spec,
            "spec",
            "ResourceQuotaSpec",
            &["hard", "scopes", "scopeSelector"],
        );
        if let Some(Value::Map(entries)) = spec.get("hard").map(|h| &h.value) {
            for (key, amount) in entries {
                match key.as_str() {
                    "pods" => hard.pods = d.quantity(amount, false).map(|m| (m / 1000) as u32),
                    "cpu" | "requests.cpu" => hard.requests_cpu_milli = d.quantity(amount, false),
                    "memory" | "requests.memory" => hard.requests_memory_mib = d.quantity(amount, true).map(mib),
                    "limits.cpu" => hard.limits_cpu_milli = d.quantity(amount, false),
                    "limits.memory" => hard.limits_memory_mib = d.quantity(amount, true).map(mib),
                    other => {
                        d.unsupported = Some(format!(
                            "this sandbox's quotas cap pods, cpu and memory; \"{other}\" is not supported"
                        ))
                    }
                }
            }
        }
    }
    if !d.invalid.is_empty() || d.type_error.is_some() {
        return None;
    }
    Some(ResourceQuotaSpec {
        name: QuotaName(name.to_string()),
        hard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(name: &str) -> &'static str {
        BUILTIN_MANIFESTS
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
    }

    fn decode_one(text: &str) -> DecodedObject {
        let mut all = decode_manifest("app.yaml", text).expect("valid YAML");
        assert_eq!(all.len(), 1);
        all.remove(0)
    }

    fn err(text: &str) -> String {
        decode_one(text)
            .expect_err("should be rejected")
            .to_string()
    }

    const GOOD: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: model\n        image: m:1\n        resources:\n          requests:\n            cpu: 250m\n            memory: 512Mi\n";

    #[test]
    fn builtin_manifests_decode() {
        assert!(BUILTIN_MANIFESTS.len() >= 5);
        assert!(BUILTIN_MANIFESTS
            .iter()
            .any(|(f, _)| *f == "ml-inference-deployment.yaml"));
        for (file, text) in BUILTIN_MANIFESTS {
            for object in decode_manifest(file, text).unwrap() {
                object.unwrap_or_else(|e| panic!("{file}: {e}"));
            }
        }
    }

    #[test]
    fn the_course_manifest_has_three_objects_in_order() {
        let objects = decode_manifest(
            "ml-inference-deployment.yaml",
            builtin("ml-inference-deployment.yaml"),
        )
        .unwrap();
        let objects: Vec<ObjectSpec> = objects.into_iter().map(Result::unwrap).collect();
        let ObjectSpec::Deployment(deploy) = &objects[0] else {
            panic!()
        };
        assert_eq!(deploy.name.as_str(), "ml-inference");
        assert_eq!(deploy.template.containers[0].requests.cpu_milli, Some(500));
        assert_eq!(deploy.template.containers[0].limits.memory_mib, Some(1024));
        let ObjectSpec::HorizontalPodAutoscaler(hpa) = &objects[1] else {
            panic!()
        };
        assert_eq!(hpa.metrics, vec![MetricSpec::cpu_utilization(50)]);
        assert_eq!((hpa.min_replicas, hpa.max_replicas), (Some(1), 10));
        assert!(hpa.behavior.is_none());
        let ObjectSpec::Service(svc) = &objects[2] else {
            panic!()
        };
        assert_eq!(svc.port, 80);
        let no_resources = decode_manifest("x", builtin("ml-inference-no-resources.yaml")).unwrap();
        let Ok(ObjectSpec::Deployment(bare)) = &no_resources[0] else {
            panic!()
        };
        assert!(bare.template.containers[0].requests.is_empty());
    }

    #[test]
    fn good_deployment_decodes() {
        let ObjectSpec::Deployment(d) = decode_one(GOOD).unwrap() else {
            panic!()
        };
        assert_eq!(d.replicas, 2);
        assert_eq!(d.template.containers[0].requests.memory_mib, Some(512));
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let e = decode_manifest("ml-inference-deployment.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selector:\n    app: x: y\n")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "error: error parsing ml-inference-deployment.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context");
        assert_eq!(
            decode_manifest("e.yaml", "# nothing\n")
                .unwrap_err()
                .to_string(),
            "error: no objects passed to apply"
        );
    }

    #[test]
    fn client_validation_and_unknown_kinds() {
        assert_eq!(err("metadata:\n  name: x\n"), "error: error validating \"app.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false");
        assert_eq!(err("kind: Deployment\n"), "error: error validating \"app.yaml\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false");
        assert_eq!(err("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n"), "error: resource mapping not found for name: \"x\" namespace: \"\" from \"app.yaml\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\nensure CRDs are installed first");
        assert!(err("apiVersion: apps/v1\nkind: Deployment\nspec: {}\n")
            .ends_with("from server for: \"app.yaml\": resource name may not be empty"));
    }

    #[test]
    fn strict_decoding_and_type_errors() {
        let typo = GOOD.replace("  replicas: 2", "  replica: 2");
        assert_eq!(err(&typo), "Error from server (BadRequest): error when creating \"app.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\"");
        let typo = GOOD.replace("        resources:", "        resource:");
        assert!(err(&typo).ends_with(
            "strict decoding error: unknown field \"spec.template.spec.containers[0].resource\""
        ));
        let string_replicas = GOOD.replace("replicas: 2", "replicas: \"2\"");
        assert_eq!(err(&string_replicas), "Error from server (BadRequest): error when creating \"app.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
        let bad_cpu = GOOD.replace("cpu: 250m", "cpu: lots");
        assert!(err(&bad_cpu).ends_with("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    }

    #[test]
    fn field_validation_reads_like_the_api_server() {
        let no_selector = GOOD.replace("  selector:\n    matchLabels:\n      app: web\n", "");
        assert_eq!(err(&no_selector), "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");
        let no_image = GOOD.replace("        image: m:1\n", "");
        assert_eq!(err(&no_image), "The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value");
        let hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 2\n";
        assert_eq!(err(hpa), "The HorizontalPodAutoscaler \"h\" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`");
        let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: web\n  sessionAffinity: Sticky\n  ports:\n  - port: 80\n";
        assert_eq!(err(svc), "The Service \"s\" is invalid: spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"");
    }

    #[test]
    fn hpa_with_behavior_and_pods_metric() {
        let text = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 8\n  metrics:\n  - type: Pods\n    pods:\n      metric:\n        name: requests_per_second\n      target:\n        type: AverageValue\n        averageValue: \"20\"\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 60\n      policies:\n      - type: Percent\n        value: 50\n        periodSeconds: 15\n";
        let ObjectSpec::HorizontalPodAutoscaler(hpa) = decode_one(text).unwrap() else {
            panic!()
        };
        assert_eq!(
            hpa.metrics,
            vec![MetricSpec::Pods {
                metric_name: "requests_per_second".into(),
                target_average_value_milli: 20_000
            }]
        );
        let down = hpa.behavior.unwrap().scale_down.unwrap();
        assert_eq!(down.stabilization_window_s, Some(60));
        assert_eq!(down.policies[0].kind, PolicyKind::Percent);
    }
}
