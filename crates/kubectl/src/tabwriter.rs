//! A port of Go's `text/tabwriter` column algorithm, so tables and describe output line up
//! exactly as kubectl's do (kubectl renders both through tabwriter).
//!
//! kubectl uses two configurations: `get`/`top` tables (minwidth 6, padding 3, see
//! cli-runtime `printers/tabwriter.go`) and `describe` (minwidth 0, padding 2, see
//! `describe.go: tabbedString`). Cells are tab-terminated; the text after a line's last tab is
//! not part of any column and is never padded. A column's width is decided per *block* of
//! consecutive lines that have a cell in that column, which is why `Events:  <none>` in
//! `describe hpa` aligns with the conditions table above it and not with `Name:`.

/// Padding rules of one tabwriter configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TabConfig {
    /// Minimal cell width including padding.
    pub min_width: usize,
    /// Spaces added after the widest cell of a column.
    pub padding: usize,
}

/// `kubectl get` / `kubectl top` tables.
pub const TABLE: TabConfig = TabConfig {
    min_width: 6,
    padding: 3,
};

/// `kubectl describe` output.
pub const DESCRIBE: TabConfig = TabConfig {
    min_width: 0,
    padding: 2,
};

/// Aligns `text` (lines with tab-terminated cells) the way Go's tabwriter does on `Flush`.
pub fn align(text: &str, config: TabConfig) -> String {
    align_with(text, config, None)
}

/// Like [`align`], but column widths never shrink below `remembered` and are written back to
/// it: liggitt/tabwriter's `RememberWidths`, which kubectl uses so that rows printed later by
/// `get -w` stay aligned with the header printed first.
pub fn align_remembering(text: &str, config: TabConfig, remembered: &mut Vec<usize>) -> String {
    align_with(text, config, Some(remembered))
}

fn align_with(text: &str, config: TabConfig, mut remembered: Option<&mut Vec<usize>>) -> String {
    let lines: Vec<Vec<&str>> = text
        .split_terminator('\n')
        .map(|line| line.split('\t').collect())
        .collect();
    let mut out = String::with_capacity(text.len() + lines.len() * 8);
    let mut widths: Vec<usize> = Vec::new();
    format_block(
        &lines,
        0,
        lines.len(),
        config,
        &mut widths,
        &mut remembered,
        &mut out,
    );
    out
}

/// Go's `Writer.format`: recursively finds column blocks and emits lines once every column
/// width that applies to them is known.
fn format_block(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    config: TabConfig,
    widths: &mut Vec<usize>,
    remembered: &mut Option<&mut Vec<usize>>,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(&lines[line0..this], widths, out);
        line0 = this;
        let mut width = config.min_width;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(cell_width(lines[this][column]) + config.padding);
            this += 1;
        }
        if let Some(remembered) = remembered.as_deref_mut() {
            if let Some(old) = remembered.get(column) {
                width = width.max(*old);
            }
            if remembered.len() <= column {
                remembered.resize(column + 1, 0);
            }
            remembered[column] = width;
        }
        widths.push(width);
        format_block(lines, line0, this, config, widths, remembered, out);
        widths.pop();
        line0 = this;
    }
    write_lines(&lines[line0..line1], widths, out);
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], out: &mut String) {
    for cells in lines {
        for (j, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < cells.len() {
                let width = widths.get(j).copied().unwrap_or(0);
                let pad = width.saturating_sub(cell_width(cell));
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
}

/// Go counts runes, not bytes.
fn cell_width(cell: &str) -> usize {
    cell.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_to_longest_plus_three_with_min_six() {
        let text = "NAME\tREADY\tAGE\nweb-7d4c78bb59-96gdt\t1/1\t5m2s\n";
        assert_eq!(
            align(text, TABLE),
            "NAME                   READY   AGE\nweb-7d4c78bb59-96gdt   1/1     5m2s\n"
        );
    }

    #[test]
    fn describe_blocks_align_separately() {
        // From a real `kubectl describe hpa` transcript: "Events:" joins the conditions block.
        let text = "Name:\tphp-apache\nConditions:\n  Type\tStatus\n  ScalingLimited\tFalse\nEvents:\t<none>\n";
        assert_eq!(
            align(text, DESCRIBE),
            "Name:  php-apache\nConditions:\n  Type            Status\n  ScalingLimited  False\nEvents:           <none>\n"
        );
    }

    #[test]
    fn blocks_do_not_share_widths_without_remembering() {
        let text = "a-long-label:\tx\nbreak\n  b\tc\n";
        assert_eq!(align(text, DESCRIBE), "a-long-label:  x\nbreak\n  b  c\n");
    }

    #[test]
    fn remembered_widths_only_grow() {
        let mut widths = Vec::new();
        let first = align_remembering("NAME\tAGE\nlong-pod-name\t1s\n", TABLE, &mut widths);
        assert_eq!(first, "NAME            AGE\nlong-pod-name   1s\n");
        let later = align_remembering("x\t2s\n", TABLE, &mut widths);
        assert_eq!(later, "x               2s\n");
    }

    #[test]
    fn last_cell_is_never_padded_and_empty_input_is_empty() {
        assert_eq!(align("a\tb\n", TABLE), "a     b\n");
        assert_eq!(align("", TABLE), "");
    }
}
