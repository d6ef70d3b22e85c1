//! Containers on disk: the record the CLI writes, the volatile state the supervisor keeps,
//! names, the validated run flags and the OCI spec built from an image config and them,
//! creation and removal, listing and finding, signalling and stopping.
pub mod cp;
pub mod create;
pub mod list;
pub mod names;
pub mod record;
pub mod runconfig;
pub mod spec;
pub mod state;
pub mod stop;
pub mod volumes;

pub use record::ContainerRecord;
pub use runconfig::RunConfig;
pub use state::{State, Status};
