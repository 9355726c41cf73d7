//! Lazily loaded wasm bundles: the pages that run the engine, kubectl or Python load them on demand.
//!
//! The first-load wasm holds the shell and the reading pages. Each heavy page (the lab, the
//! terminal, the exercise) lives in a bundle crate with its engine: Trunk builds it as a
//! separate `dist/<name>.js` + `dist/<name>_bg.wasm` (a `data-type="worker"` link with the `web`
//! bindgen target). The app's [`BundleHost`](crate::components::bundle_host::BundleHost)
//! imports it with a dynamic `import()` ([`load`], once per page load) and calls its `mount`
//! export with an empty element; the bundle runs its own Leptos inside that element until
//! `unmount`. Links the bundle renders are still caught by the app's router (it listens on the
//! document), and the bundle keeps its state in the URL with `history.replaceState`.
//!
//! The bundle side of the protocol is in [`super::mounted`]. This module is the app's side only
//! (feature `app`): its `import()` is a JS snippet, which the bundles must not emit again (Trunk
//! builds the bundles in parallel with the app and would write the same snippet file twice).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The bundles Trunk builds (see the `data-type="worker"` links in index.html).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BundleName {
    /// cluster_sim + kubectl: the lab, the terminal, the overview's embedded terminal.
    Cluster,
    /// minipy + exercise: the exercise page.
    Python,
    /// The "Your progress" record with export, import, reset and print.
    Progress,
}

impl BundleName {
    pub fn file_stem(self) -> &'static str {
        match self {
            BundleName::Cluster => "cluster",
            BundleName::Python => "python",
            BundleName::Progress => "progress",
        }
    }

    /// What the learner is waiting for, for loading and error messages.
    pub fn label(self) -> &'static str {
        match self {
            BundleName::Cluster => "the cluster simulator",
            BundleName::Python => "the Python interpreter",
            BundleName::Progress => "your progress record",
        }
    }
}

/// A loaded bundle: its ES module namespace, whose exports are called by name.
#[derive(Clone)]
pub struct Bundle {
    name: BundleName,
    module: JsValue,
}

thread_local! {
    static LOADED: RefCell<Vec<Bundle>> = const { RefCell::new(Vec::new()) };
}

/// Imports and initialises a bundle (cached after the first success). The error is a
/// sentence for the learner, e.g. when the network drops while the bundle downloads.
pub async fn load(name: BundleName) -> Result<Bundle, String> {
    if let Some(b) = LOADED.with(|l| l.borrow().iter().find(|b| b.name == name).cloned()) {
        return Ok(b);
    }
    let fail = |what: &str, e: JsValue| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_default();
        web_sys::console::warn_1(&format!("loading {}: {what}: {detail}", name.file_stem()).into());
        format!(
            "Could not load {} ({what}). Check your connection and try again.",
            name.label()
        )
    };
    let url = bundle_url(name).map_err(|e| fail("bad address", e))?;
    let promise = import_module(&url).map_err(|e| fail("import", e))?;
    let module = JsFuture::from(promise)
        .await
        .map_err(|e| fail("download", e))?;
    let init: js_sys::Function = js_sys::Reflect::get(&module, &"default".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| fail("no initialiser", JsValue::UNDEFINED))?;
    let started = init.call0(&JsValue::NULL).map_err(|e| fail("start", e))?;
    JsFuture::from(js_sys::Promise::resolve(&started))
        .await
        .map_err(|e| fail("start", e))?;
    let bundle = Bundle { name, module };
    LOADED.with(|l| l.borrow_mut().push(bundle.clone()));
    Ok(bundle)
}

/// `<document base>/<name>.js`, absolute, since `import()` resolves relative to the caller.
fn bundle_url(name: BundleName) -> Result<String, JsValue> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".into());
    Ok(web_sys::Url::new_with_base(&format!("{}.js", name.file_stem()), &base)?.href())
}

impl Bundle {
    /// Mounts one of the bundle's views into `el`; the handle is for [`Bundle::unmount`].
    pub fn mount(&self, el: &web_sys::HtmlElement, view: &str, query: &str) -> Result<u32, String> {
        let handle = self.call("mount", &[el.clone().into(), view.into(), query.into()])?;
        handle
            .as_f64()
            .filter(|h| *h >= 0.0)
            .map(|h| h as u32)
            .ok_or_else(|| format!("{} has no view {view}", self.name.file_stem()))
    }

    /// Stops and removes a mounted view (its timers and effects end with it).
    pub fn unmount(&self, handle: u32) {
        let _ = self.call("unmount", &[handle.into()]);
    }

    /// Calls an export and returns its result.
    pub fn call(&self, export: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let func: js_sys::Function = js_sys::Reflect::get(&self.module, &export.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("{} has no function {export}", self.name.file_stem()))?;
        let js_args: js_sys::Array = args.iter().collect();
        func.apply(&JsValue::NULL, &js_args).map_err(|e| {
            let detail = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            web_sys::console::error_1(&format!("{export} failed: {detail}").into());
            format!(
                "{} stopped working ({detail}). Reload the page to start it again.",
                capitalise(self.name.label())
            )
        })
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
