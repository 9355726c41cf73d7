//! The sample decision code beside the flowchart, with the line the current step runs highlighted.

use leptos::prelude::*;

/// The sample code, one numbered line per row; the current line is marked with `aria-current`
/// and a visible "runs now" tag, so the highlight does not rely on colour alone.
#[component]
pub fn CodePanel(
    /// The 1-based line the current step runs, if any.
    #[prop(into)]
    current_line: Signal<Option<usize>>,
) -> impl IntoView {
    let code = &course::decision_flow().code;
    let lines = code
        .lines()
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let number = i + 1;
            let is_current = move || current_line.get() == Some(number);
            view! {
                <span
                    class="code-line"
                    class:is-current=is_current
                    aria-current=move || is_current().then_some("true")
                    data-testid=format!("code-line-{number}")
                >
                    <span class="code-line-number" aria-hidden="true">{number}</span>
                    <span class="code-line-text">{text}</span>
                    <span class="code-line-tag" hidden=move || !is_current()>
                        " ◀ runs now"
                    </span>
                </span>
            }
        })
        .collect_view();
    view! {
        <figure class="code-panel">
            <figcaption>
                <span class="code-language">{code.language.to_uppercase()}</span>
                " "
                {code.caption.as_ref()}
            </figcaption>
            <pre tabindex="0" role="group" aria-label="Sample decision code" data-testid="flow-code"><code>{lines}</code></pre>
        </figure>
    }
}
