//! The exercise editor's Tab and Shift-Tab, as text edits on UTF-16 offsets (what a browser
//! textarea's selection uses), so the view only applies the result.

/// The text to put between `start` and `end` (UTF-16 offsets) and the selection afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
    pub sel_start: usize,
    pub sel_end: usize,
}

/// One indentation level: four spaces, as PEP 8 and the exercise's solution use.
pub const INDENT: &str = "    ";

fn line_start(text: &[u16], at: usize) -> usize {
    text[..at.min(text.len())]
        .iter()
        .rposition(|&c| c == b'\n' as u16)
        .map_or(0, |i| i + 1)
}

fn line_end(text: &[u16], at: usize) -> usize {
    text[at.min(text.len())..]
        .iter()
        .position(|&c| c == b'\n' as u16)
        .map_or(text.len(), |i| at + i)
}

/// Tab: with no selection or a selection inside one line, four spaces replace the selection;
/// a selection over several lines indents each of them.
pub fn indent(text: &str, start: usize, end: usize) -> Edit {
    let t: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (start.min(t.len()), end.min(t.len()));
    let multi = t[start..end].contains(&(b'\n' as u16));
    if !multi {
        let n = INDENT.len();
        return Edit {
            start,
            end,
            insert: INDENT.into(),
            sel_start: start + n,
            sel_end: start + n,
        };
    }
    let from = line_start(&t, start);
    let to = line_end(&t, end);
    let block = String::from_utf16_lossy(&t[from..to]);
    let lines: Vec<String> = block.split('\n').map(|l| format!("{INDENT}{l}")).collect();
    let insert = lines.join("\n");
    let added = INDENT.len() * lines.len();
    Edit {
        start: from,
        end: to,
        sel_start: start + INDENT.len(),
        sel_end: end + added,
        insert,
    }
}

/// Shift-Tab: each line touched by the selection loses up to four leading spaces (or a tab).
pub fn dedent(text: &str, start: usize, end: usize) -> Edit {
    let t: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (start.min(t.len()), end.min(t.len()));
    let from = line_start(&t, start);
    let to = line_end(&t, end);
    let block = String::from_utf16_lossy(&t[from..to]);
    let mut removed_first = 0;
    let mut removed_total = 0;
    let lines: Vec<&str> = block
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let n = if l.starts_with('\t') {
                1
            } else {
                l.len() - l.trim_start_matches(' ').len()
            }
            .min(INDENT.len());
            if i == 0 {
                removed_first = n;
            }
            removed_total += n;
            &l[n..]
        })
        .collect();
    let sel_start = start.saturating_sub(removed_first).max(from);
    Edit {
        start: from,
        end: to,
        insert: lines.join("\n"),
        sel_start,
        sel_end: end.saturating_sub(removed_total).max(sel_start),
    }
}

/// Enter: a new line with the current line's indentation, one level more after a line ending
/// in `:` (a block opens), as Python editors do.
pub fn newline(text: &str, start: usize, end: usize) -> Edit {
    let t: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (start.min(t.len()), end.min(t.len()));
    let from = line_start(&t, start);
    let before = String::from_utf16_lossy(&t[from..start]);
    let indent: String = before
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let opens_block = before
        .split('#')
        .next()
        .is_some_and(|code| code.trim_end().ends_with(':'));
    let mut insert = format!("\n{indent}");
    if opens_block {
        insert.push_str(INDENT);
    }
    let caret = start + insert.encode_utf16().count();
    Edit {
        start,
        end,
        insert,
        sel_start: caret,
        sel_end: caret,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, e: &Edit) -> String {
        let t: Vec<u16> = text.encode_utf16().collect();
        let mut out = String::from_utf16_lossy(&t[..e.start]);
        out.push_str(&e.insert);
        out.push_str(&String::from_utf16_lossy(&t[e.end..]));
        out
    }

    #[test]
    fn tab_inserts_four_spaces_at_the_caret() {
        let text = "for s in x:\n";
        let e = indent(text, 12, 12);
        assert_eq!(apply(text, &e), "for s in x:\n    ");
        assert_eq!((e.sel_start, e.sel_end), (16, 16));
    }

    #[test]
    fn tab_and_shift_tab_on_several_lines() {
        let text = "a = 1\nb = 2\nc = 3";
        let e = indent(text, 2, 8);
        assert_eq!(apply(text, &e), "    a = 1\n    b = 2\nc = 3");
        assert_eq!((e.sel_start, e.sel_end), (6, 16));
        let indented = apply(text, &e);
        let d = dedent(&indented, e.sel_start, e.sel_end);
        assert_eq!(apply(&indented, &d), text);
        assert_eq!((d.sel_start, d.sel_end), (2, 8));
    }

    #[test]
    fn shift_tab_removes_at_most_one_level_and_keeps_the_caret_on_its_line() {
        let text = "x\n      y = 'ü'";
        let d = dedent(text, 9, 9);
        assert_eq!(apply(text, &d), "x\n  y = 'ü'");
        assert_eq!((d.sel_start, d.sel_end), (5, 5));
        let d = dedent("z", 1, 1);
        assert_eq!(apply("z", &d), "z");
        // Offsets are UTF-16: an emoji before the caret counts two.
        let text = "s = '😀'\n    t";
        let at = text.encode_utf16().count();
        let d = dedent(text, at, at);
        assert_eq!(apply(text, &d), "s = '😀'\nt");
    }

    #[test]
    fn enter_keeps_the_indentation_and_opens_a_block_after_a_colon() {
        let text = "for s, c in systems.items():";
        let e = newline(text, text.len(), text.len());
        assert_eq!(apply(text, &e), "for s, c in systems.items():\n    ");
        assert_eq!(e.sel_start, text.len() + 5);
        let text = "for s in x:\n    y = 1";
        let e = newline(text, text.len(), text.len());
        assert_eq!(apply(text, &e), "for s in x:\n    y = 1\n    ");
        let text = "if a:  # a comment: no block\n";
        let e = newline(text, 5, 5);
        assert_eq!(apply(text, &e), "if a:\n      # a comment: no block\n");
        let text = "x = {'a': 1}";
        let e = newline(text, 4, 4);
        assert_eq!(
            apply(text, &e),
            "x = \n{'a': 1}",
            "only what is before the caret counts"
        );
        let text = "load = 7";
        let e = newline(text, 0, 8);
        assert_eq!(apply(text, &e), "\n", "a selection is replaced");
    }
}
