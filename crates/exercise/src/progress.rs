//! What the exercise page saves in the browser (the code, the best progress, the bonus) and
//! how each step is shown: the page stores [`Saved::to_json`] and reads it back with
//! [`Saved::parse`], which turns anything unreadable into a fresh start plus a notice.

use crate::check::CheckReport;
use crate::play::PlayInputs;
use serde::{Deserialize, Serialize};

/// The learner's state for one exercise, as stored in localStorage.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The editor's text; `None` until the learner types (the page then shows the starter code).
    pub code: Option<String>,
    /// The most steps ever passed in order: progress never goes back (after the bonus step,
    /// step 1's dict has four keys and fails, yet the learner has done it).
    pub best: usize,
    /// Whether the bonus step has passed.
    pub bonus: bool,
    /// Whether the play area shows the discovered strategy.
    pub discovered: bool,
    /// The play area's sliders, once moved (fit them to the content with `PlayInputs::fitted`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub play: Option<PlayInputs>,
}

impl Saved {
    /// Reads a stored value. Missing gives a fresh start; unreadable gives a fresh start and a
    /// sentence for the learner; `best` is capped at `total` steps.
    pub fn parse(stored: Option<&str>, total: usize) -> (Saved, Option<String>) {
        let Some(text) = stored else {
            return (Saved::default(), None);
        };
        match serde_json::from_str::<Saved>(text) {
            Ok(mut s) => {
                s.best = s.best.min(total);
                (s, None)
            }
            Err(_) => (
                Saved::default(),
                Some(
                    "Your saved progress for this exercise could not be read, so it starts afresh."
                        .into(),
                ),
            ),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }

    /// Takes in a Check: the best progress and the bonus only ever go up. Returns whether the
    /// learner just completed every step.
    pub fn record(&mut self, report: &CheckReport) -> bool {
        let before = self.best;
        self.best = self.best.max(report.completed);
        if report.bonus.as_ref().is_some_and(|b| b.passed) {
            self.bonus = true;
            self.discovered = true;
        }
        before < report.total && self.best == report.total
    }
}

/// How one step is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepState {
    pub done: bool,
    /// The checker's sentence from the last Check (the `done` text or what is wrong).
    pub message: Option<String>,
}

/// Each step's state: done once ever passed in order (`best`), with the last Check's sentence.
/// A step the last Check failed shows that failure, unless the bonus passed in the same Check
/// (the bonus extends the steps' dict, so their exact checks no longer hold).
pub fn step_states(total: usize, best: usize, last: Option<&CheckReport>) -> Vec<StepState> {
    (0..total)
        .map(|i| {
            let ever = i < best;
            match last.and_then(|r| r.steps.get(i).map(|s| (r, s))) {
                None => StepState {
                    done: ever,
                    message: None,
                },
                Some((r, s)) => {
                    let bonus = r.bonus.as_ref().is_some_and(|b| b.passed);
                    if s.passed || !(bonus && ever) {
                        StepState {
                            done: ever || s.passed,
                            message: Some(s.message.clone()),
                        }
                    } else {
                        StepState {
                            done: true,
                            message: None,
                        }
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{capacity_vs_load, check_program, RunOptions};

    fn check(src: &str) -> CheckReport {
        check_program(capacity_vs_load(), src, &RunOptions::default())
    }

    #[test]
    fn corrupt_or_odd_saved_values_never_break_the_page() {
        assert_eq!(Saved::parse(None, 4), (Saved::default(), None));
        for bad in [
            "",
            "{",
            "null",
            "[1,2]",
            "{\"best\": -1}",
            "{\"best\": \"x\"}",
        ] {
            let (s, notice) = Saved::parse(Some(bad), 4);
            assert_eq!(s, Saved::default(), "{bad}");
            assert!(notice.unwrap().contains("starts afresh"), "{bad}");
        }
        let (s, notice) =
            Saved::parse(Some("{\"best\": 99, \"code\": \"x = 1\", \"extra\": 1}"), 4);
        assert_eq!(
            (s.best, s.code.as_deref(), notice),
            (4, Some("x = 1"), None)
        );
        let saved = Saved {
            code: Some("load = 7\n".into()),
            best: 2,
            bonus: false,
            discovered: true,
            play: Some(PlayInputs {
                capacities: vec![("single_node".into(), 3)],
                load: 12,
                discovered: false,
            }),
        };
        assert_eq!(Saved::parse(Some(&saved.to_json()), 4).0, saved);
    }

    #[test]
    fn progress_only_goes_up_and_the_bonus_keeps_the_steps_done() {
        let ex = capacity_vs_load();
        let mut s = Saved::default();
        assert!(!s.record(&check("systems = {}\n")));
        assert!(s.record(&check(&ex.solution)), "all four just passed");
        assert_eq!(s.best, 4);
        let bonus = check(ex.beyond.bonus.as_ref().unwrap().solution.as_ref().unwrap());
        assert!(!bonus.steps[0].passed, "the dict now has four keys");
        assert!(!s.record(&bonus));
        assert_eq!((s.best, s.bonus, s.discovered), (4, true, true));
        let states = step_states(4, s.best, Some(&bonus));
        assert!(states.iter().all(|st| st.done));
        assert_eq!(states[0].message, None);
        // A later wrong program shows what is wrong, but the progress stays.
        let wrong = check("load = 8\n");
        s.record(&wrong);
        assert_eq!(s.best, 4);
        let states = step_states(4, s.best, Some(&wrong));
        assert!(states[1].done);
        assert_eq!(
            states[1].message.as_deref(),
            Some("load is 8, the step asks for 7")
        );
    }

    #[test]
    fn saved_sliders_are_fitted_to_the_content() {
        let b = &capacity_vs_load().beyond;
        let odd = PlayInputs {
            capacities: vec![
                ("single_node".into(), 99),
                ("gpu".into(), 4),
                ("vertical_scaling".into(), -5),
            ],
            load: 1000,
            discovered: true,
        };
        let fitted = odd.fitted(b);
        assert_eq!(
            fitted.capacities,
            [
                ("single_node".to_string(), 20),
                ("horizontal_scaling".to_string(), 5),
                ("vertical_scaling".to_string(), 0),
            ]
        );
        assert_eq!((fitted.load, fitted.discovered), (20, true));
    }

    #[test]
    fn step_states_before_any_check() {
        let states = step_states(4, 2, None);
        assert_eq!(
            states.iter().map(|s| s.done).collect::<Vec<_>>(),
            [true, true, false, false]
        );
        assert!(states.iter().all(|s| s.message.is_none()));
    }
}
