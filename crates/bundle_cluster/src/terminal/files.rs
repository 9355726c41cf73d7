//! The learner's YAML files: the course's manifests to read, and their own to edit and apply.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::driver::Term;

/// Lists the files `kubectl apply -f` can read and edits the learner's own. Saving writes the
/// file into the session (and the browser); applying is the learner's command to type.
#[component]
pub fn FilesPanel(
    driver: Term,
    /// The learner's files (name -> text), saved in the browser.
    files: RwSignal<BTreeMap<String, String>>,
    /// The file open in the editor.
    open_file: RwSignal<Option<String>>,
    on_save: Callback<()>,
) -> impl IntoView {
    let builtin: Vec<String> = kubectl::manifest::BUILTIN_MANIFESTS
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    let names = move || {
        let mut all = builtin.clone();
        files.with(|f| {
            for n in f.keys() {
                if !all.contains(n) {
                    all.push(n.clone());
                }
            }
        });
        all
    };
    let draft = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    // Load the chosen file's text into the editor.
    Effect::new(move |_| {
        let Some(name) = open_file.get() else {
            return;
        };
        let text = files
            .with_untracked(|f| f.get(&name).cloned())
            .or_else(|| {
                driver
                    .try_with_value(|d| d.session().file_text(&name).map(String::from))
                    .flatten()
            })
            .unwrap_or_default();
        draft.set(text);
        note.set(String::new());
    });
    let save = move |_| {
        let Some(name) = open_file.get_untracked() else {
            return;
        };
        let text = draft.get_untracked();
        driver.update_value(|d| d.session_mut().set_file(&name, &text));
        files.update(|f| {
            f.insert(name.clone(), text);
        });
        on_save.run(());
        note.set(format!("Saved. Apply it with: kubectl apply -f {name}"));
    };
    let new_name = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            return;
        }
        if !name.ends_with(".yaml") && !name.ends_with(".yml") {
            name.push_str(".yaml");
        }
        if !kubectl::saved::valid_file_name(&name) {
            note.set("A file name needs up to 100 characters, without spaces or slashes.".into());
            return;
        }
        files.update(|f| {
            f.entry(name.clone()).or_default();
        });
        new_name.set(String::new());
        open_file.set(Some(name));
    };

    view! {
        <section class="card term-card term-files" aria-labelledby="term-files-title">
            <h2 id="term-files-title">"Files"</h2>
            <p class="term-files-lead">
                "Files in the terminal's working folder. Open one to read or edit it, then "
                <code>"kubectl apply -f NAME"</code> "."
            </p>
            <ul class="term-file-list">
                {move || names().into_iter().map(|n| {
                    let n2 = n.clone();
                    let n3 = n.clone();
                    view! {
                        <li>
                            <button type="button" class="term-file-link"
                                aria-current=move || (open_file.get().as_deref() == Some(n2.as_str())).then_some("true")
                                on:click=move |_| open_file.set(Some(n3.clone()))>{n}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="term-new-file" on:submit=create>
                <label for="term-new-file">"New file"</label>
                <input id="term-new-file" type="text" placeholder="my-hpa.yaml" autocomplete="off"
                    prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                <button type="submit" class="button">"Create"</button>
            </form>
            <div class="term-editor" hidden=move || open_file.read().is_none()>
                <label for="term-file-text">{move || open_file.get().unwrap_or_default()}</label>
                <textarea id="term-file-text" rows="14" spellcheck="false" autocapitalize="off"
                    prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <div class="term-editor-actions">
                    <button type="button" class="button button-primary" on:click=save>"Save"</button>
                    <button type="button" class="button" on:click=move |_| open_file.set(None)>"Close"</button>
                </div>
                <p class="term-file-note" role="status">{move || note.get()}</p>
            </div>
        </section>
    }
}
