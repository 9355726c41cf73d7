//! The kubectl terminal page: a sandbox cluster, guided missions, and the learner's YAML files.
//!
//! Query string (links from the rest of the course): `command=<line>` runs that line at start,
//! `manifest=<guide manifest id>` opens the guide's manifest as a file ready to apply,
//! `mission=<id>` opens a mission. The open mission is kept in the URL.

mod console;
mod driver;
mod files;
mod mini;
mod missions;
mod status;

use std::collections::BTreeMap;

use kubectl::mission::{Mission, MissionProgress, MissionRun};
use kubectl::{saved, Session};
use leptos::prelude::*;

pub use driver::{Driver, Term};
pub use mini::MiniTerminal;

use console::Console;
use mlops_scaling::state::progress as section;
use progress::Section;

/// Saved mission progress (the kubectl missions section of the course's progress document);
/// a corrupt entry is ignored (and replaced on the next save).
fn load_progress() -> BTreeMap<String, MissionProgress> {
    saved::load_progress(section::load_section(Section::Missions).0.as_deref())
}

fn save_progress(p: &BTreeMap<String, MissionProgress>) -> Option<String> {
    section::save_section(Section::Missions, &saved::save_progress(p)).err()
}

/// The learner's own files (name -> YAML), restored into every session.
fn load_files() -> BTreeMap<String, String> {
    saved::load_files(section::load_section(Section::Files).0.as_deref())
}

fn save_files(files: &BTreeMap<String, String>) -> Option<String> {
    section::save_section(Section::Files, &saved::save_files(files)).err()
}

/// A query parameter, percent-decoded.
pub(crate) fn query_param(query: &str, key: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(query)
        .ok()?
        .get(key)
        .filter(|v| !v.is_empty())
}

/// The default sandbox: the course's cluster, warmed up (falls back to an empty cluster with a
/// message if the start scenario cannot be built, which the content tests rule out).
pub(crate) fn sandbox() -> (Session, Option<String>) {
    match Session::start(
        kubectl::start::DEFAULT_START,
        kubectl::start::DEFAULT_WARMUP_S,
    ) {
        Ok(s) => (s, None),
        Err(e) => (
            Session::new(cluster_sim::Cluster::new(1)),
            Some(format!("The sandbox cluster could not start: {e}")),
        ),
    }
}

/// Writes `mission=<id>` (or removes it) into the address bar without a navigation.
fn set_mission_in_url(id: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    match id {
        Some(id) => params.set("mission", id),
        None => params.delete("mission"),
    }
    params.delete("command");
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The terminal page, started from the page's query string.
#[component]
pub fn TerminalPage(query: String) -> impl IntoView {
    let (all_missions, load_error): (Vec<Mission>, _) = match kubectl::mission::missions() {
        Ok(m) => (m, None),
        Err(e) => (
            Vec::new(),
            Some(format!("The missions could not be loaded: {e}")),
        ),
    };
    let all_missions = StoredValue::new(all_missions);
    let progress = RwSignal::new(load_progress());
    let files = RwSignal::new(load_files());
    let notice = RwSignal::new(load_error);

    let first_command = query_param(&query, "command");
    let manifest = query_param(&query, "manifest");
    let wanted_mission = query_param(&query, "mission")
        .filter(|id| all_missions.with_value(|m| m.iter().any(|x| &x.id == id)));
    // None = the sandbox.
    let mission_id = RwSignal::new(wanted_mission);
    // A guide manifest becomes a file in the sandbox, ready for `kubectl apply -f`.
    let mut prefill = String::new();
    let mut open_file = None;
    if let Some(id) = manifest {
        match course::kubernetes_guide().manifest(&id) {
            Some(m) => {
                let name = format!("{id}.yaml");
                files.update(|f| {
                    f.insert(name.clone(), m.yaml.to_string());
                });
                prefill = format!("kubectl apply -f {name}");
                open_file = Some(name);
            }
            None => notice.set(Some(format!(
                "The course has no manifest called {id:?}; the sandbox starts without it."
            ))),
        }
    }
    let open_file = RwSignal::new(open_file);
    let prefill = StoredValue::new(prefill);
    let first_command = StoredValue::new(first_command);

    // Re-created whenever the learner switches between the sandbox and a mission.
    let rev = RwSignal::new(0u64);
    let body = move || {
        let id = mission_id.get();
        set_mission_in_url(id.as_deref());
        let start = match &id {
            Some(id) => all_missions
                .with_value(|ms| ms.iter().find(|m| &m.id == id).cloned())
                .map(|m| MissionRun::new(m).map_err(|e| e.to_string())),
            None => None,
        };
        let d = match start {
            Some(Ok(run)) => Driver::Mission(Box::new(run)),
            Some(Err(e)) => {
                notice.set(Some(format!("This mission could not start: {e}")));
                Driver::Sandbox(Box::new(sandbox().0))
            }
            None => {
                let (s, err) = sandbox();
                if err.is_some() {
                    notice.set(err);
                }
                Driver::Sandbox(Box::new(s))
            }
        };
        let d = Term::new(d);
        files.with_untracked(|f| {
            d.update_value(|d| {
                for (name, text) in f {
                    d.session_mut().set_file(name, text);
                }
            })
        });
        rev.update(|r| *r += 1);
        // The first command runs once, in the first session only.
        let run_first: Vec<String> = first_command
            .try_update_value(Option::take)
            .flatten()
            .into_iter()
            .collect();
        let prefill = prefill.try_update_value(std::mem::take).unwrap_or_default();
        let in_mission = id.is_some();
        // The mission after the open one, for its "Next mission" button.
        let next_id = id.as_ref().and_then(|id| {
            all_missions.with_value(|ms| {
                let i = ms.iter().position(|m| &m.id == id)?;
                ms.get(i + 1).map(|m| m.id.clone())
            })
        });
        view! {
            <div class="term-layout">
                <div class="term-main">
                    <Console driver=d rev=rev run_first=run_first prefill=prefill id="kubectl"
                        autofocus=in_mission />
                    <status::ClusterStatus driver=d rev=rev />
                </div>
                <aside class="term-side">
                    {match id {
                        Some(_) => view! {
                            <missions::MissionPanel driver=d rev=rev progress=progress
                                next_id=next_id.clone()
                                on_choose=Callback::new(move |m| mission_id.set(m)) />
                        }.into_any(),
                        None => view! { <missions::SandboxIntro /> }.into_any(),
                    }}
                    <files::FilesPanel driver=d files=files open_file=open_file
                        on_save=Callback::new(move |()| {
                            if let Some(e) = files.with_untracked(save_files) { notice.set(Some(e)); }
                        }) />
                </aside>
            </div>
        }
    };

    view! {
        <div class="term-page">
            <p class="term-notice" role="status" hidden=move || notice.read().is_none()>
                {move || notice.get().unwrap_or_default()}
            </p>
            <missions::MissionList missions=all_missions progress=progress current=mission_id />
            {body}
        </div>
    }
}

/// Folds a mission run into the saved progress and stores it.
pub(crate) fn record_progress(
    progress: RwSignal<BTreeMap<String, MissionProgress>>,
    run: &MissionRun,
) -> Option<String> {
    progress.update(|p| p.entry(run.mission.id.clone()).or_default().record(run));
    progress.with_untracked(save_progress)
}
