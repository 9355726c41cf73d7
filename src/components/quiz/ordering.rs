//! An ordering answer: drag the steps, or move them with the Up and Down buttons.
//!
//! Both ways go through `quiz::OrderingModel`, so the order is always a rearrangement of the
//! steps. Every move is announced, and keyboard focus follows the moved step.

use leptos::prelude::*;
use quiz::OrderingModel;

/// Puts focus on the element `id` after the DOM has caught up with a move.
fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// The steps of an ordering question as a reorderable list.
#[component]
pub fn OrderingInput(
    /// The steps in the order first presented (step n is `steps[n - 1]`).
    steps: Vec<String>,
    /// The current order; the parent submits `model.answer()`.
    model: RwSignal<OrderingModel>,
    /// Prefix of the element ids (unique on the page).
    #[prop(into)]
    id_prefix: String,
    /// True when the question no longer takes answers.
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let steps = StoredValue::new(steps);
    let dragging = RwSignal::new(None::<usize>);
    let announcement = RwSignal::new(String::new());
    let prefix = StoredValue::new(id_prefix);
    let count = steps.with_value(Vec::len);

    let position_of =
        move |step: usize| model.with(|m| m.order().iter().position(|s| *s == step).unwrap_or(0));
    let announce_move = move |step: usize| {
        let pos = position_of(step);
        let text = steps.with_value(|s| s.get(step - 1).cloned().unwrap_or_default());
        announcement.set(format!(
            "Step {step} moved to position {} of {count}: {text}",
            pos + 1
        ));
    };
    let move_by = move |step: usize, up: bool| {
        let pos = model.with_untracked(|m| m.order().iter().position(|s| *s == step));
        let Some(pos) = pos else { return };
        let moved = model
            .try_update(|m| if up { m.move_up(pos) } else { m.move_down(pos) })
            .unwrap_or(false);
        if moved {
            announce_move(step);
            // Keep focus on the same button; at the end of the list it is disabled, so use the other.
            let new_pos = position_of(step);
            let at_edge = if up {
                new_pos == 0
            } else {
                new_pos + 1 == count
            };
            let which = if up != at_edge { "up" } else { "down" };
            focus_later(prefix.with_value(|p| format!("{p}-{which}-{step}")));
        }
    };

    view! {
        <ol class="ordering" data-testid="ordering-list">
            <For
                each=move || model.with(|m| m.order().to_vec())
                key=|step| *step
                children=move |step| {
                    let text = steps.with_value(|s| s.get(step - 1).cloned().unwrap_or_default());
                    let up_id = prefix.with_value(|p| format!("{p}-up-{step}"));
                    let down_id = prefix.with_value(|p| format!("{p}-down-{step}"));
                    view! {
                        <li
                            class="ordering-step"
                            class:dragging=Signal::derive(move || dragging.get() == Some(step))
                            draggable=Signal::derive(move || if disabled.get() { "false" } else { "true" })
                            data-step=step.to_string()
                            data-testid=format!("ordering-step-{step}")
                            on:dragstart=move |ev: web_sys::DragEvent| {
                                if disabled.get_untracked() {
                                    ev.prevent_default();
                                    return;
                                }
                                if let Some(dt) = ev.data_transfer() {
                                    let _ = dt.set_data("text/plain", &step.to_string());
                                    dt.set_effect_allowed("move");
                                }
                                dragging.set(Some(step));
                            }
                            on:dragover=move |ev: web_sys::DragEvent| {
                                if dragging.get_untracked().is_some() {
                                    ev.prevent_default();
                                }
                            }
                            on:drop=move |ev: web_sys::DragEvent| {
                                ev.prevent_default();
                                if let Some(from_step) = dragging.get_untracked() {
                                    let from = position_of(from_step);
                                    let to = position_of(step);
                                    if model.try_update(|m| m.move_to(from, to)).unwrap_or(false) {
                                        announce_move(from_step);
                                    }
                                }
                                dragging.set(None);
                            }
                            on:dragend=move |_| dragging.set(None)
                        >
                            <span class="ordering-grip" aria-hidden="true">"⋮⋮"</span>
                            <span class="ordering-number">{format!("Step {step}")}</span>
                            <span class="ordering-text">{text}</span>
                            <span class="ordering-buttons">
                                <button
                                    type="button"
                                    class="button button-small"
                                    id=up_id
                                    aria-label=format!("Move step {step} up")
                                    disabled=Signal::derive(move || disabled.get() || position_of(step) == 0)
                                    on:click=move |_| move_by(step, true)
                                    data-testid=format!("move-up-{step}")
                                >
                                    <span aria-hidden="true">"↑ "</span>
                                    "Up"
                                </button>
                                <button
                                    type="button"
                                    class="button button-small"
                                    id=down_id
                                    aria-label=format!("Move step {step} down")
                                    disabled=Signal::derive(move || disabled.get() || position_of(step) + 1 == count)
                                    on:click=move |_| move_by(step, false)
                                    data-testid=format!("move-down-{step}")
                                >
                                    <span aria-hidden="true">"↓ "</span>
                                    "Down"
                                </button>
                            </span>
                        </li>
                    }
                }
            />
        </ol>
        <p class="visually-hidden" aria-live="polite">{announcement}</p>
    }
}
