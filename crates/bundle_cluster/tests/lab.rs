//! Browser component tests of the cluster lab (wasm-bindgen-test in headless Chromium): the
//! picture draws a scene and reuses its DOM between ticks; the lab's controls step the run,
//! change the strategy and toggles, and write the URL; a bad link shows a message.
#![cfg(target_arch = "wasm32")]

use bundle_cluster::picture::ClusterPicture;
use cluster_sim::scenario::{self, Strategy};
use lab_view::scene::{scene, Scene};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn settle(ready: impl Fn() -> bool) {
    for _ in 0..300 {
        if ready() {
            return;
        }
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

/// Let the effects that follow a URL change update the DOM.
async fn flush() {
    for _ in 0..3 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
}

fn all(root: &web_sys::HtmlElement, sel: &str) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn by_testid(root: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {id}"))
        .unchecked_into()
}

fn text(root: &web_sys::HtmlElement, id: &str) -> String {
    by_testid(root, id).text_content().unwrap_or_default()
}

/// Start from an empty query string (the tests share one page).
fn clear_url() {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// Set a `<select>` or `<input>` value and fire `change`, as a learner's choice does.
fn choose(el: &web_sys::HtmlElement, value: &str) {
    if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(value);
    } else {
        el.unchecked_ref::<web_sys::HtmlInputElement>()
            .set_value(value);
    }
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_picture_draws_nodes_pods_and_pending_and_reuses_cards_between_ticks() {
    let s = scenario::find("hpa-50").unwrap().unwrap();
    let mut cluster = s
        .build(&Strategy::FixedReplicas { replicas: 30 }, 1, None, 1.0)
        .unwrap();
    cluster.step_n(60);
    let first = scene(&cluster);
    let sig = RwSignal::new(first.clone());
    let root = container();
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! { <ClusterPicture scene=Signal::from(sig) /> }
    });
    leptos::task::tick().await;
    assert_eq!(all(&root, "[data-testid=node]").len(), first.nodes.len());
    assert_eq!(all(&root, "[data-pod]").len(), first.pod_count());
    let pending = all(&root, "[data-testid=pending-pods] li");
    assert_eq!(pending.len(), first.pending.len());
    assert!(
        !pending.is_empty(),
        "30 replicas do not fit on 3 medium nodes"
    );
    // Pending pods are focusable and carry the scheduler's reason.
    assert_eq!(pending[0].get_attribute("tabindex").as_deref(), Some("0"));
    assert!(pending[0]
        .get_attribute("aria-label")
        .unwrap()
        .contains("nodes are available"));

    // A later tick: cards whose pod kept its state are the same DOM nodes.
    let ready_before: Vec<_> = all(&root, "[data-state=ready]");
    cluster.step();
    let next: Scene = scene(&cluster);
    sig.set(next.clone());
    leptos::task::tick().await;
    assert_eq!(all(&root, "[data-pod]").len(), next.pod_count());
    let ready_after = all(&root, "[data-state=ready]");
    let kept = ready_before
        .iter()
        .filter(|b| ready_after.iter().any(|a| a.is_same_node(Some(b))))
        .count();
    assert!(
        kept > 0 && kept == ready_before.len().min(ready_after.len()),
        "{kept}"
    );
}

/// Mounts the lab the way the app does (the bundle's `mount` export).
fn mount_lab(root: &web_sys::HtmlElement, query: &str) -> u32 {
    let h = mlops_scaling::state::mounted::mount_view(
        root.clone(),
        "lab",
        query,
        bundle_cluster::VIEWS,
        bundle_cluster::view,
    );
    assert!(h >= 0, "the lab is a known view");
    h as u32
}

#[wasm_bindgen_test]
async fn the_lab_steps_changes_strategy_and_toggles_and_writes_the_url() {
    clear_url();
    let root = container();
    let h = mount_lab(&root, "?scenario=hpa-50&seed=3");
    settle(|| search().contains("strategy=")).await;
    flush().await;
    assert_eq!(text(&root, "lab-title"), "HPA at 50 % CPU");
    assert_eq!(
        search(),
        "?scenario=hpa-50&seed=3&strategy=scenario",
        "the URL carries the run"
    );
    assert!(text(&root, "lab-clock").starts_with("0:00"));
    assert_eq!(all(&root, "[data-testid=node]").len(), 3);

    // Step: one simulated second; the URL gets the time.
    by_testid(&root, "lab-step").click();
    settle(|| text(&root, "lab-clock").starts_with("0:01")).await;
    assert!(search().contains("t=1"));

    // Play and pause.
    let play = by_testid(&root, "lab-play");
    play.click();
    settle(|| play.text_content().unwrap() == "Pause").await;
    play.click();
    settle(|| play.text_content().unwrap() == "Play").await;

    // Strategy: HPA with other bounds, then fixed replicas.
    choose(&by_testid(&root, "lab-strategy"), "hpa");
    settle(|| search().contains("strategy=hpa:")).await;
    flush().await;
    choose(&by_testid(&root, "lab-max"), "6");
    settle(|| search().contains("strategy=hpa:2-6@50")).await;
    flush().await;
    assert!(
        text(&root, "lab-clock").starts_with("0:00"),
        "a change starts over"
    );
    choose(&by_testid(&root, "lab-strategy"), "fixed");
    choose(&by_testid(&root, "lab-replicas"), "5");
    settle(|| search().contains("strategy=fixed:5")).await;
    flush().await;
    settle(|| text(&root, "chart-text-replicas").contains("5 desired")).await;
    assert!(text(&root, "chart-text-replicas").contains("5 desired"));

    // A pitfall toggle and the load intensity go in the URL too.
    let quota = by_testid(&root, "lab-toggle-quota");
    quota.click();
    settle(|| search().contains("quota=on")).await;
    flush().await;
    choose(&by_testid(&root, "lab-intensity"), "2");
    settle(|| search().contains("intensity=2")).await;
    flush().await;
    assert!(search().contains("quota=on"), "{}", search());

    // Side by side: the preset's compare list, and a summary row per run.
    by_testid(&root, "lab-compare-on").click();
    settle(|| search().contains("compare=")).await;
    flush().await;
    settle(|| all(&root, "[data-testid=lab-summary] tbody tr").len() == 4).await;
    assert_eq!(all(&root, "[data-testid=lab-summary] tbody tr").len(), 4);

    // Another preset: its defaults.
    choose(&by_testid(&root, "lab-preset"), "crashloop-backoff");
    settle(|| search().contains("scenario=crashloop-backoff")).await;
    flush().await;
    assert!(!search().contains("quota="));
    assert!(!search().contains("compare="));
    mlops_scaling::state::mounted::unmount_view(h);
}

#[wasm_bindgen_test]
async fn a_bad_link_shows_what_was_not_used_and_runs_the_default() {
    clear_url();
    let root = container();
    let h = mount_lab(&root, "?scenario=nope&intensity=lots&strategy=fixed:0");
    settle(|| search().contains("strategy=")).await;
    flush().await;
    let problems = by_testid(&root, "lab-problems");
    assert!(!problems.hidden());
    let t = problems.text_content().unwrap();
    assert!(t.contains("no preset \"nope\""), "{t}");
    assert!(t.contains("intensity=lots"), "{t}");
    assert!(t.contains("fixed:0"), "{t}");
    assert!(search().contains("strategy=scenario"));
    assert!(!all(&root, "[data-testid=node]").is_empty());
    mlops_scaling::state::mounted::unmount_view(h);
}
