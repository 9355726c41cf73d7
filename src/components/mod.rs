//! Reusable views shared by the pages.

pub mod flow;
pub mod header;
pub mod lesson;
pub mod page;
pub mod quiz;
