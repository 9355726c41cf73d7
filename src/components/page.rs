//! The frame every mode page shares: its heading, tagline and the document title.

use leptos::prelude::*;

use crate::modes;

/// Heading block of a mode page; also sets `document.title` so each page is named for
/// screen readers and browser history.
#[component]
pub fn PageIntro(
    /// The mode's slug in `content/modes.toml`.
    slug: &'static str,
) -> impl IntoView {
    let (title, tagline, summary, minutes) = match modes::find(slug) {
        Some(m) => (m.title, m.tagline, m.summary, m.minutes),
        None => (slug, "", "", 0),
    };
    let doc_title = format!("{title} · Why scaling requires different strategies");
    Effect::new(move |_| leptos::prelude::document().set_title(&doc_title));
    view! {
        <div class="page-intro">
            <p class="page-tagline">{tagline}</p>
            <h1 data-testid="page-heading">{title}</h1>
            <p class="page-summary">
                {summary}
                {(minutes > 0).then(|| view! { <span class="page-minutes">{format!(" About {minutes} minutes.")}</span> })}
            </p>
        </div>
    }
}
