//! The terminal itself: scrollback, the prompt with history and Tab completion, and the clock.

use gloo_timers::callback::Interval;
use kubectl::session::{Effect as OutputEffect, Stream};
use kubectl::Output;
use leptos::html::{Div, Input};
use leptos::prelude::*;

use super::driver::Term;

/// Lines kept on screen; older ones scroll away for good, as in a terminal's scrollback.
const SCROLLBACK: usize = 300;

/// One command and what it printed (or a message with no command, such as completions).
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: u64,
    line: Option<String>,
    /// (is stderr, text)
    out: Vec<(bool, String)>,
}

/// A terminal over `driver`. `rev` is bumped after every change to the cluster, so panels
/// beside the terminal can re-read it. `run_first` lines run once at start (a "Run" button
/// elsewhere in the course); `prefill` is put on the prompt for the learner to send.
#[component]
pub fn Console(
    driver: Term,
    rev: RwSignal<u64>,
    #[prop(optional)] run_first: Vec<String>,
    #[prop(optional, into)] prefill: String,
    /// Unique per page, for the input's id.
    #[prop(into)]
    id: String,
    /// Focus the prompt when mounted.
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let entries = RwSignal::new(Vec::<Entry>::new());
    let next_id = StoredValue::new(0u64);
    let line = RwSignal::new(prefill);
    let watching = RwSignal::new(false);
    let paused = RwSignal::new(false);
    let input = NodeRef::<Input>::new();
    let screen = NodeRef::<Div>::new();

    let push = move |line: Option<String>, out: Vec<(bool, String)>| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        entries.update(|e| {
            e.push(Entry { id, line, out });
            if e.len() > SCROLLBACK {
                e.drain(..e.len() - SCROLLBACK);
            }
        });
    };
    let chunks = |out: &Output| -> Vec<(bool, String)> {
        out.chunks
            .iter()
            .map(|c| (c.stream == Stream::Stderr, c.text.clone()))
            .collect()
    };
    let run = move |text: String| {
        let out = driver
            .try_update_value(|d| d.run_line(&text))
            .expect("the driver lives as long as the console");
        watching.set(out.effect == OutputEffect::Watching);
        if out.effect == OutputEffect::Clear {
            entries.set(Vec::new());
        } else {
            push(Some(text), chunks(&out));
        }
        rev.update(|r| *r += 1);
    };
    for l in run_first {
        run(l);
    }

    // The cluster's clock: one simulated second per second while the page is open.
    let timer = StoredValue::new_local(None::<Interval>);
    timer.set_value(Some(Interval::new(1000, move || {
        if paused.get_untracked() || !driver.clock_due(js_sys::Date::now()) {
            return;
        }
        let Some(out) = driver.try_update_value(|d| d.step()) else {
            return;
        };
        if !out.chunks.is_empty() {
            let new = chunks(&out);
            entries.update(|e| match e.last_mut() {
                Some(last) => last.out.extend(new),
                None => e.push(Entry {
                    id: 0,
                    line: None,
                    out: new,
                }),
            });
        }
        rev.update(|r| *r += 1);
    })));

    // Keep the newest output in view.
    Effect::new(move |_| {
        entries.track();
        if let Some(el) = screen.get() {
            el.set_scroll_top(el.scroll_height());
        }
    });
    Effect::new(move |_| {
        if autofocus {
            if let Some(el) = input.get() {
                let _ = el.focus();
            }
        }
    });

    let stop_watch = move || {
        driver.update_value(|d| d.session_mut().stop_watch());
        watching.set(false);
        entries.update(|e| {
            if let Some(last) = e.last_mut() {
                last.out.push((false, "^C\n".into()));
            }
        });
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match key.as_str() {
            "Tab" if !ev.shift_key() && !line.get_untracked().trim().is_empty() => {
                ev.prevent_default();
                let current = line.get_untracked();
                let Some(c) = driver.try_with_value(|d| d.session().complete(&current)) else {
                    return;
                };
                if c.candidates.len() > 1 {
                    push(None, vec![(false, c.candidates.join("  ") + "\n")]);
                }
                line.set(c.apply(&current));
            }
            "ArrowUp" => {
                ev.prevent_default();
                let current = line.get_untracked();
                let prev = driver
                    .try_update_value(|d| {
                        d.session_mut().history_mut().up(&current).map(String::from)
                    })
                    .flatten();
                if let Some(p) = prev {
                    line.set(p);
                }
            }
            "ArrowDown" => {
                ev.prevent_default();
                let next = driver
                    .try_update_value(|d| d.session_mut().history_mut().down().map(String::from))
                    .flatten();
                if let Some(n) = next {
                    line.set(n);
                }
            }
            "c" if ctrl && watching.get_untracked() => {
                ev.prevent_default();
                stop_watch();
            }
            "l" if ctrl => {
                ev.prevent_default();
                entries.set(Vec::new());
            }
            _ => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = line.get_untracked();
        line.set(String::new());
        run(text);
    };
    let input_id = format!("{id}-input");
    let help_id = format!("{id}-help");

    view! {
        <div class="term">
            <div class="term-screen" node_ref=screen role="log" aria-label="Terminal output" tabindex="0"
                on:click=move |_| { if let Some(el) = input.get() { let _ = el.focus(); } }>
                <For each=move || entries.get() key=|e| (e.id, e.out.len()) let:entry>
                    <div class="term-entry">
                        {entry.line.map(|l| view! {
                            <div class="term-cmd"><span class="term-ps1" aria-hidden="true">"$ "</span>{l}</div>
                        })}
                        {entry.out.into_iter().map(|(err, text)| view! {
                            <pre class="term-out" class:term-err=err>{text}</pre>
                        }).collect_view()}
                    </div>
                </For>
            </div>
            <form class="term-prompt" on:submit=on_submit>
                <span class="term-ps1" aria-hidden="true">"$"</span>
                <label class="visually-hidden" for=input_id.clone()>"kubectl command"</label>
                <input id=input_id type="text" node_ref=input autocomplete="off" spellcheck="false"
                    autocapitalize="off" aria-describedby=help_id.clone()
                    prop:value=move || line.get()
                    on:input=move |ev| line.set(event_target_value(&ev))
                    on:keydown=on_key />
                <button type="submit" class="button term-send">"Run"</button>
            </form>
            <div class="term-bar">
                <p id=help_id class="term-help">
                    "Enter runs · Tab completes · ↑ ↓ history · Ctrl+L clears · "
                    <code>"help"</code> " lists the commands · " <code>"wait 30s"</code> " fast-forwards"
                </p>
                <button type="button" class="button term-stop" hidden=move || !watching.get()
                    on:click=move |_| stop_watch()>"Stop watching (Ctrl+C)"</button>
                <button type="button" class="button term-clock" aria-pressed=move || paused.get().to_string()
                    on:click=move |_| paused.update(|p| *p = !*p)>
                    {move || if paused.get() { "Resume the clock" } else { "Pause the clock" }}
                </button>
            </div>
        </div>
    }
}
