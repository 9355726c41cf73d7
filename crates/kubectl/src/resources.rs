//! The resource types the sandbox knows, with every name kubectl accepts for them
//! (`pods`, `pod`, `po`, `deployments.apps`, `hpa`...) and the text kubectl derives from them
//! (`deployment.apps/x` on success, `deployments.apps "x" not found` on failure).

use serde::Serialize;

/// A resource type of the simulated cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ResourceKind {
    Pod,
    Deployment,
    ReplicaSet,
    HorizontalPodAutoscaler,
    Service,
    Node,
    Event,
    ResourceQuota,
}

/// Everything kubectl prints or accepts for one resource type.
#[derive(Debug)]
pub struct ResourceDef {
    pub kind: ResourceKind,
    /// Lower-case plural, the canonical REST name (`deployments`).
    pub plural: &'static str,
    pub singular: &'static str,
    pub short_names: &'static [&'static str],
    /// The `kind:` in manifests (`Deployment`).
    pub kind_name: &'static str,
    /// API group, empty for the core group.
    pub group: &'static str,
    pub api_version: &'static str,
    pub namespaced: bool,
}

impl ResourceDef {
    /// `deployment.apps/web` (or `pod/web` for the core group): the name printer's prefix.
    pub fn object_ref(&self, name: &str) -> String {
        if self.group.is_empty() {
            format!("{}/{name}", self.singular)
        } else {
            format!("{}.{}/{name}", self.singular, self.group)
        }
    }

    /// `deployments.apps` (or `pods`): how API errors name the resource.
    pub fn plural_with_group(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// Every spelling kubectl accepts on the command line, canonical plural first.
    pub fn spellings(&self) -> Vec<String> {
        let mut all = vec![self.plural.to_string(), self.singular.to_string()];
        all.extend(self.short_names.iter().map(|s| s.to_string()));
        if !self.group.is_empty() {
            all.push(format!("{}.{}", self.plural, self.group));
            all.push(format!("{}.{}", self.singular, self.group));
        }
        all
    }
}

/// The resource table. Order is the order of `help` and of completion.
pub static RESOURCES: &[ResourceDef] = &[
    ResourceDef {
        kind: ResourceKind::Pod,
        plural: "pods",
        singular: "pod",
        short_names: &["po"],
        kind_name: "Pod",
        group: "",
        api_version: "v1",
        namespaced: true,
    },
    ResourceDef {
        kind: ResourceKind::Deployment,
        plural: "deployments",
        singular: "deployment",
        short_names: &["deploy"],
        kind_name: "Deployment",
        group: "apps",
        api_version: "apps/v1",
        namespaced: true,
    },
    ResourceDef {
        kind: ResourceKind::ReplicaSet,
        plural: "replicasets",
        singular: "replicaset",
        short_names: &["rs"],
        kind_name: "ReplicaSet",
        group: "apps",
        api_version: "apps/v1",
        namespaced: true,
    },
    ResourceDef {
        kind: ResourceKind::HorizontalPodAutoscaler,
        plural: "horizontalpodautoscalers",
        singular: "horizontalpodautoscaler",
        short_names: &["hpa"],
        kind_name: "HorizontalPodAutoscaler",
        group: "autoscaling",
        api_version: "autoscaling/v2",
        namespaced: true,
    },
    ResourceDef {
        kind: ResourceKind::Service,
        plural: "services",
        singular: "service",
        short_names: &["svc"],
        kind_name: "Service",
        group: "",
        api_version: "v1",
        namespaced: true,
    },
    ResourceDef {
        kind: ResourceKind::Node,
        plural: "nodes",
        singular: "node",
        short_names: &["no"],
        kind_name: "Node",
        group: "",
        api_version: "v1",
        namespaced: false,
    },
    ResourceDef {
        kind: ResourceKind::Event,
        plural: "events",
        singular: "event",
        short_names: &["ev"],
        kind_name: "Event",
        group: "",
        api_version: "v1",
        namespaced: true,
    },
    ResourceDef {
        kind: ResourceKind::ResourceQuota,
        plural: "resourcequotas",
        singular: "resourcequota",
        short_names: &["quota"],
        kind_name: "ResourceQuota",
        group: "",
        api_version: "v1",
        namespaced: true,
    },
];

/// The definition of a kind. Every kind has exactly one row (checked by a test).
pub fn resource_def(kind: ResourceKind) -> &'static ResourceDef {
    RESOURCES
        .iter()
        .find(|r| r.kind == kind)
        .expect("every ResourceKind has a row in RESOURCES")
}

/// Resolves a name typed on the command line; kubectl's REST mapper is case-insensitive.
pub fn resolve_resource(text: &str) -> Option<&'static ResourceDef> {
    let lower = text.to_ascii_lowercase();
    RESOURCES.iter().find(|r| r.spellings().contains(&lower))
}

/// Resolves a manifest's `kind:` (case-sensitive, as the API server is).
pub fn resource_by_kind_name(kind_name: &str) -> Option<&'static ResourceDef> {
    RESOURCES.iter().find(|r| r.kind_name == kind_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row_and_spellings_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for def in RESOURCES {
            assert!(std::ptr::eq(resource_def(def.kind), def));
            for spelling in def.spellings() {
                assert!(seen.insert(spelling.clone()), "{spelling} listed twice");
            }
        }
    }

    #[test]
    fn names_print_like_kubectl() {
        let deploy = resolve_resource("deploy").unwrap();
        assert_eq!(deploy.object_ref("web"), "deployment.apps/web");
        assert_eq!(deploy.plural_with_group(), "deployments.apps");
        let hpa = resolve_resource("HPA").unwrap();
        assert_eq!(
            hpa.object_ref("web"),
            "horizontalpodautoscaler.autoscaling/web"
        );
        assert_eq!(resolve_resource("po").unwrap().object_ref("x"), "pod/x");
        assert_eq!(
            resolve_resource("deployments.apps").unwrap().kind,
            ResourceKind::Deployment
        );
        assert!(resolve_resource("pood").is_none());
        assert_eq!(
            resource_by_kind_name("ResourceQuota").unwrap().plural,
            "resourcequotas"
        );
    }
}
