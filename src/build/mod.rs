//! `rcon build`: Containerfiles and Dockerfiles built rootless, without a daemon.
//!
//! `parse` reads the Containerfile into typed instructions; `context` reads the build context
//! (a folder, a tar stream or a URL), applies `.containerignore`, and turns COPY and ADD sources
//! into archives and content checksums; the builder runs the stages as a graph, each RUN a
//! container started like `rcon run`, each step's changes committed as a layer.
pub(crate) mod context;
pub(crate) mod parse;
pub(crate) mod config_edit;
pub(crate) mod graph;
pub(crate) mod run_step;
