//! The cluster lab page: nodes, pods, charts and controls over one engine run.

use leptos::prelude::*;

/// The lab, started from the page's query string (`?scenario=hpa-50&seed=7`).
#[component]
pub fn LabPage(query: String) -> impl IntoView {
    let _ = query;
    view! { <section class="card"><p>"The lab is being built."</p></section> }
}
