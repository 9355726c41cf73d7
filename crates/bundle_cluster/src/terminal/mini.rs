//! The overview's in-place terminal: each "Run" button mounts one, all typing into one mini cluster.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::console::Console;
use super::driver::{Driver, Shared, Term};
use super::{query_param, sandbox};

thread_local! {
    /// The mini cluster, shared by every mini terminal for as long as the page is loaded, so
    /// `kubectl scale` under one command and `kubectl get pods` under the next see one cluster.
    static MINI: RefCell<Option<Rc<Shared>>> = const { RefCell::new(None) };
}

/// A small terminal that runs `command=` at once; `id=` tells several apart on one page.
#[component]
pub fn MiniTerminal(query: String) -> impl IntoView {
    let shared = MINI.with(|m| {
        m.borrow_mut()
            .get_or_insert_with(|| Shared::new(Driver::Sandbox(Box::new(sandbox().0))))
            .clone()
    });
    let term = Term::shared(shared);
    let rev = RwSignal::new(0u64);
    let run_first: Vec<String> = query_param(&query, "command").into_iter().collect();
    let id = query_param(&query, "id").unwrap_or_else(|| "mini".into());
    let sandbox_href = mlops_scaling::state::base::BasePath::from_document().href("kubectl");
    view! {
        <div class="term-mini">
            <Console driver=term rev=rev run_first=run_first id=format!("mini-{id}") autofocus=true />
            <p class="term-mini-note">
                "A live mini cluster in your browser, shared by the commands on this page. "
                "Type more commands here, or open the " <a href=sandbox_href>"full kubectl sandbox"</a> "."
            </p>
        </div>
    }
}
