//! Kubernetes resource quantities (`500m`, `1`, `0.5`, `512Mi`, `1Gi`, `1G`) read and printed
//! the way the API server canonicalises them, so `-o yaml` and `describe` show `500m` and `1Gi`.

use std::fmt;

/// Why a quantity string is not a valid Kubernetes quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuantityError {
    pub input: String,
}

impl fmt::Display for QuantityError {
    /// apimachinery's `resource.ErrFormatWrong` text, which kubectl shows for a bad quantity.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        )
    }
}

impl std::error::Error for QuantityError {}

/// Splits `12.5Mi` into its decimal number scaled by 1000 (`12500`) and its suffix (`Mi`).
fn split(input: &str) -> Result<(u128, &str), QuantityError> {
    let bad = || QuantityError {
        input: input.to_string(),
    };
    let s = input.strip_prefix('+').unwrap_or(input);
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, suffix) = s.split_at(end);
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return Err(bad());
    }
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.len() > 20 {
        return Err(bad());
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    // Three decimal places are all a millicore needs; finer digits are truncated.
    let mut frac_milli: u128 = 0;
    for (i, c) in frac.chars().take(3).enumerate() {
        frac_milli += u128::from(c.to_digit(10).ok_or_else(bad)?) * 10u128.pow(2 - i as u32);
    }
    Ok((whole * 1000 + frac_milli, suffix))
}

/// CPU in millicores: `500m` -> 500, `1` -> 1000, `0.25` -> 250.
pub fn parse_cpu_milli(input: &str) -> Result<u64, QuantityError> {
    let bad = || QuantityError {
        input: input.to_string(),
    };
    let (thousandths, suffix) = split(input)?;
    let milli = match suffix {
        "" => thousandths,
        "m" => thousandths / 1000,
        "k" => thousandths * 1000,
        _ => return Err(bad()),
    };
    u64::try_from(milli).map_err(|_| bad())
}

/// Memory in bytes: `512Mi`, `1Gi`, `1G`, `128974848`, `129M`.
pub fn parse_memory_bytes(input: &str) -> Result<u64, QuantityError> {
    let bad = || QuantityError {
        input: input.to_string(),
    };
    let (thousandths, suffix) = split(input)?;
    let multiplier: u128 = match suffix {
        "" => 1,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        _ => return Err(bad()),
    };
    u64::try_from(thousandths * multiplier / 1000).map_err(|_| bad())
}

/// Canonical CPU text: whole cores as `2`, anything else as millicores `500m`.
pub fn format_cpu_milli(milli: u64) -> String {
    if milli.is_multiple_of(1000) {
        format!("{}", milli / 1000)
    } else {
        format!("{milli}m")
    }
}

/// Canonical memory text: the largest binary suffix that divides exactly, else decimal
/// suffixes, else bytes (`1Gi`, `512Mi`, `1G`, `1000`).
pub fn format_memory_bytes(bytes: u64) -> String {
    if bytes == 0 {
        return "0".to_string();
    }
    for (suffix, size) in [
        ("Ti", 1u64 << 40),
        ("Gi", 1 << 30),
        ("Mi", 1 << 20),
        ("Ki", 1 << 10),
    ] {
        if bytes.is_multiple_of(size) {
            return format!("{}{suffix}", bytes / size);
        }
    }
    for (suffix, size) in [
        ("T", 1_000_000_000_000u64),
        ("G", 1_000_000_000),
        ("M", 1_000_000),
        ("k", 1_000),
    ] {
        if bytes.is_multiple_of(size) {
            return format!("{}{suffix}", bytes / size);
        }
    }
    bytes.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_quantities() {
        assert_eq!(parse_cpu_milli("500m"), Ok(500));
        assert_eq!(parse_cpu_milli("1"), Ok(1000));
        assert_eq!(parse_cpu_milli("0.25"), Ok(250));
        assert_eq!(parse_cpu_milli("1.5"), Ok(1500));
        assert!(parse_cpu_milli("1Gi").is_err());
        assert!(parse_cpu_milli("abc").is_err());
        assert!(parse_cpu_milli("").is_err());
        assert!(parse_cpu_milli("1..2").is_err());
        assert!(parse_cpu_milli("99999999999999999999999999").is_err());
    }

    #[test]
    fn memory_quantities() {
        assert_eq!(parse_memory_bytes("512Mi"), Ok(512 << 20));
        assert_eq!(parse_memory_bytes("1Gi"), Ok(1 << 30));
        assert_eq!(parse_memory_bytes("1G"), Ok(1_000_000_000));
        assert_eq!(parse_memory_bytes("1.5Gi"), Ok(3 << 29));
        assert_eq!(parse_memory_bytes("100"), Ok(100));
        assert!(parse_memory_bytes("1Xi").is_err());
    }

    #[test]
    fn canonical_text_round_trips() {
        assert_eq!(format_cpu_milli(500), "500m");
        assert_eq!(format_cpu_milli(2000), "2");
        assert_eq!(format_memory_bytes(512 << 20), "512Mi");
        assert_eq!(format_memory_bytes(1 << 30), "1Gi");
        assert_eq!(format_memory_bytes(1_000_000_000), "1G");
        assert_eq!(format_memory_bytes(1500), "1500");
        for text in ["250m", "1", "3"] {
            assert_eq!(format_cpu_milli(parse_cpu_milli(text).unwrap()), text);
        }
    }
}
