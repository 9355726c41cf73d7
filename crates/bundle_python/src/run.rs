//! A minimal runner: a program box, Run, and the output (the full exercise page replaces it).

use leptos::prelude::*;

/// Runs the typed program with the interpreter's default limits and shows what it printed.
#[component]
pub fn TryPython() -> impl IntoView {
    let source = RwSignal::new(String::from("load = 7\nprint(load)\n"));
    let output = RwSignal::new(String::new());
    let run = move |_| {
        let outcome = minipy::run(&source.get_untracked(), &minipy::RunOptions::default());
        let mut text = outcome.stdout;
        if let Some(e) = outcome.error {
            text.push_str(&e.last_line());
        }
        output.set(text);
    };
    view! {
        <section class="card">
            <label for="py-src">"Your program"</label>
            <textarea id="py-src" rows="6" prop:value=move || source.get()
                on:input=move |ev| source.set(event_target_value(&ev))></textarea>
            <button type="button" class="button" on:click=run>"Run"</button>
            <pre class="py-output" aria-live="polite">{move || output.get()}</pre>
        </section>
    }
}
