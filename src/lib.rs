//! rcon: a daemonless, rootless container tool in the line of Podman.
//!
//! The library holds everything; `src/main.rs` parses arguments and maps errors to exit codes.
//! Modules follow the data flow: `cli` → `config` → `image` → `linux`.
#![deny(unsafe_code)]

pub mod api;
pub mod autoupdate;
pub mod build;
pub mod cli;
pub mod config;
pub mod container;
pub mod events;
#[doc(hidden)]
pub mod fuzzing;
pub mod image;
pub mod ipc;
pub mod kube;
pub mod linux;
pub mod network;
pub mod pod;
pub mod quadlet;
pub mod runtime;
pub mod storage;
pub mod sys;
pub mod util;
