//! A bundle's side of the mount protocol (the app loads bundles in `state/bundle.rs`): its exports `mount`/`unmount` call these.

use std::cell::RefCell;

thread_local! {
    /// Bundle side: the views this bundle has mounted, by handle.
    static MOUNTED: RefCell<Vec<Option<Box<dyn std::any::Any>>>> =
        const { RefCell::new(Vec::new()) };
}

/// Bundle side of `mount`: builds the view `name` (one of `views`) with `build` inside `el`,
/// with this bundle's own Leptos, and returns a handle for [`unmount_view`], or -1 for an
/// unknown name. Installs the app's panic hook first, so a crash in a bundle shows the same
/// notice as one in the app. The view is built inside `mount_to`, whose executor its effects
/// need.
pub fn mount_view(
    el: web_sys::HtmlElement,
    name: &str,
    query: &str,
    views: &[&str],
    build: fn(&str, &str) -> leptos::prelude::AnyView,
) -> i32 {
    crate::panic::install_panic_hook();
    if !views.contains(&name) {
        return -1;
    }
    let (name, query) = (name.to_string(), query.to_string());
    let handle: Box<dyn std::any::Any> =
        Box::new(leptos::mount::mount_to(el, move || build(&name, &query)));
    MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        match m.iter().position(Option::is_none) {
            Some(i) => {
                m[i] = Some(handle);
                i as i32
            }
            None => {
                m.push(Some(handle));
                (m.len() - 1) as i32
            }
        }
    })
}

/// Bundle side of `unmount`: drops the view, which removes its DOM and disposes its reactive
/// owner (timers, effects, animation frames).
pub fn unmount_view(handle: u32) {
    let taken = MOUNTED.with(|m| {
        m.borrow_mut()
            .get_mut(handle as usize)
            .and_then(Option::take)
    });
    drop(taken);
}
