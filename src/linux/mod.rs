//! Kernel interfaces: id maps, user namespaces.
pub mod idmap;
pub mod userns;
