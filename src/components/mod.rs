//! Reusable views shared by the pages.

#[cfg(feature = "app")]
pub mod bundle_host;
pub mod flow;
pub mod header;
pub mod lesson;
pub mod page;
pub mod quiz;
