//! Exercise ("see it in action"): the capacity-versus-load program, written in Python.
//!
//! The page's body lives in the `python` bundle (crates/bundle_python), loaded when the page opens; it is
//! mounted again when the query string changes (a link to another preset, back and forward).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::bundle_host::BundleHost;
use crate::components::page::PageIntro;
use crate::state::bundle::BundleName;

/// The page: its heading, then the bundle's view.
#[component]
pub fn ExercisePage() -> impl IntoView {
    let search = use_location().search;
    view! {
        <PageIntro slug="exercise" />
        {move || view! { <BundleHost bundle=BundleName::Python view="exercise" query=search.get() /> }}
    }
}
