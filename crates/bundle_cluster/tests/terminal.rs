//! Browser tests of the kubectl terminal (wasm-bindgen-test in headless Chromium): a command
//! from the link, typed lines, Tab completion, a mission's goal, and the overview's shared
//! mini cluster.
#![cfg(target_arch = "wasm32")]

use bundle_cluster::terminal::{MiniTerminal, TerminalPage};
use leptos::prelude::*;
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

/// Lets effects run until `ready` holds, at most 2 s.
async fn settle(ready: impl Fn() -> bool) {
    for _ in 0..200 {
        if ready() {
            return;
        }
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

fn find(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector_all(selector)
        .unwrap()
        .item(0)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn input_value(root: &web_sys::HtmlElement, selector: &str) -> String {
    find(root, selector)
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

/// Types `line` into the prompt `selector` and submits its form, as Enter does.
async fn send(root: &web_sys::HtmlElement, selector: &str, line: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(line);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let form: web_sys::HtmlFormElement = input.form().unwrap();
    form.request_submit().unwrap();
    leptos::task::tick().await;
}

async fn key(root: &web_sys::HtmlElement, selector: &str, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    find(root, selector).dispatch_event(&ev).unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn a_linked_command_runs_at_start_and_typed_lines_follow() {
    let root = container();
    let _mount = mount_to(root.clone(), || {
        view! { <TerminalPage query="?command=kubectl%20get%20nodes".to_string() /> }
    });
    settle(|| text(&root, ".term-screen").contains("STATUS")).await;
    let screen = text(&root, ".term-screen");
    assert!(screen.contains("$ kubectl get nodes"), "{screen}");
    assert!(screen.contains("NAME"), "{screen}");

    send(
        &root,
        "#kubectl-input",
        "kubectl scale deployment my-ml-model --replicas=4",
    )
    .await;
    settle(|| text(&root, ".term-screen").contains("scaled")).await;
    assert!(text(&root, ".term-screen").contains("deployment.apps/my-ml-model scaled"));
    assert_eq!(
        input_value(&root, "#kubectl-input"),
        "",
        "the prompt empties after Enter"
    );

    send(&root, "#kubectl-input", "kubectl get deploy nope").await;
    settle(|| text(&root, ".term-screen").contains("NotFound")).await;
    assert!(
        root.query_selector(".term-err").unwrap().is_some(),
        "errors are styled as stderr"
    );
}

#[wasm_bindgen_test]
async fn tab_completes_and_up_recalls_history() {
    let root = container();
    let _mount = mount_to(
        root.clone(),
        || view! { <TerminalPage query=String::new() /> },
    );
    settle(|| root.query_selector("#kubectl-input").unwrap().is_some()).await;
    let input: web_sys::HtmlInputElement = find(&root, "#kubectl-input").unchecked_into();
    input.set_value("kubectl get dep");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    key(&root, "#kubectl-input", "Tab").await;
    assert_eq!(
        input_value(&root, "#kubectl-input"),
        "kubectl get deployments "
    );

    send(&root, "#kubectl-input", "kubectl get pods").await;
    key(&root, "#kubectl-input", "ArrowUp").await;
    assert_eq!(input_value(&root, "#kubectl-input"), "kubectl get pods");
}

#[wasm_bindgen_test]
async fn a_mission_is_met_by_the_cluster_state() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item(progress::STORAGE_KEY)
        .unwrap();
    let root = container();
    let _mount = mount_to(root.clone(), || {
        view! { <TerminalPage query="?mission=01-scale-to-three".to_string() /> }
    });
    settle(|| text(&root, "#term-mission-title").contains("Three copies")).await;
    let done = |root: &web_sys::HtmlElement| find(root, ".term-done").has_attribute("hidden");
    assert!(done(&root), "not complete at the start");
    send(
        &root,
        "#kubectl-input",
        "kubectl scale deployment my-ml-model --replicas=3",
    )
    .await;
    send(&root, "#kubectl-input", "wait 60s").await;
    settle(|| !done(&root)).await;
    assert!(!done(&root), "the goal is met once three pods are Ready");
    assert!(text(&root, ".term-missions-head").contains("1 of 7 done"));
}

#[wasm_bindgen_test]
async fn mini_terminals_share_one_cluster() {
    let root = container();
    let _a = mount_to(root.clone(), || {
        view! { <MiniTerminal query="?command=kubectl%20scale%20deployment%20my-ml-model%20--replicas%3D5&id=a".to_string() /> }
    });
    let _b = mount_to(root.clone(), || {
        view! { <MiniTerminal query="?command=kubectl%20get%20deployment%20my-ml-model&id=b".to_string() /> }
    });
    settle(|| {
        text(&root, "#mini-b-input").is_empty()
            && root.query_selector_all(".term-screen").unwrap().length() == 2
    })
    .await;
    let second = root
        .query_selector_all(".term-screen")
        .unwrap()
        .item(1)
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        second.contains("/5"),
        "the second terminal sees 5 replicas: {second}"
    );
}
