//! Simulated wall-clock time: tick 0 is a fixed instant, so `describe` shows real-looking
//! `CreationTimestamp`s and `-o yaml` real RFC 3339 stamps, identical on every run.

/// Unix seconds of tick 0: Sun, 20 Sep 2026 07:00:00 +0000 (any fixed instant would do).
pub const SIM_EPOCH_UNIX_S: i64 = 1_789_887_600;

/// Days since 1970-01-01 -> (year, month, day), Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

struct Parts {
    year: i64,
    month: u32,
    day: u32,
    weekday: usize,
    hour: i64,
    minute: i64,
    second: i64,
}

fn parts(tick: u64) -> Parts {
    let t = SIM_EPOCH_UNIX_S + tick as i64;
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Parts {
        year,
        month,
        day,
        // 1970-01-01 was a Thursday.
        weekday: ((days + 4).rem_euclid(7)) as usize,
        hour: secs / 3600,
        minute: (secs % 3600) / 60,
        second: secs % 60,
    }
}

/// `2026-09-20T07:00:00Z`, as in `-o yaml`.
pub fn rfc3339(tick: u64) -> String {
    let p = parts(tick);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        p.year, p.month, p.day, p.hour, p.minute, p.second
    )
}

/// `Sun, 20 Sep 2026 07:00:00 +0000`, as in `describe` (Go's `time.RFC1123Z`).
pub fn rfc1123z(tick: u64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let p = parts(tick);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        DAYS[p.weekday],
        p.day,
        MONTHS[p.month as usize - 1],
        p.year,
        p.hour,
        p.minute,
        p.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_the_documented_instant() {
        assert_eq!(rfc3339(0), "2026-09-20T07:00:00Z");
        assert_eq!(rfc1123z(0), "Sun, 20 Sep 2026 07:00:00 +0000");
        assert_eq!(rfc1123z(17 * 3600 + 61), "Mon, 21 Sep 2026 00:01:01 +0000");
        assert_eq!(rfc3339(102 * 86_400), "2026-12-31T07:00:00Z");
        assert_eq!(rfc3339(103 * 86_400), "2027-01-01T07:00:00Z");
    }
}
