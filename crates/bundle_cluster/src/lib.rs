//! The pages that run the simulated cluster, mounted by the app when the `cluster` bundle loads.
//!
//! [`view`] is the bundle's one entry point: the app's `BundleHost` asks for a view by name:
//! `lab` (the cluster lab page), `terminal` (the kubectl sandbox and missions), `mini-terminal`
//! (the overview's in-place terminal).

use leptos::prelude::*;

pub mod lab;
pub mod picture;
pub mod terminal;

/// The names [`view`] knows.
pub const VIEWS: &[&str] = &["lab", "terminal", "mini-terminal"];

/// The view named `name` (one of [`VIEWS`]), started from the page's query string.
pub fn view(name: &str, query: &str) -> AnyView {
    let query = query.to_string();
    match name {
        "lab" => view! { <lab::LabPage query=query /> }.into_any(),
        "terminal" => view! { <terminal::TerminalPage query=query /> }.into_any(),
        "mini-terminal" => view! { <terminal::MiniTerminal query=query /> }.into_any(),
        _ => ().into_any(),
    }
}
