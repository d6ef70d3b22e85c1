//! Containers on disk: the record the CLI writes, the volatile state the supervisor keeps,
//! names, the validated run flags and the OCI spec built from an image config and them,
//! creation and removal, listing and finding, signalling and stopping.
pub(crate) mod cp;
pub(crate) mod create;
pub(crate) mod export;
pub(crate) mod extra;
pub(crate) mod health;
pub(crate) mod ipc;
pub(crate) mod list;
pub(crate) mod names;
pub(crate) mod record;
pub(crate) mod runconfig;
pub(crate) mod secrets;
pub(crate) mod service;
pub(crate) mod spec;
pub(crate) mod state;
pub(crate) mod stop;
pub(crate) mod stop_marks;
pub(crate) mod userns;
pub(crate) mod volumes;

pub(crate) use record::ContainerRecord;
