//! `--init`: rcon's small init as PID 1 of the container. It starts the command, forwards every
//! signal it receives to it, reaps every zombie the pid namespace leaves to it, and exits with
//! the command's code (128+n when a signal n killed it), as tini and catatonit do.
//!
//! The init is the container's setup process itself, continuing after the setup instead of
//! calling execve: rcon is linked against the host's C library, which an image (busybox,
//! alpine) may not have, so binding rcon's binary into the container and running it there
//! would fail. The init holds no descriptor but stdio, runs with the command's user and
//! capabilities, and stays non-dumpable, so nothing in the container can open its executable
//! through /proc.
use crate::linux::process::{self, Command};
use std::os::fd::RawFd;

/// Runs as PID 1: forks the command (which reports a failed exec on `report_fd` and sees the
/// terminal as its controlling terminal when `tty`), then forwards signals and reaps until the
/// command ends. Never returns.
pub(crate) fn run(cmd: &Command, report_fd: RawFd, tty: bool) -> ! {
    let _ = nix::sys::prctl::set_name(c"rcon-init");
    let all = nix::sys::signal::SigSet::all();
    // Blocked before the fork: a signal that comes early waits for sigwait instead of being
    // lost (PID 1 ignores signals it has no handler for).
    let _ = all.thread_block();
    let child = match fork() {
        Ok(0) => command(cmd, report_fd, tty),
        Ok(pid) => pid,
        Err(e) => {
            let failure = process::Failure::setup(format!("init: cannot start the command: {e}"));
            process::report_failure(report_fd, &failure);
            process::exit_now(failure.code);
        }
    };
    // Only the command holds the report pipe now: it closes when the command's execve succeeds.
    let _ = nix::unistd::close(report_fd);
    loop {
        let Ok(sig) = all.wait() else { continue };
        if sig != nix::sys::signal::Signal::SIGCHLD {
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(child), sig);
            continue;
        }
        if let Some(code) = reap(child) {
            process::exit_now(code);
        }
    }
}

/// The command's side of the fork: its own session (with the terminal), default signals, exec.
fn command(cmd: &Command, report_fd: RawFd, tty: bool) -> ! {
    process::reset_signals();
    let _ = nix::unistd::setsid();
    if tty {
        if let Err(e) = set_controlling_terminal() {
            let failure = process::Failure::setup(format!(
                "cannot make the terminal the controlling terminal: {e}"
            ));
            process::report_failure(report_fd, &failure);
            process::exit_now(failure.code);
        }
    }
    process::report_ready(report_fd);
    let failure = cmd.exec();
    process::report_failure(report_fd, &failure);
    process::exit_now(failure.code)
}

/// Reaps every finished child; the command's exit code once it is among them.
fn reap(command: i32) -> Option<i32> {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    let mut code = None;
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(pid, c)) if pid.as_raw() == command => code = Some(c),
            Ok(WaitStatus::Signaled(pid, sig, _)) if pid.as_raw() == command => {
                code = Some(128 + sig as i32)
            }
            Ok(WaitStatus::StillAlive) | Err(_) => return code,
            Ok(_) => {}
        }
    }
}

/// TIOCSCTTY on stdin, the terminal.
#[allow(unsafe_code)]
pub(crate) fn set_controlling_terminal() -> std::io::Result<()> {
    // SAFETY: TIOCSCTTY takes an integer argument (0: do not steal) on an open descriptor.
    let rc = unsafe { libc::ioctl(0, libc::TIOCSCTTY, 0) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[allow(unsafe_code)]
fn fork() -> std::io::Result<i32> {
    // SAFETY: the init is single-threaded (the supervisor's clone copied one thread); the child
    // only resets signals, changes session and execs or _exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(pid)
    }
}
