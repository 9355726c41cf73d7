//! Where the site is hosted: the path prefix read from `document.baseURI` at run time.
//!
//! Trunk writes `<base href="/course/scaling/">` for a `--public-url` build, so one build can be
//! served at `/` or under a sub-path. Links are prefixed here because leptos_router's `<A>`
//! does not add the router base to absolute hrefs.

/// The site's path prefix without a trailing slash: `""` at the root, `"/course/scaling"` below.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasePath(pub String);

impl BasePath {
    /// Reads the prefix from the document's base URI (falls back to the root).
    pub fn from_document() -> Self {
        let base_uri = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        Self::from_base_uri(&base_uri)
    }

    /// The prefix of a base URI such as `http://host:8080/course/scaling/`.
    pub fn from_base_uri(uri: &str) -> Self {
        let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let path = path.split(['?', '#']).next().unwrap_or("");
        BasePath(path.trim_end_matches('/').to_string())
    }

    /// The value for `<Router base=...>`.
    pub fn router_base(&self) -> String {
        self.0.clone()
    }

    /// The href of a mode's page: `"{base}/"` for the home page, `"{base}/{slug}"` otherwise.
    pub fn href(&self, slug: &str) -> String {
        if slug.is_empty() {
            format!("{}/", self.0)
        } else {
            format!("{}/{}", self.0, slug)
        }
    }

    /// The mode slug of a location path (`"/course/scaling/lab/"` -> `"lab"`); the launch file
    /// `index.html` (how a learning platform opens the course) is the home page, `""`.
    pub fn slug_of(&self, pathname: &str) -> String {
        let rest = pathname.strip_prefix(self.0.as_str()).unwrap_or(pathname);
        let slug = rest.trim_matches('/');
        if slug == "index.html" {
            String::new()
        } else {
            slug.to_string()
        }
    }
}
