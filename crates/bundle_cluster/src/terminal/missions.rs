//! Missions beside the terminal: the list with progress, the open mission's goal, hints and solution.

use std::collections::BTreeMap;

use kubectl::mission::{Mission, MissionProgress};
use leptos::prelude::*;

use super::driver::{Driver, Term};

/// "Sandbox" plus one button per mission, with a tick on those completed.
#[component]
pub fn MissionList(
    missions: StoredValue<Vec<Mission>>,
    progress: RwSignal<BTreeMap<String, MissionProgress>>,
    current: RwSignal<Option<String>>,
) -> impl IntoView {
    let done_count = move || progress.with(|p| p.values().filter(|m| m.completed).count());
    let total = missions.with_value(Vec::len);
    let items = missions.with_value(|ms| {
        ms.iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), format!("{}. {}", i + 1, m.title)))
            .collect::<Vec<_>>()
    });
    view! {
        <nav class="term-missions" aria-label="Missions">
            <p class="term-missions-head">
                "Missions: " {done_count} {format!(" of {total} done")}
            </p>
            <ul>
                <li>
                    <button type="button" class="term-mission-link"
                        aria-current=move || current.get().is_none().then_some("true")
                        on:click=move |_| current.set(None)>"Free sandbox"</button>
                </li>
                {items.into_iter().map(|(id, label)| {
                    let id2 = id.clone();
                    let id3 = id.clone();
                    view! {
                        <li>
                            <button type="button" class="term-mission-link"
                                aria-current=move || (current.get().as_deref() == Some(id2.as_str())).then_some("true")
                                on:click=move |_| current.set(Some(id.clone()))>
                                <span class="term-tick" aria-hidden="true">
                                    {move || if progress.with(|p| p.get(&id3).is_some_and(|m| m.completed)) { "✓ " } else { "" }}
                                </span>
                                {label}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// What the free sandbox is for, and what to try.
#[component]
pub fn SandboxIntro() -> impl IntoView {
    view! {
        <section class="card term-card">
            <h2>"Free sandbox"</h2>
            <p>
                "A small cluster runs " <code>"my-ml-model"</code> ", an ML inference Deployment, under steady load. "
                "Try the commands of the course:"
            </p>
            <ul class="term-try">
                <li><code>"kubectl get pods -l app=my-ml-model"</code></li>
                <li><code>"kubectl scale deployment my-ml-model --replicas=3"</code></li>
                <li><code>"kubectl autoscale deployment my-ml-model --min=2 --max=5 --cpu-percent=50"</code></li>
                <li><code>"kubectl get hpa my-ml-model"</code></li>
                <li><code>"kubectl apply -f ml-inference-deployment.yaml"</code></li>
            </ul>
            <p>"Or pick a mission above: each one is a goal checked against the cluster, not against what you type."</p>
        </section>
    }
}

/// The open mission: brief, goal checks (live), hints one by one, the solution, and the debrief.
#[component]
pub fn MissionPanel(
    driver: Term,
    rev: RwSignal<u64>,
    progress: RwSignal<BTreeMap<String, MissionProgress>>,
    /// The mission after this one, if any.
    next_id: Option<String>,
    /// Opens another mission (or the sandbox with `None`).
    on_choose: Callback<Option<String>>,
) -> impl IntoView {
    let mission = driver.with_value(|d| match d {
        Driver::Mission(m) => Some(m.mission.clone()),
        Driver::Sandbox(_) => None,
    });
    let Some(mission) = mission else {
        return ().into_any();
    };
    let status = Memo::new(move |_| {
        rev.track();
        driver.with_value(Driver::mission_status)
    });
    let hints = RwSignal::new(Vec::<String>::new());
    let save_note = RwSignal::new(None::<String>);
    let recorded = StoredValue::new(false);
    // Folds the run into the saved progress; a failed save is shown under the panel.
    let save = move || {
        let err = driver.with_value(|d| match d {
            Driver::Mission(m) => super::record_progress(progress, m),
            Driver::Sandbox(_) => None,
        });
        save_note.set(err);
    };
    // Save progress the first time the goal is met.
    Effect::new(move |_| {
        let completed = status.with(|s| s.as_ref().is_some_and(|s| s.completed));
        if completed && !recorded.get_value() {
            recorded.set_value(true);
            save();
        }
    });
    let show_hint = move |_| {
        let hint = driver
            .try_update_value(|d| match d {
                Driver::Mission(m) => m.next_hint().map(String::from),
                Driver::Sandbox(_) => None,
            })
            .flatten();
        if let Some(h) = hint {
            hints.update(|v| v.push(h));
            save();
        }
    };
    let hint_total = mission.hints.len();
    let best = progress.with_untracked(|p| p.get(&mission.id).and_then(|m| m.best_commands));
    let solution = mission.solution.join("\n");
    let par = mission.par;

    view! {
        <section class="card term-card" aria-labelledby="term-mission-title">
            <h2 id="term-mission-title">{mission.title.clone()}</h2>
            <p class="term-brief">{mission.brief.clone()}</p>
            <h3>"Goal"</h3>
            <ul class="term-checks" aria-live="polite">
                {move || status.get().map(|s| s.checks.into_iter().map(|c| view! {
                    <li class:term-met=c.met>
                        <span class="term-check-mark" aria-hidden="true">{if c.met { "✓" } else { "○" }}</span>
                        <span class="visually-hidden">{if c.met { "Done: " } else { "Not yet: " }}</span>
                        {c.description}
                    </li>
                }).collect_view())}
            </ul>
            <p class="term-golf">
                {move || status.with(|s| s.as_ref().map(|s| format!(
                    "Cluster-changing commands: {} (par {par}).", s.commands)))}
                {best.map(|b| format!(" Your best: {b}."))}
            </p>
            <div class="term-done" role="status" hidden=move || !status.with(|s| s.as_ref().is_some_and(|s| s.completed))>
                <p><strong>
                    {move || status.with(|s| match s.as_ref().and_then(|s| s.made_par) {
                        Some(true) => "Mission complete, at or under par!",
                        _ => "Mission complete!",
                    })}
                </strong></p>
                <p>{mission.debrief.clone()}</p>
                {next_id.map(|id| view! {
                    <button type="button" class="button button-primary"
                        on:click=move |_| on_choose.run(Some(id.clone()))>"Next mission"</button>
                })}
            </div>
            <h3>"Hints"</h3>
            <ol class="term-hints">
                {move || hints.get().into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}
            </ol>
            <button type="button" class="button"
                disabled=move || hints.with(|h| h.len() >= hint_total)
                on:click=show_hint>
                {move || format!("Show a hint ({} of {hint_total} shown)", hints.with(Vec::len))}
            </button>
            <details class="term-solution">
                <summary>"Show a reference solution"</summary>
                <pre class="command"><code>{solution}</code></pre>
            </details>
            <p class="term-save-note" role="status" hidden=move || save_note.read().is_none()>
                {move || save_note.get().unwrap_or_default()}
            </p>
        </section>
    }
    .into_any()
}
