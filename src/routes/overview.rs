//! Overview ("why it works"): what scaling means, when it is needed, the four kubectl commands,
//! the key concept, the common mistakes and a summary. All text comes from `course::overview()`.

use leptos::prelude::*;

use crate::components::bundle_host::BundleHost;
use crate::components::lesson::code::CommandWithOutput;
use crate::components::lesson::frozen::Frozen;
use crate::components::lesson::links::{encode, kubectl_command_href, lab_href};
use crate::components::lesson::{Inline, ListCard, Prose, Toc};
use crate::components::page::PageIntro;
use crate::state::base::BasePath;
use crate::state::bundle::BundleName;

/// The home page of the course.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let lesson = course::overview();
    Frozen(view! {
        <PageIntro slug="" />
        <Toc entries=&[
            ("intro-heading", "Introduction"),
            ("when-heading", "When to scale"),
            ("commands-heading", "The four commands"),
            ("concept-heading", "Key concept"),
            ("mistakes-heading", "Common mistakes"),
            ("summary-heading", "Summary"),
        ] />
        <section aria-labelledby="intro-heading" class="card lesson-section">
            <h2 id="intro-heading">"Introduction"</h2>
            <Prose text=lesson.introduction.as_ref() />
        </section>
        <WhenToScale />
        <Commands />
        <section aria-labelledby="concept-heading" class="card lesson-section key-concept">
            <h2 id="concept-heading">"Key concept"</h2>
            <Prose text=lesson.key_concept.text.as_ref() />
        </section>
        <Mistakes />
        <ListCard id="summary-heading" title="Summary" items=&lesson.summary.points />
    })
}

/// The five situations that call for scaling, each with the strategy it points to.
#[component]
fn WhenToScale() -> impl IntoView {
    let when = &course::overview().when_to_scale;
    view! {
        <section aria-labelledby="when-heading" class="card lesson-section">
            <h2 id="when-heading">"When to scale"</h2>
            <p>{when.lead.as_ref()}</p>
            <ol class="situations" data-testid="situations">
                {when
                    .situations
                    .iter()
                    .map(|s| {
                        view! {
                            <li class="situation">
                                <p class="situation-text">{s.situation.as_ref()}</p>
                                <p class="situation-strategy">
                                    <span class="tag">"Strategy"</span>
                                    " "
                                    <Inline text=s.strategy.as_ref() />
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The four kubectl commands: purpose, flags, expected output and a link to try each one.
#[component]
fn Commands() -> impl IntoView {
    let base = expect_context::<BasePath>();
    let commands = course::overview()
        .commands
        .iter()
        .map(|c| {
            let flags_id = format!("flags-{}", c.id);
            view! {
                <article class="command-card" data-testid=format!("command-{}", c.id)>
                    <h3><code>{c.command.as_ref()}</code></h3>
                    <Prose text=c.purpose.as_ref() />
                    <h4 id=flags_id.clone()>"Flags and arguments"</h4>
                    <dl class="flag-list" aria-labelledby=flags_id>
                        {c
                            .flags
                            .iter()
                            .map(|f| {
                                view! {
                                    <dt><code>{f.flag.as_ref()}</code></dt>
                                    <dd><Inline text=f.meaning.as_ref() /></dd>
                                }
                            })
                            .collect_view()}
                    </dl>
                    <CommandWithOutput command=c.command.as_ref() output=c.expected_output.as_ref() />
                    {c.note.as_ref().map(|n| view! {
                        <div class="note"><p class="note-label">"Note"</p><Prose text=n.as_ref() /></div>
                    })}
                    <RunHere id=c.id.as_ref() command=c.command.as_ref() />
                    <p>
                        <a class="button-link" href=kubectl_command_href(&base, &c.command)>
                            "Try it in the kubectl sandbox"
                            <span class="visually-hidden">{format!(": {}", c.command)}</span>
                        </a>
                    </p>
                </article>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="commands-heading" class="card lesson-section">
            <h2 id="commands-heading">"The four commands"</h2>
            <p>
                "Scale by hand, check the pods, hand the job to an autoscaler, and watch it work. "
                "Each command below is shown with what every flag does and what kubectl prints."
            </p>
            {commands}
        </section>
    }
}

/// "Run it here": mounts a small terminal (the cluster bundle) under the command and runs it on
/// a live mini cluster shared by the four commands; pressing again runs it again.
#[component]
fn RunHere(id: &'static str, command: &'static str) -> impl IntoView {
    let runs = RwSignal::new(0u32);
    view! {
        <p>
            <button type="button" class="button button-primary" on:click=move |_| runs.update(|n| *n += 1)>
                {move || if runs.get() == 0 { "Run it here" } else { "Run it again" }}
                <span class="visually-hidden">{format!(": {command}")}</span>
            </button>
        </p>
        {move || {
            let n = runs.get();
            (n > 0).then(|| {
                let query = format!("?command={}&id={id}&run={n}", encode(command));
                view! { <BundleHost bundle=BundleName::Cluster view="mini-terminal" query=query /> }
            })
        }}
    }
}

/// Common mistakes, each with why it hurts, the fix and the lab preset that shows it.
#[component]
fn Mistakes() -> impl IntoView {
    let base = expect_context::<BasePath>();
    let mistakes = course::overview()
        .mistakes
        .iter()
        .map(|m| {
            view! {
                <li class="mistake" data-testid=format!("mistake-{}", m.id)>
                    <h3>{m.mistake.as_ref()}</h3>
                    <p class="mistake-label">"Why it hurts"</p>
                    <Prose text=m.why_it_hurts.as_ref() />
                    <p class="mistake-label">"The fix"</p>
                    <Prose text=m.fix.as_ref() />
                    <p>
                        <a class="button-link" href=lab_href(&base, &m.lab_preset)>
                            "See it happen in the cluster lab"
                            <span class="visually-hidden">{format!(": {}", m.mistake)}</span>
                        </a>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="mistakes-heading" class="card lesson-section">
            <h2 id="mistakes-heading">"Common mistakes"</h2>
            <ul class="mistakes">{mistakes}</ul>
        </section>
    }
}
