//! Browser tests of the quiz page (wasm-bindgen-test in headless Chromium): one per question
//! kind, plus the challenge's timer controls, result and badge, and saved progress.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mlops_scaling::components::quiz::ordering::OrderingInput;
use mlops_scaling::routes::quiz::QuizPage;
use quiz::progress::PROGRESS_STORAGE_KEY;
use quiz::OrderingModel;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
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

/// Present and shown: neither it nor an ancestor is `hidden`.
fn exists(root: &web_sys::HtmlElement, selector: &str) -> bool {
    root.query_selector(selector)
        .unwrap()
        .is_some_and(|e| e.closest("[hidden]").unwrap().is_none())
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

async fn click(root: &web_sys::HtmlElement, selector: &str) {
    find(root, selector).click();
    leptos::task::tick().await;
}

async fn type_text(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let el = find(root, selector);
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        el.unchecked_ref::<web_sys::HtmlInputElement>()
            .set_value(value);
    }
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
}

/// Mounts the quiz page with the given stored progress (None: nothing stored).
async fn mount_page(stored: Option<&str>) -> (web_sys::HtmlElement, impl Drop) {
    // `stored` is a legacy quiz save: it reaches the page through the progress document's
    // migration (the document itself is absent).
    storage().remove_item(progress::STORAGE_KEY).unwrap();
    match stored {
        Some(text) => storage().set_item(PROGRESS_STORAGE_KEY, text).unwrap(),
        None => storage().remove_item(PROGRESS_STORAGE_KEY).unwrap(),
    }
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), QuizPage);
    leptos::task::tick().await;
    (root, handle)
}

#[wasm_bindgen_test]
fn quizzes_compiled_by_build_rs_equal_the_content_files() {
    let compiled = mlops_scaling::components::quiz::content::builtin_quizzes();
    assert_eq!(Ok(compiled), quiz::content::builtin_quizzes());
}

const P1: &str = "[data-testid=\"question-practice-1-why-different\"]";

#[wasm_bindgen_test]
async fn single_choice_gives_instant_feedback_hint_and_the_solution_step_by_step() {
    let (root, _handle) = mount_page(None).await;
    assert_eq!(text(&root, "[data-testid=\"tab-practice\"]"), "Practice");
    assert_eq!(
        find(&root, "[data-testid=\"tab-practice\"]")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    // Named radio group: the legend is the question.
    assert!(text(&root, &format!("{P1} fieldset legend")).contains("different scaling strategies"));
    assert!(!exists(&root, &format!("{P1} [data-testid=\"solution\"]")));

    click(&root, &format!("{P1} [data-testid=\"check-answer\"]")).await;
    assert_eq!(
        text(&root, &format!("{P1} [data-testid=\"feedback\"]")),
        "Choose an answer first."
    );

    click(&root, &format!("{P1} [data-testid=\"option-0\"]")).await;
    click(&root, &format!("{P1} [data-testid=\"check-answer\"]")).await;
    let feedback = find(&root, &format!("{P1} [data-testid=\"feedback\"]"));
    settle(|| {
        feedback
            .text_content()
            .unwrap_or_default()
            .starts_with("Not quite")
    })
    .await;
    assert_eq!(
        feedback.get_attribute("aria-live").as_deref(),
        Some("polite")
    );

    click(&root, &format!("{P1} [data-testid=\"show-hint\"]")).await;
    settle(|| exists(&root, &format!("{P1} [data-testid=\"hint\"]"))).await;
    assert!(
        text(&root, &format!("{P1} [data-testid=\"hint\"]")).contains("Match the scaling strategy")
    );

    click(&root, &format!("{P1} [data-testid=\"option-2\"]")).await;
    click(&root, &format!("{P1} [data-testid=\"check-answer\"]")).await;
    settle(|| feedback.text_content().unwrap_or_default() == "Correct!").await;
    assert_eq!(feedback.text_content().unwrap(), "Correct!");

    click(&root, &format!("{P1} [data-testid=\"show-solution\"]")).await;
    settle(|| exists(&root, &format!("{P1} [data-testid=\"solution-step\"]"))).await;
    let steps = || {
        root.query_selector_all(&format!(
            "{P1} [data-testid=\"solution-step\"]:not([hidden])"
        ))
        .unwrap()
        .length()
    };
    assert_eq!(steps(), 1);
    assert!(!exists(
        &root,
        &format!("{P1} [data-testid=\"solution-final\"]")
    ));
    click(&root, &format!("{P1} [data-testid=\"next-step\"]")).await;
    settle(|| steps() == 2).await;
    assert_eq!(steps(), 2);
    let final_text = text(&root, &format!("{P1} [data-testid=\"solution-final\"]"));
    assert!(final_text.contains("-> Option C"), "{final_text}");
    assert!(final_text.contains("Quick check"));
    assert!(exists(
        &root,
        &format!("{P1} [data-testid=\"common-mistakes\"] li")
    ));

    let saved = storage().get_item(progress::STORAGE_KEY).unwrap().unwrap();
    assert!(saved.contains("practice-1-why-different"), "{saved}");
}

#[wasm_bindgen_test]
async fn visual_quiz_highlights_the_row_of_the_table_after_answering() {
    let (root, _handle) = mount_page(None).await;
    click(&root, "[data-testid=\"tab-visual\"]").await;
    let panel = find(&root, "[data-testid=\"panel-visual\"]");
    settle(|| !panel.has_attribute("hidden")).await;
    assert!(!panel.has_attribute("hidden"));
    assert!(exists(
        &root,
        "#quiz-panel-visual [data-testid=\"process-table\"]"
    ));
    let row = find(&root, "#quiz-panel-visual [data-testid=\"table-row-1\"]");
    assert!(!row.class_list().contains("highlight"));
    let q = "[data-testid=\"question-visual-1-small-data\"]";
    click(&root, &format!("{q} [data-testid=\"option-0\"]")).await;
    click(&root, &format!("{q} [data-testid=\"check-answer\"]")).await;
    settle(|| row.class_list().contains("highlight")).await;
    assert!(row.class_list().contains("highlight"));
    assert_eq!(
        text(&root, &format!("{q} [data-testid=\"feedback\"]")),
        "Correct!"
    );
}

#[wasm_bindgen_test]
async fn typed_command_output_ignores_padding_but_not_words() {
    let (root, _handle) = mount_page(None).await;
    click(&root, "[data-testid=\"tab-commands\"]").await;
    let q = "[data-testid=\"question-commands-1-scale\"]";
    type_text(
        &root,
        &format!("{q} [data-testid=\"text-answer\"]"),
        "deployment.apps/web created",
    )
    .await;
    click(&root, &format!("{q} [data-testid=\"check-answer\"]")).await;
    let feedback = find(&root, &format!("{q} [data-testid=\"feedback\"]"));
    settle(|| {
        feedback
            .text_content()
            .unwrap_or_default()
            .contains("Line 1 differs")
    })
    .await;
    assert!(feedback.text_content().unwrap().contains("Line 1 differs"));
    type_text(
        &root,
        &format!("{q} [data-testid=\"text-answer\"]"),
        "  deployment.apps/web    scaled  \n",
    )
    .await;
    click(&root, &format!("{q} [data-testid=\"check-answer\"]")).await;
    settle(|| feedback.text_content().unwrap_or_default() == "Correct!").await;
    assert_eq!(feedback.text_content().unwrap(), "Correct!");
}

#[wasm_bindgen_test]
async fn generated_question_takes_a_number_and_offers_new_numbers() {
    let (root, _handle) = mount_page(None).await;
    click(&root, "[data-testid=\"tab-generated\"]").await;
    let q = "[data-testid=\"question-generated-1-hpa-replicas\"]";
    let prompt = text(&root, &format!("{q} [data-testid=\"generated-prompt\"]"));
    assert!(prompt.contains("How many replicas"), "{prompt}");

    type_text(&root, &format!("{q} [data-testid=\"text-answer\"]"), "lots").await;
    click(&root, &format!("{q} [data-testid=\"check-answer\"]")).await;
    let feedback = find(&root, &format!("{q} [data-testid=\"feedback\"]"));
    settle(|| {
        feedback
            .text_content()
            .unwrap_or_default()
            .contains("whole number")
    })
    .await;
    assert!(feedback.text_content().unwrap().contains("whole number"));

    // The worked solution (the engine's own calculation) names the answer; typing it is right.
    click(&root, &format!("{q} [data-testid=\"show-solution\"]")).await;
    for _ in 0..10 {
        if exists(&root, &format!("{q} [data-testid=\"solution-final\"]")) {
            break;
        }
        click(&root, &format!("{q} [data-testid=\"next-step\"]")).await;
    }
    let final_text = text(&root, &format!("{q} [data-testid=\"solution-final\"]"));
    let replicas: String = final_text
        .trim_start_matches("Final answer: ")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!replicas.is_empty(), "{final_text}");
    type_text(
        &root,
        &format!("{q} [data-testid=\"text-answer\"]"),
        &replicas,
    )
    .await;
    click(&root, &format!("{q} [data-testid=\"check-answer\"]")).await;
    settle(|| feedback.text_content().unwrap_or_default() == "Correct!").await;
    assert_eq!(feedback.text_content().unwrap(), "Correct!");

    // Fresh numbers: a new question, an empty answer and no verdict.
    let mut changed = false;
    for _ in 0..5 {
        click(&root, &format!("{q} [data-testid=\"new-numbers\"]")).await;
        settle(|| text(&root, &format!("{q} [data-testid=\"generated-prompt\"]")) != prompt).await;
        if text(&root, &format!("{q} [data-testid=\"generated-prompt\"]")) != prompt {
            changed = true;
            break;
        }
    }
    assert!(changed, "new numbers change the question");
    assert_eq!(feedback.text_content().unwrap_or_default(), "");
    let input: web_sys::HtmlInputElement =
        find(&root, &format!("{q} [data-testid=\"text-answer\"]")).unchecked_into();
    settle(|| input.value().is_empty()).await;
    assert_eq!(input.value(), "");
}

/// Reads the order of an ordering list from its `data-step` attributes.
fn order_of(root: &web_sys::HtmlElement, list: &str) -> Vec<usize> {
    let items = root
        .query_selector_all(&format!("{list} [data-step]"))
        .unwrap();
    (0..items.length())
        .map(|i| {
            items
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("data-step")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn ordering_moves_with_drag_and_drop_and_with_up_and_down_buttons() {
    let root = container();
    let model = RwSignal::new(OrderingModel::new(4));
    let steps: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <OrderingInput steps=steps.clone() model=model id_prefix="t" disabled=false /> }
    });
    leptos::task::tick().await;
    assert_eq!(order_of(&root, "ol"), [1, 2, 3, 4]);
    assert!(find(&root, "[data-testid=\"move-up-1\"]")
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());

    // Drag step 4 onto step 1: it takes the first place and the rest shift down.
    let fire = |selector: &str, kind: &str| {
        let ev = web_sys::DragEvent::new(kind).unwrap();
        find(&root, selector).dispatch_event(&ev).unwrap();
    };
    fire("[data-testid=\"ordering-step-4\"]", "dragstart");
    fire("[data-testid=\"ordering-step-1\"]", "dragover");
    fire("[data-testid=\"ordering-step-1\"]", "drop");
    leptos::task::tick().await;
    settle(|| order_of(&root, "ol") == [4, 1, 2, 3]).await;
    assert_eq!(model.get_untracked().order(), [4, 1, 2, 3]);
    assert_eq!(order_of(&root, "ol"), [4, 1, 2, 3]);

    // Keyboard path: buttons.
    click(&root, "[data-testid=\"move-down-4\"]").await;
    settle(|| order_of(&root, "ol") == [1, 4, 2, 3]).await;
    assert_eq!(order_of(&root, "ol"), [1, 4, 2, 3]);
    click(&root, "[data-testid=\"move-up-3\"]").await;
    settle(|| order_of(&root, "ol") == [1, 4, 3, 2]).await;
    assert_eq!(model.get_untracked().order(), [1, 4, 3, 2]);
    assert!(text(&root, "[aria-live]").contains("Step 3 moved to position 3 of 4"));
}

/// Answers the challenge problem `i` (0-based) right or wrong and moves on.
async fn answer_challenge(root: &web_sys::HtmlElement, i: usize, right: bool) {
    let card = format!("[data-testid=\"problem-{i}\"]");
    click(root, &format!("[data-testid=\"problem-tab-{i}\"]")).await;
    if i == 2 {
        // Ordering: 1,2,3,4 -> 3,2,1,4 (right) with the buttons; left as is (wrong).
        if right {
            click(root, &format!("{card} [data-testid=\"move-up-3\"]")).await;
            click(root, &format!("{card} [data-testid=\"move-up-3\"]")).await;
            click(root, &format!("{card} [data-testid=\"move-down-1\"]")).await;
            settle(|| order_of(root, &card) == [3, 2, 1, 4]).await;
        }
    } else {
        let correct = [0, 0, 0, 3, 2][i];
        let pick = if right { correct } else { (correct + 1) % 4 };
        click(root, &format!("{card} [data-testid=\"option-{pick}\"]")).await;
    }
    click(root, &format!("{card} [data-testid=\"check-answer\"]")).await;
    let feedback = find(root, &format!("{card} [data-testid=\"feedback\"]"));
    settle(|| !feedback.text_content().unwrap_or_default().is_empty()).await;
    assert_eq!(
        feedback.text_content().unwrap() == "Correct!",
        right,
        "problem {i}: {}",
        feedback.text_content().unwrap()
    );
}

#[wasm_bindgen_test]
async fn challenge_counts_down_pauses_locks_and_awards_the_badge() {
    let (root, _handle) = mount_page(None).await;
    click(&root, "[data-testid=\"tab-challenge\"]").await;
    click(&root, "[data-testid=\"start-challenge\"]").await;
    settle(|| exists(&root, "[data-testid=\"problem-0\"]")).await;
    let p0 = "[data-testid=\"problem-0\"]";
    assert_eq!(
        text(&root, &format!("{p0} [data-testid=\"countdown\"]")),
        "2:00 remaining"
    );
    assert_eq!(
        text(&root, &format!("{p0} [data-testid=\"attempts-left\"]")),
        "2 attempts left"
    );
    // The interval feeds real time: after a little over a second the countdown has moved.
    gloo_timers::future::TimeoutFuture::new(1_300).await;
    settle(|| text(&root, &format!("{p0} [data-testid=\"countdown\"]")) != "2:00 remaining").await;
    assert_eq!(
        text(&root, &format!("{p0} [data-testid=\"countdown\"]")),
        "1:59 remaining"
    );
    // Pause: the problem hides and the clock stands still.
    click(&root, &format!("{p0} [data-testid=\"pause\"]")).await;
    settle(|| exists(&root, &format!("{p0} [data-testid=\"paused-note\"]"))).await;
    assert_eq!(
        text(&root, &format!("{p0} [data-testid=\"pause\"]")),
        "Resume"
    );
    let before = text(&root, &format!("{p0} [data-testid=\"countdown\"]"));
    gloo_timers::future::TimeoutFuture::new(1_200).await;
    assert_eq!(
        text(&root, &format!("{p0} [data-testid=\"countdown\"]")),
        before
    );
    click(&root, &format!("{p0} [data-testid=\"pause\"]")).await;
    // More time, then the timer turned off.
    click(&root, &format!("{p0} [data-testid=\"add-time\"]")).await;
    settle(|| text(&root, &format!("{p0} [data-testid=\"countdown\"]")).contains("2:5")).await;
    assert!(text(&root, &format!("{p0} [data-testid=\"countdown\"]")).contains("2:5"));
    click(&root, "[data-testid=\"timer-off\"]").await;
    settle(|| text(&root, &format!("{p0} [data-testid=\"countdown\"]")).contains("No time limit"))
        .await;
    assert!(text(&root, &format!("{p0} [data-testid=\"countdown\"]")).contains("No time limit"));

    // Two wrong answers lock problem 1; the answer is shown.
    answer_challenge(&root, 0, false).await;
    assert_eq!(
        text(&root, &format!("{p0} [data-testid=\"attempts-left\"]")),
        "1 attempt left"
    );
    answer_challenge(&root, 0, false).await;
    settle(|| exists(&root, &format!("{p0} [data-testid=\"correct-answer\"]"))).await;
    assert!(text(&root, &format!("{p0} [data-testid=\"correct-answer\"]")).contains("Option A"));
    assert!(find(&root, &format!("{p0} [data-testid=\"check-answer\"]"))
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());
    for i in 1..5 {
        answer_challenge(&root, i, true).await;
    }
    click(
        &root,
        "[data-testid=\"problem-4\"] [data-testid=\"next-problem\"]",
    )
    .await;
    settle(|| exists(&root, "[data-testid=\"challenge-result\"]")).await;
    assert_eq!(
        text(&root, "[data-testid=\"result-score\"]"),
        "4 of 5 right, 400 of 500 points."
    );
    assert!(exists(&root, "[data-testid=\"result-no-badge\"]"));
    assert!(exists(&root, "[data-testid=\"badge-missing\"]"));

    // Retry, all right: the badge, in the result and in the saved progress.
    click(&root, "[data-testid=\"retry\"]").await;
    settle(|| exists(&root, "[data-testid=\"problem-0\"]")).await;
    for i in 0..5 {
        answer_challenge(&root, i, true).await;
    }
    click(
        &root,
        "[data-testid=\"problem-4\"] [data-testid=\"next-problem\"]",
    )
    .await;
    settle(|| exists(&root, "[data-testid=\"result-badge\"]")).await;
    assert!(text(&root, "[data-testid=\"result-badge\"]").contains("Scaling Mastery in MLOps"));
    settle(|| exists(&root, "[data-testid=\"badge-earned\"]")).await;
    assert!(exists(&root, "[data-testid=\"badge-earned\"]"));
    let saved = storage().get_item(progress::STORAGE_KEY).unwrap().unwrap();
    assert!(saved.contains("Scaling Mastery in MLOps"), "{saved}");
    assert!(
        saved.contains("\"mode\":\"off\""),
        "the timer setting is saved: {saved}"
    );
}

#[wasm_bindgen_test]
async fn corrupt_saved_progress_is_discarded_with_a_notice_and_the_panel_links_to_your_progress() {
    let (root, handle) = mount_page(Some("{ this is not json")).await;
    let notice = text(&root, "[data-testid=\"progress-notice\"]");
    assert!(notice.contains("could not be used"), "{notice}");
    assert!(notice.contains("starts afresh"), "{notice}");
    drop(handle);

    let (root, _handle) = mount_page(Some(r#"{"schema_version": 0}"#)).await;
    assert!(text(&root, "[data-testid=\"progress-notice\"]").contains("older version"));
    // Export, import and reset live on "Your progress" now.
    assert!(!exists(&root, "[data-testid=\"reset-progress\"]"));
    let link = find(&root, "[data-testid=\"progress-page-link\"]");
    assert!(link.get_attribute("href").unwrap().ends_with("/progress"));
}
