//! The learning modes, read from `content/modes.toml`: the single list behind the mode
//! switcher, the route table and the static per-route copies made at build time.

use serde::Deserialize;
use std::sync::OnceLock;

/// One learning mode: a page of the course.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mode {
    /// URL path under the site's base; `""` is the home page.
    pub slug: String,
    pub title: String,
    pub tagline: String,
    pub summary: String,
    /// Rough time to work through the mode, in minutes.
    pub minutes: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModesFile {
    mode: Vec<Mode>,
}

const MODES_TOML: &str = include_str!("../content/modes.toml");

/// Parses a modes file; the error names the file and what is wrong.
pub fn parse_modes(text: &str) -> Result<Vec<Mode>, String> {
    let file: ModesFile =
        toml::from_str(text).map_err(|e| format!("content/modes.toml: {}", e.message()))?;
    if file.mode.is_empty() {
        return Err("content/modes.toml: no [[mode]] entries".into());
    }
    Ok(file.mode)
}

/// The course's modes, parsed once. A malformed file yields an empty list and the error,
/// which the header shows instead of the switcher (never a panic).
pub fn modes() -> &'static Result<Vec<Mode>, String> {
    static MODES: OnceLock<Result<Vec<Mode>, String>> = OnceLock::new();
    MODES.get_or_init(|| parse_modes(MODES_TOML))
}

/// The mode with this slug, if the course has one.
pub fn find(slug: &str) -> Option<&'static Mode> {
    modes().as_ref().ok()?.iter().find(|m| m.slug == slug)
}
