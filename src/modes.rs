//! The learning modes: the single list behind the mode switcher, the route table and the
//! static per-route copies made at build time. Authored in `content/modes.toml`, checked and
//! compiled into [`MODES`] by build.rs (so a malformed file fails the build, never the page).

/// One learning mode: a page of the course.
#[derive(Clone, Debug, PartialEq)]
pub struct Mode {
    /// URL path under the site's base; `""` is the home page.
    pub slug: &'static str,
    pub title: &'static str,
    pub tagline: &'static str,
    pub summary: &'static str,
    /// Rough time to work through the mode, in minutes.
    pub minutes: u32,
}

include!(concat!(env!("OUT_DIR"), "/modes.rs"));

/// The mode with this slug, if the course has one.
pub fn find(slug: &str) -> Option<&'static Mode> {
    MODES.iter().find(|m| m.slug == slug)
}
