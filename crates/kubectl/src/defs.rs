//! The command table: one definition per flag and per command, each with its test right below
//! (ripgrep's `flags/defs.rs` shape). This one table drives parsing (`parse.rs`), `help`
//! (`help.rs`) and Tab completion (`complete.rs`); a table-wide test checks they agree.

use crate::error::KubectlError;
use crate::quantity::{parse_cpu_milli, parse_memory_bytes};
use crate::request::{
    CpuTarget, ObjectRef, OutputFormat, Request, ResourceAmounts, SortBy, Target,
};
use crate::resources::{resolve_resource, ResourceDef, ResourceKind};
use crate::selector::Selector;

#[cfg(test)]
use crate::parse::tests::{parse_err, parse_ok};

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

/// What a flag's value is; pflag validates it while parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Bool,
    /// int32, as kubectl's `--replicas`, `--min`, `--max`.
    Int,
    /// Free text; the placeholder is shown in help (`--selector SELECTOR`).
    Text(&'static str),
}

/// What Tab completion offers for a flag's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueHint {
    Nothing,
    Choices(&'static [&'static str]),
    /// Built-in manifests and the learner's own files.
    ManifestFile,
    /// `app=<deployment>` for each deployment.
    Selector,
}

/// One flag, as pflag would define it.
#[derive(Debug)]
pub struct FlagDef {
    pub long: &'static str,
    pub short: Option<char>,
    pub value: ValueKind,
    pub help: &'static str,
    pub hint: ValueHint,
    /// pflag's `MarkDeprecated` message, printed to stderr when the flag is used.
    pub deprecated: Option<&'static str>,
}

impl FlagDef {
    /// `-l, --selector` or `--replicas`: how pflag names a flag in `invalid argument` errors.
    pub fn display_name(&self) -> String {
        match self.short {
            Some(short) => format!("-{short}, --{}", self.long),
            None => format!("--{}", self.long),
        }
    }

    pub fn takes_value(&self) -> bool {
        self.value != ValueKind::Bool
    }
}

pub static NAMESPACE: FlagDef = FlagDef {
    long: "namespace",
    short: Some('n'),
    value: ValueKind::Text("NAMESPACE"),
    help: "The namespace to use (this sandbox has one: default)",
    hint: ValueHint::Choices(&["default"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_namespace() {
    assert!(matches!(
        parse_ok("kubectl -n default get pods"),
        Request::Get { .. }
    ));
    assert!(matches!(
        parse_ok("kubectl get pods --namespace=default"),
        Request::Get { .. }
    ));
    assert_eq!(
        parse_err("kubectl get pods -n kube-system"),
        "error: this sandbox has a single namespace, \"default\""
    );
}

pub static HELP: FlagDef = FlagDef {
    long: "help",
    short: Some('h'),
    value: ValueKind::Bool,
    help: "Show help for the command",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_help() {
    assert_eq!(
        parse_ok("kubectl scale -h"),
        Request::Help {
            path: vec!["kubectl", "scale"]
        }
    );
    assert_eq!(
        parse_ok("kubectl set resources --help"),
        Request::Help {
            path: vec!["kubectl", "set", "resources"]
        }
    );
}

pub static SELECTOR: FlagDef = FlagDef {
    long: "selector",
    short: Some('l'),
    value: ValueKind::Text("SELECTOR"),
    help: "Label selector to filter on, e.g. -l app=my-ml-model",
    hint: ValueHint::Selector,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_selector() {
    let Request::Get { target, .. } = parse_ok("kubectl get pods -l app=web") else {
        panic!("not a get")
    };
    assert_eq!(target.selector.unwrap().to_string(), "app=web");
    let Request::Get { target, .. } = parse_ok("kubectl get pods --selector=app!=db") else {
        panic!("not a get")
    };
    assert_eq!(target.selector.unwrap().to_string(), "app!=db");
    assert_eq!(
        parse_err("kubectl get pods -l"),
        "error: flag needs an argument: 'l' in -l\nSee 'kubectl get --help' for usage."
    );
    assert!(parse_err("kubectl get pods -l =x").starts_with("error: unable to parse requirement"));
}

pub static OUTPUT: FlagDef = FlagDef {
    long: "output",
    short: Some('o'),
    value: ValueKind::Text("FORMAT"),
    help: "Output format: wide, yaml, json or name",
    hint: ValueHint::Choices(&["wide", "yaml", "json", "name"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_output() {
    for (text, want) in [
        ("-o wide", OutputFormat::Wide),
        ("-oyaml", OutputFormat::Yaml),
        ("-o=json", OutputFormat::Json),
        ("--output name", OutputFormat::Name),
        ("", OutputFormat::Table),
    ] {
        let Request::Get { output, .. } = parse_ok(&format!("kubectl get pods {text}")) else {
            panic!("not a get")
        };
        assert_eq!(output, want, "{text}");
    }
    assert!(parse_err("kubectl get pods -o xml").starts_with(
        "error: unable to match a printer suitable for the output format \"xml\", allowed formats are: "
    ));
}

pub static WATCH: FlagDef = FlagDef {
    long: "watch",
    short: Some('w'),
    value: ValueKind::Bool,
    help: "After listing, keep watching and print a row for every change",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_watch() {
    let Request::Get { watch, .. } = parse_ok("kubectl get pods -w") else {
        panic!("not a get")
    };
    assert!(watch);
    let Request::Get { watch, .. } = parse_ok("kubectl get pods --watch=false") else {
        panic!("not a get")
    };
    assert!(!watch);
    assert_eq!(
        parse_err("kubectl get pods --watch=maybe"),
        "error: invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl get --help' for usage."
    );
}

pub static SHOW_LABELS: FlagDef = FlagDef {
    long: "show-labels",
    short: None,
    value: ValueKind::Bool,
    help: "Show all labels as the last column",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_show_labels() {
    let Request::Get { show_labels, .. } = parse_ok("kubectl get pods --show-labels") else {
        panic!("not a get")
    };
    assert!(show_labels);
}

pub static ALL_NAMESPACES: FlagDef = FlagDef {
    long: "all-namespaces",
    short: Some('A'),
    value: ValueKind::Bool,
    help: "List objects across all namespaces (adds a NAMESPACE column)",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_all_namespaces() {
    let Request::Get {
        all_namespaces,
        watch,
        ..
    } = parse_ok("kubectl get pods -Aw")
    else {
        panic!("not a get")
    };
    assert!(all_namespaces && watch);
}

pub static REPLICAS: FlagDef = FlagDef {
    long: "replicas",
    short: None,
    value: ValueKind::Int,
    help: "The new desired number of replicas. Required.",
    hint: ValueHint::Choices(&["1", "2", "3", "5"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_replicas() {
    assert_eq!(
        parse_ok("kubectl scale deployment my-ml-model --replicas=3"),
        Request::Scale {
            object: ObjectRef {
                kind: ResourceKind::Deployment,
                name: "my-ml-model".into()
            },
            replicas: 3,
            current_replicas: None
        }
    );
    assert_eq!(
        parse_err("kubectl scale deployment web --replicas=abc"),
        "error: invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl scale --help' for usage."
    );
    assert_eq!(
        parse_err("kubectl scale deployment web --replicas=99999999999"),
        "error: invalid argument \"99999999999\" for \"--replicas\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range\nSee 'kubectl scale --help' for usage."
    );
}

pub static CURRENT_REPLICAS: FlagDef = FlagDef {
    long: "current-replicas",
    short: None,
    value: ValueKind::Int,
    help: "Precondition: only scale if the current replica count is this",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_current_replicas() {
    let Request::Scale {
        current_replicas, ..
    } = parse_ok("kubectl scale deploy/web --replicas=3 --current-replicas=2")
    else {
        panic!("not a scale")
    };
    assert_eq!(current_replicas, Some(2));
}

pub static MIN: FlagDef = FlagDef {
    long: "min",
    short: None,
    value: ValueKind::Int,
    help: "The lower limit for the number of pods (default 1)",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_min() {
    let Request::Autoscale { min_replicas, .. } =
        parse_ok("kubectl autoscale deployment web --min=2 --max=5")
    else {
        panic!("not autoscale")
    };
    assert_eq!(min_replicas, Some(2));
}

pub static MAX: FlagDef = FlagDef {
    long: "max",
    short: None,
    value: ValueKind::Int,
    help: "The upper limit for the number of pods. Required.",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_max() {
    assert_eq!(
        parse_err("kubectl autoscale deployment web --min=2"),
        "error: --max=MAXPODS is required and must be at least 1, max: -1"
    );
    assert_eq!(
        parse_err("kubectl autoscale deployment web --min=6 --max=5"),
        "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 5, min: 6"
    );
}

pub static CPU_PERCENT: FlagDef = FlagDef {
    long: "cpu-percent",
    short: None,
    value: ValueKind::Int,
    help: "Target average CPU utilization over all pods, in percent of the request",
    hint: ValueHint::Choices(&["50", "70", "80"]),
    deprecated: Some(
        "Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).",
    ),
};
#[cfg(test)]
#[test]
fn test_cpu_percent() {
    let parsed = crate::parse::parse_line(
        "kubectl autoscale deployment my-ml-model --min=2 --max=5 --cpu-percent=50",
    )
    .unwrap();
    assert_eq!(
        parsed.warnings,
        vec!["Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).".to_string()]
    );
    let Request::Autoscale { cpu, .. } = parsed.request else {
        panic!("not autoscale")
    };
    assert_eq!(cpu, Some(CpuTarget::UtilizationPercent(50)));
}

pub static CPU: FlagDef = FlagDef {
    long: "cpu",
    short: None,
    value: ValueKind::Text("TARGET"),
    help: "Target CPU: a utilization like 50% or an average value like 500m",
    hint: ValueHint::Choices(&["50%", "70%", "500m"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_cpu() {
    let cpu_of = |line: &str| match parse_ok(line) {
        Request::Autoscale { cpu, .. } => cpu,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        cpu_of("kubectl autoscale deploy web --max=5 --cpu=50%"),
        Some(CpuTarget::UtilizationPercent(50))
    );
    assert_eq!(
        cpu_of("kubectl autoscale deploy web --max=5 --cpu=500m"),
        Some(CpuTarget::AverageMilli(500))
    );
    assert_eq!(
        parse_err("kubectl autoscale deploy web --max=5 --cpu=50% --cpu-percent=50"),
        "error: --cpu-percent and --cpu are mutually exclusive"
    );
    assert!(parse_err("kubectl autoscale deploy web --max=5 --cpu=lots").starts_with("error: "));
}

pub static NAME: FlagDef = FlagDef {
    long: "name",
    short: None,
    value: ValueKind::Text("NAME"),
    help: "The name for the new autoscaler (default: the target's name)",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_name() {
    let Request::Autoscale { name, .. } =
        parse_ok("kubectl autoscale deploy web --max=3 --name=web-hpa")
    else {
        panic!("not autoscale")
    };
    assert_eq!(name.as_deref(), Some("web-hpa"));
}

pub static FILENAME: FlagDef = FlagDef {
    long: "filename",
    short: Some('f'),
    value: ValueKind::Text("FILE"),
    help: "A manifest: a built-in file name or one you wrote in the editor (repeatable)",
    hint: ValueHint::ManifestFile,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_filename() {
    assert_eq!(
        parse_ok("kubectl apply -f a.yaml --filename=b.yaml"),
        Request::Apply {
            files: vec!["a.yaml".into(), "b.yaml".into()],
            create_only: false
        }
    );
}

pub static ALL: FlagDef = FlagDef {
    long: "all",
    short: None,
    value: ValueKind::Bool,
    help: "Delete every object of the given type",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_all() {
    let Request::Delete { all, target, .. } = parse_ok("kubectl delete pods --all") else {
        panic!("not delete")
    };
    assert!(all);
    assert_eq!(target.unwrap().kind, ResourceKind::Pod);
}

pub static CONTAINERS: FlagDef = FlagDef {
    long: "containers",
    short: Some('c'),
    value: ValueKind::Text("NAME"),
    help: "Only change the named container (default: all)",
    hint: ValueHint::Nothing,
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_containers() {
    let Request::SetResources { containers, .. } =
        parse_ok("kubectl set resources deploy web -c model --requests=cpu=500m")
    else {
        panic!("not set resources")
    };
    assert_eq!(containers.as_deref(), Some("model"));
}

pub static REQUESTS: FlagDef = FlagDef {
    long: "requests",
    short: None,
    value: ValueKind::Text("cpu=..,memory=.."),
    help: "Resource requests, e.g. cpu=500m,memory=512Mi",
    hint: ValueHint::Choices(&["cpu=500m,memory=512Mi", "cpu=250m"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_requests() {
    let Request::SetResources { requests, .. } =
        parse_ok("kubectl set resources deployment web --requests=cpu=500m,memory=512Mi")
    else {
        panic!("not set resources")
    };
    assert_eq!(requests.cpu_milli, Some(500));
    assert_eq!(requests.memory_bytes, Some(512 << 20));
    assert!(
        parse_err("kubectl set resources deployment web --requests=cpu=lots")
            .starts_with("error: ")
    );
    assert_eq!(
        parse_err("kubectl set resources deployment web --requests=gpu=1"),
        "error: unsupported resource \"gpu\" (use cpu and memory)"
    );
}

pub static LIMITS: FlagDef = FlagDef {
    long: "limits",
    short: None,
    value: ValueKind::Text("cpu=..,memory=.."),
    help: "Resource limits, e.g. cpu=1,memory=1Gi",
    hint: ValueHint::Choices(&["cpu=1,memory=1Gi"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_limits() {
    let Request::SetResources { limits, .. } =
        parse_ok("kubectl set resources deployment web --limits=cpu=1,memory=1Gi")
    else {
        panic!("not set resources")
    };
    assert_eq!(limits.cpu_milli, Some(1000));
    assert_eq!(limits.memory_bytes, Some(1 << 30));
}

pub static SORT_BY: FlagDef = FlagDef {
    long: "sort-by",
    short: None,
    value: ValueKind::Text("cpu|memory"),
    help: "Sort by cpu or memory instead of by name",
    hint: ValueHint::Choices(&["cpu", "memory"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_sort_by() {
    let Request::TopPods { sort_by, .. } = parse_ok("kubectl top pods --sort-by=cpu") else {
        panic!("not top pods")
    };
    assert_eq!(sort_by, Some(SortBy::Cpu));
    assert_eq!(
        parse_err("kubectl top nodes --sort-by=age"),
        "error: --sort-by accepts only cpu or memory"
    );
}

pub static HARD: FlagDef = FlagDef {
    long: "hard",
    short: None,
    value: ValueKind::Text("pods=..,requests.cpu=.."),
    help: "The hard limits, e.g. pods=4,requests.cpu=2,requests.memory=4Gi",
    hint: ValueHint::Choices(&["pods=4", "requests.cpu=2"]),
    deprecated: None,
};
#[cfg(test)]
#[test]
fn test_hard() {
    let Request::CreateQuota { name, hard } =
        parse_ok("kubectl create quota compute-quota --hard=pods=4,requests.cpu=2,cpu=2")
    else {
        panic!("not create quota")
    };
    assert_eq!(name, "compute-quota");
    assert_eq!(hard.pods, Some(4));
    assert_eq!(hard.cpu_milli, Some(2000));
}

/// Every flag, for consistency tests and for finding which flags take a value.
pub const ALL_FLAGS: &[&FlagDef] = &[
    &NAMESPACE,
    &HELP,
    &SELECTOR,
    &OUTPUT,
    &WATCH,
    &SHOW_LABELS,
    &ALL_NAMESPACES,
    &REPLICAS,
    &CURRENT_REPLICAS,
    &MIN,
    &MAX,
    &CPU_PERCENT,
    &CPU,
    &NAME,
    &FILENAME,
    &ALL,
    &CONTAINERS,
    &REQUESTS,
    &LIMITS,
    &SORT_BY,
    &HARD,
];

/// Flags every kubectl command accepts (cobra's persistent flags of the root).
pub const GLOBAL_FLAGS: &[&FlagDef] = &[&NAMESPACE, &HELP];

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/// What the positional arguments of a command are, for parsing help and completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Positionals {
    None,
    /// `TYPE [NAME...]` or `TYPE/NAME...`, restricted to these types.
    Resources(&'static [ResourceKind]),
    /// Names of objects of one fixed type (`top pod [NAME]`).
    Names(ResourceKind),
    /// A new object's name (`create quota NAME`).
    NewName,
    /// `wait DURATION`.
    Duration,
    /// `help [COMMAND]`.
    Topic,
}

/// A command's parsed words before they become a [`Request`].
#[derive(Debug)]
pub struct Matches {
    pub def: &'static CommandDef,
    pub args: Vec<String>,
    pub flags: Vec<(&'static FlagDef, String)>,
}

impl Matches {
    pub fn last(&self, flag: &FlagDef) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(f, _)| std::ptr::eq(*f, flag))
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, flag: &FlagDef) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(f, _)| std::ptr::eq(*f, flag))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn is_set(&self, flag: &FlagDef) -> bool {
        self.last(flag) == Some("true")
    }

    /// An int flag's value; the parser has already checked it fits in an i32.
    pub fn int(&self, flag: &FlagDef) -> Option<i64> {
        self.last(flag).and_then(|v| v.parse().ok())
    }

    pub fn path(&self) -> String {
        self.def.path.join(" ")
    }
}

/// Builds the typed request once the words are known.
pub type BuildFn = fn(&Matches) -> Result<Request, KubectlError>;

/// One command of the sandbox: kubectl's (`path` starts with `kubectl`) or the shell's.
#[derive(Debug)]
pub struct CommandDef {
    pub path: &'static [&'static str],
    /// Other spellings of the last word (`pods`, `po` for `top pod`).
    pub aliases: &'static [&'static str],
    pub summary: &'static str,
    pub usage: &'static str,
    pub examples: &'static [&'static str],
    pub flags: &'static [&'static FlagDef],
    pub positionals: Positionals,
    /// `None` for a group such as `kubectl set`, which only holds subcommands.
    pub build: Option<BuildFn>,
}

impl CommandDef {
    pub fn name(&self) -> &'static str {
        self.path[self.path.len() - 1]
    }

    pub fn is_kubectl(&self) -> bool {
        self.path[0] == "kubectl"
    }

    pub fn is_group(&self) -> bool {
        self.build.is_none()
    }

    /// Whether `word` names this command (its name or an alias).
    pub fn answers_to(&self, word: &str) -> bool {
        self.name() == word || self.aliases.contains(&word)
    }

    /// Flags accepted: the command's own and, for kubectl commands, the global ones.
    pub fn accepted_flags(&self) -> Vec<&'static FlagDef> {
        let mut flags: Vec<&'static FlagDef> = self.flags.to_vec();
        if self.is_kubectl() {
            for global in GLOBAL_FLAGS {
                if !flags.iter().any(|f| std::ptr::eq(*f, *global)) {
                    flags.push(global);
                }
            }
        } else if !flags.iter().any(|f| std::ptr::eq(*f, &HELP)) {
            flags.push(&HELP);
        }
        flags
    }

    /// Direct subcommands of this command in the table.
    pub fn children(&self) -> impl Iterator<Item = &'static CommandDef> + '_ {
        COMMANDS.iter().copied().filter(move |c| {
            c.path.len() == self.path.len() + 1 && c.path[..self.path.len()] == *self.path
        })
    }
}

const ALL_KINDS: &[ResourceKind] = &[
    ResourceKind::Pod,
    ResourceKind::Deployment,
    ResourceKind::ReplicaSet,
    ResourceKind::HorizontalPodAutoscaler,
    ResourceKind::Service,
    ResourceKind::Node,
    ResourceKind::Event,
    ResourceKind::ResourceQuota,
];

const MISSING_RESOURCE: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// Splits `TYPE NAME...` / `TYPE/NAME...` the way kubectl's resource builder does.
fn resource_args(m: &Matches) -> Result<Option<(&'static ResourceDef, Vec<String>)>, KubectlError> {
    let Some(first) = m.args.first() else {
        return Ok(None);
    };
    let allowed = match m.def.positionals {
        Positionals::Resources(kinds) => kinds,
        _ => ALL_KINDS,
    };
    let resolve = |text: &str| -> Result<&'static ResourceDef, KubectlError> {
        if text.contains(',') {
            return Err(KubectlError::message(format!(
                "this sandbox takes one resource type at a time, not \"{text}\""
            )));
        }
        let def = resolve_resource(text).ok_or_else(|| {
            KubectlError::message(format!(
                "the server doesn't have a resource type \"{text}\""
            ))
        })?;
        if !allowed.contains(&def.kind) {
            return Err(KubectlError::message(format!(
                "{} does not work on {} in this sandbox",
                m.path(),
                def.plural
            )));
        }
        Ok(def)
    };
    if first.contains('/') {
        let mut def = None;
        let mut names = Vec::new();
        for arg in &m.args {
            let Some((kind, name)) = arg.split_once('/') else {
                return Err(KubectlError::message(
                    "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
                ));
            };
            let this = resolve(kind)?;
            if def.is_some_and(|d: &ResourceDef| d.kind != this.kind) {
                return Err(KubectlError::message(
                    "this sandbox takes one resource type at a time",
                ));
            }
            if name.is_empty() {
                return Err(KubectlError::message(
                    "arguments in resource/name form must have a single resource and name",
                ));
            }
            def = Some(this);
            names.push(name.to_string());
        }
        return Ok(def.map(|d| (d, names)));
    }
    let def = resolve(first)?;
    let names: Vec<String> = m.args[1..].to_vec();
    if names.iter().any(|n| n.contains('/')) {
        return Err(KubectlError::message(
            "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        ));
    }
    Ok(Some((def, names)))
}

/// Exactly one object, as `scale`, `autoscale`, `set resources` and `rollout status` need.
fn one_object(m: &Matches) -> Result<ObjectRef, KubectlError> {
    let (def, names) = resource_args(m)?.ok_or_else(|| KubectlError::message(MISSING_RESOURCE))?;
    match names.as_slice() {
        [] => Err(KubectlError::message(
            "resource(s) were provided, but no name was specified",
        )),
        [name] => Ok(ObjectRef {
            kind: def.kind,
            name: name.clone(),
        }),
        _ => Err(KubectlError::message(format!(
            "this sandbox changes one {} at a time",
            def.singular
        ))),
    }
}

fn selector(m: &Matches) -> Result<Option<Selector>, KubectlError> {
    m.last(&SELECTOR)
        .map(|text| Selector::parse(text).map_err(|e| KubectlError::message(e.to_string())))
        .transpose()
}

fn no_args(m: &Matches) -> Result<(), KubectlError> {
    if m.args.is_empty() {
        Ok(())
    } else {
        Err(KubectlError::usage(
            format!("Unexpected args: [{}]", m.args.join(" ")),
            &m.path(),
        ))
    }
}

/// `cpu=500m,memory=512Mi` (and, for quotas, `pods=4`, `requests.cpu=2`).
fn resource_amounts(text: &str, allow_pods: bool) -> Result<ResourceAmounts, KubectlError> {
    let mut amounts = ResourceAmounts::default();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(KubectlError::message(format!(
                "invalid argument syntax {part}, expected <resource>=<value>"
            )));
        };
        let bad_quantity = |e: crate::quantity::QuantityError| {
            KubectlError::message(format!("quantity \"{value}\" for {key}: {e}"))
        };
        let key_bare = if allow_pods {
            key.strip_prefix("requests.").unwrap_or(key)
        } else {
            key
        };
        match key_bare {
            "cpu" => amounts.cpu_milli = Some(parse_cpu_milli(value).map_err(bad_quantity)?),
            "memory" => {
                amounts.memory_bytes = Some(parse_memory_bytes(value).map_err(bad_quantity)?)
            }
            "pods" if allow_pods => {
                amounts.pods = Some(value.parse().map_err(|_| {
                    KubectlError::message(format!(
                        "quantity \"{value}\" for pods: must be a whole number"
                    ))
                })?)
            }
            _ => {
                return Err(KubectlError::message(if allow_pods {
                    format!("unsupported resource \"{key}\" (use pods, requests.cpu and requests.memory)")
                } else {
                    format!("unsupported resource \"{key}\" (use cpu and memory)")
                }))
            }
        }
    }
    Ok(amounts)
}

fn build_get(m: &Matches) -> Result<Request, KubectlError> {
    if let Some(first) = m
        .args
        .first()
        .filter(|a| *a == "all" || (a.contains(',') && !a.contains('/')))
    {
        let kinds = if first == "all" {
            vec![
                ResourceKind::Pod,
                ResourceKind::Service,
                ResourceKind::Deployment,
                ResourceKind::ReplicaSet,
                ResourceKind::HorizontalPodAutoscaler,
            ]
        } else {
            let mut kinds = Vec::new();
            for text in first.split(',') {
                let def = resolve_resource(text).ok_or_else(|| {
                    KubectlError::message(format!(
                        "the server doesn't have a resource type \"{text}\""
                    ))
                })?;
                if !kinds.contains(&def.kind) {
                    kinds.push(def.kind);
                }
            }
            kinds
        };
        if m.args.len() > 1 {
            return Err(KubectlError::message(format!(
                "this sandbox's get {first} takes no names"
            )));
        }
        let wide = match m.last(&OUTPUT) {
            None | Some("") => false,
            Some("wide") => true,
            Some(_) => {
                return Err(KubectlError::message(format!(
                    "in this sandbox get {first} prints tables only (no -o, or -o wide)"
                )))
            }
        };
        if m.is_set(&WATCH) {
            return Err(KubectlError::message(
                "in this sandbox -w watches one resource type at a time",
            ));
        }
        return Ok(Request::GetMany {
            kinds,
            selector: selector(m)?,
            wide,
        });
    }
    let Some((def, names)) = resource_args(m)? else {
        return Err(KubectlError::Verbatim(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".to_string(),
        ));
    };
    let output = match m.last(&OUTPUT).unwrap_or("") {
        "" => OutputFormat::Table,
        "wide" => OutputFormat::Wide,
        "yaml" => OutputFormat::Yaml,
        "json" => OutputFormat::Json,
        "name" => OutputFormat::Name,
        format @ ("custom-columns" | "custom-columns-file" | "go-template" | "go-template-file"
        | "jsonpath" | "jsonpath-as-json" | "jsonpath-file" | "template" | "templatefile") => {
            return Err(KubectlError::message(format!(
                "-o {format} is not available in this sandbox (use wide, yaml, json or name)"
            )))
        }
        other if other.starts_with("jsonpath=") || other.starts_with("custom-columns=") => {
            return Err(KubectlError::message(
                "-o jsonpath and custom-columns are not available in this sandbox (use wide, yaml, json or name)",
            ))
        }
        other => return Err(KubectlError::message(format!(
            "unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
        ))),
    };
    let selector = selector(m)?;
    if selector.is_some() && !names.is_empty() {
        return Err(KubectlError::message(
            "name cannot be provided when a selector is specified",
        ));
    }
    let watch = m.is_set(&WATCH);
    if watch && !matches!(output, OutputFormat::Table | OutputFormat::Wide) {
        return Err(KubectlError::message(
            "in this sandbox -w works with the table output (no -o, or -o wide)",
        ));
    }
    Ok(Request::Get {
        target: Target {
            kind: def.kind,
            names,
            selector,
        },
        output,
        watch,
        show_labels: m.is_set(&SHOW_LABELS),
        all_namespaces: m.is_set(&ALL_NAMESPACES),
    })
}

pub static GET: CommandDef = CommandDef {
    path: &["kubectl", "get"],
    aliases: &[],
    summary: "List objects: pods, deployments, hpa, nodes, events, resourcequota",
    usage: "kubectl get TYPE [NAME...] [-l SELECTOR] [-o wide|yaml|json|name] [-w]",
    examples: &[
        "kubectl get pods -l app=my-ml-model",
        "kubectl get hpa my-ml-model",
        "kubectl get pods -w",
        "kubectl get deployment my-ml-model -o yaml",
    ],
    flags: &[&SELECTOR, &OUTPUT, &WATCH, &SHOW_LABELS, &ALL_NAMESPACES],
    positionals: Positionals::Resources(ALL_KINDS),
    build: Some(build_get),
};
#[cfg(test)]
#[test]
fn test_get() {
    assert_eq!(
        parse_ok("kubectl get deploy/web"),
        Request::Get {
            target: Target {
                kind: ResourceKind::Deployment,
                names: vec!["web".into()],
                selector: None
            },
            output: OutputFormat::Table,
            watch: false,
            show_labels: false,
            all_namespaces: false
        }
    );
    assert!(parse_err("kubectl get").starts_with("You must specify the type of resource to get."));
    assert_eq!(
        parse_err("kubectl get pood"),
        "error: the server doesn't have a resource type \"pood\""
    );
    assert_eq!(
        parse_err("kubectl get pods web -l app=web"),
        "error: name cannot be provided when a selector is specified"
    );
    assert!(parse_err("kubectl get pods pod/x").starts_with("error: there is no need"));
    let Request::GetMany { kinds, .. } = parse_ok("kubectl get all") else {
        panic!("get all")
    };
    assert_eq!(kinds.len(), 5);
    assert_eq!(
        parse_ok("kubectl get deploy,hpa -o wide"),
        Request::GetMany {
            kinds: vec![
                ResourceKind::Deployment,
                ResourceKind::HorizontalPodAutoscaler
            ],
            selector: None,
            wide: true
        }
    );
    assert_eq!(
        parse_err("kubectl get pods,pood"),
        "error: the server doesn't have a resource type \"pood\""
    );
}

fn build_describe(m: &Matches) -> Result<Request, KubectlError> {
    let Some((def, names)) = resource_args(m)? else {
        return Err(KubectlError::message(
            "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.",
        ));
    };
    let selector = selector(m)?;
    if selector.is_some() && !names.is_empty() {
        return Err(KubectlError::message(
            "name cannot be provided when a selector is specified",
        ));
    }
    Ok(Request::Describe {
        target: Target {
            kind: def.kind,
            names,
            selector,
        },
    })
}

pub static DESCRIBE: CommandDef = CommandDef {
    path: &["kubectl", "describe"],
    aliases: &[],
    summary: "Show details and recent events of a pod, deployment, hpa or node",
    usage: "kubectl describe TYPE [NAME] [-l SELECTOR]",
    examples: &[
        "kubectl describe hpa my-ml-model",
        "kubectl describe pod -l app=my-ml-model",
    ],
    flags: &[&SELECTOR],
    positionals: Positionals::Resources(&[
        ResourceKind::Pod,
        ResourceKind::Deployment,
        ResourceKind::HorizontalPodAutoscaler,
        ResourceKind::Node,
        ResourceKind::ResourceQuota,
    ]),
    build: Some(build_describe),
};
#[cfg(test)]
#[test]
fn test_describe() {
    let Request::Describe { target } = parse_ok("kubectl describe hpa my-ml-model") else {
        panic!("not describe")
    };
    assert_eq!(target.kind, ResourceKind::HorizontalPodAutoscaler);
    assert_eq!(target.names, vec!["my-ml-model".to_string()]);
    assert!(parse_err("kubectl describe").starts_with("error: You must specify the type"));
    assert_eq!(
        parse_err("kubectl describe events"),
        "error: kubectl describe does not work on events in this sandbox"
    );
}

fn build_scale(m: &Matches) -> Result<Request, KubectlError> {
    let replicas = m.int(&REPLICAS).unwrap_or(-1);
    if replicas < 0 {
        return Err(KubectlError::message(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        ));
    }
    let object = one_object(m)?;
    let current_replicas = match m.int(&CURRENT_REPLICAS) {
        Some(n) if n >= 0 => Some(n as u32),
        _ => None,
    };
    Ok(Request::Scale {
        object,
        replicas: replicas as u32,
        current_replicas,
    })
}

pub static SCALE: CommandDef = CommandDef {
    path: &["kubectl", "scale"],
    aliases: &[],
    summary: "Set the number of replicas of a deployment",
    usage: "kubectl scale deployment NAME --replicas=COUNT",
    examples: &["kubectl scale deployment my-ml-model --replicas=3"],
    flags: &[&REPLICAS, &CURRENT_REPLICAS],
    positionals: Positionals::Resources(&[ResourceKind::Deployment]),
    build: Some(build_scale),
};
#[cfg(test)]
#[test]
fn test_scale() {
    assert_eq!(
        parse_err("kubectl scale deployment web"),
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"
    );
    assert_eq!(
        parse_err("kubectl scale deployment web --replicas=-1"),
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"
    );
    assert_eq!(
        parse_err("kubectl scale deployment --replicas=3"),
        "error: resource(s) were provided, but no name was specified"
    );
    assert!(parse_err("kubectl scale --replicas=3")
        .starts_with("error: You must provide one or more resources"));
    assert_eq!(
        parse_err("kubectl scale deployment web --replica=3"),
        "error: unknown flag: --replica\nSee 'kubectl scale --help' for usage."
    );
}

fn build_autoscale(m: &Matches) -> Result<Request, KubectlError> {
    if m.last(&CPU).is_some() && m.last(&CPU_PERCENT).is_some() {
        return Err(KubectlError::message(
            "--cpu-percent and --cpu are mutually exclusive",
        ));
    }
    let min = m.int(&MIN).unwrap_or(-1);
    let max = m.int(&MAX).unwrap_or(-1);
    if max < 1 {
        return Err(KubectlError::message(format!(
            "--max=MAXPODS is required and must be at least 1, max: {max}"
        )));
    }
    if max < min {
        return Err(KubectlError::message(format!(
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}"
        )));
    }
    let cpu = if let Some(percent) = m.int(&CPU_PERCENT) {
        (percent >= 0).then_some(CpuTarget::UtilizationPercent(percent as u32))
    } else if let Some(text) = m.last(&CPU) {
        let bad = || {
            KubectlError::message(format!(
                "invalid CPU format: {text}, use a percentage like 50% or a quantity like 500m"
            ))
        };
        Some(match text.strip_suffix('%') {
            Some(percent) => CpuTarget::UtilizationPercent(
                percent.parse().ok().filter(|p| *p > 0).ok_or_else(bad)?,
            ),
            None => CpuTarget::AverageMilli(parse_cpu_milli(text).map_err(|_| bad())?),
        })
    } else {
        None
    };
    let object = one_object(m)?;
    Ok(Request::Autoscale {
        object,
        name: m.last(&NAME).map(str::to_string),
        min_replicas: (min >= 1).then_some(min as u32),
        max_replicas: max as u32,
        cpu,
    })
}

pub static AUTOSCALE: CommandDef = CommandDef {
    path: &["kubectl", "autoscale"],
    aliases: &[],
    summary: "Create a HorizontalPodAutoscaler for a deployment",
    usage: "kubectl autoscale deployment NAME --max=MAXPODS [--min=MINPODS] [--cpu=PERCENT%]",
    examples: &[
        "kubectl autoscale deployment my-ml-model --min=2 --max=5 --cpu-percent=50",
        "kubectl autoscale deployment my-ml-model --min=2 --max=5 --cpu=50%",
    ],
    flags: &[&MIN, &MAX, &CPU_PERCENT, &CPU, &NAME],
    positionals: Positionals::Resources(&[ResourceKind::Deployment]),
    build: Some(build_autoscale),
};
#[cfg(test)]
#[test]
fn test_autoscale() {
    assert_eq!(
        parse_ok("kubectl autoscale deployment my-ml-model --max=5"),
        Request::Autoscale {
            object: ObjectRef {
                kind: ResourceKind::Deployment,
                name: "my-ml-model".into()
            },
            name: None,
            min_replicas: None,
            max_replicas: 5,
            cpu: None
        }
    );
    assert_eq!(
        parse_err("kubectl autoscale deployment --max=5"),
        "error: resource(s) were provided, but no name was specified"
    );
}

fn build_apply(m: &Matches) -> Result<Request, KubectlError> {
    no_args(m)?;
    let files: Vec<String> = m.all(&FILENAME).into_iter().map(str::to_string).collect();
    if files.is_empty() {
        return Err(KubectlError::message("must specify one of -f and -k"));
    }
    Ok(Request::Apply {
        files,
        create_only: m.def.name() == "create",
    })
}

pub static APPLY: CommandDef = CommandDef {
    path: &["kubectl", "apply"],
    aliases: &[],
    summary: "Create or update objects from a manifest file",
    usage: "kubectl apply -f FILE",
    examples: &["kubectl apply -f ml-inference-deployment.yaml"],
    flags: &[&FILENAME],
    positionals: Positionals::None,
    build: Some(build_apply),
};
#[cfg(test)]
#[test]
fn test_apply() {
    assert_eq!(
        parse_err("kubectl apply"),
        "error: must specify one of -f and -k"
    );
    assert_eq!(
        parse_err("kubectl apply x.yaml"),
        "error: Unexpected args: [x.yaml]\nSee 'kubectl apply -h' for help and examples"
    );
}

fn build_delete(m: &Matches) -> Result<Request, KubectlError> {
    let files: Vec<String> = m.all(&FILENAME).into_iter().map(str::to_string).collect();
    let all = m.is_set(&ALL);
    let selector = selector(m)?;
    let target = match resource_args(m)? {
        None if files.is_empty() => return Err(KubectlError::message(MISSING_RESOURCE)),
        None => None,
        Some(_) if !files.is_empty() => {
            return Err(KubectlError::message(
                "Unexpected args: resource(s) may not be given together with -f",
            ))
        }
        Some((def, names)) => {
            if names.is_empty() && selector.is_none() && !all {
                return Err(KubectlError::message(
                    "resource(s) were provided, but no name, label selector, or --all flag specified",
                ));
            }
            if !names.is_empty() && (selector.is_some() || all) {
                return Err(KubectlError::message(
                    "name cannot be provided when a selector is specified",
                ));
            }
            Some(Target {
                kind: def.kind,
                names,
                selector,
            })
        }
    };
    Ok(Request::Delete { target, files, all })
}

pub static DELETE: CommandDef = CommandDef {
    path: &["kubectl", "delete"],
    aliases: &[],
    summary: "Delete objects by name, by label, or from a manifest",
    usage: "kubectl delete TYPE NAME | TYPE -l SELECTOR | TYPE --all | -f FILE",
    examples: &[
        "kubectl delete hpa my-ml-model",
        "kubectl delete pod -l app=my-ml-model",
    ],
    flags: &[&FILENAME, &SELECTOR, &ALL],
    positionals: Positionals::Resources(&[
        ResourceKind::Pod,
        ResourceKind::Deployment,
        ResourceKind::HorizontalPodAutoscaler,
        ResourceKind::Service,
        ResourceKind::ResourceQuota,
    ]),
    build: Some(build_delete),
};
#[cfg(test)]
#[test]
fn test_delete() {
    assert_eq!(
        parse_err("kubectl delete hpa"),
        "error: resource(s) were provided, but no name, label selector, or --all flag specified"
    );
    let Request::Delete { target, .. } = parse_ok("kubectl delete hpa my-ml-model") else {
        panic!("not delete")
    };
    assert_eq!(target.unwrap().names, vec!["my-ml-model".to_string()]);
    assert!(matches!(
        parse_ok("kubectl delete -f quota.yaml"),
        Request::Delete { target: None, .. }
    ));
}

pub static SET: CommandDef = CommandDef {
    path: &["kubectl", "set"],
    aliases: &[],
    summary: "Change a field of an object (set resources)",
    usage: "kubectl set resources ...",
    examples: &["kubectl set resources deployment my-ml-model --requests=cpu=500m"],
    flags: &[],
    positionals: Positionals::None,
    build: None,
};
#[cfg(test)]
#[test]
fn test_set() {
    assert_eq!(
        parse_ok("kubectl set"),
        Request::Help {
            path: vec!["kubectl", "set"]
        }
    );
    assert_eq!(
        parse_err("kubectl set frob deploy/web"),
        "error: unknown command \"frob deploy/web\"\nSee 'kubectl set -h' for help and examples"
    );
    assert_eq!(
        parse_err("kubectl set image deploy/web model=x"),
        "error: kubectl set image is not part of this sandbox; type help to see the commands it has"
    );
}

fn build_set_resources(m: &Matches) -> Result<Request, KubectlError> {
    let requests = resource_amounts(m.last(&REQUESTS).unwrap_or(""), false)?;
    let limits = resource_amounts(m.last(&LIMITS).unwrap_or(""), false)?;
    if requests == ResourceAmounts::default() && limits == ResourceAmounts::default() {
        return Err(KubectlError::message(
            "you must specify an update to requests or limits (in the form of --requests/--limits)",
        ));
    }
    Ok(Request::SetResources {
        object: one_object(m)?,
        containers: m.last(&CONTAINERS).map(str::to_string),
        requests,
        limits,
    })
}

pub static SET_RESOURCES: CommandDef = CommandDef {
    path: &["kubectl", "set", "resources"],
    aliases: &[],
    summary: "Set CPU/memory requests and limits of a deployment's pods (recreates them)",
    usage: "kubectl set resources deployment NAME [--requests=cpu=..,memory=..] [--limits=cpu=..,memory=..]",
    examples: &["kubectl set resources deployment my-ml-model --requests=cpu=500m,memory=512Mi --limits=cpu=1,memory=1Gi"],
    flags: &[&CONTAINERS, &REQUESTS, &LIMITS],
    positionals: Positionals::Resources(&[ResourceKind::Deployment]),
    build: Some(build_set_resources),
};
#[cfg(test)]
#[test]
fn test_set_resources() {
    assert_eq!(
        parse_err("kubectl set resources deployment web"),
        "error: you must specify an update to requests or limits (in the form of --requests/--limits)"
    );
}

pub static TOP: CommandDef = CommandDef {
    path: &["kubectl", "top"],
    aliases: &[],
    summary: "Show CPU and memory use of pods or nodes",
    usage: "kubectl top pod|node",
    examples: &["kubectl top pods", "kubectl top nodes"],
    flags: &[],
    positionals: Positionals::None,
    build: None,
};
#[cfg(test)]
#[test]
fn test_top() {
    assert_eq!(
        parse_err("kubectl top services"),
        "error: unknown command \"services\"\nSee 'kubectl top -h' for help and examples"
    );
}

fn sort_by(m: &Matches) -> Result<Option<SortBy>, KubectlError> {
    match m.last(&SORT_BY) {
        None | Some("") => Ok(None),
        Some("cpu") => Ok(Some(SortBy::Cpu)),
        Some("memory") => Ok(Some(SortBy::Memory)),
        Some(_) => Err(KubectlError::message(
            "--sort-by accepts only cpu or memory",
        )),
    }
}

fn build_top_pod(m: &Matches) -> Result<Request, KubectlError> {
    let selector = selector(m)?;
    if selector.is_some() && !m.args.is_empty() {
        return Err(KubectlError::message(
            "only one of NAME or --selector can be provided",
        ));
    }
    Ok(Request::TopPods {
        names: m.args.clone(),
        selector,
        sort_by: sort_by(m)?,
    })
}

pub static TOP_POD: CommandDef = CommandDef {
    path: &["kubectl", "top", "pod"],
    aliases: &["pods", "po"],
    summary: "CPU (millicores) and memory of each pod",
    usage: "kubectl top pod [NAME] [-l SELECTOR] [--sort-by=cpu|memory]",
    examples: &["kubectl top pods -l app=my-ml-model"],
    flags: &[&SELECTOR, &SORT_BY],
    positionals: Positionals::Names(ResourceKind::Pod),
    build: Some(build_top_pod),
};
#[cfg(test)]
#[test]
fn test_top_pod() {
    assert_eq!(
        parse_ok("kubectl top po -l app=web"),
        Request::TopPods {
            names: vec![],
            selector: Some(Selector::parse("app=web").unwrap()),
            sort_by: None
        }
    );
}

fn build_top_node(m: &Matches) -> Result<Request, KubectlError> {
    Ok(Request::TopNodes {
        names: m.args.clone(),
        sort_by: sort_by(m)?,
    })
}

pub static TOP_NODE: CommandDef = CommandDef {
    path: &["kubectl", "top", "node"],
    aliases: &["nodes", "no"],
    summary: "CPU and memory use of each node, absolute and in percent",
    usage: "kubectl top node [NAME] [--sort-by=cpu|memory]",
    examples: &["kubectl top nodes"],
    flags: &[&SORT_BY],
    positionals: Positionals::Names(ResourceKind::Node),
    build: Some(build_top_node),
};
#[cfg(test)]
#[test]
fn test_top_node() {
    assert_eq!(
        parse_ok("kubectl top nodes"),
        Request::TopNodes {
            names: vec![],
            sort_by: None
        }
    );
}

pub static ROLLOUT: CommandDef = CommandDef {
    path: &["kubectl", "rollout"],
    aliases: &[],
    summary: "Follow a deployment's rollout (rollout status)",
    usage: "kubectl rollout status ...",
    examples: &["kubectl rollout status deployment/my-ml-model"],
    flags: &[],
    positionals: Positionals::None,
    build: None,
};
#[cfg(test)]
#[test]
fn test_rollout() {
    assert_eq!(
        parse_ok("kubectl rollout"),
        Request::Help {
            path: vec!["kubectl", "rollout"]
        }
    );
}

fn build_rollout_status(m: &Matches) -> Result<Request, KubectlError> {
    if m.args.is_empty() {
        return Err(KubectlError::usage(
            "Required resource not specified.",
            &m.path(),
        ));
    }
    Ok(Request::RolloutStatus {
        object: one_object(m)?,
    })
}

pub static ROLLOUT_STATUS: CommandDef = CommandDef {
    path: &["kubectl", "rollout", "status"],
    aliases: &[],
    summary: "Wait (in simulated time) until a deployment's pods are updated and available",
    usage: "kubectl rollout status deployment/NAME",
    examples: &["kubectl rollout status deployment/my-ml-model"],
    flags: &[],
    positionals: Positionals::Resources(&[ResourceKind::Deployment]),
    build: Some(build_rollout_status),
};
#[cfg(test)]
#[test]
fn test_rollout_status() {
    assert_eq!(
        parse_ok("kubectl rollout status deployment/web"),
        Request::RolloutStatus {
            object: ObjectRef {
                kind: ResourceKind::Deployment,
                name: "web".into()
            }
        }
    );
    assert_eq!(
        parse_err("kubectl rollout status"),
        "error: Required resource not specified.\nSee 'kubectl rollout status -h' for help and examples"
    );
}

pub static CREATE: CommandDef = CommandDef {
    path: &["kubectl", "create"],
    aliases: &[],
    summary: "Create objects from a manifest (-f) or a quota (create quota)",
    usage: "kubectl create -f FILE | kubectl create quota NAME --hard=...",
    examples: &["kubectl create quota compute-quota --hard=pods=4,requests.cpu=2"],
    flags: &[&FILENAME],
    positionals: Positionals::None,
    build: Some(build_apply),
};
#[cfg(test)]
#[test]
fn test_create() {
    assert_eq!(
        parse_ok("kubectl create -f q.yaml"),
        Request::Apply {
            files: vec!["q.yaml".into()],
            create_only: true
        }
    );
    assert_eq!(
        parse_err("kubectl create"),
        "error: must specify one of -f and -k"
    );
}

fn build_create_quota(m: &Matches) -> Result<Request, KubectlError> {
    if m.args.len() != 1 {
        return Err(KubectlError::usage(
            format!("exactly one NAME is required, got {}", m.args.len()),
            &m.path(),
        ));
    }
    Ok(Request::CreateQuota {
        name: m.args[0].clone(),
        hard: resource_amounts(m.last(&HARD).unwrap_or(""), true)?,
    })
}

pub static CREATE_QUOTA: CommandDef = CommandDef {
    path: &["kubectl", "create", "quota"],
    aliases: &["resourcequota"],
    summary: "Create a ResourceQuota capping pods and CPU in the namespace",
    usage: "kubectl create quota NAME --hard=pods=N,requests.cpu=CPU,requests.memory=MEM",
    examples: &["kubectl create quota compute-quota --hard=pods=4,requests.cpu=2"],
    flags: &[&HARD],
    positionals: Positionals::NewName,
    build: Some(build_create_quota),
};
#[cfg(test)]
#[test]
fn test_create_quota() {
    assert_eq!(
        parse_err("kubectl create quota"),
        "error: exactly one NAME is required, got 0\nSee 'kubectl create quota -h' for help and examples"
    );
    assert!(matches!(
        parse_ok("kubectl create resourcequota q --hard=pods=2"),
        Request::CreateQuota { .. }
    ));
}

fn build_version(m: &Matches) -> Result<Request, KubectlError> {
    no_args(m)?;
    Ok(Request::Version)
}

pub static VERSION: CommandDef = CommandDef {
    path: &["kubectl", "version"],
    aliases: &[],
    summary: "Print the client and server versions",
    usage: "kubectl version",
    examples: &["kubectl version"],
    flags: &[],
    positionals: Positionals::None,
    build: Some(build_version),
};
#[cfg(test)]
#[test]
fn test_version() {
    assert_eq!(parse_ok("kubectl version"), Request::Version);
    assert!(parse_err("kubectl version x").starts_with("error: Unexpected args: [x]"));
}

fn build_api_resources(m: &Matches) -> Result<Request, KubectlError> {
    no_args(m)?;
    Ok(Request::ApiResources)
}

pub static API_RESOURCES: CommandDef = CommandDef {
    path: &["kubectl", "api-resources"],
    aliases: &[],
    summary: "List the resource types this cluster serves, with their short names",
    usage: "kubectl api-resources",
    examples: &["kubectl api-resources"],
    flags: &[],
    positionals: Positionals::None,
    build: Some(build_api_resources),
};
#[cfg(test)]
#[test]
fn test_api_resources() {
    assert_eq!(parse_ok("kubectl api-resources"), Request::ApiResources);
}

fn build_kubectl_help(m: &Matches) -> Result<Request, KubectlError> {
    crate::parse::help_request(&m.args, true)
}

pub static KUBECTL_HELP: CommandDef = CommandDef {
    path: &["kubectl", "help"],
    aliases: &[],
    summary: "Help about any command",
    usage: "kubectl help [COMMAND]",
    examples: &["kubectl help scale"],
    flags: &[],
    positionals: Positionals::Topic,
    build: Some(build_kubectl_help),
};
#[cfg(test)]
#[test]
fn test_kubectl_help() {
    assert_eq!(
        parse_ok("kubectl help top pod"),
        Request::Help {
            path: vec!["kubectl", "top", "pod"]
        }
    );
}

fn build_shell_help(m: &Matches) -> Result<Request, KubectlError> {
    crate::parse::help_request(&m.args, false)
}

pub static SHELL_HELP: CommandDef = CommandDef {
    path: &["help"],
    aliases: &[],
    summary: "List the commands of this sandbox, or explain one (help scale)",
    usage: "help [COMMAND]",
    examples: &["help", "help autoscale"],
    flags: &[],
    positionals: Positionals::Topic,
    build: Some(build_shell_help),
};
#[cfg(test)]
#[test]
fn test_shell_help() {
    assert_eq!(parse_ok("help"), Request::Help { path: vec![] });
    assert_eq!(
        parse_ok("help autoscale"),
        Request::Help {
            path: vec!["kubectl", "autoscale"]
        }
    );
    assert_eq!(
        parse_err("help frobnicate"),
        "help: no help topics match `frobnicate'."
    );
}

fn build_history(m: &Matches) -> Result<Request, KubectlError> {
    if !m.args.is_empty() {
        return Err(KubectlError::Shell(
            "history: this sandbox's history takes no arguments".to_string(),
        ));
    }
    Ok(Request::History)
}

pub static HISTORY: CommandDef = CommandDef {
    path: &["history"],
    aliases: &[],
    summary: "List the commands typed so far (Up/Down recall them)",
    usage: "history",
    examples: &["history"],
    flags: &[],
    positionals: Positionals::None,
    build: Some(build_history),
};
#[cfg(test)]
#[test]
fn test_history() {
    assert_eq!(parse_ok("history"), Request::History);
    assert!(parse_err("history 5").starts_with("history: "));
}

fn build_clear(_: &Matches) -> Result<Request, KubectlError> {
    Ok(Request::Clear)
}

pub static CLEAR: CommandDef = CommandDef {
    path: &["clear"],
    aliases: &[],
    summary: "Clear the terminal",
    usage: "clear",
    examples: &["clear"],
    flags: &[],
    positionals: Positionals::None,
    build: Some(build_clear),
};
#[cfg(test)]
#[test]
fn test_clear() {
    assert_eq!(parse_ok("clear"), Request::Clear);
}

fn build_wait(m: &Matches) -> Result<Request, KubectlError> {
    match m.args.as_slice() {
        [text] => crate::duration::parse_wait_duration(text)
            .map(|seconds| Request::Wait { seconds })
            .map_err(|e| KubectlError::Shell(format!("wait: {e}"))),
        [] => Err(KubectlError::Shell(
            "wait: missing duration (for example: wait 30s, wait 2m)".to_string(),
        )),
        _ => Err(KubectlError::Shell(
            "wait: takes one duration (for example: wait 30s, wait 2m)".to_string(),
        )),
    }
}

pub static WAIT: CommandDef = CommandDef {
    path: &["wait"],
    aliases: &[],
    summary: "Let simulated time pass (wait 30s, wait 2m, wait 1h)",
    usage: "wait DURATION",
    examples: &["wait 30s", "wait 2m"],
    flags: &[],
    positionals: Positionals::Duration,
    build: Some(build_wait),
};
#[cfg(test)]
#[test]
fn test_wait() {
    assert_eq!(parse_ok("wait 2m"), Request::Wait { seconds: 120 });
    assert_eq!(
        parse_err("wait"),
        "wait: missing duration (for example: wait 30s, wait 2m)"
    );
    assert!(parse_err("wait 2x").starts_with("wait: invalid duration \"2x\" at column 2"));
}

/// The whole table, in `help` order.
pub const COMMANDS: &[&CommandDef] = &[
    &GET,
    &DESCRIBE,
    &SCALE,
    &AUTOSCALE,
    &APPLY,
    &DELETE,
    &SET,
    &SET_RESOURCES,
    &TOP,
    &TOP_POD,
    &TOP_NODE,
    &ROLLOUT,
    &ROLLOUT_STATUS,
    &CREATE,
    &CREATE_QUOTA,
    &VERSION,
    &API_RESOURCES,
    &KUBECTL_HELP,
    &SHELL_HELP,
    &HISTORY,
    &CLEAR,
    &WAIT,
];

/// Every top-level command of real kubectl (v1.34), for cobra's "Did you mean this?"
/// suggestions and to tell "not in this sandbox" apart from "no such command".
pub const REAL_KUBECTL_COMMANDS: &[&str] = &[
    "annotate",
    "api-resources",
    "api-versions",
    "apply",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "create",
    "debug",
    "delete",
    "describe",
    "diff",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "help",
    "kustomize",
    "label",
    "logs",
    "options",
    "patch",
    "plugin",
    "port-forward",
    "proxy",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
    "wait",
];

/// Subcommands of real kubectl's command groups, to tell "not in this sandbox" apart from
/// "no such command" (kubectl v1.34).
pub const REAL_KUBECTL_SUBCOMMANDS: &[(&str, &[&str])] = &[
    (
        "set",
        &[
            "env",
            "image",
            "resources",
            "selector",
            "serviceaccount",
            "subject",
        ],
    ),
    (
        "rollout",
        &["history", "pause", "restart", "resume", "status", "undo"],
    ),
    ("top", &["node", "nodes", "no", "pod", "pods", "po"]),
    (
        "create",
        &[
            "clusterrole",
            "clusterrolebinding",
            "configmap",
            "cm",
            "cronjob",
            "deployment",
            "deploy",
            "ingress",
            "job",
            "namespace",
            "ns",
            "poddisruptionbudget",
            "pdb",
            "priorityclass",
            "quota",
            "resourcequota",
            "role",
            "rolebinding",
            "secret",
            "service",
            "svc",
            "serviceaccount",
            "sa",
            "token",
        ],
    ),
];

/// The command at exactly this path, if any.
pub fn command_at(path: &[&str]) -> Option<&'static CommandDef> {
    COMMANDS.iter().copied().find(|c| c.path == path)
}

/// The subcommand of `parent` that answers to `word`.
pub fn subcommand(parent: &[&str], word: &str) -> Option<&'static CommandDef> {
    COMMANDS.iter().copied().find(|c| {
        c.path.len() == parent.len() + 1 && c.path[..parent.len()] == *parent && c.answers_to(word)
    })
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn every_command_is_reachable_and_documented() {
        for def in COMMANDS {
            assert!(
                !def.summary.is_empty() && !def.usage.is_empty(),
                "{:?}",
                def.path
            );
            assert!(!def.examples.is_empty(), "{:?} has no example", def.path);
            if def.path.len() > 1 {
                let parent = &def.path[..def.path.len() - 1];
                if parent != ["kubectl"] {
                    assert!(command_at(parent).is_some(), "{:?} has no parent", def.path);
                }
            }
            assert!(
                std::ptr::eq(
                    subcommand(&def.path[..def.path.len() - 1], def.name()).unwrap(),
                    *def
                ),
                "{:?} is shadowed",
                def.path
            );
            if def.is_kubectl() && def.path.len() == 2 {
                assert!(
                    REAL_KUBECTL_COMMANDS.contains(&def.name()),
                    "{} is not a kubectl command",
                    def.name()
                );
            }
            // Every example parses, and into something other than help (unless it is help).
            for example in def.examples {
                let parsed = crate::parse::parse_line(example);
                assert!(parsed.is_ok(), "example {example:?}: {parsed:?}");
            }
            for flag in def.flags {
                assert!(
                    ALL_FLAGS.iter().any(|f| std::ptr::eq(*f, *flag)),
                    "{} missing from ALL_FLAGS",
                    flag.long
                );
            }
        }
    }

    #[test]
    fn every_flag_is_used_documented_and_unique() {
        let mut longs = std::collections::BTreeSet::new();
        for flag in ALL_FLAGS {
            assert!(longs.insert(flag.long), "--{} defined twice", flag.long);
            assert!(!flag.help.is_empty());
            let used = COMMANDS
                .iter()
                .any(|c| c.accepted_flags().iter().any(|f| std::ptr::eq(*f, *flag)));
            assert!(used, "--{} is used by no command", flag.long);
            if let ValueHint::Choices(choices) = flag.hint {
                assert!(flag.takes_value() && !choices.is_empty());
            }
        }
        // A short name means the same flag everywhere, so the parser can skip values
        // before it knows the command.
        let mut shorts = std::collections::BTreeMap::new();
        for flag in ALL_FLAGS {
            if let Some(short) = flag.short {
                assert!(
                    shorts.insert(short, flag.long).is_none(),
                    "-{short} defined twice"
                );
            }
        }
    }
}
