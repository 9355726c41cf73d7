//! The lab's controls: the preset card (story, what to watch, question), the setup (strategy,
//! load intensity, seed, pitfall toggles) and the side-by-side comparison with its summary table.
//! Every change restarts the run from 0:00 with the new definition (and writes the URL).

use cluster_sim::scenario;
use lab_view::controls::{
    set_toggle, strategy_text, toggle_value, Kind, Metric, StrategyForm, LOAD_KINDS, NODE_TYPES,
    TOGGLES,
};
use lab_view::params::ToggleParams;
use leptos::prelude::*;

use super::Ui;

/// The preset picker and the preset's story, what to watch for and the question.
#[component]
pub fn PresetCard(ui: Ui) -> impl IntoView {
    let presets: Vec<(String, String)> = scenario::builtin()
        .map(|l| l.into_iter().map(|s| (s.id, s.title)).collect())
        .unwrap_or_default();
    let info = ui.info;
    view! {
        <section class="lab-preset card" aria-labelledby="lab-preset-h">
            <div class="lab-preset-head">
                <h2 id="lab-preset-h" data-testid="lab-title">{move || info.with(|i| i.title.clone())}</h2>
                <label class="lab-inline">
                    "Preset "
                    <select
                        data-testid="lab-preset"
                        on:change=move |ev| {
                            let id = event_target_value(&ev);
                            ui.change(|p| {
                                *p = lab_view::params::LabParams {
                                    scenario: id,
                                    ..Default::default()
                                }
                            });
                        }
                    >
                        {presets
                            .into_iter()
                            .map(|(id, title)| {
                                let v = id.clone();
                                view! {
                                    <option value=id selected=move || info.with(|i| i.id == v)>{title}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <p class="lab-story">{move || info.with(|i| i.story.clone())}</p>
            <dl class="lab-preset-notes">
                <dt>"Watch for"</dt>
                <dd>{move || info.with(|i| i.watch_for.clone())}</dd>
                <dt>"Think about"</dt>
                <dd>{move || info.with(|i| i.question.clone())}</dd>
            </dl>
        </section>
    }
}

fn num(ev: &leptos::ev::Event) -> Option<f64> {
    event_target_value(ev)
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The setup: strategy and its parameters, load intensity, seed, pitfall toggles.
#[component]
pub fn Setup(ui: Ui, open: bool) -> impl IntoView {
    let form = ui.form;
    let kind = move || form.with(|f| f.kind);
    // Apply a form change: new strategy text, new run.
    let set = move |f: &dyn Fn(&mut StrategyForm)| {
        let mut v = form.get_untracked();
        f(&mut v);
        let text = strategy_text(&v.to_strategy());
        ui.change(|p| p.strategy = text);
    };
    let number = move |label: &'static str,
                       help: &'static str,
                       testid: &'static str,
                       min: u32,
                       max: u32,
                       get: fn(&StrategyForm) -> f64,
                       put: fn(&mut StrategyForm, f64),
                       shown: fn(Kind) -> bool| {
        view! {
            <div class="lab-field" hidden=move || !shown(kind())>
                <label>
                    {label}
                    <input
                        type="number"
                        min=min
                        max=max
                        step="any"
                        data-testid=testid
                        prop:value=move || form.with(|f| get(f).to_string())
                        on:change=move |ev| {
                            if let Some(v) = num(&ev) {
                                set(&|f| put(f, v));
                            }
                        }
                    />
                </label>
                <small>{help}</small>
            </div>
        }
    };
    let is_hpa = |k: Kind| matches!(k, Kind::Hpa | Kind::HpaCa);
    view! {
        <details class="lab-setup card" open=open>
            <summary><h2>"Setup: strategy, load and pitfalls"</h2></summary>
            <p class="lab-help">"Any change starts the run again from 0:00 with the same seed, so you compare like with like. The link in the address bar reproduces it."</p>
            <div class="lab-fields">
                <div class="lab-field lab-field--wide">
                    <label>
                        "Strategy "
                        <select
                            data-testid="lab-strategy"
                            on:change=move |ev| {
                                if let Some(k) = Kind::from_id(&event_target_value(&ev)) {
                                    set(&|f| f.kind = k);
                                }
                            }
                        >
                            {Kind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.id() selected=move || kind() == k>{k.label()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <small>{move || kind().explain()}</small>
                </div>
                <div class="lab-field" hidden=move || !matches!(kind(), Kind::Single | Kind::Vertical)>
                    <label>
                        "Node type "
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set(&|f| f.node_type = v.clone());
                        }>
                            {NODE_TYPES
                                .into_iter()
                                .map(|t| view! { <option value=t selected=move || form.with(|f| f.node_type == t)>{t}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <small>"The instance type: small 2 CPU, medium 4, large 8, gpu 8 + a GPU."</small>
                </div>
                {number("Replicas ", "spec.replicas: how many pods the Deployment keeps.", "lab-replicas", 1, 50,
                    |f| f.replicas as f64, |f, v| f.replicas = v as u32, |k| k == Kind::Fixed)}
                {number("Min replicas ", "minReplicas: the HPA never goes below.", "lab-min", 1, 50,
                    |f| f.min as f64, |f, v| f.min = v as u32, is_hpa)}
                {number("Max replicas ", "maxReplicas: the HPA never goes above, whatever the load.", "lab-max", 1, 50,
                    |f| f.max as f64, |f, v| f.max = v as u32, is_hpa)}
                <div class="lab-field" hidden=move || !is_hpa(kind())>
                    <label>
                        "Metric "
                        <select on:change=move |ev| {
                            if let Some(m) = Metric::from_id(&event_target_value(&ev)) {
                                set(&|f| {
                                    if f.metric != m {
                                        f.metric = m;
                                        f.target = if m == Metric::Cpu { 50.0 } else { 5.0 };
                                    }
                                });
                            }
                        }>
                            {Metric::ALL
                                .into_iter()
                                .map(|m| view! { <option value=m.id() selected=move || form.with(|f| f.metric == m)>{m.label()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <small>"What the HPA averages over the pods: CPU as a percent of the request, or a custom per-pod metric."</small>
                </div>
                {number("Target ", "The HPA adds pods when the average is above this (10 % tolerance).", "lab-target", 1, 500,
                    |f| f.target, |f, v| f.target = v, is_hpa)}
                {number("Min nodes ", "The Cluster Autoscaler's node group minimum.", "lab-min-nodes", 1, 40,
                    |f| f.min_nodes as f64, |f, v| f.min_nodes = v as u32, |k| k == Kind::HpaCa)}
                {number("Max nodes ", "It adds a node (after boot time) when pods stay Pending, up to this.", "lab-max-nodes", 1, 40,
                    |f| f.max_nodes as f64, |f, v| f.max_nodes = v as u32, |k| k == Kind::HpaCa)}
                <div class="lab-field">
                    <label>
                        "Load pattern "
                        <select
                            data-testid="lab-load"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                ui.change(|p| p.load = (v != "scenario").then_some(v));
                            }
                        >
                            {LOAD_KINDS
                                .into_iter()
                                .map(|(k, label, _)| {
                                    let current = move || ui.params.with(|p| p.load.as_deref().unwrap_or("scenario") == k);
                                    view! { <option value=k selected=current>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <small>{move || {
                        let k = ui.params.with(|p| p.load.clone().unwrap_or_else(|| "scenario".into()));
                        LOAD_KINDS.iter().find(|(id, _, _)| *id == k).map_or("", |(_, _, e)| *e)
                    }}</small>
                </div>
                <div class="lab-field">
                    <label>
                        "Load intensity "
                        <input
                            type="range"
                            min="0.25"
                            max="4"
                            step="0.25"
                            data-testid="lab-intensity"
                            prop:value=move || ui.params.with(|p| p.intensity.to_string())
                            on:change=move |ev| {
                                if let Some(v) = num(&ev) {
                                    ui.change(|p| p.intensity = v);
                                }
                            }
                        />
                        <output>{move || format!("{}x", ui.params.with(|p| p.intensity))}</output>
                    </label>
                    <small>"Multiplies the preset's traffic pattern (requests per second)."</small>
                </div>
                <div class="lab-field">
                    <label>
                        "Seed "
                        <input
                            type="number"
                            min="0"
                            data-testid="lab-seed"
                            prop:value=move || ui.info.with(|i| i.seed.to_string())
                            on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                                    ui.change(|p| p.seed = Some(v));
                                }
                            }
                        />
                    </label>
                    <button type="button" on:click=move |_| {
                        let s = ui.info.with_untracked(|i| i.seed).wrapping_add(1);
                        ui.change(|p| p.seed = Some(s));
                    }>"Next seed"</button>
                    <small>"The random numbers behind request arrivals: the same seed gives the same run."</small>
                </div>
            </div>
            <fieldset class="lab-toggles">
                <legend>"Pitfalls"</legend>
                {TOGGLES
                    .iter()
                    .map(|t| {
                        let key = t.key;
                        view! {
                            <div class="lab-toggle">
                                <label>
                                    <input
                                        type="checkbox"
                                        data-testid=format!("lab-toggle-{key}")
                                        prop:checked=move || ui.toggles.with(|v| toggle_value(v, key))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let mut t = ui.toggles.get_untracked();
                                            set_toggle(&mut t, key, on);
                                            let id = ui.info.with_untracked(|i| i.id.clone());
                                            let toggles = scenario::find(&id)
                                                .and_then(Result::ok)
                                                .map(|s| ToggleParams::from_toggles(&t, &s))
                                                .unwrap_or_default();
                                            ui.change(|p| p.toggles = toggles);
                                        }
                                    />
                                    {t.label}
                                </label>
                                <small>{t.explain}</small>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </details>
    }
}

/// Side by side: the preset's comparison strategies on the same load, and the summary table.
#[component]
pub fn Compare(ui: Ui) -> impl IntoView {
    let on = ui.compare_on;
    view! {
        <section class="lab-compare card" aria-labelledby="lab-compare-h">
            <h2 id="lab-compare-h">"Side by side"</h2>
            <label class="lab-toggle">
                <input
                    type="checkbox"
                    data-testid="lab-compare-on"
                    prop:checked=move || on.get()
                    on:change=move |ev| {
                        let v = event_target_checked(&ev);
                        let list = ui.info.with_untracked(|i| i.compare.clone());
                        ui.change(|p| p.compare = v.then_some(list));
                    }
                />
                "Run other strategies on the same load, in step with this one"
            </label>
            <div class="lab-field" hidden=move || !on.get()>
                <label>
                    "Strategies (comma-separated) "
                    <input
                        type="text"
                        data-testid="lab-compare-list"
                        prop:value=move || ui.info.with(|i| i.compare.join(","))
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            let list: Vec<String> = text
                                .split(',')
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect();
                            ui.change(|p| p.compare = Some(list));
                        }
                    />
                </label>
                <small>"Like the scenario file's compare list: fixed:3, hpa:2-10@50, hpa-ca:2-10@50, vertical:large; add +safe to fix the pitfalls."</small>
            </div>
            <div class="lab-small" hidden=move || !on.get()>
                {(0..3)
                    .map(|i| {
                        let label = move || ui.compare_labels.with(|l| l.get(i).cloned());
                        view! {
                            <figure class="lab-chart lab-chart--small" hidden=move || label().is_none()>
                                <figcaption>{move || label().unwrap_or_default()}": load vs ready capacity"</figcaption>
                                <canvas node_ref=ui.small_canvas(i) aria-hidden="true"></canvas>
                            </figure>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="lab-events-scroll" hidden=move || !on.get() tabindex="0" role="region" aria-label="Summary table">
                <table class="lab-summary" data-testid="lab-summary">
                    <caption>"So far, since the load started"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Strategy"</th>
                            <th scope="col">"p95 latency (ms)"</th>
                            <th scope="col">"Dropped or failed"</th>
                            <th scope="col">"Peak pods"</th>
                            <th scope="col">"Peak nodes"</th>
                            <th scope="col">"Cost (USD)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            ui.summaries
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{r.label}{(i == 0).then_some(" (this run)")}</th>
                                            <td>{r.p95_ms}</td>
                                            <td>{r.dropped}</td>
                                            <td>{r.peak_pods}</td>
                                            <td>{r.peak_nodes}</td>
                                            <td>{r.cost}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
