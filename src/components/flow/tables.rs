//! The process table and the status tracker of the decision flow: the live ones that fill in
//! as the learner steps, and the reference ones with every path merged.

use course::TrackerColumn;
use leptos::either::Either;
use leptos::prelude::*;

/// The process-table rows the run has reached so far; the current step's row is marked.
#[component]
pub fn LiveProcessTable(
    /// `step` numbers of the rows reached so far, in order.
    #[prop(into)]
    rows: Signal<Vec<u32>>,
    /// The row of the current step, if it has one.
    #[prop(into)]
    current: Signal<Option<u32>>,
) -> impl IntoView {
    let flow = course::decision_flow();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="process-table-caption">
            <table class="flow-table" data-testid="process-table">
                <caption id="process-table-caption">
                    "Process table for your run "
                    <span class="caption-note">{flow.process_table.caption.as_ref()}</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        <th scope="col">"Condition checked"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"Action taken"</th>
                        <th scope="col">"System state"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let reached = rows.get();
                        if reached.is_empty() {
                            return Either::Left(view! {
                                <tr>
                                    <td colspan="5" class="empty-row">
                                        "No row yet: the first row appears once line 1 has decided whether to scale."
                                    </td>
                                </tr>
                            });
                        }
                        Either::Right(reached
                            .into_iter()
                            .filter_map(|step| flow.row(step))
                            .map(|r| {
                                let step = r.step;
                                let is_current = move || current.get() == Some(step);
                                view! {
                                    <tr
                                        class:is-current=is_current
                                        aria-current=move || is_current().then_some("step")
                                        data-testid=format!("process-row-{step}")
                                    >
                                        <th scope="row">{step}</th>
                                        <td><code>{r.condition.as_ref()}</code></td>
                                        <td>{r.result.as_ref()}</td>
                                        <td><code>{r.action.as_ref()}</code></td>
                                        <td>{r.system_state.as_ref()}</td>
                                    </tr>
                                }
                            })
                            .collect_view())
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The status tracker of the run so far: one column per point the run has passed.
#[component]
pub fn LiveTracker(
    /// The tracker's columns filled in so far.
    #[prop(into)]
    columns: Signal<Vec<TrackerColumn>>,
) -> impl IntoView {
    let row = move |name: &'static str, cell: fn(&TrackerColumn) -> String| {
        view! {
            <tr>
                <th scope="row"><code>{name}</code></th>
                {move || {
                    columns
                        .get()
                        .iter()
                        .map(|c| view! { <td>{cell(c)}</td> })
                        .collect_view()
                }}
            </tr>
        }
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="tracker-caption">
            <table class="flow-table" data-testid="status-tracker">
                <caption id="tracker-caption">"Status tracker for your run"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Variable"</th>
                        {move || {
                            columns
                                .get()
                                .iter()
                                .map(|c| view! { <th scope="col">{c.label.to_string()}</th> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {row("data_size", |c| c.data_size.clone())}
                    {row("resource_limit", |c| c.resource_limit.to_string())}
                    {row("model_state", |c| c.model_state.to_string())}
                </tbody>
            </table>
        </div>
    }
}

/// Reference tables: all five process-table rows and the merged status tracker with its note.
#[component]
pub fn ReferenceTables() -> impl IntoView {
    let flow = course::decision_flow();
    let tracker = &flow.status_tracker;
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="all-rows-caption">
            <table class="flow-table">
                <caption id="all-rows-caption">"Every row of the process table (all paths)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        <th scope="col">"Condition checked"</th>
                        <th scope="col">"Result"</th>
                        <th scope="col">"Action taken"</th>
                        <th scope="col">"System state"</th>
                    </tr>
                </thead>
                <tbody>
                    {flow
                        .process_table
                        .rows
                        .iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">{r.step}</th>
                                    <td><code>{r.condition.as_ref()}</code></td>
                                    <td>{r.result.as_ref()}</td>
                                    <td><code>{r.action.as_ref()}</code></td>
                                    <td>{r.system_state.as_ref()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p class="caption-note">{flow.process_table.caption.as_ref()}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="all-tracker-caption">
            <table class="flow-table">
                <caption id="all-tracker-caption">"Status tracker with every path merged"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Variable"</th>
                        {tracker
                            .columns
                            .iter()
                            .map(|c| view! { <th scope="col">{c.as_ref()}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {tracker
                        .rows
                        .iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row"><code>{r.variable.as_ref()}</code></th>
                                    {r.values.iter().map(|v| view! { <td>{v.as_ref()}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p>{tracker.note.as_ref()}</p>
    }
}
