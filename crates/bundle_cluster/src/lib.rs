//! The pages that run the simulated cluster, mounted by the app when the `cluster` bundle loads.
//!
//! [`view`] is the bundle's one entry point: the app's `BundleHost` asks for a view by name:
//! `lab` (the cluster lab page), `terminal` (the kubectl sandbox and missions).

use leptos::prelude::*;

mod lab;
mod terminal;

/// The view named `name`, started from the page's query string; `None` for an unknown name.
pub fn view(name: &str, query: &str) -> Option<AnyView> {
    let query = query.to_string();
    match name {
        "lab" => Some(view! { <lab::LabPage query=query /> }.into_any()),
        "terminal" => Some(view! { <terminal::TerminalPage query=query /> }.into_any()),
        _ => None,
    }
}
