//! The only reactive glue of the app: context types, timers and persistence.

pub mod base;
#[cfg(feature = "app")]
pub mod bundle;
pub mod mounted;
pub mod offline;
pub mod progress;
pub mod storage;
