//! Code on the reading pages: a terminal command with its expected output, and the copy button.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// A command as typed, then what kubectl prints. Both blocks scroll sideways on narrow
/// screens (kubectl tables are wide), so each is focusable for keyboard scrolling.
#[component]
pub fn CommandWithOutput(
    /// Exactly what to type.
    command: &'static str,
    /// kubectl's output for it.
    output: &'static str,
) -> impl IntoView {
    view! {
        <div class="command-block">
            <p class="code-label">"Command"</p>
            <pre class="command" tabindex="0" role="group" aria-label=format!("Command: {command}")>
                <code>{command}</code>
            </pre>
            <p class="code-label">"Expected output"</p>
            <pre class="output" tabindex="0" role="group" aria-label="Expected output">
                <code>{output}</code>
            </pre>
        </div>
    }
}

/// "Copy" button for a code block: uses the asynchronous clipboard and says in a live region
/// whether it worked (it is refused on insecure origins and by some browser settings).
#[component]
pub fn CopyButton(
    /// The exact text to put on the clipboard.
    #[prop(into)]
    text: String,
    /// What is copied, completing the button's accessible name ("Copy" + this).
    #[prop(into)]
    what: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let hidden_label = format!(" {what}");
    let copy = move |_| {
        let text = text.clone();
        let what = what.clone();
        spawn_local(async move {
            let message = match copy_text(&text).await {
                Ok(()) => format!("Copied {what} to the clipboard."),
                Err(()) => "This browser refused the clipboard: select the code and press Ctrl+C (⌘C on a Mac).".to_string(),
            };
            status.set(message);
        });
    };
    view! {
        <button type="button" class="button" on:click=copy data-testid="copy-button">
            "Copy" <span class="visually-hidden">{hidden_label}</span>
        </button>
        <span class="copy-status" role="status" data-testid="copy-status">{status}</span>
    }
}

async fn copy_text(text: &str) -> Result<(), ()> {
    let navigator = web_sys::window().ok_or(())?.navigator();
    // `navigator.clipboard` is undefined outside secure contexts: check before calling it.
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| ())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(());
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}
