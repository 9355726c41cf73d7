//! Offline use: registers the service worker the release build writes (dist/sw.js).

use wasm_bindgen_futures::JsFuture;

/// Registers `sw.js` next to the app (the document's base URL, so sub-paths work). Silent
/// where service workers are unavailable (an insecure origin, a sandboxed iframe); a failed
/// registration is a console warning, never an error the learner sees.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = navigator.service_worker().register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            web_sys::console::warn_2(
                &"The course could not be made available offline:".into(),
                &e,
            );
        }
    });
}
