//! Addresses of the other modes a lesson links into: a lab preset, a command or a manifest
//! in the kubectl sandbox. Built from [`BasePath`] because the router does not prefix
//! absolute hrefs.

use crate::state::base::BasePath;

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// `{base}/lab?scenario=<preset>`: the cluster lab opened on a preset.
pub fn lab_href(base: &BasePath, preset: &str) -> String {
    format!("{}?scenario={}", base.href("lab"), encode(preset))
}

/// `{base}/kubectl?command=<command>`: the kubectl sandbox with a command typed in.
pub fn kubectl_command_href(base: &BasePath, command: &str) -> String {
    format!("{}?command={}", base.href("kubectl"), encode(command))
}

/// `{base}/kubectl?manifest=<id>`: the kubectl sandbox with a guide manifest loaded.
pub fn kubectl_manifest_href(base: &BasePath, manifest_id: &str) -> String {
    format!("{}?manifest={}", base.href("kubectl"), encode(manifest_id))
}
