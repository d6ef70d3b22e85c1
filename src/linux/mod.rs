//! Kernel interfaces: id maps, user namespaces, and the container's first process (mounts,
//! capabilities, user, clone and exec, the `--init`), and rcon's own executable sealed in memory
//! where a container could reach it.
pub mod caps;
pub mod cgroup;
pub mod idmap;
pub mod mounts;
pub mod nsenter;
pub mod proc;
pub mod rtnl;
pub mod sealed_exe;
pub mod seccomp;
pub mod user;
pub mod userns;
