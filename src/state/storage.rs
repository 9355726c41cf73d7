//! Browser storage and files: the only place that touches localStorage, downloads and uploads.
//!
//! Every call degrades gracefully: storage can be missing (private mode, iframe sandbox) or
//! full, and then the app keeps working without saving and says so, never panics.

use wasm_bindgen::JsCast;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The text stored under `key`, if storage is available and holds it.
pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Stores `value` under `key`; the error is a sentence to show the learner.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    let storage = local_storage().ok_or(
        "This browser does not allow saving here, so progress lasts until you close the page.",
    )?;
    storage
        .set_item(key, value)
        .map_err(|_| "Saving failed: the browser's storage for this site may be full.".to_string())
}

/// Forgets what is stored under `key`.
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Offers `text` to the learner as a downloaded file named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |_| format!("Could not prepare {file_name} for download.");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document to download from.")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads the text of a file the learner picked in an `<input type="file">`.
pub async fn read_file_text(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("Could not read {}.", file.name()))?;
    text.as_string()
        .ok_or_else(|| format!("{} is not a text file.", file.name()))
}
