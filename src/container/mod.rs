//! Containers on disk: the record the CLI writes, the volatile state the supervisor keeps,
//! names, and the OCI spec built from an image config and the run flags.
pub mod record;
pub mod state;

pub use record::ContainerRecord;
pub use state::{State, Status};
