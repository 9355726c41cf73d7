//! kubectl sandbox: type kubectl commands that the simulated cluster obeys.
//!
//! The page's body lives in the `cluster` bundle (crates/bundle_cluster), loaded when the page opens; it is
//! mounted again when the query string changes (a link to another preset, back and forward).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::bundle_host::BundleHost;
use crate::components::page::PageIntro;
use crate::state::bundle::BundleName;

/// The page: its heading, then the bundle's view.
#[component]
pub fn KubectlPage() -> impl IntoView {
    let search = use_location().search;
    view! {
        <PageIntro slug="kubectl" />
        {move || view! { <BundleHost bundle=BundleName::Cluster view="terminal" query=search.get() /> }}
    }
}
