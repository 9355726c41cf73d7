//! Browser component tests of the reading pages: stepping the decision-flow walkthrough moves the
//! lit node, the code line and the process-table rows; the inputs change the outcome; the guide's
//! annotated lines explain their field; the overview links its commands and mistakes.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mlops_scaling::routes::{flow::FlowPage, guide::GuidePage, overview::OverviewPage};
use mlops_scaling::state::base::BasePath;
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

/// Mounts a page with the context the app provides (the site served under `/course`).
fn mount(page: fn() -> AnyView) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(BasePath("/course".into()));
        page()
    });
    (root, Box::new(handle))
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

fn by_testid(root: &web_sys::HtmlElement, id: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .map(|e| e.unchecked_into())
}

fn all_testids(root: &web_sys::HtmlElement, prefix: &str) -> Vec<String> {
    let list = root
        .query_selector_all(&format!("[data-testid^=\"{prefix}\"]"))
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("data-testid")
        })
        .collect()
}

fn lit_node(root: &web_sys::HtmlElement) -> String {
    root.query_selector("[data-testid^=\"flow-node-\"][data-state=\"current\"]")
        .unwrap()
        .and_then(|e| e.get_attribute("data-testid"))
        .unwrap_or_default()
        .trim_start_matches("flow-node-")
        .to_string()
}

fn current_code_line(root: &web_sys::HtmlElement) -> Option<String> {
    root.query_selector("[data-testid^=\"code-line-\"][aria-current=\"true\"]")
        .unwrap()
        .and_then(|e| e.get_attribute("data-testid"))
}

async fn click(root: &web_sys::HtmlElement, id: &str) {
    by_testid(root, id)
        .unwrap_or_else(|| panic!("no {id}"))
        .click();
    leptos::task::tick().await;
}

fn is_disabled(root: &web_sys::HtmlElement, id: &str) -> bool {
    by_testid(root, id).unwrap().has_attribute("disabled")
}

async fn walk_to_end(root: &web_sys::HtmlElement) -> Vec<String> {
    let mut path = vec![lit_node(root)];
    while !is_disabled(root, "flow-next") {
        click(root, "flow-next").await;
        path.push(lit_node(root));
    }
    path
}

fn outcome(root: &web_sys::HtmlElement) -> Option<String> {
    by_testid(root, "flow-outcome").and_then(|e| e.get_attribute("data-outcome"))
}

#[wasm_bindgen_test]
async fn stepping_moves_the_lit_node_the_code_line_and_the_table_rows() {
    let (root, _handle) = mount(|| FlowPage().into_any());
    click(&root, "preset-vertical").await;
    assert_eq!(lit_node(&root), "start");
    assert!(is_disabled(&root, "flow-back"));
    assert_eq!(current_code_line(&root), None);
    assert!(all_testids(&root, "process-row-").is_empty());

    click(&root, "flow-next").await;
    click(&root, "flow-next").await;
    assert_eq!(lit_node(&root), "need-to-scale");
    assert_eq!(current_code_line(&root).as_deref(), Some("code-line-1"));
    assert!(by_testid(&root, "flow-narration")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("250 < 100 is False"));

    click(&root, "flow-next").await;
    assert_eq!(lit_node(&root), "choose-strategy");
    assert_eq!(current_code_line(&root).as_deref(), Some("code-line-4"));
    assert_eq!(all_testids(&root, "process-row-"), ["process-row-2"]);

    click(&root, "flow-next").await;
    assert_eq!(lit_node(&root), "vertical");
    assert_eq!(current_code_line(&root).as_deref(), Some("code-line-5"));
    assert_eq!(
        all_testids(&root, "process-row-"),
        ["process-row-2", "process-row-3"]
    );
    let row3 = by_testid(&root, "process-row-3").unwrap();
    assert_eq!(row3.get_attribute("aria-current").as_deref(), Some("step"));
    assert_eq!(
        by_testid(&root, "flow-node-choose-strategy")
            .unwrap()
            .get_attribute("data-state")
            .as_deref(),
        Some("visited")
    );
    // The tracker has grown a column per step that fills one in.
    let tracker_headers = by_testid(&root, "status-tracker")
        .unwrap()
        .query_selector_all("thead th")
        .unwrap()
        .length();
    assert_eq!(
        tracker_headers,
        1 + 3,
        "Variable, Start, After step 2, After step 3"
    );

    click(&root, "flow-back").await;
    assert_eq!(lit_node(&root), "choose-strategy");
    assert_eq!(all_testids(&root, "process-row-"), ["process-row-2"]);
    assert_eq!(
        by_testid(&root, "flow-node-vertical")
            .unwrap()
            .get_attribute("data-state")
            .as_deref(),
        Some("idle")
    );
    // The key moment about choosing a strategy is open at that step.
    assert!(by_testid(&root, "key-moment-1")
        .unwrap()
        .has_attribute("open"));

    click(&root, "flow-restart").await;
    assert_eq!(lit_node(&root), "start");
    assert_eq!(
        by_testid(&root, "flow-position")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Step 1 of 8")
    );
}

#[wasm_bindgen_test]
async fn the_inputs_change_the_outcome() {
    let (root, _handle) = mount(|| FlowPage().into_any());
    for (preset, expected, lab) in [
        ("preset-small-model", "small-model", "small-model-one-node"),
        ("preset-vertical", "vertical", "vertical-node-ceiling"),
        ("preset-horizontal", "horizontal", "hpa-cluster-autoscaler"),
    ] {
        click(&root, preset).await;
        assert_eq!(
            outcome(&root),
            None,
            "no outcome before the walk decides it"
        );
        let path = walk_to_end(&root).await;
        assert_eq!(path.last().map(String::as_str), Some("end"));
        assert_eq!(outcome(&root).as_deref(), Some(expected));
        assert_eq!(
            by_testid(&root, "flow-outcome-lab")
                .unwrap()
                .get_attribute("href"),
            Some(format!("/course/lab?scenario={lab}"))
        );
    }

    // The slider: a data size below the threshold keeps the small model.
    let slider: web_sys::HtmlInputElement = by_testid(&root, "input-data-size")
        .unwrap()
        .unchecked_into();
    slider.set_value("30");
    slider
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle(|| lit_node(&root) == "start").await;
    walk_to_end(&root).await;
    assert_eq!(outcome(&root).as_deref(), Some("small-model"));

    // Above it again, and the checkbox decides vertical or horizontal.
    slider.set_value("400");
    slider
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let limit: web_sys::HtmlInputElement = by_testid(&root, "input-resource-limit")
        .unwrap()
        .unchecked_into();
    limit.click();
    leptos::task::tick().await;
    let path = walk_to_end(&root).await;
    let expected = if limit.checked() {
        "vertical"
    } else {
        "horizontal"
    };
    assert!(path.iter().any(|n| n == expected), "{path:?}");
    assert_eq!(outcome(&root).as_deref(), Some(expected));
}

#[wasm_bindgen_test]
async fn an_annotated_line_explains_its_field() {
    let (root, _handle) = mount(|| GuidePage().into_any());
    let note = || {
        by_testid(&root, "manifest-note-deployment")
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(note().contains("Hover, focus or press"));
    click(&root, "annotated-line-deployment-20").await;
    assert!(note().contains("500 millicores"), "{}", note());
    assert_eq!(
        by_testid(&root, "annotated-line-deployment-20")
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    // Every annotation of every manifest has its line button.
    for m in course::kubernetes_guide().manifests.iter() {
        for a in m.annotations.iter() {
            assert!(
                by_testid(&root, &format!("annotated-line-{}-{}", m.id, a.line)).is_some(),
                "{} line {}",
                m.id,
                a.line
            );
        }
    }
}

#[wasm_bindgen_test]
async fn the_overview_links_commands_and_mistakes() {
    let (root, _handle) = mount(|| OverviewPage().into_any());
    let hrefs = |prefix: &str| -> Vec<String> {
        let list = root
            .query_selector_all(&format!("[data-testid^=\"{prefix}\"] a"))
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute("href"))
            .collect()
    };
    let commands = hrefs("command-");
    assert_eq!(commands.len(), 4);
    assert_eq!(
        commands[2],
        "/course/kubectl?command=kubectl%20autoscale%20deployment%20my-ml-model%20--min%3D2%20--max%3D5%20--cpu-percent%3D50"
    );
    assert_eq!(hrefs("mistake-").len(), course::overview().mistakes.len());
    assert!(hrefs("mistake-")
        .iter()
        .all(|h| h.starts_with("/course/lab?scenario=")));
}

#[wasm_bindgen_test]
async fn a_frozen_view_is_replaced_whole_when_its_parent_reruns() {
    use mlops_scaling::components::lesson::frozen::Frozen;
    let root = container();
    let count = RwSignal::new(1);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <div>
                {move || {
                    let n = count.get();
                    Frozen(view! { <p data-testid="frozen">{format!("run {n}")}</p> })
                }}
                <p data-testid="after">"after"</p>
            </div>
        }
    });
    leptos::task::tick().await;
    assert_eq!(
        by_testid(&root, "frozen")
            .unwrap()
            .text_content()
            .as_deref(),
        Some("run 1")
    );
    count.set(2);
    settle(|| {
        by_testid(&root, "frozen")
            .unwrap()
            .text_content()
            .as_deref()
            == Some("run 2")
    })
    .await;
    assert_eq!(
        all_testids(&root, "frozen"),
        ["frozen"],
        "the old view is gone"
    );
    let after = by_testid(&root, "after").unwrap();
    assert_eq!(
        after
            .previous_element_sibling()
            .and_then(|e| e.get_attribute("data-testid"))
            .as_deref(),
        Some("frozen"),
        "the new view takes the old one's place"
    );
}
