//! Kernel interfaces: id maps, user namespaces, and the container's first process (mounts,
//! capabilities, user, clone and exec, the `--init`), and rcon's own executable sealed in memory
//! where a container could reach it.
pub(crate) mod caps;
pub(crate) mod cgroup;
pub mod idmap;
pub(crate) mod keepid;
pub(crate) mod mounts;
pub(crate) mod nsenter;
pub(crate) mod proc;
pub(crate) mod rtnl;
pub(crate) mod sealed_exe;
pub(crate) mod seccomp;
pub(crate) mod user;
pub mod userns;
