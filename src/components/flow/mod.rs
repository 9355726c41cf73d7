//! The decision-flow views: the flowchart, the sample code and the live tables.

pub mod chart;
pub mod code;
pub mod tables;
