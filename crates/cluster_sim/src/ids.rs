//! Name newtypes for every object kind, so a pod name can never be passed where a node name is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The name as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

name_type!(
    /// A node's name, e.g. `medium-pool-x7k2q`.
    NodeName
);
name_type!(
    /// A pod's name, e.g. `my-ml-model-5d8f7c7f7f-abcde`.
    PodName
);
name_type!(
    /// A Deployment's name, e.g. `my-ml-model`.
    DeploymentName
);
name_type!(
    /// A HorizontalPodAutoscaler's name (by default the target Deployment's name).
    HpaName
);
name_type!(
    /// A Service's name.
    ServiceName
);
name_type!(
    /// A ResourceQuota's name.
    QuotaName
);
name_type!(
    /// A VerticalPodAutoscaler's name.
    VpaName
);
name_type!(
    /// A node type from the catalogue: `small`, `medium`, `large`, `gpu`.
    NodeTypeName
);
