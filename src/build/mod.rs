//! `rcon build`: Containerfiles and Dockerfiles built rootless, without a daemon.
//!
//! `parse` reads the Containerfile into typed instructions; `context` reads the build context
//! (a folder, a tar stream or a URL), applies `.containerignore`, and turns COPY and ADD sources
//! into archives and content checksums; `builder` runs the stages as a graph (`graph`), each
//! stage (`stage`) step by step: a RUN is a container started like `rcon run` (`run_step`),
//! COPY and ADD are placed into a created container by the cp worker (`steps`), and each
//! step's changes are committed as a layer, reused next time when its inputs are the same
//! (`cache`).
pub(crate) mod builder;
pub(crate) mod cache;
pub(crate) mod config_edit;
pub(crate) mod context;
pub(crate) mod error;
pub(crate) mod graph;
pub(crate) mod one_layer;
pub(crate) mod options;
pub(crate) mod parse;
pub(crate) mod run_step;
pub(crate) mod stage;
pub(crate) mod steps;

pub(crate) use builder::build;
pub(crate) mod squash;
