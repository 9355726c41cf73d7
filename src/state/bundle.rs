//! Lazily loaded wasm bundles: the engine with kubectl, and the Python interpreter, load only on the pages that use them.
//!
//! The first-load wasm holds the shell and the reading pages. Trunk builds each bundle as a
//! separate `dist/<name>.js` + `dist/<name>_bg.wasm` (a `data-type="worker"` link with the `web`
//! bindgen target), and [`load`] imports it on demand with a dynamic `import()`, once per page
//! load. Calls cross the boundary as strings: arguments in, JSON replies out (the wire types
//! live in the bundle crates' libraries, shared with the app without their engines).

use std::cell::RefCell;

use serde::de::DeserializeOwned;
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
}

impl BundleName {
    pub fn file_stem(self) -> &'static str {
        match self {
            BundleName::Cluster => "cluster",
            BundleName::Python => "python",
        }
    }

    /// What the learner is waiting for, for loading and error messages.
    pub fn label(self) -> &'static str {
        match self {
            BundleName::Cluster => "the cluster simulator",
            BundleName::Python => "the Python interpreter",
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
    /// Calls an export with string arguments and returns its string result.
    pub fn call(&self, export: &str, args: &[&str]) -> Result<String, String> {
        let func: js_sys::Function = js_sys::Reflect::get(&self.module, &export.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("{} has no function {export}", self.name.file_stem()))?;
        let js_args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let result = func.apply(&JsValue::NULL, &js_args).map_err(|e| {
            let detail = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            web_sys::console::error_1(&format!("{export} failed: {detail}").into());
            format!(
                "{} stopped working ({detail}). Reload the page to start it again.",
                capitalise(self.name.label())
            )
        })?;
        Ok(result.as_string().unwrap_or_default())
    }

    /// Calls an export whose result is JSON and decodes it.
    pub fn call_json<T: DeserializeOwned>(&self, export: &str, args: &[&str]) -> Result<T, String> {
        let text = self.call(export, args)?;
        serde_json::from_str(&text).map_err(|e| format!("{export} replied with bad data: {e}"))
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
