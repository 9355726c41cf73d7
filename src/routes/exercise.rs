//! Exercise ("see it in action"): the capacity-versus-load program, written in Python.

use bundle_python::RunReply;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::page::PageIntro;
use crate::state::bundle::{self, BundleName};

/// The coding exercise page.
#[component]
pub fn ExercisePage() -> impl IntoView {
    let source = RwSignal::new(String::from("load = 7\nprint(load)\n"));
    let output = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let run = move |_| {
        busy.set(true);
        spawn_local(async move {
            let text = match bundle::load(BundleName::Python).await {
                Ok(b) => match b.call_json::<RunReply>("run_program", &[&source.get_untracked()]) {
                    Ok(r) => r.stdout + &r.error.unwrap_or_default(),
                    Err(e) => e,
                },
                Err(e) => e,
            };
            output.set(text);
            busy.set(false);
        });
    };
    view! {
        <PageIntro slug="exercise" />
        <section class="card">
            <p>
                "You model three scaling strategies as capacities, set a load of 7, and find out "
                "which strategies can handle it."
            </p>
            <label for="py-src">"Your program"</label>
            <textarea id="py-src" rows="6" prop:value=move || source.get()
                on:input=move |ev| source.set(event_target_value(&ev))></textarea>
            <button type="button" on:click=run disabled=move || busy.get()>"Run"</button>
            <pre class="py-output" aria-live="polite">{move || output.get()}</pre>
        </section>
    }
}
