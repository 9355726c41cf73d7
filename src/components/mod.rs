//! Reusable views shared by the pages.

pub mod header;
pub mod page;
pub mod quiz;
