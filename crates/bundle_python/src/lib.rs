//! The exercise page's views, mounted by the app into its page when the `python` bundle loads.
//!
//! [`view`] is the bundle's one entry point: the app's `BundleHost` asks for a view by name.

use leptos::prelude::*;

mod run;

/// The view named `name`, started from the page's query string; `None` for an unknown name.
pub fn view(name: &str, _query: &str) -> Option<AnyView> {
    match name {
        "exercise" => Some(run::TryPython().into_any()),
        _ => None,
    }
}
