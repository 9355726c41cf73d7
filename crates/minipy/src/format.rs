//! Number formatting exactly as CPython prints it: float repr (shortest round-trip) and the
//! format-spec mini-language used by f-strings (`{x:.2f}`, `{n:>5}`, `{n:,}`).

use crate::error::{value_error, PyError};
use crate::value::Value;

/// Shortest digits that round-trip, and the decimal exponent: `0.15 -> ("15", -1)` meaning 1.5e-1.
fn shortest_digits(x: f64) -> (String, i32) {
    // Rust's `{:e}` prints the shortest round-trip digits in scientific form: "1.5e-1".
    let s = format!("{:e}", x.abs());
    let (mant, exp) = s.split_once('e').expect("{:e} always has an exponent");
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    (digits, exp.parse().expect("exponent is an integer"))
}

/// `repr(float)` in CPython: `0.1`, `1e+16`, `1.5e-05`, `100.0`, `inf`, `nan`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, exp) = shortest_digits(x);
    // CPython switches to exponent notation when the decimal point would sit before -4 or after 16.
    let decpt = exp + 1;
    if !(-4 < decpt && decpt <= 16) {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{m}e{esign}{:02}", exp.abs());
    }
    if decpt <= 0 {
        format!("{sign}0.{}{}", "0".repeat((-decpt) as usize), digits)
    } else if decpt as usize >= digits.len() {
        format!(
            "{sign}{}{}.0",
            digits,
            "0".repeat(decpt as usize - digits.len())
        )
    } else {
        format!(
            "{sign}{}.{}",
            &digits[..decpt as usize],
            &digits[decpt as usize..]
        )
    }
}

/// Fixed notation with `prec` decimals, correctly rounded (ties to even on the exact binary value).
fn fixed(x: f64, prec: usize) -> String {
    format!("{:.*}", prec, x)
}

/// Scientific notation like C's `%.{prec}e`: `1.500000e+00`.
fn sci(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').expect("{:e} always has an exponent");
    let e: i32 = e.parse().expect("exponent is an integer");
    let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// `%g`-style: the shorter of fixed and scientific for `prec` significant digits.
fn general(x: f64, prec: usize, alternate: bool, keep_point: bool) -> String {
    let prec = prec.max(1);
    if x == 0.0 {
        let z = if x.is_sign_negative() { "-0" } else { "0" };
        return if keep_point {
            format!("{z}.0")
        } else {
            z.to_string()
        };
    }
    // The exponent after rounding to `prec` significant digits decides the notation.
    let s = format!("{:.*e}", prec - 1, x);
    let exp: i32 = s
        .split_once('e')
        .expect("exponent")
        .1
        .parse()
        .expect("integer");
    let mut out = if -4 <= exp && exp < prec as i32 {
        fixed(x, (prec as i32 - 1 - exp) as usize)
    } else {
        sci(x, prec - 1, false)
    };
    if !alternate {
        let (mant, tail) = match out.find('e') {
            Some(i) => (out[..i].to_string(), out[i..].to_string()),
            None => (out.clone(), String::new()),
        };
        let mut mant = if mant.contains('.') {
            mant.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            mant
        };
        if keep_point && tail.is_empty() && !mant.contains('.') {
            mant.push_str(".0");
        }
        out = mant + &tail;
    }
    out
}

struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Result<Spec, PyError> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        alternate: false,
        zero: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: None,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
        s.sign = c;
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        s.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    if i > start {
        let w: String = chars[start..i].iter().collect();
        s.width = w
            .parse()
            .map_err(|_| value_error("Too many decimal digits in format string"))?;
        if s.width > 10_000 {
            return Err(value_error(
                "format width is too large for this course's Python",
            ));
        }
    }
    if let Some(&c @ (',' | '_')) = chars.get(i) {
        s.grouping = Some(c);
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let start = i;
        while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if i == start {
            return Err(value_error("Format specifier missing precision"));
        }
        let p: String = chars[start..i].iter().collect();
        let p: usize = p
            .parse()
            .map_err(|_| value_error("Too many decimal digits in format string"))?;
        if p > 1000 {
            return Err(value_error(
                "precision is too large for this course's Python",
            ));
        }
        s.precision = Some(p);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err(value_error("Invalid format specifier"));
    }
    Ok(s)
}

fn group(int_digits: &str, sep: char) -> String {
    let n = int_digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads `body` (with its sign split off) to the spec's width and alignment.
fn pad(sign: &str, body: &str, spec: &Spec, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    let (fill, align) = if spec.zero && spec.align.is_none() {
        ('0', '=')
    } else {
        (spec.fill, spec.align.unwrap_or(default_align))
    };
    if len >= spec.width {
        return format!("{sign}{body}");
    }
    let gap = spec.width - len;
    let f = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", f(gap)),
        '^' => format!("{}{sign}{body}{}", f(gap / 2), f(gap - gap / 2)),
        '=' => format!("{sign}{}{body}", f(gap)),
        _ => format!("{}{sign}{body}", f(gap)),
    }
}

/// Python's `format(value, spec)`.
pub fn format_value(v: &Value, spec: &str) -> Result<String, PyError> {
    if spec.is_empty() {
        return v.to_str();
    }
    let s = parse_spec(spec)?;
    match v {
        Value::Str(text) => {
            if !matches!(s.ty, None | Some('s')) {
                return Err(value_error(format!(
                    "Unknown format code '{}' for object of type 'str'",
                    s.ty.unwrap_or(' ')
                )));
            }
            if s.sign != '-' {
                return Err(value_error("Sign not allowed in string format specifier"));
            }
            if let Some(g) = s.grouping {
                return Err(value_error(format!("Cannot specify '{g}' with 's'.")));
            }
            let body: String = match s.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text.to_string(),
            };
            Ok(pad("", &body, &s, '<'))
        }
        Value::Int(_) | Value::Bool(_)
            if matches!(s.ty, None | Some('d' | 'b' | 'o' | 'x' | 'X' | 'n')) =>
        {
            if s.precision.is_some() {
                return Err(value_error(
                    "Precision not allowed in integer format specifier",
                ));
            }
            let i = v.as_int().expect("int or bool");
            let mag = i.unsigned_abs();
            let digits = match s.ty {
                Some('b') => format!("{mag:b}"),
                Some('o') => format!("{mag:o}"),
                Some('x') => format!("{mag:x}"),
                Some('X') => format!("{mag:X}"),
                _ => mag.to_string(),
            };
            let prefix = if s.alternate {
                match s.ty {
                    Some('b') => "0b",
                    Some('o') => "0o",
                    Some('x') => "0x",
                    Some('X') => "0X",
                    _ => "",
                }
            } else {
                ""
            };
            let body = match s.grouping {
                Some(g) => group(&digits, g),
                None => digits,
            };
            let sign = sign_str(i < 0, s.sign);
            Ok(pad(&format!("{sign}{prefix}"), &body, &s, '>'))
        }
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
            let x = v.as_f64().expect("a number");
            let ty = s.ty;
            if !matches!(ty, None | Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) {
                return Err(value_error(format!(
                    "Unknown format code '{}' for object of type '{}'",
                    ty.unwrap_or(' '),
                    v.type_name()
                )));
            }
            let neg = x.is_sign_negative() && !x.is_nan();
            let a = x.abs();
            let mut body = if a.is_infinite() || a.is_nan() {
                let t = if a.is_nan() { "nan" } else { "inf" };
                let t = if matches!(ty, Some('F' | 'E' | 'G')) {
                    t.to_uppercase()
                } else {
                    t.to_string()
                };
                if ty == Some('%') {
                    t + "%"
                } else {
                    t
                }
            } else {
                match ty {
                    Some('f' | 'F') => fixed(a, s.precision.unwrap_or(6)),
                    Some('e') => sci(a, s.precision.unwrap_or(6), false),
                    Some('E') => sci(a, s.precision.unwrap_or(6), true),
                    Some('g') => general(a, s.precision.unwrap_or(6), s.alternate, false),
                    Some('G') => {
                        general(a, s.precision.unwrap_or(6), s.alternate, false).to_uppercase()
                    }
                    Some('%') => fixed(a * 100.0, s.precision.unwrap_or(6)) + "%",
                    _ => match s.precision {
                        Some(p) => general(a, p, s.alternate, true),
                        None => float_repr(a),
                    },
                }
            };
            if let Some(g) = s.grouping {
                let end = body
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(body.len());
                body = group(&body[..end], g) + &body[end..];
            }
            Ok(pad(sign_str(neg, s.sign), &body, &s, '>'))
        }
        other => Err(crate::error::type_error(format!(
            "unsupported format string passed to {}.__format__",
            other.type_name()
        ))),
    }
}

fn sign_str(negative: bool, sign: char) -> &'static str {
    match (negative, sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (100.0, "100.0"),
            (1.5, "1.5"),
            (-0.0, "-0.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (1234567890123456.0, "1234567890123456.0"),
            (2f64.sqrt(), "1.4142135623730951"),
            (f64::INFINITY, "inf"),
            (0.1 + 0.2, "0.30000000000000004"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "{x:e}");
        }
    }

    #[test]
    fn format_specs_match_cpython() {
        let f = |v: Value, s: &str| format_value(&v, s).unwrap();
        assert_eq!(f(Value::Float(0.4567), ".2f"), "0.46");
        assert_eq!(f(Value::Int(42), "05d"), "00042");
        assert_eq!(f(Value::Int(1234567), ","), "1,234,567");
        assert_eq!(f(Value::Float(0.25), "%"), "25.000000%");
        assert_eq!(f(Value::Float(1e20), "g"), "1e+20");
        assert_eq!(f(Value::Float(123456789.0), "g"), "1.23457e+08");
        assert_eq!(f(Value::Float(1.5), "e"), "1.500000e+00");
        assert_eq!(f(Value::Float(2.0), ".3"), "2.0");
        assert_eq!(f(Value::Float(0.125), ".2f"), "0.12");
        assert_eq!(f(Value::str("ab"), "^6"), "  ab  ");
        assert_eq!(f(Value::Bool(true), ">5"), "    1");
    }
}
