//! What happens when the app panics: log it, and show a visible "something went wrong" notice.
//!
//! A panic in wasm aborts the module, so the page would otherwise freeze with no explanation.
//! The notice lives in `index.html` (hidden) so it does not depend on the reactive system
//! that just died; it offers a plain reload link, which needs no script.

/// Installs the panic hook: the panic goes to the console, then the crash notice is shown.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
}

/// Reveals the `#crash` notice of the host page, if it has one. Safe to call any time.
pub fn show_crash_notice() {
    let notice = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("crash"));
    if let Some(notice) = notice {
        let _ = notice.remove_attribute("hidden");
    }
}

/// Hosting diagnostic: `?simulate-panic=1` panics on purpose after mounting, so a course
/// author (and the end-to-end tests) can see that a crash shows the notice, not a blank page.
pub fn maybe_simulate_panic() {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if search.contains("simulate-panic=1") {
        panic!("simulated panic requested with ?simulate-panic=1");
    }
}
