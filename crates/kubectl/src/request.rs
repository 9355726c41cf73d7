//! What a parsed command line asks for: one typed [`Request`] per command, independent of
//! how it was spelled (`deploy/web` or `deployment web`, `-l x` or `--selector=x`).

use crate::resources::ResourceKind;
use crate::selector::Selector;
use serde::Serialize;

/// `kubectl get -o ...`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum OutputFormat {
    Table,
    Wide,
    Yaml,
    Json,
    Name,
}

/// One object named on the command line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectRef {
    pub kind: ResourceKind,
    pub name: String,
}

/// Which objects of one type a command addresses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub kind: ResourceKind,
    /// Empty means "all of this type" (filtered by `selector`).
    pub names: Vec<String>,
    pub selector: Option<Selector>,
}

/// `kubectl autoscale --cpu=...`: a utilization percentage or an average value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CpuTarget {
    UtilizationPercent(u32),
    AverageMilli(u64),
}

/// CPU and memory given to `set resources --requests/--limits` or `create quota --hard`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ResourceAmounts {
    pub cpu_milli: Option<u64>,
    pub memory_bytes: Option<u64>,
    pub pods: Option<u64>,
}

/// `top pod --sort-by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SortBy {
    Cpu,
    Memory,
}

/// A command line, understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Request {
    /// An empty line or a comment.
    Nothing,
    Get {
        target: Target,
        output: OutputFormat,
        watch: bool,
        show_labels: bool,
        all_namespaces: bool,
    },
    Describe {
        target: Target,
    },
    /// `get all` (pods, services, deployments, replicasets, hpa) or `get pods,hpa`: one table
    /// per type, names prefixed with the type.
    GetMany {
        kinds: Vec<ResourceKind>,
        selector: Option<Selector>,
        wide: bool,
    },
    Scale {
        object: ObjectRef,
        replicas: u32,
        current_replicas: Option<u32>,
    },
    Autoscale {
        object: ObjectRef,
        name: Option<String>,
        min_replicas: Option<u32>,
        max_replicas: u32,
        cpu: Option<CpuTarget>,
    },
    /// `apply -f` (or `create -f` when `create_only`).
    Apply {
        files: Vec<String>,
        create_only: bool,
    },
    Delete {
        target: Option<Target>,
        files: Vec<String>,
        all: bool,
    },
    SetResources {
        object: ObjectRef,
        containers: Option<String>,
        requests: ResourceAmounts,
        limits: ResourceAmounts,
    },
    TopPods {
        names: Vec<String>,
        selector: Option<Selector>,
        sort_by: Option<SortBy>,
    },
    TopNodes {
        names: Vec<String>,
        sort_by: Option<SortBy>,
    },
    RolloutStatus {
        object: ObjectRef,
    },
    CreateQuota {
        name: String,
        hard: ResourceAmounts,
    },
    /// Sandbox: advance simulated time.
    Wait {
        seconds: u64,
    },
    /// Help for a command (its table path, e.g. `["kubectl", "get"]`), or the overview.
    Help {
        path: Vec<&'static str>,
    },
    History,
    /// `kubectl version`.
    Version,
    /// `kubectl api-resources`.
    ApiResources,
    Clear,
}

impl Request {
    /// Whether the request changes the cluster (what a mission's golf score counts).
    pub fn changes_cluster(&self) -> bool {
        matches!(
            self,
            Request::Scale { .. }
                | Request::Autoscale { .. }
                | Request::Apply { .. }
                | Request::Delete { .. }
                | Request::SetResources { .. }
                | Request::CreateQuota { .. }
        )
    }
}

/// A parsed line: the request plus the warnings kubectl prints to stderr while parsing
/// (`Flag --cpu-percent has been deprecated, ...`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parsed {
    pub request: Request,
    pub warnings: Vec<String>,
}
