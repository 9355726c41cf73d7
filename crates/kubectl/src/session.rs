//! A terminal session: the simulated cluster, the typed history, the learner's files and an
//! optional `-w` watch. `run_line` turns one line into exactly what the terminal shows; the web
//! page and `lab kubectl` both print [`Output`] verbatim, so they cannot disagree.

use crate::complete::{complete, Completion, CompletionSource};
use crate::duration::go_duration;
use crate::error::KubectlError;
use crate::manifest::{decode_manifest, BUILTIN_MANIFESTS};
use crate::render::{self, Row};
use crate::request::{
    CpuTarget, ObjectRef, OutputFormat, Request, ResourceAmounts, SortBy, Target,
};
use crate::resources::{resource_def, ResourceKind};
use crate::selector::Selector;
use crate::shell::History;
use crate::tabwriter::{align, align_remembering, TABLE};
use crate::yaml::{to_json, to_yaml};
use cluster_sim::{
    ApiError, ApiErrorReason, Cluster, Command, DeploymentName, HpaName, HpaSpec, MetricSpec,
    MetricTarget, ObjectKind, ObjectSpec, Operation, PodName, QuotaName, QuotaResources,
    ResourceList, ResourceName, ResourceQuotaSpec,
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which stream a piece of output belongs to (the page may colour stderr).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// A piece of output; `text` ends with a newline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chunk {
    pub stream: Stream,
    pub text: String,
}

/// What the terminal should do besides printing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Effect {
    None,
    /// `clear`: empty the screen before printing.
    Clear,
    /// A `get -w` is live: call [`Session::step`] per tick and print what it returns; any new
    /// line (or [`Session::stop_watch`], e.g. on Ctrl-C) ends it.
    Watching,
}

/// What one line printed, in order, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Output {
    pub chunks: Vec<Chunk>,
    /// kubectl's exit code: 0, or 1 after an error.
    pub exit_code: i32,
    pub effect: Effect,
}

impl Output {
    fn new() -> Self {
        Output {
            chunks: Vec::new(),
            exit_code: 0,
            effect: Effect::None,
        }
    }

    fn push(&mut self, stream: Stream, text: impl Into<String>) {
        let mut text = text.into();
        if text.is_empty() {
            return;
        }
        if !text.ends_with('\n') {
            text.push('\n');
        }
        match self.chunks.last_mut() {
            Some(last) if last.stream == stream => last.text.push_str(&text),
            _ => self.chunks.push(Chunk { stream, text }),
        }
    }

    fn out(&mut self, text: impl Into<String>) {
        self.push(Stream::Stdout, text);
    }

    fn err(&mut self, text: impl Into<String>) {
        self.push(Stream::Stderr, text);
    }

    fn fail(&mut self, error: &KubectlError) {
        self.err(error.to_string());
        self.exit_code = 1;
    }

    /// Everything printed, both streams in order: what the terminal shows.
    pub fn text(&self) -> String {
        self.chunks.iter().map(|c| c.text.as_str()).collect()
    }

    pub fn is_error(&self) -> bool {
        self.exit_code != 0
    }

    fn append(&mut self, other: Output) {
        for chunk in other.chunks {
            self.push(chunk.stream, chunk.text);
        }
        if other.exit_code != 0 {
            self.exit_code = other.exit_code;
        }
    }
}

/// A live `kubectl get -w`.
#[derive(Clone, Debug)]
struct Watch {
    kind: ResourceKind,
    names: Vec<String>,
    selector: Option<Selector>,
    wide: bool,
    show_labels: bool,
    all_namespaces: bool,
    /// Last printed row per object, compared without the AGE column.
    seen: BTreeMap<String, Row>,
    widths: Vec<usize>,
    header_printed: bool,
    last_event_seq: u64,
}

/// The longest a blocking command (`rollout status`) runs in simulated seconds: the default
/// `progressDeadlineSeconds`, after which real kubectl reports the deadline exceeded.
pub const ROLLOUT_DEADLINE_S: u64 = 600;

/// The kubectl this sandbox imitates (the deprecation of `--cpu-percent` and the namespace in
/// `delete` messages are v1.34 behaviour).
pub const KUBECTL_VERSION: &str = "v1.34.1";
const KUSTOMIZE_VERSION: &str = "v5.7.1";

/// `kubectl api-resources`: core group first, then by group and name, as the discovery order.
fn api_resources_table() -> String {
    let mut defs: Vec<_> = crate::resources::RESOURCES.iter().collect();
    defs.sort_by_key(|d| (!d.group.is_empty(), d.group, d.plural));
    let mut text = String::from("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
    for d in defs {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            d.plural,
            d.short_names.join(","),
            d.api_version,
            d.namespaced,
            d.kind_name
        ));
    }
    align(&text, TABLE)
}

/// kubectl top's `metricsCreationDelay`: younger pods without metrics are "not available yet".
const METRICS_CREATION_DELAY_S: u64 = 120;

/// The sandbox session.
#[derive(Clone, Debug)]
pub struct Session {
    cluster: Cluster,
    history: History,
    files: BTreeMap<String, String>,
    watch: Option<Watch>,
}

fn api_error(e: ApiError) -> KubectlError {
    if e.reason == ApiErrorReason::Invalid {
        // The engine words it `Deployment.apps "web" is invalid: ...`; kubectl's checkErr
        // prints invalid objects as `The Deployment "web" is invalid: ...`.
        if let Some((group, rest)) = e.message.split_once(' ') {
            let kind = group.split('.').next().unwrap_or(group);
            return KubectlError::Verbatim(format!("The {kind} {rest}"));
        }
    }
    KubectlError::Server {
        reason: e.reason.as_str(),
        message: e.message,
    }
}

fn object_kind(kind: ResourceKind) -> Option<ObjectKind> {
    Some(match kind {
        ResourceKind::Pod => ObjectKind::Pod,
        ResourceKind::Deployment => ObjectKind::Deployment,
        ResourceKind::ReplicaSet => ObjectKind::ReplicaSet,
        ResourceKind::HorizontalPodAutoscaler => ObjectKind::HorizontalPodAutoscaler,
        ResourceKind::Service => ObjectKind::Service,
        ResourceKind::Node => ObjectKind::Node,
        ResourceKind::ResourceQuota => ObjectKind::ResourceQuota,
        ResourceKind::Event => return None,
    })
}

fn resource_kind(kind: ObjectKind) -> Option<ResourceKind> {
    Some(match kind {
        ObjectKind::Pod => ResourceKind::Pod,
        ObjectKind::Deployment => ResourceKind::Deployment,
        ObjectKind::ReplicaSet => ResourceKind::ReplicaSet,
        ObjectKind::HorizontalPodAutoscaler => ResourceKind::HorizontalPodAutoscaler,
        ObjectKind::Service => ResourceKind::Service,
        ObjectKind::Node => ResourceKind::Node,
        ObjectKind::ResourceQuota => ResourceKind::ResourceQuota,
        ObjectKind::VerticalPodAutoscaler => return None,
    })
}

fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

fn resource_list(amounts: &ResourceAmounts) -> ResourceList {
    ResourceList {
        cpu_milli: amounts.cpu_milli,
        memory_mib: amounts.memory_bytes.map(mib),
        gpu: None,
    }
}

fn no_resources(kind: ResourceKind, all_namespaces: bool) -> String {
    if resource_def(kind).namespaced && !all_namespaces {
        "No resources found in default namespace.".to_string()
    } else {
        "No resources found".to_string()
    }
}

fn success_line(kind: ResourceKind, name: &str, operation: Operation) -> String {
    let def = resource_def(kind);
    match operation {
        // kubectl >= 1.34 names the namespace of a deleted namespaced object.
        Operation::Deleted if def.namespaced => format!(
            "{} \"{name}\" deleted from default namespace",
            def.object_ref("").trim_end_matches('/')
        ),
        Operation::Deleted => format!(
            "{} \"{name}\" deleted",
            def.object_ref("").trim_end_matches('/')
        ),
        op => format!("{} {}", def.object_ref(name), op.as_str()),
    }
}

impl Session {
    /// A session on a named start scenario (see `start.rs`), warmed up.
    pub fn start(name: &str, warmup_s: u64) -> Result<Self, crate::start::StartError> {
        crate::start::build_start(name, warmup_s).map(Session::new)
    }

    /// A session over an existing cluster.
    pub fn new(cluster: Cluster) -> Self {
        Session {
            cluster,
            history: History::new(),
            files: BTreeMap::new(),
            watch: None,
        }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// For the page's own controls (load slider...); kubectl commands go through `run_line`.
    pub fn cluster_mut(&mut self) -> &mut Cluster {
        &mut self.cluster
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Up/Down navigation changes the history cursor.
    pub fn history_mut(&mut self) -> &mut History {
        &mut self.history
    }

    /// Saves a learner-written file that `apply -f NAME` can use (shadows a built-in).
    pub fn set_file(&mut self, name: &str, text: &str) {
        self.files.insert(name.to_string(), text.to_string());
    }

    pub fn files(&self) -> &BTreeMap<String, String> {
        &self.files
    }

    pub fn is_watching(&self) -> bool {
        self.watch.is_some()
    }

    /// Ends a `-w` (the terminal's Ctrl-C).
    pub fn stop_watch(&mut self) {
        self.watch = None;
    }

    /// Tab completion against the live cluster.
    pub fn complete(&self, line: &str) -> Completion {
        complete(line, self)
    }

    /// A file's text: the learner's own first, then the course's built-ins.
    pub fn file_text(&self, name: &str) -> Option<&str> {
        let name = name.strip_prefix("./").unwrap_or(name);
        self.files.get(name).map(String::as_str).or_else(|| {
            BUILTIN_MANIFESTS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| *t)
        })
    }

    /// Runs one terminal line.
    pub fn run_line(&mut self, line: &str) -> Output {
        self.history.push(line);
        let mut output = Output::new();
        let parsed = match crate::parse::parse_line(line) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.watch = None;
                output.fail(&e);
                return output;
            }
        };
        if !matches!(parsed.request, Request::Wait { .. } | Request::Nothing) {
            self.watch = None;
        }
        for warning in &parsed.warnings {
            output.err(warning.clone());
        }
        let changes_cluster = parsed.request.changes_cluster();
        let result = self.execute(parsed.request, &mut output);
        if let Err(e) = result {
            output.fail(&e);
        }
        if changes_cluster && output.exit_code == 0 {
            // The API call and the controllers' first reaction take about a second, so a
            // `get pods` right after `scale` shows the new Pending pods, as on a real cluster.
            self.cluster.step();
        }
        if self.watch.is_some() && output.exit_code == 0 {
            output.effect = Effect::Watching;
        }
        output
    }

    /// Advances the cluster one simulated second; returns any `-w` rows that changed.
    pub fn step(&mut self) -> Output {
        self.cluster.step();
        let mut output = Output::new();
        if let Some(mut watch) = self.watch.take() {
            self.watch_rows(&mut watch, &mut output);
            self.watch = Some(watch);
            output.effect = Effect::Watching;
        }
        output
    }

    fn step_n(&mut self, seconds: u64) -> Output {
        let mut output = Output::new();
        for _ in 0..seconds {
            output.append(self.step());
        }
        output
    }

    fn execute(&mut self, request: Request, out: &mut Output) -> Result<(), KubectlError> {
        match request {
            Request::Nothing => Ok(()),
            Request::Get {
                target,
                output,
                watch,
                show_labels,
                all_namespaces,
            } => self.get(target, output, watch, show_labels, all_namespaces, out),
            Request::Describe { target } => self.describe(target, out),
            Request::GetMany {
                kinds,
                selector,
                wide,
            } => {
                self.get_many(&kinds, selector.as_ref(), wide, out);
                Ok(())
            }
            Request::Scale {
                object,
                replicas,
                current_replicas,
            } => {
                if let Some(expected) = current_replicas {
                    let d = self
                        .cluster
                        .deployment(&object.name)
                        .ok_or_else(|| KubectlError::not_found("deployments.apps", &object.name))?;
                    if d.replicas != expected {
                        return Err(KubectlError::message(format!(
                            "Expected replicas to be {expected}, was {}",
                            d.replicas
                        )));
                    }
                }
                let applied = self
                    .cluster
                    .apply(Command::ScaleDeployment {
                        name: DeploymentName(object.name.clone()),
                        replicas,
                    })
                    .map_err(api_error)?;
                out.out(success_line(
                    ResourceKind::Deployment,
                    &object.name,
                    applied.operation,
                ));
                Ok(())
            }
            Request::Autoscale {
                object,
                name,
                min_replicas,
                max_replicas,
                cpu,
            } => {
                if self.cluster.deployment(&object.name).is_none() {
                    return Err(KubectlError::not_found("deployments.apps", &object.name));
                }
                let name = name.unwrap_or_else(|| object.name.clone());
                let metrics = match cpu {
                    None => vec![],
                    Some(CpuTarget::UtilizationPercent(p)) => vec![MetricSpec::cpu_utilization(p)],
                    Some(CpuTarget::AverageMilli(m)) => vec![MetricSpec::Resource {
                        resource: ResourceName::Cpu,
                        target: MetricTarget::AverageValue {
                            average_value_milli: m,
                        },
                    }],
                };
                self.cluster
                    .apply(Command::Create(ObjectSpec::HorizontalPodAutoscaler(
                        HpaSpec {
                            name: HpaName(name.clone()),
                            target: DeploymentName(object.name.clone()),
                            min_replicas,
                            max_replicas,
                            metrics,
                            behavior: None,
                        },
                    )))
                    .map_err(api_error)?;
                out.out(format!(
                    "{} autoscaled",
                    resource_def(ResourceKind::HorizontalPodAutoscaler).object_ref(&name)
                ));
                Ok(())
            }
            Request::Apply { files, create_only } => self.apply_files(&files, create_only, out),
            Request::Delete { target, files, all } => self.delete(target, &files, all, out),
            Request::SetResources {
                object,
                containers,
                requests,
                limits,
            } => {
                let applied = self
                    .cluster
                    .apply(Command::SetResources {
                        deployment: DeploymentName(object.name.clone()),
                        container: containers,
                        requests: resource_list(&requests),
                        limits: resource_list(&limits),
                    })
                    .map_err(api_error)?;
                out.out(success_line(
                    ResourceKind::Deployment,
                    &object.name,
                    applied.operation,
                ));
                Ok(())
            }
            Request::TopPods {
                names,
                selector,
                sort_by,
            } => self.top_pods(&names, selector.as_ref(), sort_by, out),
            Request::TopNodes { names, sort_by } => self.top_nodes(&names, sort_by, out),
            Request::RolloutStatus { object } => self.rollout_status(&object, out),
            Request::CreateQuota { name, hard } => {
                self.cluster
                    .apply(Command::Create(ObjectSpec::ResourceQuota(
                        ResourceQuotaSpec {
                            name: QuotaName(name.clone()),
                            hard: QuotaResources {
                                pods: hard.pods.map(|p| p.min(u64::from(u32::MAX)) as u32),
                                requests_cpu_milli: hard.cpu_milli,
                                requests_memory_mib: hard.memory_bytes.map(mib),
                                limits_cpu_milli: None,
                                limits_memory_mib: None,
                            },
                        },
                    )))
                    .map_err(api_error)?;
                out.out(format!("resourcequota/{name} created"));
                Ok(())
            }
            Request::Wait { seconds } => {
                let stepped = self.step_n(seconds);
                out.append(stepped);
                Ok(())
            }
            Request::Help { path } => {
                out.out(crate::help::command_help(&path));
                Ok(())
            }
            Request::Version => {
                out.out(format!(
                    "Client Version: {KUBECTL_VERSION}\nKustomize Version: {KUSTOMIZE_VERSION}\nServer Version: {}",
                    self.server_version()
                ));
                Ok(())
            }
            Request::ApiResources => {
                out.out(api_resources_table());
                Ok(())
            }
            Request::History => {
                out.out(self.history.render());
                Ok(())
            }
            Request::Clear => {
                out.effect = Effect::Clear;
                Ok(())
            }
        }
    }

    /// Rows of a kind, filtered by selector; missing names become NotFound errors.
    fn select_rows(&self, target: &Target, wide: bool) -> (Vec<Row>, Vec<KubectlError>) {
        let all = render::rows(&self.cluster, target.kind, wide);
        let mut errors = Vec::new();
        let rows = if target.names.is_empty() {
            all.into_iter()
                .filter(|r| {
                    target
                        .selector
                        .as_ref()
                        .is_none_or(|s| s.matches(&r.labels))
                })
                .collect()
        } else {
            let mut picked = Vec::new();
            for name in &target.names {
                match all.iter().find(|r| &r.name == name) {
                    Some(row) => picked.push(row.clone()),
                    None => errors.push(KubectlError::not_found(
                        &resource_def(target.kind).plural_with_group(),
                        name,
                    )),
                }
            }
            picked
        };
        (rows, errors)
    }

    fn get(
        &mut self,
        target: Target,
        format: OutputFormat,
        watch: bool,
        show_labels: bool,
        all_namespaces: bool,
        out: &mut Output,
    ) -> Result<(), KubectlError> {
        let wide = format == OutputFormat::Wide;
        let (rows, errors) = self.select_rows(&target, wide);
        let namespaced = resource_def(target.kind).namespaced;
        match format {
            OutputFormat::Table | OutputFormat::Wide => {
                let mut header = render::header(target.kind, wide);
                let mut rows = rows;
                if all_namespaces && namespaced {
                    header.insert(0, "NAMESPACE");
                    for row in &mut rows {
                        row.cells.insert(0, "default".into());
                    }
                }
                if watch {
                    let mut w = Watch {
                        kind: target.kind,
                        names: target.names.clone(),
                        selector: target.selector.clone(),
                        wide,
                        show_labels,
                        all_namespaces: all_namespaces && namespaced,
                        seen: BTreeMap::new(),
                        widths: Vec::new(),
                        header_printed: false,
                        last_event_seq: self.cluster.last_event_seq(),
                    };
                    if !rows.is_empty() {
                        let mut text = header.join("\t");
                        if show_labels {
                            text.push_str("\tLABELS");
                        }
                        text.push('\n');
                        for row in &rows {
                            text.push_str(&render::row_line(row, show_labels));
                        }
                        out.out(align_remembering(&text, TABLE, &mut w.widths));
                        w.header_printed = true;
                    }
                    for row in rows {
                        w.seen.insert(row.name.clone(), row);
                    }
                    self.watch = Some(w);
                } else if rows.is_empty() && errors.is_empty() {
                    out.err(no_resources(target.kind, all_namespaces));
                } else if !rows.is_empty() {
                    out.out(render::table_text(&header, &rows, show_labels));
                }
            }
            OutputFormat::Name => {
                for row in &rows {
                    out.out(resource_def(target.kind).object_ref(&row.name));
                }
                if rows.is_empty() && errors.is_empty() {
                    out.err(no_resources(target.kind, all_namespaces));
                }
            }
            OutputFormat::Yaml | OutputFormat::Json => {
                let mut items = Vec::new();
                for row in &rows {
                    items.push(
                        render::object_out(&self.cluster, target.kind, &row.name).ok_or_else(
                            || {
                                KubectlError::message(format!(
                                    "-o yaml and -o json of {} are not available in this sandbox",
                                    resource_def(target.kind).plural
                                ))
                            },
                        )?,
                    );
                }
                let single = target.names.len() == 1 && items.len() == 1;
                let value = if single {
                    items.remove(0)
                } else {
                    render::list_out(items)
                };
                if !rows.is_empty() || errors.is_empty() {
                    out.out(if format == OutputFormat::Yaml {
                        to_yaml(&value)
                    } else {
                        to_json(&value)
                    });
                }
            }
        }
        if let Some(last) = errors.last() {
            for e in &errors[..errors.len() - 1] {
                out.err(e.to_string());
            }
            return Err(last.clone());
        }
        Ok(())
    }

    /// `get all` / `get pods,hpa`: one table per kind, names prefixed with the kind, a blank
    /// line between tables.
    /// The kubelet version of the first node (the API server runs the same release).
    fn server_version(&self) -> String {
        self.cluster
            .nodes()
            .first()
            .map(|n| n.version.clone())
            .unwrap_or_else(|| "v1.33.1".to_string())
    }

    fn get_many(
        &self,
        kinds: &[ResourceKind],
        selector: Option<&Selector>,
        wide: bool,
        out: &mut Output,
    ) {
        let mut tables = Vec::new();
        for &kind in kinds {
            let target = Target {
                kind,
                names: vec![],
                selector: selector.cloned(),
            };
            let (mut rows, _) = self.select_rows(&target, wide);
            if rows.is_empty() {
                continue;
            }
            for row in &mut rows {
                row.cells[0] = resource_def(kind).object_ref(&row.cells[0]);
            }
            tables.push(render::table_text(
                &render::header(kind, wide),
                &rows,
                false,
            ));
        }
        if tables.is_empty() {
            out.err(no_resources(ResourceKind::Pod, false));
        } else {
            out.out(tables.join("\n"));
        }
    }

    fn watch_rows(&self, watch: &mut Watch, out: &mut Output) {
        let lines: Vec<String> = if watch.kind == ResourceKind::Event {
            let events = self.cluster.events_since(watch.last_event_seq);
            watch.last_event_seq = self.cluster.last_event_seq();
            let now = self.cluster.tick();
            events
                .iter()
                .map(|e| {
                    render::row_line(&render::event_row(e, now, watch.wide), watch.show_labels)
                })
                .collect()
        } else {
            let target = Target {
                kind: watch.kind,
                names: watch.names.clone(),
                selector: watch.selector.clone(),
            };
            let (mut rows, _) = self.select_rows(&target, watch.wide);
            if watch.all_namespaces {
                for row in &mut rows {
                    row.cells.insert(0, "default".into());
                }
            }
            let age = render::age_column(watch.kind).map(|i| i + usize::from(watch.all_namespaces));
            let key = |row: &Row| -> Vec<String> {
                row.cells
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != age)
                    .map(|(_, c)| c.clone())
                    .collect()
            };
            let mut lines = Vec::new();
            for row in &rows {
                let changed = watch
                    .seen
                    .get(&row.name)
                    .is_none_or(|old| key(old) != key(row));
                if changed {
                    lines.push(render::row_line(row, watch.show_labels));
                }
            }
            // A deleted object's last state is printed once, as the DELETED watch event.
            let gone: Vec<String> = watch
                .seen
                .keys()
                .filter(|name| !rows.iter().any(|r| &r.name == *name))
                .cloned()
                .collect();
            for name in gone {
                if let Some(row) = watch.seen.remove(&name) {
                    lines.push(render::row_line(&row, watch.show_labels));
                }
            }
            for row in rows {
                watch.seen.insert(row.name.clone(), row);
            }
            lines
        };
        if lines.is_empty() {
            return;
        }
        let mut text = String::new();
        if !watch.header_printed {
            let mut header = render::header(watch.kind, watch.wide);
            if watch.all_namespaces {
                header.insert(0, "NAMESPACE");
            }
            text.push_str(&header.join("\t"));
            if watch.show_labels {
                text.push_str("\tLABELS");
            }
            text.push('\n');
            watch.header_printed = true;
        }
        for line in lines {
            text.push_str(&line);
        }
        out.out(align_remembering(&text, TABLE, &mut watch.widths));
    }

    fn describe(&self, target: Target, out: &mut Output) -> Result<(), KubectlError> {
        let (rows, errors) = self.select_rows(&target, false);
        let mut texts = Vec::new();
        for row in &rows {
            let text = match target.kind {
                ResourceKind::Pod => self
                    .cluster
                    .pod(&row.name)
                    .map(|p| render::describe_pod(&self.cluster, &p)),
                ResourceKind::Deployment => self
                    .cluster
                    .deployment(&row.name)
                    .map(|d| render::describe_deployment(&self.cluster, &d)),
                ResourceKind::HorizontalPodAutoscaler => self
                    .cluster
                    .hpa(&row.name)
                    .map(|h| render::describe_hpa(&self.cluster, &h)),
                ResourceKind::Node => self
                    .cluster
                    .nodes()
                    .into_iter()
                    .find(|n| n.name.as_str() == row.name)
                    .map(|n| render::describe_node(&self.cluster, &n)),
                ResourceKind::ResourceQuota => self
                    .cluster
                    .quotas()
                    .into_iter()
                    .find(|q| q.name.as_str() == row.name)
                    .map(|q| render::describe_quota(&q)),
                _ => None,
            };
            if let Some(text) = text {
                texts.push(text);
            }
        }
        if !texts.is_empty() {
            out.out(texts.join("\n\n"));
        } else if errors.is_empty() {
            out.err(no_resources(target.kind, false));
        }
        if let Some(last) = errors.last() {
            for e in &errors[..errors.len() - 1] {
                out.err(e.to_string());
            }
            return Err(last.clone());
        }
        Ok(())
    }

    fn apply_files(
        &mut self,
        files: &[String],
        create_only: bool,
        out: &mut Output,
    ) -> Result<(), KubectlError> {
        let mut errors = Vec::new();
        for file in files {
            let text = self
                .file_text(file)
                .ok_or_else(|| {
                    KubectlError::message(format!("the path \"{file}\" does not exist"))
                })?
                .to_string();
            for object in decode_manifest(file, &text)? {
                let spec = match object {
                    Ok(spec) => spec,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                let kind = resource_kind(spec.kind()).expect("manifests hold only sandbox kinds");
                let name = spec.name().to_string();
                let command = if create_only {
                    Command::Create(spec)
                } else {
                    Command::Apply(spec)
                };
                match self.cluster.apply(command) {
                    Ok(applied) => out.out(success_line(kind, &name, applied.operation)),
                    Err(e) => errors.push(api_error(e)),
                }
            }
        }
        if let Some(last) = errors.pop() {
            for e in errors {
                out.err(e.to_string());
            }
            return Err(last);
        }
        Ok(())
    }

    fn delete_one(&mut self, kind: ResourceKind, name: &str) -> Result<String, KubectlError> {
        let command = match kind {
            ResourceKind::Pod => Command::DeletePod {
                name: PodName(name.to_string()),
            },
            _ => Command::Delete {
                kind: object_kind(kind).ok_or_else(|| {
                    KubectlError::message("events cannot be deleted in this sandbox")
                })?,
                name: name.to_string(),
            },
        };
        let applied = self.cluster.apply(command).map_err(api_error)?;
        Ok(success_line(kind, name, applied.operation))
    }

    fn delete(
        &mut self,
        target: Option<Target>,
        files: &[String],
        all: bool,
        out: &mut Output,
    ) -> Result<(), KubectlError> {
        let mut victims: Vec<(ResourceKind, String)> = Vec::new();
        if let Some(target) = &target {
            if target.names.is_empty() {
                let (rows, _) = self.select_rows(target, false);
                if rows.is_empty() {
                    out.err(no_resources(target.kind, false));
                    return Ok(());
                }
                victims.extend(rows.into_iter().map(|r| (target.kind, r.name)));
            } else {
                victims.extend(target.names.iter().map(|n| (target.kind, n.clone())));
            }
        }
        let _ = all;
        let mut errors = Vec::new();
        for file in files {
            let text = self
                .file_text(file)
                .ok_or_else(|| {
                    KubectlError::message(format!("the path \"{file}\" does not exist"))
                })?
                .to_string();
            for object in decode_manifest(file, &text)? {
                match object {
                    Ok(spec) => victims.push((
                        resource_kind(spec.kind()).expect("sandbox kinds"),
                        spec.name().to_string(),
                    )),
                    Err(e) => errors.push(e),
                }
            }
        }
        for (kind, name) in victims {
            match self.delete_one(kind, &name) {
                Ok(line) => out.out(line),
                Err(e) => errors.push(e),
            }
        }
        if let Some(last) = errors.pop() {
            for e in errors {
                out.err(e.to_string());
            }
            return Err(last);
        }
        Ok(())
    }

    fn top_pods(
        &self,
        names: &[String],
        selector: Option<&Selector>,
        sort_by: Option<SortBy>,
        out: &mut Output,
    ) -> Result<(), KubectlError> {
        let now = self.cluster.tick();
        let pods: Vec<_> = self
            .cluster
            .pods()
            .into_iter()
            .filter(|p| selector.is_none_or(|s| s.matches(&p.labels)))
            .filter(|p| names.is_empty() || names.iter().any(|n| p.name.as_str() == n))
            .collect();
        for name in names {
            if !pods.iter().any(|p| p.name.as_str() == name) {
                return Err(KubectlError::not_found("pods", name));
            }
        }
        if pods.is_empty() {
            out.err(no_resources(ResourceKind::Pod, false));
            return Ok(());
        }
        let mut measured: Vec<_> = pods
            .iter()
            .filter_map(|p| {
                Some((
                    p.name.to_string(),
                    p.cpu_milli_usage?,
                    p.memory_mib_usage.unwrap_or(0),
                ))
            })
            .collect();
        if measured.is_empty() || (!names.is_empty() && measured.len() < pods.len()) {
            // top_pod.go verifyEmptyMetrics/checkPodAge: a pod older than the 2 minute metrics
            // creation delay without metrics is named; otherwise metrics are "not available yet".
            let stale = pods.iter().find(|p| {
                p.cpu_milli_usage.is_none()
                    && now.saturating_sub(p.created_tick) > METRICS_CREATION_DELAY_S
            });
            return Err(match stale {
                Some(p) => KubectlError::message(format!(
                    "Metrics not available for pod default/{}, age: {}",
                    p.name,
                    go_duration(now.saturating_sub(p.created_tick))
                )),
                None => KubectlError::message("metrics not available yet"),
            });
        }
        // Name order first, so ties in a --sort-by stay alphabetical (the sort is stable).
        measured.sort_by(|a, b| a.0.cmp(&b.0));
        match sort_by {
            None => {}
            Some(SortBy::Cpu) => measured.sort_by_key(|m| std::cmp::Reverse(m.1)),
            Some(SortBy::Memory) => measured.sort_by_key(|m| std::cmp::Reverse(m.2)),
        }
        let mut text = String::from("NAME\tCPU(cores)\tMEMORY(bytes)\n");
        for (name, cpu, mem) in measured {
            text.push_str(&format!("{name}\t{cpu}m\t{mem}Mi\n"));
        }
        out.out(align(&text, TABLE));
        Ok(())
    }

    fn top_nodes(
        &self,
        names: &[String],
        sort_by: Option<SortBy>,
        out: &mut Output,
    ) -> Result<(), KubectlError> {
        let mut nodes: Vec<_> = self
            .cluster
            .nodes()
            .into_iter()
            .filter(|n| names.is_empty() || names.iter().any(|x| n.name.as_str() == x))
            .collect();
        for name in names {
            if !nodes.iter().any(|n| n.name.as_str() == name) {
                return Err(KubectlError::not_found("nodes", name));
            }
        }
        if nodes.is_empty() {
            out.err(no_resources(ResourceKind::Node, false));
            return Ok(());
        }
        nodes.sort_by(|a, b| a.name.cmp(&b.name));
        match sort_by {
            None => {}
            Some(SortBy::Cpu) => nodes.sort_by_key(|n| std::cmp::Reverse(n.cpu_milli_usage)),
            Some(SortBy::Memory) => nodes.sort_by_key(|n| std::cmp::Reverse(n.memory_mib_usage)),
        }
        let pct = |used: u64, of: u64| (used * 100).checked_div(of).unwrap_or(0);
        let mut text = String::from("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\n");
        for n in nodes {
            text.push_str(&format!(
                "{}\t{}m\t{}%\t{}Mi\t{}%\n",
                n.name,
                n.cpu_milli_usage,
                pct(n.cpu_milli_usage, n.allocatable.cpu_milli),
                n.memory_mib_usage,
                pct(n.memory_mib_usage, n.allocatable.memory_mib)
            ));
        }
        out.out(align(&text, TABLE));
        Ok(())
    }

    /// Blocks (in simulated time) like `kubectl rollout status`, printing each new state.
    fn rollout_status(&mut self, object: &ObjectRef, out: &mut Output) -> Result<(), KubectlError> {
        let mut last = String::new();
        for waited in 0..=ROLLOUT_DEADLINE_S {
            let d = self
                .cluster
                .deployment(&object.name)
                .ok_or_else(|| KubectlError::not_found("deployments.apps", &object.name))?;
            let name = &object.name;
            let (message, done) = if d.updated_replicas < d.replicas {
                (format!("Waiting for deployment \"{name}\" rollout to finish: {} out of {} new replicas have been updated...", d.updated_replicas, d.replicas), false)
            } else if d.current_replicas > d.updated_replicas {
                (format!("Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...", d.current_replicas - d.updated_replicas), false)
            } else if d.available_replicas < d.updated_replicas {
                (format!("Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...", d.available_replicas, d.updated_replicas), false)
            } else {
                (
                    format!("deployment \"{name}\" successfully rolled out"),
                    true,
                )
            };
            if message != last {
                out.out(message.clone());
                last = message;
            }
            if done {
                return Ok(());
            }
            if waited < ROLLOUT_DEADLINE_S {
                let stepped = self.step();
                out.append(stepped);
            }
        }
        Err(KubectlError::message(format!(
            "deployment \"{}\" exceeded its progress deadline",
            object.name
        )))
    }
}

impl CompletionSource for Session {
    fn object_names(&self, kind: ResourceKind) -> Vec<String> {
        let mut names: Vec<String> = render::rows(&self.cluster, kind, false)
            .into_iter()
            .map(|r| r.name)
            .collect();
        names.sort();
        names
    }

    fn manifest_files(&self) -> Vec<String> {
        let mut names: Vec<String> = BUILTIN_MANIFESTS
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        names.extend(self.files.keys().cloned());
        names.sort();
        names.dedup();
        names
    }

    fn selectors(&self) -> Vec<String> {
        self.cluster
            .deployments()
            .iter()
            .flat_map(|d| {
                d.selector
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// One prompt line and its output as a transcript shows it (`lab kubectl` prints this, and the
/// transcript tests compare it): `$ LINE`, a `[screen cleared]` marker for `clear`, the output.
pub fn transcript_entry(line: &str, output: &Output) -> String {
    let mut text = format!("$ {line}\n");
    if output.effect == Effect::Clear {
        text.push_str("[screen cleared]\n");
    }
    text.push_str(&output.text());
    text
}
