//! The page for an address that is not one of the course's modes.

use leptos::prelude::*;

use crate::state::base::BasePath;

/// "Page not found", with a way back to the course.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let base = expect_context::<BasePath>();
    Effect::new(move |_| {
        leptos::prelude::document()
            .set_title("Page not found · Why scaling requires different strategies")
    });
    view! {
        <div class="page-intro">
            <h1 data-testid="page-heading">"Page not found"</h1>
            <p>
                "This address is not part of the course. "
                <a href=base.href("")>"Go to the overview"</a>
                " or choose a learning mode above."
            </p>
        </div>
    }
}
