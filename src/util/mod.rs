//! Small helpers shared by every module: atomic files, locks, digests, time.
pub mod digest;
pub mod fs;
pub mod labels;
pub mod reference;
pub mod sdnotify;
pub mod time;
