//! The one bit of markup course text uses: paragraphs split by a blank line, `code` in backticks.
//!
//! Parsed here rather than in the page so the rule is tested natively and every page renders
//! text the same way; anything richer belongs in the data model, not in the strings.

/// A run of text inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span<'a> {
    Plain(&'a str),
    /// Text that was between backticks, without them.
    Code(&'a str),
}

/// Splits `text` into paragraphs of spans. An unmatched backtick is kept as plain text, so a typo
/// shows up on the page instead of swallowing the rest of the paragraph.
pub fn paragraphs(text: &str) -> Vec<Vec<Span<'_>>> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(spans)
        .collect()
}

/// Splits one paragraph into plain and code spans.
pub fn spans(paragraph: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut rest = paragraph;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        if open > 0 {
            out.push(Span::Plain(&rest[..open]));
        }
        out.push(Span::Code(&rest[open + 1..open + 1 + len]));
        rest = &rest[open + 1 + len + 1..];
    }
    if !rest.is_empty() {
        out.push(Span::Plain(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_and_paragraphs() {
        assert_eq!(
            paragraphs("Run `kubectl get hpa` now.\n\nThen `x`"),
            vec![
                vec![
                    Span::Plain("Run "),
                    Span::Code("kubectl get hpa"),
                    Span::Plain(" now.")
                ],
                vec![Span::Plain("Then "), Span::Code("x")],
            ]
        );
    }

    #[test]
    fn unmatched_backtick_stays_plain() {
        assert_eq!(
            spans("a `b` c `d"),
            vec![Span::Plain("a "), Span::Code("b"), Span::Plain(" c `d")]
        );
        assert_eq!(spans(""), vec![]);
        assert_eq!(paragraphs("\n\n\n"), Vec::<Vec<Span>>::new());
    }
}
