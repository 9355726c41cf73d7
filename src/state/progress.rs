//! The browser side of the course's progress document (`crates/progress`): load it (migrating
//! the legacy keys once, keeping unreadable text aside), change one section, save, and tell the
//! page with the `mlops-scaling:progress` event. Used by the app and by both bundles, which share
//! localStorage but not memory: every write reads the stored document first and changes only
//! its own section.

#[cfg(feature = "app")]
use progress::summary::{event_detail, Summary};
use progress::{Document, Legacy, Section, BACKUP_KEY, LEGACY_KEYS, STORAGE_KEY};
use wasm_bindgen::JsValue;

use crate::state::storage;

/// The name of the event dispatched on `window` after every save and once at app start.
pub const EVENT_NAME: &str = "mlops-scaling:progress";

/// What a bundle dispatches after it saved: the app, always present, answers with
/// [`EVENT_NAME`] and the summary, so the bundles carry neither the summary nor the catalog.
pub const SAVED_EVENT_NAME: &str = "mlops-scaling:progress-saved";

/// The stored document (read only: nothing is written until a page saves), and whether it
/// came from the legacy keys.
fn read() -> (progress::Loaded, bool) {
    match storage::load(STORAGE_KEY) {
        Some(text) => (progress::load(Some(&text)), false),
        None => (
            progress::migrate(&Legacy {
                quiz: storage::load(LEGACY_KEYS[0]),
                exercise: storage::load(LEGACY_KEYS[1]),
                missions: storage::load(LEGACY_KEYS[2]),
                files: storage::load(LEGACY_KEYS[3]),
            }),
            true,
        ),
    }
}

/// Loads the stored document, with sentences about anything dropped, kept aside or migrated.
/// Writes nothing: the notices stay until the next save, so every page that loads shows them.
pub fn load() -> (Document, Vec<String>) {
    let (loaded, _) = read();
    (loaded.document, loaded.notices)
}

/// The app's start: announce the stored progress (the event for a learning platform), and
/// again whenever a bundle says it saved.
#[cfg(feature = "app")]
pub fn start() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    announce(&load().0);
    if let Some(window) = web_sys::window() {
        let again = Closure::<dyn Fn()>::new(|| announce(&load().0));
        let _ = window
            .add_event_listener_with_callback(SAVED_EVENT_NAME, again.as_ref().unchecked_ref());
        // Listens for the page's lifetime.
        again.forget();
    }
}

/// Reads the stored document, applies `change`, saves and announces it. Unreadable stored
/// text is first kept under [`BACKUP_KEY`] (if that fails nothing is saved, so nothing is
/// lost); the legacy keys are removed once their contents are saved in the document. The
/// error is a sentence to show the learner.
pub fn update(
    change: impl FnOnce(&mut Document) -> Result<(), String>,
) -> Result<Document, String> {
    let (mut loaded, from_legacy) = read();
    if let Some(text) = &loaded.backup {
        storage::save(BACKUP_KEY, text)?;
    }
    change(&mut loaded.document)?;
    save(&loaded.document)?;
    if from_legacy {
        LEGACY_KEYS.iter().for_each(|k| storage::remove(k));
    }
    Ok(loaded.document)
}

/// Replaces the whole document (import, reset) and announces it.
pub fn save(document: &Document) -> Result<(), String> {
    storage::save(STORAGE_KEY, &progress::export(document))?;
    announce(document);
    Ok(())
}

/// One section as its writer's own loader reads it (see `Document::section_json`), with the
/// load's notices.
pub fn load_section(section: Section) -> (Option<String>, Vec<String>) {
    let (document, notices) = load();
    (document.section_json(section), notices)
}

/// Saves one section from its writer's JSON text (read-modify-write of that section only).
pub fn save_section(section: Section, text: &str) -> Result<(), String> {
    update(|d| d.set_section_json(section, text)).map(drop)
}

/// Dispatches `mlops-scaling:progress` on `window` with the detail documented in
/// ARCHITECTURE.md (a JSON string: score, completed, summary).
#[cfg(feature = "app")]
pub fn announce(document: &Document) {
    dispatch(EVENT_NAME, &event_detail(&Summary::of(document)));
}

/// In a bundle: tells the app a save happened; the app announces the summary.
#[cfg(not(feature = "app"))]
pub fn announce(_document: &Document) {
    dispatch(SAVED_EVENT_NAME, "");
}

fn dispatch(name: &str, detail: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(detail));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}
