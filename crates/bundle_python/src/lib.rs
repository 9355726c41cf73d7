//! The exercise page's views, mounted by the app into its page when the `python` bundle loads.
//!
//! [`view`] is the bundle's one entry point: the app's `BundleHost` asks for a view by name.

use leptos::prelude::*;

pub mod beyond;
pub mod editor;
pub mod page;

/// The names [`view`] knows.
pub const VIEWS: &[&str] = &["exercise"];

/// The view named `name` (one of [`VIEWS`]), started from the page's query string.
pub fn view(name: &str, _query: &str) -> AnyView {
    match name {
        "exercise" => view! { <page::ExercisePage ex=exercise::capacity_vs_load() /> }.into_any(),
        _ => ().into_any(),
    }
}
