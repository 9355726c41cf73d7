//! Kubernetes guide: scaling ML inference with a Deployment, an HPA and a Service.

use leptos::prelude::*;

use crate::components::page::PageIntro;

/// The Kubernetes guide page.
#[component]
pub fn GuidePage() -> impl IntoView {
    view! {
        <PageIntro slug="guide" />
        <section class="card">
            <p>
                "Deploy the model as a containerised service, let a HorizontalPodAutoscaler adjust "
                "the number of pods from CPU or custom metrics, and set resource requests and limits "
                "so Kubernetes can schedule and scale the pods well."
            </p>
        </section>
    }
}
