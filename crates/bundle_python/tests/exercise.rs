//! Component tests of the exercise page in headless Chromium: the editor (Tab, Shift-Tab, Esc,
//! highlighting spans, line numbers), the steps with hints, Check and the saved progress.
#![cfg(target_arch = "wasm32")]

use bundle_python::editor::Editor;
use bundle_python::page::{ExercisePage, STORAGE_KEY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

fn q(root: &web_sys::HtmlElement, sel: &str) -> web_sys::HtmlElement {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
        .unchecked_into()
}

fn tid(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    q(root, &format!("[data-testid=\"{id}\"]"))
}

fn text(el: &web_sys::HtmlElement) -> String {
    el.text_content().unwrap_or_default()
}

fn all_text(root: &web_sys::HtmlElement, sel: &str) -> Vec<String> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// Dispatches a keydown; returns false when the page prevented the default (e.g. focus moving).
fn key(el: &web_sys::HtmlElement, key: &str, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap()
}

/// Replaces the editor's text as typing would (sets the value, fires `input`).
fn type_code(root: &web_sys::HtmlElement, code: &str) {
    let ta: web_sys::HtmlTextAreaElement = tid(root, "editor").unchecked_into();
    ta.set_value(code);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    ta.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn tab_indents_shift_tab_dedents_and_esc_then_tab_leaves() {
    let root = container();
    let code = RwSignal::new(String::from("for s in x:\n"));
    let error_line = RwSignal::new(None);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! { <Editor code=code error_line=error_line /> }
    });
    settle().await;
    let ta: web_sys::HtmlTextAreaElement = tid(&root, "editor").unchecked_into();
    assert_eq!(ta.value(), "for s in x:\n");
    ta.focus().unwrap();
    ta.set_selection_range(12, 12).unwrap();
    assert!(!key(&ta, "Tab", false), "Tab is taken by the editor");
    assert_eq!(ta.value(), "for s in x:\n    ");
    assert_eq!(code.get_untracked(), "for s in x:\n    ");
    assert_eq!(ta.selection_start().unwrap(), Some(16));
    assert!(!key(&ta, "Tab", true), "Shift-Tab too");
    assert_eq!(ta.value(), "for s in x:\n");
    // Esc, then Tab: the browser's default (focus moves on) is left alone.
    assert!(key(&ta, "Escape", false));
    assert!(key(&ta, "Tab", false), "after Esc, Tab is not prevented");
    assert_eq!(ta.value(), "for s in x:\n");
    assert!(!key(&ta, "Tab", false), "the next Tab indents again");
    assert!(text(&root).contains("press Esc, then Tab"));
}

#[wasm_bindgen_test]
async fn highlighting_spans_and_line_numbers_follow_the_code() {
    let root = container();
    let code = RwSignal::new(String::from(
        "load = 7\nfor s, c in systems.items():\n    print('x', True)  # hi",
    ));
    let error_line = RwSignal::new(Some(2));
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! { <Editor code=code error_line=error_line /> }
    });
    settle().await;
    assert_eq!(all_text(&root, ".ex-ln"), ["1", "2", "3"]);
    assert_eq!(all_text(&root, ".ex-tok-kw"), ["for", "in"]);
    assert_eq!(all_text(&root, ".ex-tok-builtin"), ["print"]);
    assert_eq!(all_text(&root, ".ex-tok-str"), ["'x'"]);
    assert_eq!(all_text(&root, ".ex-tok-const"), ["True"]);
    assert_eq!(all_text(&root, ".ex-tok-comment"), ["# hi"]);
    assert_eq!(all_text(&root, ".ex-tok-num"), ["7"]);
    assert_eq!(
        q(&root, ".ex-line-err")
            .get_attribute("data-line")
            .as_deref(),
        Some("2")
    );
    // Learner text is text, never markup.
    code.set("x = '<b>bold</b>'\n".into());
    settle().await;
    assert!(root.query_selector(".ex-hl b").unwrap().is_none());
    assert_eq!(all_text(&root, ".ex-tok-str"), ["'<b>bold</b>'"]);
    assert_eq!(all_text(&root, ".ex-ln"), ["1", "2"]);
}

#[wasm_bindgen_test]
async fn steps_hints_check_and_progress_saved() {
    storage().remove_item(STORAGE_KEY).unwrap();
    let ex = exercise::capacity_vs_load();
    let root = container();
    let h = leptos::mount::mount_to(root.clone(), move || view! { <ExercisePage ex=ex /> });
    settle().await;
    assert_eq!(text(&tid(&root, "progress")), "0 / 4 steps");
    assert!(text(&root).contains("You are working in a team that manages machine learning models"));
    assert!(text(&root).contains("MLOps engineers"));
    assert!(
        tid(&root, "beyond").hidden(),
        "the play area waits for 4 / 4"
    );

    // Hints on request.
    let hint = tid(&root, "hint-2");
    assert!(hint.hidden());
    tid(&root, "hint-button-2").click();
    settle().await;
    assert!(!tid(&root, "hint-2").hidden());
    assert_eq!(
        text(&hint),
        "Just assign the number 7 to the variable named load."
    );
    assert_eq!(
        tid(&root, "hint-button-2")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );

    // A wrong step gets the checker's sentence.
    type_code(
        &root,
        "systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}\nload = 8\n",
    );
    tid(&root, "check").click();
    settle().await;
    assert_eq!(text(&tid(&root, "progress")), "1 / 4 steps");
    assert_eq!(
        text(&tid(&root, "step-2-message")),
        "load is 8, the step asks for 7"
    );
    assert!(q(&root, "[data-testid=\"step-1\"]")
        .class_list()
        .contains("ex-step-done"));

    // The solution: 4 / 4, the play area opens, and it is all saved.
    type_code(&root, &ex.solution);
    tid(&root, "check").click();
    settle().await;
    assert_eq!(text(&tid(&root, "progress")), "4 / 4 steps");
    assert!(!tid(&root, "beyond").hidden());
    assert_eq!(
        text(&tid(&root, "output")),
        "{'single_node': False, 'horizontal_scaling': False, 'vertical_scaling': False}\n"
    );
    let doc = storage().get_item(STORAGE_KEY).unwrap().unwrap();
    let section = progress::load(Some(&doc))
        .document
        .section_json(progress::Section::Exercise);
    let (saved, _) = exercise::Saved::parse(section.as_deref(), 4);
    assert_eq!(
        (saved.best, saved.code.as_deref()),
        (4, Some(ex.solution.as_str()))
    );
    drop(h);

    // A fresh mount (a reload) shows the same progress and code.
    let root = container();
    let _h = leptos::mount::mount_to(root.clone(), move || view! { <ExercisePage ex=ex /> });
    settle().await;
    assert_eq!(text(&tid(&root, "progress")), "4 / 4 steps");
    let ta: web_sys::HtmlTextAreaElement = tid(&root, "editor").unchecked_into();
    assert_eq!(ta.value(), ex.solution);

    // Sliders change the table; the lab link carries the load and strategies.
    let load: web_sys::HtmlInputElement = tid(&root, "ex-slider-load").unchecked_into();
    load.set_value("10");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    load.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
    assert!(text(&tid(&root, "play-summary")).starts_with("Load 10: none"));
    tid(&root, "discover").click();
    settle().await;
    assert!(text(&tid(&root, "play-summary")).contains("1 of 4 can handle it (Combined"));
    let href = tid(&root, "lab-link").get_attribute("href").unwrap();
    assert!(
        href.ends_with("/lab?scenario=small-model-one-node&compare=single:small,fixed:5,vertical:large,hpa-ca:5-5@50&intensity=1.43&seed=42"),
        "{href}"
    );
    storage().remove_item(STORAGE_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn a_corrupt_saved_value_starts_afresh_and_errors_mark_their_line() {
    storage()
        .set_item(
            STORAGE_KEY,
            r#"{"schema_version":1,"exercise":{"best":"lots"}}"#,
        )
        .unwrap();
    let ex = exercise::capacity_vs_load();
    let root = container();
    let _h = leptos::mount::mount_to(root.clone(), move || view! { <ExercisePage ex=ex /> });
    settle().await;
    assert_eq!(text(&tid(&root, "progress")), "0 / 4 steps");
    assert!(text(&root).contains("exercise progress could not be read"));
    assert!(text(&root).contains("so it starts afresh"));
    type_code(&root, "load = 7\nfor s in x\n    pass\n");
    tid(&root, "run").click();
    settle().await;
    assert_eq!(
        text(&tid(&root, "output")),
        "  File \"main.py\", line 2\n    for s in x\nSyntaxError: expected ':'"
    );
    assert_eq!(
        q(&root, ".ex-line-err")
            .get_attribute("data-line")
            .as_deref(),
        Some("2")
    );
    // Reset asks first.
    tid(&root, "reset").click();
    settle().await;
    assert!(!tid(&root, "reset-confirm").hidden());
    tid(&root, "reset-yes").click();
    settle().await;
    let ta: web_sys::HtmlTextAreaElement = tid(&root, "editor").unchecked_into();
    assert_eq!(ta.value(), ex.starter_code.trim_start());
    assert!(tid(&root, "reset-confirm").hidden());
    storage().remove_item(STORAGE_KEY).unwrap();
}
