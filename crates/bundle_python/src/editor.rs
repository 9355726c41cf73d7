//! The code editor: a textarea over a highlighted copy of its text, with line numbers.
//!
//! The learner types into a real `<textarea>` (so selection, undo of typing, screen readers and
//! mobile keyboards behave as usual); its text is transparent, and under it a `<pre>` shows
//! the same text as spans from `minipy::highlight` (text nodes, never HTML), each line with its
//! number and the error line marked. Tab indents, Shift-Tab dedents and Enter keeps the
//! indentation (one level more after `:`), all in `exercise::edit`; Esc then Tab leaves the
//! editor, as the help text says.

use leptos::prelude::*;

/// The editor for `code`; `error_line` (1-based) is highlighted.
#[component]
pub fn Editor(code: RwSignal<String>, error_line: RwSignal<Option<u32>>) -> impl IntoView {
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    // After Esc, the next Tab moves focus instead of indenting.
    let escaped = StoredValue::new(false);
    // Keep the textarea in step when the code changes from outside (reset, loading a program).
    Effect::new(move |_| {
        let text = code.get();
        if let Some(el) = textarea.get() {
            if el.value() != text {
                el.set_value(&text);
            }
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if key == "Escape" {
            escaped.set_value(true);
            return;
        }
        let was_escaped = escaped.get_value();
        escaped.set_value(false);
        let modified = ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.is_composing();
        let enter = key == "Enter" && !ev.shift_key();
        if modified || !(enter || key == "Tab" && !was_escaped) {
            return;
        }
        let Some(el) = textarea.get() else { return };
        ev.prevent_default();
        let value = el.value();
        let start = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = el.selection_end().ok().flatten().unwrap_or(0) as usize;
        let edit = if enter {
            exercise::edit::newline(&value, start, end)
        } else if ev.shift_key() {
            exercise::edit::dedent(&value, start, end)
        } else {
            exercise::edit::indent(&value, start, end)
        };
        let _ =
            el.set_range_text_with_start_and_end(&edit.insert, edit.start as u32, edit.end as u32);
        let _ = el.set_selection_range(edit.sel_start as u32, edit.sel_end as u32);
        error_line.set(None);
        code.set(el.value());
    };
    let lines = Memo::new(move |_| minipy::highlight::highlight(&code.get()));
    view! {
        <div class="ex-editor">
            <pre class="ex-hl" aria-hidden="true" data-testid="editor-highlight">
                {move || {
                    let err = error_line.get();
                    lines
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, spans)| {
                            let n = i as u32 + 1;
                            view! {
                                <span class="ex-line" class:ex-line-err=err == Some(n) data-line=n>
                                    <span class="ex-ln">{n}</span>
                                    {spans
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <span class=format!("ex-tok-{}", s.kind.as_str())>
                                                    {s.text}
                                                </span>
                                            }
                                        })
                                        .collect_view()}
                                </span>
                            }
                        })
                        .collect_view()
                }}
            </pre>
            <textarea
                id="ex-code"
                class="ex-input"
                node_ref=textarea
                data-testid="editor"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                aria-describedby="ex-editor-help"
                prop:value=code.get_untracked()
                on:input=move |ev| {
                    error_line.set(None);
                    code.set(event_target_value(&ev));
                }
                on:keydown=on_keydown
            ></textarea>
        </div>
        <p id="ex-editor-help" class="ex-help">
            "Tab indents and Shift+Tab unindents; Enter keeps the indentation. To leave the editor with the keyboard, press Esc, then Tab (or Shift+Tab)."
        </p>
    }
}
