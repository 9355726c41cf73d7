//! The kubectl terminal page: a sandbox cluster and guided missions.

use leptos::prelude::*;

/// The terminal, started from the page's query string (`?command=...`, `?manifest=...`).
#[component]
pub fn TerminalPage(query: String) -> impl IntoView {
    let _ = query;
    view! { <section class="card"><p>"The terminal is being built."</p></section> }
}
