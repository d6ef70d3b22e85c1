//! The parent-death signal: a child started through `Command` that the kernel kills when the
//! thread that started it ends.
use std::os::unix::process::CommandExt;
use std::process::Command;

/// Has the child `cmd` starts get SIGKILL when its parent ends (PR_SET_PDEATHSIG, set in the
/// child between fork and exec).
pub(crate) fn kill_with_parent(cmd: &mut Command) {
    // SAFETY: runs in the forked child before exec; prctl is async-signal-safe and touches no
    // memory of ours.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}
