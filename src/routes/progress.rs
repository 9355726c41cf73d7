//! "Your progress": the heading, then the record with export, import, reset and print from the
//! `progress` bundle (crates/bundle_progress), loaded when the page opens.

use leptos::prelude::*;

use crate::components::bundle_host::BundleHost;
use crate::state::bundle::BundleName;

/// The page: its heading, then the bundle's view.
#[component]
pub fn ProgressPage() -> impl IntoView {
    Effect::new(move |_| {
        leptos::prelude::document()
            .set_title("Your progress · Why scaling requires different strategies")
    });
    view! {
        <div class="page-intro">
            <p class="page-tagline">"Everything you did in this course"</p>
            <h1 data-testid="page-heading">"Your progress"</h1>
        </div>
        <BundleHost bundle=BundleName::Progress view="progress" query=String::new() />
    }
}
