//! The only reactive glue of the app: context types, timers and persistence.

pub mod base;
pub mod bundle;
pub mod offline;
pub mod storage;
