//! The processes rcon starts, one module per role: the per-container [`supervisor`], the
//! container's first process ([`init`]), a process `rcon exec` starts inside a running container
//! ([`exec`], entered through [`crate::linux::nsenter`]), and `--init`'s reaper ([`pid1`]). The
//! first process and an exec'd one start through the same plan and steps: [`startup`].
pub(crate) mod connect;
pub(crate) mod exec;
pub(crate) mod exec_plan;
pub(crate) mod health_check;
pub(crate) mod init;
pub(crate) mod pid1;
pub(crate) mod process;
pub mod role;
pub(crate) mod startup;
pub(crate) mod supervisor;
pub(crate) mod unshare;
