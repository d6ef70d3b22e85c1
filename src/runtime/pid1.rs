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
//!
//! Its `/proc/1/cmdline`, which every process of the container may read, would be the
//! supervisor's (`rcon-sup … __userns-helper <role>`, the role as JSON with the store's host
//! paths and the user's home). The init rewrites that memory, the initial argument strings, to
//! `rcon-init <command…>` ([`Title`], prepared in the supervisor before the clone).
use crate::runtime::process;
use crate::runtime::startup::{self, Command, Failure, Kernel, Reporter, Stage};
use crate::sys::args::parse_area as arg_area;

/// The name the init shows, in /proc/1/comm and first in /proc/1/cmdline.
const NAME: &str = "rcon-init";

/// The new contents of this process's argument area (`arg_start..arg_end` of /proc/self/stat):
/// `rcon-init`, then the command's arguments, NUL-separated, cut to fit and NUL-padded.
#[derive(Debug, Clone)]
pub(crate) struct Title {
    start: usize,
    bytes: Vec<u8>,
}

impl Title {
    /// The title for `args`, for the process's current argument area. The area's addresses
    /// hold in a fork-like clone of this process, where [`run`] writes them.
    pub(crate) fn new(args: &[String]) -> std::io::Result<Title> {
        let stat = std::fs::read_to_string("/proc/self/stat")?;
        let (start, end) = arg_area(&stat).ok_or_else(|| {
            std::io::Error::other("cannot read the argument area from /proc/self/stat")
        })?;
        Ok(Title {
            start,
            bytes: title_bytes(args, end - start),
        })
    }
}

/// `rcon-init\0arg\0…`, cut to `len` bytes with the last one a NUL, padded with NULs.
fn title_bytes(args: &[String], len: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(len);
    for part in std::iter::once(NAME).chain(args.iter().map(String::as_str)) {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    bytes.resize(len, 0);
    if let Some(last) = bytes.last_mut() {
        // A NUL at the end tells the kernel the area holds plain arguments, nothing past it.
        *last = 0;
    }
    bytes
}

/// Overwrites the argument area with `title` (left as it is when it moved).
fn set_title(title: &Title) {
    let _ = crate::sys::args::overwrite(title.start, &title.bytes);
}

/// Runs as PID 1: forks the command (which reports a failed exec on `report` and sees the
/// terminal as its controlling terminal when `tty`), then forwards signals and reaps until the
/// command ends. Shows `title` as its command line. Never returns.
pub(crate) fn run(cmd: &Command, report: Reporter, tty: bool, title: Option<&Title>) -> ! {
    let _ = nix::sys::prctl::set_name(c"rcon-init");
    if let Some(title) = title {
        set_title(title);
    }
    let all = nix::sys::signal::SigSet::all();
    // Blocked before the fork: a signal that comes early waits for sigwait instead of being
    // lost (PID 1 ignores signals it has no handler for).
    let _ = all.thread_block();
    let child = match crate::sys::fork::fork() {
        Ok(None) => command(cmd, report, tty),
        Ok(Some(pid)) => pid,
        Err(e) => {
            let failure = Failure::new(Stage::Init, format!("init: cannot start the command: {e}"));
            report.failed(&failure);
            process::exit_now(failure.code());
        }
    };
    // Only the command holds the report channel now: it closes when the command's execve
    // succeeds.
    let _ = nix::unistd::close(report.0);
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

/// A pod's infra as PID 1: no command; it reaps what the namespace leaves it and exits 0 on
/// SIGTERM, SIGINT, SIGHUP or SIGQUIT (catatonit's pause mode). Never returns.
pub(crate) fn pause(report: Reporter, title: Option<&Title>) -> ! {
    use nix::sys::signal::Signal;
    let _ = nix::sys::prctl::set_name(c"rcon-init");
    if let Some(title) = title {
        set_title(title);
    }
    // Dumpable again, so the pod's members (their supervisors, from the host) may open its
    // namespaces. Nothing can reach it through /proc but the user's own processes: it is
    // alone in its PID namespace, and the members have PID namespaces of their own.
    let _ = nix::sys::prctl::set_dumpable(true);
    let all = nix::sys::signal::SigSet::all();
    let _ = all.thread_block();
    // Ready, then closing the report channel: the supervisor hears the start succeeded.
    report.ready();
    let _ = nix::unistd::close(report.0);
    loop {
        match all.wait() {
            Ok(Signal::SIGTERM | Signal::SIGINT | Signal::SIGHUP | Signal::SIGQUIT) => {
                process::exit_now(0)
            }
            Ok(Signal::SIGCHLD) => {
                let _ = reap(-1);
            }
            _ => {}
        }
    }
}

/// The command's side of the fork: its own session (with the terminal), default signals, exec.
fn command(cmd: &Command, report: Reporter, tty: bool) -> ! {
    let _ = nix::unistd::setsid();
    if tty {
        if let Err(e) = crate::sys::tty::set_controlling_terminal() {
            let failure = Failure::call(
                Stage::Session,
                "cannot make the terminal the controlling terminal",
                &e,
            );
            report.failed(&failure);
            process::exit_now(failure.code());
        }
    }
    let failure = startup::exec(cmd, &mut Kernel, report);
    report.failed(&failure);
    process::exit_now(failure.code())
}

/// Reaps every finished child; the command's exit code once it is among them.
fn reap(command: i32) -> Option<i32> {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    let mut code = None;
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(_) => return code,
            Ok(status) if status.pid().map(|p| p.as_raw()) == Some(command) => {
                code = process::exit_code(status).or(code)
            }
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_argument_area_is_read_after_an_odd_command_name() {
        let mut stat = String::from("42 (a ) b (c) S");
        for i in 4..=47 {
            stat.push_str(&format!(" {i}"));
        }
        stat.push_str(" 1000 1200 1200 1300 0\n");
        assert_eq!(arg_area(&stat), Some((1000, 1200)));
        assert_eq!(arg_area("42 (x) S 1"), None);
    }

    #[test]
    fn the_title_names_the_init_and_the_command_and_fits_the_area() {
        let args = vec!["sh".to_string(), "-c".to_string(), "sleep 1".to_string()];
        assert_eq!(
            title_bytes(&args, 30),
            b"rcon-init\0sh\0-c\0sleep 1\0\0\0\0\0\0\0"
        );
        let cut = title_bytes(&args, 12);
        assert_eq!(cut, b"rcon-init\0s\0");
    }

    #[test]
    fn this_process_has_an_argument_area() {
        let title = Title::new(&["true".to_string()]).unwrap();
        assert!(title.bytes.starts_with(b"rcon-init\0true\0"));
    }
}
