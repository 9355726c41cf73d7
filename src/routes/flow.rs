//! Decision flow ("visual breakdown"): the scaling decision, step by step. The learner sets the
//! inputs, steps through `course::Walkthrough`, and sees the flowchart, the code, the process
//! table and the status tracker follow along. This page only shows the walkthrough; the
//! stepping and the trace live in crates/course.

use course::{FlowInputs, Outcome, TraceStep, Walkthrough};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::flow::chart::FlowChart;
use crate::components::flow::code::CodePanel;
use crate::components::flow::tables::{LiveProcessTable, LiveTracker, ReferenceTables};
use crate::components::lesson::frozen::Frozen;
use crate::components::lesson::links::lab_href;
use crate::components::lesson::{Inline, Prose};
use crate::components::page::PageIntro;
use crate::state::base::BasePath;

/// Largest data size and threshold the sliders offer, in GB.
const MAX_GB: u32 = 500;

/// The decision-flow walkthrough page.
#[component]
pub fn FlowPage() -> impl IntoView {
    let walk = RwSignal::new(Walkthrough::new(FlowInputs::example(Outcome::Horizontal)));
    let current = Memo::new(move |_| walk.with(|w| w.current().clone()));
    let visited = Memo::new(move |_| walk.with(|w| w.visited().to_vec()));
    let flow = course::decision_flow();
    Frozen(view! {
        <PageIntro slug="flow" />
        <section class="card lesson-section" aria-labelledby="flow-about-heading">
            <h2 id="flow-about-heading">"What this shows"</h2>
            <p>{flow.description.as_ref()}</p>
            <dl class="variable-list">
                {flow
                    .variables
                    .iter()
                    .map(|v| view! {
                        <dt><code>{v.name.as_ref()}</code></dt>
                        <dd><Prose text=v.meaning.as_ref() /></dd>
                    })
                    .collect_view()}
            </dl>
        </section>
        <Walk walk current visited />
        <KeyMoments current=Signal::derive(move || current.with(|s| s.node.to_string())) />
        <Metrics highlighted=Signal::derive(move || current.with(|s| s.node.as_str() == "monitor")) />
        <section class="card lesson-section" aria-labelledby="snapshot-heading">
            <h2 id="snapshot-heading">"Concept snapshot"</h2>
            <ul class="lesson-list">
                {flow.concept_snapshot.points.iter().map(|p| view! { <li>{p.as_ref()}</li> }).collect_view()}
            </ul>
        </section>
        <section class="card lesson-section" aria-labelledby="reference-heading">
            <h2 id="reference-heading">"Every path at once"</h2>
            <p>"Your run fills in only the rows and columns of the path it takes. These reference tables show all of them."</p>
            <ReferenceTables />
        </section>
        <section class="card lesson-section" aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">"Full transcript"</h2>
            <details class="transcript">
                <summary>"Read the whole walkthrough as text"</summary>
                <Prose text=flow.transcript.text.as_ref() />
            </details>
        </section>
    })
}

/// The interactive part: inputs, step controls, the chart, the code and the live tables.
/// Arrow keys step while focus is inside it (except in the sliders, which use them).
#[component]
fn Walk(
    /// The walkthrough the controls move.
    walk: RwSignal<Walkthrough>,
    /// The current step.
    current: Memo<TraceStep>,
    /// The steps visited so far, the current one last.
    visited: Memo<Vec<TraceStep>>,
) -> impl IntoView {
    let base = expect_context::<BasePath>();
    let inputs = Memo::new(move |_| walk.with(|w| w.inputs()));
    let position = Memo::new(move |_| walk.with(|w| (w.position() + 1, w.len())));
    let set_inputs = move |f: &dyn Fn(&mut FlowInputs)| {
        walk.update(|w| {
            let mut next = w.inputs();
            f(&mut next);
            w.set_inputs(next);
        })
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if in_field {
            return;
        }
        let handled = match ev.key().as_str() {
            "ArrowRight" => {
                walk.update(|w| {
                    w.next();
                });
                true
            }
            "ArrowLeft" => {
                walk.update(|w| {
                    w.back();
                });
                true
            }
            "Home" => {
                walk.update(|w| w.restart());
                true
            }
            "End" => {
                walk.update(|w| w.finish());
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    };
    let rows = Signal::derive(move || {
        visited.with(|v| v.iter().filter_map(|s| s.table_row).collect::<Vec<_>>())
    });
    // The outcome is shown once the run has passed the node that decides it.
    let reached_outcome = Memo::new(move |_| {
        walk.with(|w| {
            let node = course::decision_flow().outcome_node(w.outcome())?;
            w.visited().iter().any(|s| s.node == node.id).then(|| {
                (
                    w.outcome(),
                    node.label.to_string(),
                    w.trace().lab_preset.to_string(),
                )
            })
        })
    });
    let presets = [
        (Outcome::SmallModel, "Small data"),
        (Outcome::Vertical, "Large data, cluster cannot add nodes"),
        (Outcome::Horizontal, "Large data, cluster can add nodes"),
    ];
    view! {
        <section
            class="card flow-walk"
            aria-labelledby="walk-heading"
            on:keydown=on_key
            data-testid="flow-walk"
        >
            <h2 id="walk-heading">"Walk through the decision"</h2>
            <fieldset class="flow-inputs">
                <legend>"Your situation"</legend>
                <div class="flow-input">
                    <label for="flow-data-size">"Data size (data_size)"</label>
                    <input
                        id="flow-data-size"
                        type="range"
                        min="0"
                        max=MAX_GB
                        step="10"
                        prop:value=move || inputs.get().data_size_gb.to_string()
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse() {
                                set_inputs(&|i| i.data_size_gb = v);
                            }
                        }
                        data-testid="input-data-size"
                    />
                    <output for="flow-data-size">{move || format!("{} GB", inputs.get().data_size_gb)}</output>
                </div>
                <div class="flow-input">
                    <label for="flow-threshold">"Threshold (threshold)"</label>
                    <input
                        id="flow-threshold"
                        type="range"
                        min="0"
                        max=MAX_GB
                        step="10"
                        prop:value=move || inputs.get().threshold_gb.to_string()
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse() {
                                set_inputs(&|i| i.threshold_gb = v);
                            }
                        }
                        data-testid="input-threshold"
                    />
                    <output for="flow-threshold">{move || format!("{} GB", inputs.get().threshold_gb)}</output>
                </div>
                <div class="flow-input flow-check">
                    <input
                        id="flow-resource-limit"
                        type="checkbox"
                        prop:checked=move || inputs.get().resource_limit
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set_inputs(&|i| i.resource_limit = on);
                        }
                        data-testid="input-resource-limit"
                    />
                    <label for="flow-resource-limit">
                        <code>"resource_limit"</code>
                        " (the cluster cannot add nodes)"
                    </label>
                </div>
                <div class="flow-presets" role="group" aria-labelledby="presets-label">
                    <span id="presets-label" class="presets-label">"Or try:"</span>
                    {presets
                        .into_iter()
                        .map(|(o, label)| view! {
                            <button
                                type="button"
                                class="button button-quiet"
                                on:click=move |_| walk.update(|w| w.set_inputs(FlowInputs::example(o)))
                                data-testid=format!("preset-{}", o.as_str())
                            >
                                {label}
                            </button>
                        })
                        .collect_view()}
                </div>
                <p class="lesson-hint">"Changing the situation starts the walk again."</p>
            </fieldset>

            <div class="flow-controls" role="group" aria-label="Step controls">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| walk.update(|w| { w.back(); })
                    disabled=move || walk.with(|w| w.is_at_start())
                    data-testid="flow-back"
                >
                    "← Back"
                </button>
                <button
                    type="button"
                    class="button button-primary"
                    on:click=move |_| walk.update(|w| { w.next(); })
                    disabled=move || walk.with(|w| w.is_at_end())
                    data-testid="flow-next"
                >
                    "Next →"
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| walk.update(|w| w.restart())
                    data-testid="flow-restart"
                >
                    "Restart"
                </button>
                <span class="flow-position" data-testid="flow-position">
                    {move || {
                        let (i, n) = position.get();
                        format!("Step {i} of {n}")
                    }}
                </span>
            </div>
            <p class="lesson-hint">
                "Keyboard: " <kbd>"←"</kbd> " " <kbd>"→"</kbd> " step, " <kbd>"Home"</kbd>
                " restarts, " <kbd>"End"</kbd> " jumps to the end (while focus is in this section)."
            </p>
            <p class="flow-narration" aria-live="polite" data-testid="flow-narration">
                {move || current.with(|s| s.narration.clone())}
            </p>

            <div class="flow-stage">
                <div class="flow-figure">
                    <p id="flow-chart-title" class="figure-title">"Process flow: why scaling requires different strategies"</p>
                    <FlowChart steps=visited />
                    <p id="flow-chart-desc" class="visually-hidden">
                        {move || {
                            let path: Vec<String> = visited.get().iter().map(|s| s.node_label.to_string()).collect();
                            format!(
                                "Flowchart from Start through Evaluate Performance, Need to Scale? (No: Continue Small Scale; Yes: Choose Scaling Strategy, then Vertical or Horizontal), Adjust Resources, Monitor & Optimize, to End. Current node: {}. Path so far: {}.",
                                path.last().cloned().unwrap_or_default(),
                                path.join(", then "),
                            )
                        }}
                    </p>
                    <p class="legend" aria-hidden="true">
                        <span class="legend-item legend-current">"current step"</span>
                        <span class="legend-item legend-visited">"visited"</span>
                    </p>
                </div>
                <div class="flow-side">
                    <CodePanel current_line=Signal::derive(move || current.with(|s| s.code_line)) />
                    <StepDetails current />
                </div>
            </div>

            {move || reached_outcome.get().map(|(outcome, label, preset)| {
                let (title, text) = match outcome {
                    Outcome::SmallModel => ("Outcome: keep the small model", "The data fits the single node: no scaling, no extra cost."),
                    Outcome::Vertical => ("Outcome: scale vertically", "The cluster cannot add nodes, so the one node grows, until it hits the node ceiling."),
                    Outcome::Horizontal => ("Outcome: scale horizontally", "Nodes can be added, so more copies of the model run on more nodes."),
                };
                view! {
                    <div class="flow-outcome" data-testid="flow-outcome" data-outcome=outcome.as_str()>
                        <h3>{title}</h3>
                        <p>{format!("Decided at \u{201c}{label}\u{201d}. {text}")}</p>
                        <p>
                            <a class="button-link" href=lab_href(&base, &preset) data-testid="flow-outcome-lab">
                                "See it happen in the cluster lab"
                            </a>
                        </p>
                        <p>
                            <a href="#metrics-heading">"Then: the metrics that tell you to change strategy"</a>
                        </p>
                    </div>
                }
            })}

            <div class="flow-tables">
                <LiveProcessTable rows current=Signal::derive(move || current.with(|s| s.table_row)) />
                <LiveTracker columns=Signal::derive(move || current.with(|s| s.tracker.clone())) />
            </div>
        </section>
    }
}

/// What the current step does: the node, the condition it checks, the action and the state.
#[component]
fn StepDetails(
    /// The current step.
    current: Memo<TraceStep>,
) -> impl IntoView {
    let flow = course::decision_flow();
    view! {
        <div class="step-details" data-testid="step-details">
            <h3>{move || current.with(|s| s.node_label.to_string())}</h3>
            {move || {
                let id = current.with(|s| s.node.to_string());
                flow.node(&id).map(|n| view! { <Prose text=n.description.as_ref() /> })
            }}
            {move || {
                let id = current.with(|s| s.node.to_string());
                let links = flow
                    .key_moments
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| k.node.as_str() == id)
                    .map(|(i, k)| view! {
                        <p class="step-moment">
                            "Key moment: "
                            <a href=format!("#key-moment-{}", i + 1)>{k.question.as_ref()}</a>
                        </p>
                    })
                    .collect_view();
                links
            }}
            <dl class="step-facts">
                {move || current.with(|s| s.condition.clone()).map(|c| view! {
                    <dt>"Condition"</dt>
                    <dd><code>{c.expression.to_string()}</code> " → " {c.explanation}</dd>
                })}
                {move || current.with(|s| s.branch.clone()).map(|b| view! {
                    <dt>"Branch taken"</dt>
                    <dd>{b.to_string()}</dd>
                })}
                <dt>"Action"</dt>
                <dd data-testid="step-action">{move || current.with(|s| s.action.to_string())}</dd>
                <dt>"System state"</dt>
                <dd>{move || current.with(|s| s.system_state.to_string())}</dd>
            </dl>
        </div>
    }
}

/// The three key moments as call-outs; the one tied to the current step opens.
#[component]
fn KeyMoments(
    /// Id of the current node.
    #[prop(into)]
    current: Signal<String>,
) -> impl IntoView {
    let flow = course::decision_flow();
    let moments = flow
        .key_moments
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let node_label = flow.node(k.node.as_str()).map(|n| n.label.as_ref()).unwrap_or_default();
            let rows = k.table_rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(" and ");
            // A memo, so a call-out the learner opened by hand stays open until the walk
            // arrives at or leaves this moment's step.
            let is_here = Memo::new(move |_| current.with(|c| c.as_str() == k.node.as_str()));
            view! {
                <details
                    class="key-moment"
                    class:is-current=is_here
                    prop:open=is_here
                    id=format!("key-moment-{}", i + 1)
                    data-testid=format!("key-moment-{}", i + 1)
                >
                    <summary>{k.question.as_ref()}</summary>
                    <p class="key-moment-where">{format!("Step \u{201c}{node_label}\u{201d}, process-table row {rows}")}</p>
                    <Prose text=k.answer.as_ref() />
                </details>
            }
        })
        .collect_view();
    view! {
        <section class="card lesson-section" aria-labelledby="moments-heading">
            <h2 id="moments-heading">"Key moments: three insights"</h2>
            <p>"Each opens by itself when the walk reaches the step it explains."</p>
            {moments}
        </section>
    }
}

/// "Monitor & optimise": the signals that say the chosen strategy no longer fits.
#[component]
fn Metrics(
    /// True while the walk is at the monitoring step.
    #[prop(into)]
    highlighted: Signal<bool>,
) -> impl IntoView {
    let base = expect_context::<BasePath>();
    let metrics = course::decision_flow()
        .metrics
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.name.as_ref()}</th>
                    <td><Inline text=m.signal.as_ref() /></td>
                    <td><Inline text=m.then.as_ref() /></td>
                    <td>
                        {m.lab_preset.as_ref().map(|p| view! {
                            <a href=lab_href(&base, p)>
                                "Open in the lab"
                                <span class="visually-hidden">{format!(": {}", m.name)}</span>
                            </a>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section
            class="card lesson-section metrics"
            class:is-current=highlighted
            aria-labelledby="metrics-heading"
            data-testid="flow-metrics"
        >
            <h2 id="metrics-heading">"Monitor & optimise: when to change strategy"</h2>
            <p>"Scaling is a loop. After any outcome, watch these signals; each one says what to change."</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="metrics-caption">
                <table class="flow-table metrics-table">
                    <caption id="metrics-caption">"Metrics to watch after scaling"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Metric"</th>
                            <th scope="col">"Warning sign"</th>
                            <th scope="col">"What to do"</th>
                            <th scope="col">"See it"</th>
                        </tr>
                    </thead>
                    <tbody>{metrics}</tbody>
                </table>
            </div>
        </section>
    }
}
