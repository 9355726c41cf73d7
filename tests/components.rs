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

/// Lets the router and effects run until `ready` holds (navigation is asynchronous), at most 2 s.
async fn settle(ready: impl Fn() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

fn heading(root: &web_sys::HtmlElement) -> String {
    by_testid(root, "page-heading")
        .and_then(|h| h.text_content())
        .unwrap_or_default()
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

    assert_eq!(modes::MODES.len(), 7);
    for mode in modes::MODES {
        let id = if mode.slug.is_empty() {
            "overview"
        } else {
            mode.slug
        };
        let link = by_testid(&root, &format!("mode-link-{id}")).expect("a link per mode");
        assert!(link.text_content().unwrap().contains(mode.title));
    }

    by_testid(&root, "mode-link-exercise").unwrap().click();
    settle(|| heading(&root) == "Exercise").await;
    assert_eq!(heading(&root), "Exercise");
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
    // A learning platform launches the SCORM package by its file name.
    assert_eq!(sub.slug_of("/course/scaling/index.html"), "");
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
