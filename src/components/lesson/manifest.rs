//! A Kubernetes manifest with its field notes: every annotated line is a button; hovering,
//! focusing or pressing it shows what the field does in a live panel beside the code.

use course::guide::Manifest;
use leptos::either::Either;
use leptos::prelude::*;

use crate::components::lesson::code::CopyButton;
use crate::components::lesson::links::kubectl_manifest_href;
use crate::components::lesson::Inline;
use crate::state::base::BasePath;

/// One manifest: title, Copy and "Open in the kubectl sandbox", the YAML with focusable
/// annotated lines, the note of the chosen line, and every note as a list for reading through.
#[component]
pub fn AnnotatedManifest(
    /// The manifest, from the guide content.
    manifest: &'static Manifest,
    /// Use `<h4>` instead of `<h3>` (when shown inside a pitfall).
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let base = expect_context::<BasePath>();
    let id = manifest.id.as_ref();
    let selected = RwSignal::new(None::<usize>);
    let note_id = format!("manifest-note-{id}");
    let notes_on = move |line: usize| manifest.annotations.iter().filter(move |a| a.line == line);
    let lines = manifest
        .yaml
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let line = i + 1;
            if notes_on(line).next().is_none() {
                return Either::Left(view! { <span class="yaml-line">{text}"\n"</span> });
            }
            let is_selected = move || selected.get() == Some(line);
            Either::Right(view! {
                <button
                    type="button"
                    class="yaml-line is-annotated"
                    class:is-selected=is_selected
                    aria-pressed=move || if is_selected() { "true" } else { "false" }
                    aria-controls=note_id.clone()
                    on:click=move |_| selected.set(Some(line))
                    on:focus=move |_| selected.set(Some(line))
                    on:mouseenter=move |_| selected.set(Some(line))
                    data-testid=format!("annotated-line-{id}-{line}")
                >
                    {text}
                    <span class="visually-hidden">{format!(" (line {line}: explain)")}</span>
                </button>
            })
        })
        .collect_view();
    let title = manifest.title.as_ref();
    let heading = if nested {
        Either::Left(view! { <h4>{title}</h4> })
    } else {
        Either::Right(view! { <h3>{title}</h3> })
    };
    view! {
        <article class="manifest" data-testid=format!("manifest-{id}")>
            {heading}
            <div class="manifest-toolbar">
                <CopyButton text=manifest.yaml.as_ref() what=format!("{} YAML", manifest.kind) />
                <a class="button-link" href=kubectl_manifest_href(&base, id)>
                    "Open in the kubectl sandbox"
                    <span class="visually-hidden">{format!(": {}", manifest.kind)}</span>
                </a>
            </div>
            <div class="manifest-body">
                <pre class="yaml" role="group" aria-label=format!("{} manifest (YAML)", manifest.kind)><code>{lines}</code></pre>
                <div class="manifest-note" id=note_id.clone() aria-live="polite" data-testid=format!("manifest-note-{id}")>
                    {move || match selected.get() {
                        None => Either::Left(view! {
                            <p class="lesson-hint">"Hover, focus or press a highlighted line to see what that field does."</p>
                        }),
                        Some(line) => Either::Right(notes_on(line)
                            .map(|a| view! {
                                <p class="note-path"><code>{a.path.as_ref()}</code>{format!(" (line {line})")}</p>
                                <p><Inline text=a.text.as_ref() /></p>
                            })
                            .collect_view()),
                    }}
                </div>
            </div>
            <details class="manifest-notes">
                <summary>{format!("All {} field notes", manifest.annotations.len())}</summary>
                <dl>
                    {manifest
                        .annotations
                        .iter()
                        .map(|a| view! {
                            <dt><code>{a.path.as_ref()}</code>{format!(" (line {})", a.line)}</dt>
                            <dd><Inline text=a.text.as_ref() /></dd>
                        })
                        .collect_view()}
                </dl>
            </details>
        </article>
    }
}
