//! One page per learning mode, chosen by the `:mode` segment of the URL, plus "Your progress".

pub mod exercise;
pub mod flow;
pub mod guide;
pub mod kubectl;
pub mod lab;
pub mod not_found;
pub mod overview;
pub mod progress;
pub mod quiz;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Renders the page of the mode named in the URL, or the not-found page.
#[component]
pub fn ModePage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let mode = params.read().get("mode").unwrap_or_default();
        match mode.as_str() {
            "flow" => flow::FlowPage().into_any(),
            "lab" => lab::LabPage().into_any(),
            "kubectl" => kubectl::KubectlPage().into_any(),
            "quiz" => quiz::QuizPage().into_any(),
            "exercise" => exercise::ExercisePage().into_any(),
            "guide" => guide::GuidePage().into_any(),
            // A learning platform (SCORM) or a plain link may open the launch file by name.
            "index.html" => overview::OverviewPage().into_any(),
            "progress" => progress::ProgressPage().into_any(),
            _ => not_found::NotFoundPage().into_any(),
        }
    }
}
