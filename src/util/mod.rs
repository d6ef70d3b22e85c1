//! Small helpers shared by every module: atomic files, locks, digests, time.
pub mod digest;
pub(crate) mod fs;
pub(crate) mod journal;
pub(crate) mod labels;
pub(crate) mod reference;
pub(crate) mod sdnotify;
pub(crate) mod time;
