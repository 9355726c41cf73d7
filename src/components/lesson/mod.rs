//! Building blocks of the reading pages (overview, decision flow, guide): course text with
//! `code` spans, links into the lab and the kubectl sandbox, and copyable code blocks.

pub mod code;
pub mod frozen;
pub mod links;
pub mod manifest;

use course::markup::{self, Span};
use leptos::either::Either;
use leptos::prelude::*;

/// Renders one span list: plain text as text nodes, backticked text as `<code>`.
/// Learner-facing text is never parsed as HTML.
fn spans_view(spans: Vec<Span<'static>>) -> impl IntoView {
    spans
        .into_iter()
        .map(|s| match s {
            Span::Plain(t) => Either::Left(t),
            Span::Code(t) => Either::Right(view! { <code>{t}</code> }),
        })
        .collect_view()
}

/// Course text as paragraphs (blank line = new paragraph, backticks = code).
#[component]
pub fn Prose(
    /// The text, as written in a content file.
    text: &'static str,
) -> impl IntoView {
    markup::paragraphs(text)
        .into_iter()
        .map(|p| view! { <p>{spans_view(p)}</p> })
        .collect_view()
}

/// "On this page": links to the sections of a lesson, as (heading id, label) pairs.
#[component]
pub fn Toc(
    /// The sections, in page order: the id of each section's heading and the link text.
    entries: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    view! {
        <nav class="lesson-toc card" aria-labelledby="toc-heading">
            <h2 id="toc-heading">"On this page"</h2>
            <ol>
                {entries
                    .iter()
                    .map(|(id, label)| view! { <li><a href=format!("#{id}")>{*label}</a></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// A lesson card: a heading and a bulleted list of content items (inline code allowed).
#[component]
pub fn ListCard(
    /// The heading's element id, also the card's accessible name.
    id: &'static str,
    /// The heading text.
    title: &'static str,
    /// The items, as written in a content file.
    items: &'static [course::Text],
    /// Extra CSS classes for the card (e.g. `key-concept`).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <section aria-labelledby=id class=format!("card lesson-section {class}")>
            <h2 id=id>{title}</h2>
            <ul class="lesson-list">
                {items.iter().map(|i| view! { <li><Inline text=i.as_ref() /></li> }).collect_view()}
            </ul>
        </section>
    }
}

/// Course text inside an existing element (a list item, a cell): backticks become `<code>`,
/// paragraph breaks are not expected.
#[component]
pub fn Inline(
    /// The text, as written in a content file.
    text: &'static str,
) -> impl IntoView {
    spans_view(markup::spans(text.trim()))
}
