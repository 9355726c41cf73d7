//! The shapes of kubectl's error output (`pkg/cmd/util/helpers.go: checkErr`), so every
//! failure prints exactly what real kubectl prints, plus the sandbox shell's own errors.

use std::fmt;

/// A failed command line. `Display` is the exact text the terminal shows (no trailing newline).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KubectlError {
    /// `error: <message>`: kubectl's generic client-side error.
    Message(String),
    /// `error: <message>` + `See '<path> -h' for help and examples` (`cmdutil.UsageErrorf`).
    Usage {
        message: String,
        command_path: String,
    },
    /// `error: <message>` + `See '<path> --help' for usage.` (flag errors from pflag).
    Flag {
        message: String,
        command_path: String,
    },
    /// `Error from server (<reason>): <message>`: an API status error.
    Server {
        reason: &'static str,
        message: String,
    },
    /// Text printed verbatim (kubectl's few multi-line messages, `The X "y" is invalid: ...`).
    Verbatim(String),
    /// An error of the sandbox shell rather than of kubectl (`bash: foo: command not found`).
    Shell(String),
}

impl KubectlError {
    pub fn message(message: impl Into<String>) -> Self {
        Self::Message(message.into())
    }

    pub fn usage(message: impl Into<String>, command_path: &str) -> Self {
        Self::Usage {
            message: message.into(),
            command_path: command_path.to_string(),
        }
    }

    pub fn flag(message: impl Into<String>, command_path: &str) -> Self {
        Self::Flag {
            message: message.into(),
            command_path: command_path.to_string(),
        }
    }

    /// `Error from server (NotFound): deployments.apps "x" not found`.
    pub fn not_found(resource_with_group: &str, name: &str) -> Self {
        Self::Server {
            reason: "NotFound",
            message: format!("{resource_with_group} \"{name}\" not found"),
        }
    }

    /// `Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "x" already exists`.
    pub fn already_exists(resource_with_group: &str, name: &str) -> Self {
        Self::Server {
            reason: "AlreadyExists",
            message: format!("{resource_with_group} \"{name}\" already exists"),
        }
    }
}

impl fmt::Display for KubectlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Message(message) => write!(f, "error: {message}"),
            Self::Usage {
                message,
                command_path,
            } => write!(
                f,
                "error: {message}\nSee '{command_path} -h' for help and examples"
            ),
            Self::Flag {
                message,
                command_path,
            } => write!(
                f,
                "error: {message}\nSee '{command_path} --help' for usage."
            ),
            Self::Server { reason, message } => {
                write!(f, "Error from server ({reason}): {message}")
            }
            Self::Verbatim(text) | Self::Shell(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for KubectlError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shape_prints_like_kubectl() {
        assert_eq!(
            KubectlError::not_found("deployments.apps", "ml-model").to_string(),
            "Error from server (NotFound): deployments.apps \"ml-model\" not found"
        );
        assert_eq!(
            KubectlError::flag("unknown flag: --replica", "kubectl scale").to_string(),
            "error: unknown flag: --replica\nSee 'kubectl scale --help' for usage."
        );
        assert_eq!(
            KubectlError::usage("exactly one NAME is required, got 0", "kubectl create quota")
                .to_string(),
            "error: exactly one NAME is required, got 0\nSee 'kubectl create quota -h' for help and examples"
        );
        assert_eq!(
            KubectlError::message("Metrics API not available").to_string(),
            "error: Metrics API not available"
        );
    }
}
