//! kubectl sandbox: type kubectl commands that the simulated cluster obeys.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The kubectl sandbox page.
#[component]
pub fn KubectlPage() -> impl IntoView {
    view! {
        <PageIntro slug="kubectl" />
        <section class="card">
            <p>"Try the commands of the course, for example:"</p>
            <pre class="command"><code>"kubectl scale deployment my-ml-model --replicas=3"</code></pre>
        </section>
    }
}
