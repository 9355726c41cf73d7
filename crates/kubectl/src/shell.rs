//! The terminal's shell-side state as plain data: the history list with Up/Down recall (the
//! page renders it; `history` prints it the way bash does).

use serde::Serialize;

/// Lines typed so far and the Up/Down cursor over them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct History {
    entries: Vec<String>,
    /// Index into `entries` while browsing with Up/Down; `None` at the fresh prompt.
    cursor: Option<usize>,
    /// What was on the prompt before the first Up, restored by Down past the newest entry.
    draft: String,
}

/// Bash keeps 500 lines by default (HISTSIZE); older ones are forgotten.
pub const HISTORY_LIMIT: usize = 500;

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a submitted line (blank lines are not kept) and resets browsing.
    pub fn push(&mut self, line: &str) {
        self.cursor = None;
        self.draft.clear();
        let line = line.trim_end();
        if line.trim().is_empty() {
            return;
        }
        self.entries.push(line.to_string());
        if self.entries.len() > HISTORY_LIMIT {
            self.entries.remove(0);
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Up arrow: the previous line, remembering `current` as the draft on the first press.
    /// `None` when there is nothing older (the prompt keeps its text).
    pub fn up(&mut self, current: &str) -> Option<&str> {
        let next = match self.cursor {
            None if self.entries.is_empty() => return None,
            None => {
                self.draft = current.to_string();
                self.entries.len() - 1
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.cursor = Some(next);
        Some(&self.entries[next])
    }

    /// Down arrow: the next newer line, or the draft when leaving the newest one.
    pub fn down(&mut self) -> Option<&str> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            Some(&self.entries[i + 1])
        } else {
            self.cursor = None;
            Some(&self.draft)
        }
    }

    /// `history`: bash's `%5d  %s` lines, numbered from 1.
    pub fn render(&self) -> String {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, line)| format!("{:5}  {line}\n", i + 1))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_and_down_walk_the_history_and_restore_the_draft() {
        let mut h = History::new();
        h.push("kubectl get pods");
        h.push("   ");
        h.push("wait 30s");
        assert_eq!(h.up("kubectl sc"), Some("wait 30s"));
        assert_eq!(h.up(""), Some("kubectl get pods"));
        assert_eq!(h.up(""), None);
        assert_eq!(h.down(), Some("wait 30s"));
        assert_eq!(h.down(), Some("kubectl sc"));
        assert_eq!(h.down(), None);
        assert_eq!(h.render(), "    1  kubectl get pods\n    2  wait 30s\n");
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::new();
        for i in 0..HISTORY_LIMIT + 3 {
            h.push(&format!("wait {i}s"));
        }
        assert_eq!(h.entries().len(), HISTORY_LIMIT);
        assert_eq!(h.entries()[0], "wait 3s");
        assert_eq!(History::new().up("x"), None);
    }
}
