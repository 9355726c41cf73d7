//! The "Your progress" page's view, mounted by the app into its page when the `progress` bundle
//! loads.
//!
//! [`view`] is the bundle's one entry point: the app's `BundleHost` asks for a view by name.

use leptos::prelude::*;

pub mod page;

/// The names [`view`] knows.
pub const VIEWS: &[&str] = &["progress"];

/// The view named `name` (one of [`VIEWS`]).
pub fn view(name: &str, _query: &str) -> AnyView {
    match name {
        "progress" => view! { <page::ProgressRecord /> }.into_any(),
        _ => ().into_any(),
    }
}
