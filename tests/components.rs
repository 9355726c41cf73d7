//! Browser component tests (wasm-bindgen-test in headless Chromium): mount, click, assert via data-testid.
#![cfg(target_arch = "wasm32")]

use mlops_scaling::state::base::BasePath;
use mlops_scaling::{modes, panic, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the test page to mount into.
fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn by_testid(root: &web_sys::HtmlElement, id: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .map(|e| e.unchecked_into())
}

#[wasm_bindgen_test]
async fn mode_switcher_lists_every_mode_and_clicking_one_opens_its_page() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    leptos::task::tick().await;

    let list = modes::modes().as_ref().expect("content/modes.toml parses");
    assert_eq!(list.len(), 7);
    for mode in list {
        let id = if mode.slug.is_empty() {
            "overview"
        } else {
            &mode.slug
        };
        let link = by_testid(&root, &format!("mode-link-{id}")).expect("a link per mode");
        assert!(link.text_content().unwrap().contains(&mode.title));
    }

    by_testid(&root, "mode-link-exercise").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(
        by_testid(&root, "page-heading")
            .unwrap()
            .text_content()
            .unwrap(),
        "Exercise"
    );
    assert_eq!(
        by_testid(&root, "mode-link-exercise")
            .unwrap()
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    assert_eq!(
        by_testid(&root, "mode-link-lab")
            .unwrap()
            .get_attribute("aria-current"),
        None
    );
}

#[wasm_bindgen_test]
fn base_path_is_read_from_the_base_uri() {
    let root = BasePath::from_base_uri("http://127.0.0.1:8080/");
    assert_eq!(root.0, "");
    assert_eq!(root.href(""), "/");
    assert_eq!(root.href("lab"), "/lab");
    let sub = BasePath::from_base_uri("https://example.org/course/scaling/?x=1#top");
    assert_eq!(sub.0, "/course/scaling");
    assert_eq!(sub.href("quiz"), "/course/scaling/quiz");
    assert_eq!(sub.slug_of("/course/scaling/quiz/"), "quiz");
    assert_eq!(sub.slug_of("/course/scaling/"), "");
}

#[wasm_bindgen_test]
fn malformed_modes_file_is_an_error_with_the_file_name_not_a_panic() {
    let err = modes::parse_modes("[[mode]]\nslug = 3\n").unwrap_err();
    assert!(err.starts_with("content/modes.toml:"), "{err}");
    let err = modes::parse_modes("").unwrap_err();
    assert!(err.contains("no [[mode]]"), "{err}");
    let err = modes::parse_modes("[[mode]]\nslug=\"a\"\ntitle=\"A\"\ntagline=\"t\"\nsummary=\"s\"\nminutes=1\ncolour=\"red\"\n").unwrap_err();
    assert!(err.contains("colour"), "unknown keys are named: {err}");
}

#[wasm_bindgen_test]
fn crash_notice_is_revealed_by_the_panic_path() {
    let notice = document().create_element("div").unwrap();
    notice.set_id("crash");
    notice.set_attribute("hidden", "").unwrap();
    document().body().unwrap().append_child(&notice).unwrap();
    panic::show_crash_notice();
    assert!(!notice.has_attribute("hidden"));
    notice.remove();
}
