//! The per-container supervisor: it owns a container from start to end, outliving the CLI.
pub mod protocol;
