//! Process primitives for the processes rcon starts: a fork-like `clone3` into new namespaces,
//! descriptor hygiene, and the exit code of a process that ended.
//!
//! The start-up of a process inside a container (its steps, the report of a failure, the
//! `$PATH` search and execve) is [`crate::runtime::startup`].
use nix::sys::wait::WaitStatus;
use std::io;
use std::os::fd::RawFd;

pub(crate) use crate::sys::fd::own;
pub(crate) use crate::sys::process::{clone_fork_into, exit_now};

/// The exit code of a process that ended: its own code, or 128+N when signal N killed it.
/// `None` for a status that is not an end (stopped, continued).
pub(crate) fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, code) => Some(code),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}

/// Moves the three stdio descriptors to 0, 1 and 2 (without close-on-exec); any of them may
/// already sit on a low number, so all three are first copied above 2.
pub(crate) fn install_stdio(stdin: RawFd, stdout: RawFd, stderr: RawFd) -> io::Result<()> {
    let high = |fd: RawFd| nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(10));
    let copies = [high(stdin)?, high(stdout)?, high(stderr)?];
    for (target, copy) in copies.into_iter().enumerate() {
        nix::unistd::dup2(copy, target as RawFd)?;
        nix::unistd::close(copy)?;
    }
    Ok(())
}

/// Moves `fd` to a fixed number at or above `min` (close-on-exec), for the report channel.
pub(crate) fn move_above(fd: RawFd, min: RawFd) -> io::Result<RawFd> {
    if fd >= min {
        return Ok(fd);
    }
    let new = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(min))?;
    nix::unistd::close(fd)?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nix::sys::signal::Signal;
    use nix::unistd::Pid;

    #[test]
    fn exit_code_is_the_code_or_128_plus_the_signal() {
        let pid = Pid::from_raw(1);
        assert_eq!(exit_code(WaitStatus::Exited(pid, 3)), Some(3));
        assert_eq!(
            exit_code(WaitStatus::Signaled(pid, Signal::SIGKILL, false)),
            Some(137)
        );
        assert_eq!(exit_code(WaitStatus::StillAlive), None);
    }
}
