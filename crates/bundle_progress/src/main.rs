//! The `progress` bundle's exports, `mount` and `unmount`; Trunk builds it as dist/progress.js.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts the view `name` into `el`; returns its handle, or -1 for an unknown view.
    #[wasm_bindgen]
    pub fn mount(el: web_sys::HtmlElement, name: &str, query: &str) -> i32 {
        mlops_scaling::state::mounted::mount_view(
            el,
            name,
            query,
            bundle_progress::VIEWS,
            bundle_progress::view,
        )
    }

    /// Unmounts a view mounted by [`mount`].
    #[wasm_bindgen]
    pub fn unmount(handle: u32) {
        mlops_scaling::state::mounted::unmount_view(handle);
    }
}

fn main() {}
