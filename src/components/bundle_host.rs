//! The place where a page's bundle mounts its own view, with loading and failure states.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::state::bundle::{self, Bundle, BundleName};

/// What outlives one load attempt: the mounted view, and whether the page has gone.
#[derive(Default)]
struct HostState {
    gone: bool,
    mounted: Option<(Bundle, u32)>,
}

/// Loads `bundle` and mounts its `view` (given the page's query string) into an empty element;
/// unmounts it when the page goes away. While the bundle downloads, a status line says what is
/// loading; if it fails, a message and a "Try again" button replace it.
#[component]
pub fn BundleHost(
    bundle: BundleName,
    /// Which of the bundle's views to show (each bundle documents its views).
    view: &'static str,
    /// The query string the view starts from (`?scenario=hpa-50&seed=7`), or empty.
    #[prop(into)]
    query: String,
) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let attempt = RwSignal::new(0u32);
    let state: Rc<RefCell<HostState>> = Rc::default();

    let effect_state = state.clone();
    Effect::new(move |_| {
        attempt.track();
        let Some(el) = host.get() else {
            return;
        };
        let state = effect_state.clone();
        let query = query.clone();
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = bundle::load(bundle).await.and_then(|b| {
                if state.borrow().gone {
                    return Ok(());
                }
                let handle = b.mount(&el, view, &query)?;
                state.borrow_mut().mounted = Some((b, handle));
                Ok(())
            });
            if !state.borrow().gone {
                loading.set(false);
                error.set(result.err());
            }
        });
    });
    let cleanup_state = SendWrapper::new(state);
    on_cleanup(move || {
        let mut state = cleanup_state.borrow_mut();
        state.gone = true;
        if let Some((b, handle)) = state.mounted.take() {
            b.unmount(handle);
        }
    });

    view! {
        <p class="bundle-loading" role="status" hidden=move || !loading.get()>
            {format!("Loading {}…", bundle.label())}
        </p>
        <div class="bundle-error" role="alert" hidden=move || error.read().is_none()>
            <p>{move || error.get().unwrap_or_default()}</p>
            <button type="button" class="button" on:click=move |_| attempt.update(|a| *a += 1)>
                "Try again"
            </button>
        </div>
        <div class="bundle-host" node_ref=host></div>
    }
}
