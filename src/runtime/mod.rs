//! The processes rcon starts, one module per role: the per-container [`supervisor`], the
//! container's first process ([`init`]), a process `rcon exec` starts inside a running container
//! ([`exec`], entered through [`crate::linux::nsenter`]), and `--init`'s reaper ([`pid1`]). The
//! first process and an exec'd one start through the same plan and steps: [`startup`].
pub mod exec;
pub mod init;
pub mod pid1;
pub mod process;
pub mod role;
pub mod startup;
pub mod supervisor;
