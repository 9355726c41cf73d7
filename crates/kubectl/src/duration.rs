//! Durations in and out: kubectl's AGE format (apimachinery `HumanDuration`), Go's
//! `time.Duration.String` (used in a few kubectl messages), and the sandbox's `wait 30s|2m`
//! argument parser.

use std::fmt;

/// Formats an elapsed time as every kubectl AGE column does (`duration.HumanDuration`):
/// `45s`, `119s`, `2m`, `5m30s`, `15m`, `3h`, `5h30m`, `26h`, `2d1h`, `8d`, `2y1d`, `8y`.
/// All components truncate; a negative age below -1 s is `<invalid>`.
pub fn human_duration(elapsed_s: i64) -> String {
    if elapsed_s < -1 {
        return "<invalid>".to_string();
    }
    if elapsed_s < 0 {
        return "0s".to_string();
    }
    let s = elapsed_s;
    const MIN: i64 = 60;
    const HOUR: i64 = 60 * MIN;
    const DAY: i64 = 24 * HOUR;
    const YEAR: i64 = 365 * DAY;
    if s < 2 * MIN {
        return format!("{s}s");
    }
    if s < 10 * MIN {
        let (m, rest) = (s / MIN, s % MIN);
        return if rest == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{rest}s")
        };
    }
    if s < 3 * HOUR {
        return format!("{}m", s / MIN);
    }
    if s < 8 * HOUR {
        let (h, m) = (s / HOUR, (s % HOUR) / MIN);
        return if m == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{m}m")
        };
    }
    if s < 48 * HOUR {
        return format!("{}h", s / HOUR);
    }
    if s < 8 * DAY {
        let (d, h) = (s / DAY, (s % DAY) / HOUR);
        return if h == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{h}h")
        };
    }
    if s < 2 * YEAR {
        return format!("{}d", s / DAY);
    }
    if s < 8 * YEAR {
        let (y, d) = (s / YEAR, (s % YEAR) / DAY);
        return if d == 0 {
            format!("{y}y")
        } else {
            format!("{y}y{d}d")
        };
    }
    format!("{}y", s / YEAR)
}

/// Go's `time.Duration.String` for whole seconds: `45s`, `2m0s`, `1h30m0s` (kubectl puts it in
/// messages such as `Metrics not available for pod default/x, age: 2m0s`).
pub fn go_duration(total_s: u64) -> String {
    let (h, m, s) = (total_s / 3600, (total_s % 3600) / 60, total_s % 60);
    if h > 0 {
        format!("{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{m}m{s}s")
    } else {
        format!("{s}s")
    }
}

/// Why a `wait` argument could not be read; `column` is 0-based within the argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationError {
    pub input: String,
    pub column: usize,
    pub reason: &'static str,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid duration \"{}\" at column {}: {} (examples: 30s, 2m, 1h30m)",
            self.input,
            self.column + 1,
            self.reason
        )
    }
}

impl std::error::Error for DurationError {}

/// Longest fast-forward the sandbox accepts: a day of simulated time is already far past any
/// lesson, and a bound keeps a typo like `wait 9999999h` from freezing the page.
pub const MAX_WAIT_S: u64 = 24 * 3600;

/// Parses `30s`, `2m`, `1h30m`, `90` (bare seconds) into seconds, like Go's `ParseDuration`
/// restricted to whole `h`, `m`, `s` units.
pub fn parse_wait_duration(input: &str) -> Result<u64, DurationError> {
    let err = |column: usize, reason: &'static str| DurationError {
        input: input.to_string(),
        column,
        reason,
    };
    if input.is_empty() {
        return Err(err(0, "empty duration"));
    }
    let bytes = input.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        return input
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= MAX_WAIT_S)
            .ok_or_else(|| err(0, "longer than 24h"));
    }
    let mut total_s: u64 = 0;
    let mut i = 0;
    let mut last_unit_rank = u8::MAX;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return Err(err(i, "expected a number"));
        }
        let number: u64 = input[start..i]
            .parse()
            .map_err(|_| err(start, "number too large"))?;
        let (unit_s, rank) = match bytes.get(i) {
            Some(b'h') => (3600, 2),
            Some(b'm') => (60, 1),
            Some(b's') => (1, 0),
            Some(_) => return Err(err(i, "unknown unit (use h, m or s)")),
            None => return Err(err(i, "missing unit (use h, m or s)")),
        };
        if rank >= last_unit_rank {
            return Err(err(i, "units must go from hours to seconds"));
        }
        last_unit_rank = rank;
        total_s = number
            .checked_mul(unit_s)
            .and_then(|s| total_s.checked_add(s))
            .filter(|s| *s <= MAX_WAIT_S)
            .ok_or_else(|| err(start, "longer than 24h"))?;
        i += 1;
    }
    Ok(total_s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_duration_matches_apimachinery_table() {
        // Cases from apimachinery pkg/util/duration/duration_test.go.
        let cases = [
            (-2, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (1, "1s"),
            (70, "70s"),
            (119, "119s"),
            (120, "2m"),
            (121, "2m1s"),
            (190, "3m10s"),
            (599, "9m59s"),
            (600, "10m"),
            (4200, "70m"),
            (179 * 60, "179m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 60, "3h1m"),
            (8 * 3600 - 60, "7h59m"),
            (8 * 3600, "8h"),
            (47 * 3600 + 59 * 60, "47h"),
            (48 * 3600, "2d"),
            (49 * 3600, "2d1h"),
            (8 * 86400 - 3600, "7d23h"),
            (8 * 86400, "8d"),
            (367 * 86400, "367d"),
            (2 * 365 * 86400, "2y"),
            (2 * 365 * 86400 + 86400, "2y1d"),
            (8 * 365 * 86400 - 86400, "7y364d"),
            (8 * 365 * 86400, "8y"),
        ];
        for (s, want) in cases {
            assert_eq!(human_duration(s), want, "{s} s");
        }
    }

    #[test]
    fn go_duration_prints_zero_components_after_the_first() {
        assert_eq!(go_duration(45), "45s");
        assert_eq!(go_duration(120), "2m0s");
        assert_eq!(go_duration(5400), "1h30m0s");
    }

    #[test]
    fn wait_durations_parse() {
        assert_eq!(parse_wait_duration("30s"), Ok(30));
        assert_eq!(parse_wait_duration("2m"), Ok(120));
        assert_eq!(parse_wait_duration("1h30m"), Ok(5400));
        assert_eq!(parse_wait_duration("2m5s"), Ok(125));
        assert_eq!(parse_wait_duration("90"), Ok(90));
    }

    #[test]
    fn bad_wait_durations_name_the_column() {
        assert_eq!(parse_wait_duration("2x").unwrap_err().column, 1);
        assert_eq!(parse_wait_duration("m").unwrap_err().column, 0);
        assert_eq!(parse_wait_duration("30s2m").unwrap_err().column, 4);
        assert_eq!(
            parse_wait_duration("25h").unwrap_err().reason,
            "longer than 24h"
        );
        assert_eq!(parse_wait_duration("5").unwrap(), 5);
        assert!(parse_wait_duration("").is_err());
        assert_eq!(
            parse_wait_duration("2x").unwrap_err().to_string(),
            "invalid duration \"2x\" at column 2: unknown unit (use h, m or s) (examples: 30s, 2m, 1h30m)"
        );
    }
}
