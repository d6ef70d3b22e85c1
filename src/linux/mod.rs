//! Kernel interfaces: id maps, user namespaces, and the container's first process (mounts,
//! capabilities, user, clone and exec, the `--init`).
pub mod caps;
pub mod cgroup;
pub mod container;
pub mod idmap;
pub mod init;
pub mod mounts;
pub mod net;
pub mod nsenter;
pub mod nsexec;
pub mod process;
pub mod seccomp;
pub mod user;
pub mod userns;
