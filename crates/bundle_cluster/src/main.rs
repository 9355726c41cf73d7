//! The `cluster` bundle's exports, `mount` and `unmount`; Trunk builds it as dist/cluster.js.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts the view `name` into `el`; returns its handle, or -1 for an unknown view.
    #[wasm_bindgen]
    pub fn mount(el: web_sys::HtmlElement, name: &str, query: &str) -> i32 {
        // Before the view is built, so a panic while building it is reported with its message.
        mlops_scaling::panic::install_panic_hook();
        match bundle_cluster::view(name, query) {
            Some(v) => mlops_scaling::state::bundle::mount_view(el, move || v) as i32,
            None => -1,
        }
    }

    /// Unmounts a view mounted by [`mount`].
    #[wasm_bindgen]
    pub fn unmount(handle: u32) {
        mlops_scaling::state::bundle::unmount_view(handle);
    }
}

fn main() {}
