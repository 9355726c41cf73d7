//! The site header: course title and the "choose your learning style" mode switcher.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::modes::MODES;
use crate::state::base::BasePath;

/// The skip link, course title, then the mode switcher. The skip link lives inside the banner
/// landmark so that all content is in a landmark (axe `region`): the hidden crash notice's
/// reload link precedes it in index.html, so axe does not treat it as a bare skip link.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let base = expect_context::<BasePath>();
    view! {
        <header class="site-header">
            // Inside the banner landmark, so axe finds no content outside landmarks.
            <a class="skip-link" href="#main">"Skip to content"</a>
            <a class="site-title" href=base.href("") data-testid="site-title">
                <span class="site-kicker">"MLOps · DevOps"</span>
                <span class="site-name">"Why scaling requires different strategies"</span>
            </a>
            <a class="site-progress-link" href=base.href("progress") data-testid="progress-link">
                "Your progress"
            </a>
            <ModeSwitcher />
        </header>
    }
}

/// "Choose your learning style": one link per mode, the current one marked `aria-current`.
#[component]
pub fn ModeSwitcher() -> impl IntoView {
    let base = expect_context::<BasePath>();
    let location = use_location();
    let current = {
        let base = base.clone();
        Memo::new(move |_| base.slug_of(&location.pathname.get()))
    };
    let count = MODES.len();
    let links = MODES
        .iter()
        .map(|mode| {
            let slug = mode.slug;
            let is_current = move || current.get() == slug;
            let testid = format!(
                "mode-link-{}",
                if slug.is_empty() { "overview" } else { slug }
            );
            view! {
                <li>
                    <a
                        class="mode-link"
                        href=base.href(slug)
                        data-testid=testid
                        aria-current=move || is_current().then_some("page")
                    >
                        <span class="mode-title">{mode.title}</span>
                        <span class="mode-tagline">{mode.tagline}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="mode-switcher" aria-labelledby="mode-switcher-heading">
            <h2 id="mode-switcher-heading" class="mode-switcher-heading">
                "Choose your learning style "
                <span class="mode-count">{format!("{count} modes available")}</span>
            </h2>
            <ul class="mode-list">{links}</ul>
        </nav>
    }
}
