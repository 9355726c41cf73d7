//! The pages that run the simulated cluster, mounted by the app when the `cluster` bundle loads.
//!
//! [`view`] is the bundle's one entry point: the app's `BundleHost` asks for a view by name:
//! `lab` (the cluster lab page), `terminal` (the kubectl sandbox and missions).

// NOTE FROM THE LEAD (remove when read): on main, a view is now built INSIDE leptos's
// mount_to (effects created while building need its executor; building it before panics with
// "spawn_local() before a global executor was initialized"). main's protocol:
// `pub const VIEWS: &[&str]` + `pub fn view(name, query) -> AnyView`, and the bin calls
// `mlops_scaling::state::bundle::mount_view(el, name, query, VIEWS, view)`. I will reconcile
// this file and main.rs when merging; if you hit that panic, this is the cause.

use leptos::prelude::*;

pub mod lab;
pub mod picture;
mod terminal;

/// The view named `name`, started from the page's query string; `None` for an unknown name.
pub fn view(name: &str, query: &str) -> Option<AnyView> {
    let query = query.to_string();
    // Built lazily (a closure view): a component's signals need the reactive owner that
    // `mount_view` creates, which does not exist yet when this function runs.
    match name {
        "lab" => Some((move || view! { <lab::LabPage query=query.clone() /> }).into_any()),
        "terminal" => {
            Some((move || view! { <terminal::TerminalPage query=query.clone() /> }).into_any())
        }
        _ => None,
    }
}
