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

/// Course text inside an existing element (a list item, a cell): backticks become `<code>`,
/// paragraph breaks are not expected.
#[component]
pub fn Inline(
    /// The text, as written in a content file.
    text: &'static str,
) -> impl IntoView {
    spans_view(markup::spans(text.trim()))
}
