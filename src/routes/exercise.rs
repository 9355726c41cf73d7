//! Exercise ("see it in action"): the capacity-versus-load program, written in Python.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The coding exercise page.
#[component]
pub fn ExercisePage() -> impl IntoView {
    view! {
        <PageIntro slug="exercise" />
        <section class="card">
            <p>
                "You model three scaling strategies as capacities, set a load of 7, and find out "
                "which strategies can handle it."
            </p>
        </section>
    }
}
