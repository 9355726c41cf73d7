//! Kubernetes guide: scaling ML inference with a Deployment, an HPA and a Service; the
//! manifests with their fields explained, requests and limits, the commands, the pitfalls
//! (see it fail, fix it), quick reference and key takeaways. Text from `course::kubernetes_guide()`.

use leptos::prelude::*;

use crate::components::lesson::code::{CommandWithOutput, CopyButton};
use crate::components::lesson::frozen::Frozen;
use crate::components::lesson::links::{kubectl_command_href, lab_href};
use crate::components::lesson::manifest::AnnotatedManifest;
use crate::components::lesson::{Inline, ListCard, Prose, Toc};
use crate::components::page::PageIntro;
use crate::state::base::BasePath;

/// The Kubernetes guide page.
#[component]
pub fn GuidePage() -> impl IntoView {
    let guide = course::kubernetes_guide();
    Frozen(view! {
        <PageIntro slug="guide" />
        <Toc entries=&[
            ("guide-intro-heading", "The idea"),
            ("manifests-heading", "The manifests, field by field"),
            ("resources-heading", "Requests and limits"),
            ("example-heading", "Apply and check"),
            ("pitfalls-heading", "Common pitfalls"),
            ("reference-heading", "Quick reference"),
            ("takeaways-heading", "Key takeaways"),
        ] />
        <section aria-labelledby="guide-intro-heading" class="card lesson-section">
            <h2 id="guide-intro-heading">{guide.title.as_ref()}</h2>
            <Prose text=guide.introduction.as_ref() />
            <h3>"The key parts"</h3>
            <dl class="parts-list">
                {guide
                    .parts
                    .iter()
                    .map(|p| view! { <dt>{p.name.as_ref()}</dt><dd>{p.role.as_ref()}</dd> })
                    .collect_view()}
            </dl>
        </section>
        <section aria-labelledby="manifests-heading" class="card lesson-section">
            <h2 id="manifests-heading">"The manifests, field by field"</h2>
            <p>
                "The three documents of "
                <code>{guide.example.file_name.as_ref()}</code>
                ". Hover, focus or press a highlighted line to see what the field does; "
                "every note is also listed under each manifest."
            </p>
            {guide
                .manifests
                .iter()
                .filter(|m| m.variant_of.is_none())
                .map(|m| view! { <AnnotatedManifest manifest=m /> })
                .collect_view()}
        </section>
        <Resources />
        <Example />
        <Pitfalls />
        <ListCard id="reference-heading" title="Quick reference" items=&guide.quick_reference.items />
        <ListCard id="takeaways-heading" title="Key takeaways" items=&guide.key_takeaways.items class="key-concept" />
    })
}

/// Resource requests and limits, field by field, with what happens when each is exceeded.
#[component]
fn Resources() -> impl IntoView {
    let r = &course::kubernetes_guide().resources;
    view! {
        <section aria-labelledby="resources-heading" class="card lesson-section">
            <h2 id="resources-heading">"Resource requests and limits"</h2>
            <Prose text=r.lead.as_ref() />
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="resources-caption">
                <table class="lesson-table" data-testid="resources-table">
                    <caption id="resources-caption">"The four values the Deployment sets"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Field"</th>
                            <th scope="col">"Value"</th>
                            <th scope="col">"Meaning"</th>
                            <th scope="col">"When the container uses more"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.fields
                            .iter()
                            .map(|f| view! {
                                <tr>
                                    <th scope="row"><code>{f.field.as_ref()}</code></th>
                                    <td><code>{f.value.as_ref()}</code></td>
                                    <td><Inline text=f.meaning.as_ref() /></td>
                                    <td><Inline text=f.when_exceeded.as_ref() /></td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <ul class="lesson-list">
                {r.notes.iter().map(|n| view! { <li><Inline text=n.as_ref() /></li> }).collect_view()}
            </ul>
        </section>
    }
}

/// The example: apply the file, then check the autoscaler and the pods.
#[component]
fn Example() -> impl IntoView {
    let base = expect_context::<BasePath>();
    let guide = course::kubernetes_guide();
    let example = &guide.example;
    view! {
        <section aria-labelledby="example-heading" class="card lesson-section">
            <h2 id="example-heading">"Apply and check"</h2>
            <Prose text=example.description.as_ref() />
            <p class="manifest-toolbar">
                <CopyButton text=guide.apply_file_yaml() what=example.file_name.to_string() />
                <span class="lesson-hint">"(all three manifests, separated by " <code>"---"</code> ")"</span>
            </p>
            {example
                .commands
                .iter()
                .map(|c| view! {
                    <article class="command-card">
                        <h3><code>{c.command.as_ref()}</code></h3>
                        <Prose text=c.purpose.as_ref() />
                        <CommandWithOutput command=c.command.as_ref() output=c.output.as_ref() />
                        {c.note.as_ref().map(|n| view! {
                            <div class="note"><p class="note-label">"Note"</p><Prose text=n.as_ref() /></div>
                        })}
                        <p>
                            <a class="button-link" href=kubectl_command_href(&base, &c.command)>
                                "Try it in the kubectl sandbox"
                                <span class="visually-hidden">{format!(": {}", c.command)}</span>
                            </a>
                        </p>
                    </article>
                })
                .collect_view()}
        </section>
    }
}

/// The pitfalls, each with why it hurts, what you see, "See it fail" and "Fix it".
#[component]
fn Pitfalls() -> impl IntoView {
    let base = expect_context::<BasePath>();
    let guide = course::kubernetes_guide();
    let pitfalls = guide
        .pitfalls
        .iter()
        .map(|p| {
            let wrong = p.manifest.as_ref().and_then(|id| guide.manifest(id));
            view! {
                <article class="pitfall" data-testid=format!("pitfall-{}", p.id)>
                    <h3>{p.title.as_ref()}</h3>
                    <p class="mistake-label">"Why it hurts"</p>
                    <Prose text=p.why_it_hurts.as_ref() />
                    <p class="mistake-label">"What you see"</p>
                    <Prose text=p.what_you_see.as_ref() />
                    {wrong.map(|m| view! { <AnnotatedManifest manifest=m nested=true /> })}
                    <p>
                        <a class="button-link button-danger" href=lab_href(&base, &p.lab_preset) data-testid="see-it-fail">
                            "See it fail"
                            <span class="visually-hidden">{format!(": {}", p.title)}</span>
                        </a>
                    </p>
                    <details class="fix-it">
                        <summary>"Fix it" <span class="visually-hidden">{format!(": {}", p.title)}</span></summary>
                        <Prose text=p.fix.as_ref() />
                        {p.fix_yaml.as_ref().map(|y| view! {
                            <pre class="yaml-snippet" tabindex="0" role="group" aria-label="The fix (YAML)"><code>{y.as_ref()}</code></pre>
                        })}
                    </details>
                </article>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="pitfalls-heading" class="card lesson-section">
            <h2 id="pitfalls-heading">"Common pitfalls"</h2>
            {pitfalls}
        </section>
    }
}
