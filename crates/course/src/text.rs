//! Text and list types of the content models: borrowed from compiled-in statics in the app,
//! owned when parsed from TOML (tests, `lab check-content`, an author's preview).

use std::borrow::Cow;

/// A piece of course text.
pub type Text = Cow<'static, str>;

/// A list in the content (commands, nodes, rows...).
pub type List<T> = Cow<'static, [T]>;
