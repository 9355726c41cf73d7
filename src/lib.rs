//! The web app: providers and the route table, visible at a glance.
//!
//! Every learning mode is one page under `src/routes/`; the list of modes is data
//! (`content/modes.toml`). The router's base comes from `document.baseURI` at run time, so
//! one build serves at `/` and under any sub-path.

pub mod components;
pub mod modes;
pub mod panic;
#[cfg(feature = "app")]
pub mod routes;
pub mod state;

#[cfg(feature = "app")]
use leptos::prelude::*;
#[cfg(feature = "app")]
use leptos_router::components::{Route, Router, Routes};
#[cfg(feature = "app")]
use leptos_router::path;

#[cfg(feature = "app")]
use components::header::SiteHeader;
#[cfg(feature = "app")]
use state::base::BasePath;

pub use panic::install_panic_hook;

/// The whole app: header with the mode switcher, then the page of the current mode.
#[cfg(feature = "app")]
#[component]
pub fn App() -> impl IntoView {
    let base = BasePath::from_document();
    provide_context(base.clone());
    view! {
        <Router base=base.router_base()>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <routes::not_found::NotFoundPage /> }>
                    <Route path=path!("/") view=routes::overview::OverviewPage />
                    <Route path=path!("/:mode") view=routes::ModePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    "Every simulation runs in your browser. Nothing you type leaves this page."
                </p>
            </footer>
        </Router>
    }
}

/// Mounts [`App`] into `#app` (replacing the loading message), or into `<body>` if the host
/// page has no `#app`. Also honours the `?simulate-panic=1` diagnostic (see [`panic`]).
#[cfg(feature = "app")]
pub fn mount() {
    // Load (and migrate) the saved progress first, so every page sees its notices.
    state::progress::start();
    let document = leptos::prelude::document();
    let root = match document.get_element_by_id("app") {
        Some(el) => {
            el.set_text_content(None);
            wasm_bindgen::JsCast::unchecked_into(el)
        }
        None => document.body().expect("a page always has a body"),
    };
    leptos::mount::mount_to(root, App).forget();
    panic::maybe_simulate_panic();
    // Release builds only: the post_build hook writes sw.js for them (not for `trunk serve`).
    if !cfg!(debug_assertions) {
        state::offline::register_service_worker();
    }
}
