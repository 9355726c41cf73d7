//! Overview ("why it works"): what scaling means and when it is needed.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The home page of the course.
#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <PageIntro slug="" />
        <section aria-labelledby="intro-heading" class="card">
            <h2 id="intro-heading">"Introduction"</h2>
            <p>
                "Scaling means making a system handle more work or more users. The parts of an ML "
                "system grow in different ways and hit different limits, so each part needs its own "
                "way to grow."
            </p>
        </section>
    }
}
