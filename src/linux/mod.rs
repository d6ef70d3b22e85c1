//! Kernel interfaces: id maps, user namespaces.
pub mod idmap;
pub mod nsenter;
pub mod nsexec;
pub mod userns;
