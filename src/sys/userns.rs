//! Raw calls for rcon's helper processes: the set-up a helper child does between fork and exec
//! (keep its sync descriptor, tie it to its parent or detach it), and the descriptor limit a
//! helper raises for deep trees.
use nix::fcntl::{fcntl, FcntlArg, FdFlag};
use nix::sys::signal::Signal;
use std::io;
use std::os::fd::RawFd;
use std::os::unix::process::CommandExt;
use std::process::Command;

/// What the child does before exec besides keeping its descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChildSetup {
    /// PR_SET_PDEATHSIG(SIGKILL), and a check that `parent` (this process's pid) is still the
    /// parent once it is armed.
    DeathSignal { parent: u32 },
    /// setsid: no terminal and no process group of the caller's.
    NewSession,
}

/// Has the child of `cmd` clear close-on-exec on `keep` and then do `setup`, between fork and
/// exec.
pub(crate) fn before_exec(cmd: &mut Command, keep: RawFd, setup: ChildSetup) {
    // SAFETY: the closure runs in the child between fork and exec. It only makes system calls
    // that are async-signal-safe (fcntl, prctl, setsid, getppid), allocates nothing and touches
    // no lock; errors are built from raw errno values without allocation.
    unsafe {
        cmd.pre_exec(move || {
            fcntl(keep, FcntlArg::F_SETFD(FdFlag::empty())).map_err(io::Error::from)?;
            match setup {
                ChildSetup::NewSession => {
                    // The child must outlive the caller, so no parent-death signal either.
                    nix::unistd::setsid().map_err(io::Error::from)?;
                }
                ChildSetup::DeathSignal { parent } => {
                    nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).map_err(io::Error::from)?;
                    // The parent may have died before the death signal was armed.
                    if nix::unistd::getppid().as_raw() as u32 != parent {
                        return Err(io::Error::from_raw_os_error(libc::ESRCH));
                    }
                }
            }
            Ok(())
        })
    };
}
