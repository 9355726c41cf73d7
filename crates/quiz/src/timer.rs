//! Time limits as data: parsing "m:ss", showing a countdown, and the accessibility setting.
//!
//! There is no clock here. The page measures elapsed milliseconds and feeds them to the session
//! ([`crate::session::QuizSession::advance`]); everything below is arithmetic on those numbers.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A time limit that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeLimitError {
    pub text: String,
    pub reason: &'static str,
}

impl fmt::Display for TimeLimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a time limit: {}", self.text, self.reason)
    }
}

impl std::error::Error for TimeLimitError {}

/// Longest limit content may ask for; a guard against "300:00" typos.
const MAX_TIME_LIMIT_MINUTES: u64 = 60;

/// Parses "m:ss" (e.g. "2:00", "1:30") into milliseconds. Seconds are two digits below 60;
/// the limit is positive and at most an hour.
pub fn parse_time_limit(text: &str) -> Result<u64, TimeLimitError> {
    let err = |reason| TimeLimitError {
        text: text.to_string(),
        reason,
    };
    let (minutes, seconds) = text
        .split_once(':')
        .ok_or_else(|| err("expected m:ss, e.g. 2:30"))?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(minutes) || minutes.len() > 2 || !digits(seconds) || seconds.len() != 2 {
        return Err(err("expected m:ss, e.g. 2:30"));
    }
    // Both parse: at most two ASCII digits each.
    let minutes: u64 = minutes
        .parse()
        .map_err(|_| err("expected m:ss, e.g. 2:30"))?;
    let seconds: u64 = seconds
        .parse()
        .map_err(|_| err("expected m:ss, e.g. 2:30"))?;
    if seconds >= 60 {
        return Err(err("seconds must be below 60"));
    }
    let total_s = minutes * 60 + seconds;
    if total_s == 0 {
        return Err(err("must be longer than zero"));
    }
    if total_s > MAX_TIME_LIMIT_MINUTES * 60 {
        return Err(err("must be at most 60:00"));
    }
    Ok(total_s * 1000)
}

/// Shows remaining time as "m:ss", rounding up so "0:00" appears only when time is out.
pub fn format_countdown(remaining_ms: u64) -> String {
    let total_s = remaining_ms.div_ceil(1000);
    format!("{}:{:02}", total_s / 60, total_s % 60)
}

/// The accessibility setting for timers (WCAG 2.2.1 Timing Adjustable): the learner may turn
/// limits off or make them longer. Pausing is a separate, per-session switch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum TimerSetting {
    /// The limits as written in the content.
    #[default]
    Standard,
    /// Every limit multiplied by `percent` / 100 (WCAG asks for at least ten times: 1000).
    Extended { percent: u32 },
    /// No limits at all; attempts still count.
    Off,
}

impl TimerSetting {
    /// The percentages the settings page offers.
    pub const EXTEND_CHOICES_PERCENT: [u32; 3] = [200, 500, 1000];

    /// The limit a problem gets under this setting; None means untimed.
    pub fn effective_limit_ms(self, content_limit_ms: Option<u64>) -> Option<u64> {
        let limit = content_limit_ms?;
        match self {
            TimerSetting::Standard => Some(limit),
            // Never shorter than written: a percent below 100 is read as 100.
            TimerSetting::Extended { percent } => {
                Some(limit.saturating_mul(u64::from(percent.max(100))) / 100)
            }
            TimerSetting::Off => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_limits() {
        let limits: Vec<u64> = ["2:00", "1:30", "3:00", "2:30", "3:00"]
            .iter()
            .map(|t| parse_time_limit(t).unwrap())
            .collect();
        assert_eq!(limits, [120_000, 90_000, 180_000, 150_000, 180_000]);
        assert_eq!(parse_time_limit("0:05"), Ok(5_000));
        assert_eq!(parse_time_limit("12:00"), Ok(720_000));
    }

    #[test]
    fn rejects_bad_limits_with_a_reason() {
        for bad in [
            "", "2", "2:0", "2:000", "2:60", "0:00", "-1:00", "a:bc", "2:3x", " 2:00", "61:00",
            "123:00", "2:00:00",
        ] {
            let err = parse_time_limit(bad).unwrap_err();
            assert_eq!(err.text, bad);
            assert!(err.to_string().contains("is not a time limit"), "{err}");
        }
    }

    #[test]
    fn countdown_rounds_up() {
        assert_eq!(format_countdown(90_000), "1:30");
        assert_eq!(format_countdown(89_001), "1:30");
        assert_eq!(format_countdown(89_000), "1:29");
        assert_eq!(format_countdown(1), "0:01");
        assert_eq!(format_countdown(0), "0:00");
        assert_eq!(format_countdown(3_600_000), "60:00");
    }

    #[test]
    fn settings_change_the_limit() {
        assert_eq!(
            TimerSetting::Standard.effective_limit_ms(Some(90_000)),
            Some(90_000)
        );
        assert_eq!(
            TimerSetting::Extended { percent: 1000 }.effective_limit_ms(Some(90_000)),
            Some(900_000)
        );
        assert_eq!(
            TimerSetting::Extended { percent: 50 }.effective_limit_ms(Some(90_000)),
            Some(90_000)
        );
        assert_eq!(TimerSetting::Off.effective_limit_ms(Some(90_000)), None);
        assert_eq!(TimerSetting::Standard.effective_limit_ms(None), None);
    }
}
