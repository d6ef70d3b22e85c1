//! The one start-up path of every process rcon starts inside a container: the container's first
//! process ([`crate::runtime::init`]), a process of `rcon exec` ([`crate::runtime::exec`]) and,
//! later, a build's RUN step.
//!
//! The parent decides everything before its clone or fork and writes it into a [`Plan`]: for a
//! first process the [`Container`] it makes (namespaces, network, names, mounts, root), then the
//! session and terminal, resource limits, the seccomp filter, user, groups and capabilities,
//! no_new_privs, umask, working folder, which descriptors survive, the command (argv, env and
//! its `$PATH` candidates) and whether rcon's `--init` runs it. The child then calls [`child`],
//! which runs [`run`]: every step in one order, each one a small function over the [`Sys`]
//! trait, the container's own ones only where the plan has a container. [`Kernel`] makes the real calls; the unit tests record them with a fake, so
//! the order is pinned without privileges.
//!
//! Ordering constraints, as [`run`] keeps them:
//! - The seccomp filter loads while the process still has CAP_SYS_ADMIN (before the user
//!   changes) unless no_new_privs is set; with no_new_privs it loads last, so the filter never
//!   has to allow the set-up's own calls.
//! - The bounding set is dropped before the user changes (needs CAP_SETPCAP); the other sets are
//!   set after it, kept across the change with PR_SET_KEEPCAPS. Changing credentials resets the
//!   dumpable flag and the parent-death signal: both are set again afterwards.
//! - The working folder is entered as the command's user, then checked to lie inside the root.
//!
//! Resource limits have one behaviour here: a limit the process may not set (a hard limit above
//! its current one needs CAP_SYS_RESOURCE of the initial user namespace) fails the start with
//! exit code 125 and a message naming the limit, as runc and crun do with a container's spec.
//! An exec'd process's plan asks only for what its caller holds
//! ([`Rlimit::within_callers_hard_limit`]): the container's limits were taken where it was
//! created, which may have granted more.
//!
//! A failure travels back as a typed [`Failure`] (step, errno, message) over the
//! [`report`] channel; [`failure::exit_code`] numbers it: 127 not found, 126 cannot invoke, 125 else.
mod command;
mod container;
mod failure;
mod kernel;
pub(crate) mod report;
mod rlimits;

pub(crate) use command::{env_value, Command, DEFAULT_PATH};
pub(crate) use container::{Container, Joins};
pub(crate) use failure::{describe_errno, Failure, Stage, EXIT_FAILED, EXIT_NOT_FOUND};
pub(crate) use kernel::Kernel;
pub(crate) use report::{Outcome, Reporter};
pub(crate) use rlimits::Rlimit;

use crate::linux::caps::{CapSets, CapsError};
use crate::linux::mounts::Step;
use crate::linux::seccomp::Filter;
use crate::runtime::pid1::Title;
use std::convert::Infallible;
use std::ffi::CString;
use std::io;
use std::os::fd::{OwnedFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The user the command runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    /// Supplementary groups, set only when `set_groups` (the namespace allows setgroups).
    pub(crate) groups: Vec<u32>,
    pub(crate) set_groups: bool,
}

/// The process's session and terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Session {
    /// Stdin is a terminal that goes to the command's user (as runc and crun do it).
    pub(crate) own_terminal: bool,
    /// Stdin becomes the session's controlling terminal.
    pub(crate) controlling_terminal: bool,
}

/// Which descriptors the command gets besides stdio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fds {
    /// None: every other one is closed now, the report channel moved to 3 until execve.
    CloseAll,
    /// 3 to 3+N-1 (`--preserve-fds`); every other one closes at execve.
    Preserve(u32),
    /// Each (descriptor, number): the descriptor, above every number here, put at its number
    /// below 3+N (`run --preserve-fds`, from the supervisor's copies); every other one
    /// closes at execve.
    Move(Vec<(RawFd, RawFd)>),
}

/// `--init`: rcon's init runs as PID 1 and starts the command.
#[derive(Debug, Clone)]
pub(crate) struct Pid1 {
    /// The command line it shows instead of its parent's.
    pub(crate) title: Option<Title>,
    /// The command gets the terminal as its controlling terminal.
    pub(crate) tty: bool,
    /// A pod's infra: no command, the init pauses until told to stop.
    pub(crate) pause: bool,
}

/// Everything the child does, decided before the clone or fork.
#[derive(Debug)]
pub(crate) struct Plan {
    /// For a first process: the container it makes. None for a process that joined one.
    pub(crate) container: Option<Container>,
    pub(crate) session: Session,
    pub(crate) rlimits: Vec<Rlimit>,
    pub(crate) seccomp: Option<Arc<Filter>>,
    pub(crate) no_new_privs: bool,
    pub(crate) user: Credentials,
    pub(crate) caps: CapSets,
    /// The highest capability number of this kernel (read before the clone).
    pub(crate) last_cap: u32,
    /// Set the parent-death signal again after the user changed (the parent is rcon's
    /// supervisor, whose end is the container's).
    pub(crate) die_with_parent: bool,
    pub(crate) umask: u32,
    /// The working folder, absolute, inside the container.
    pub(crate) cwd: String,
    pub(crate) fds: Fds,
    pub(crate) command: Command,
    pub(crate) pid1: Option<Pid1>,
}

/// The system calls of the shared steps: [`Kernel`] makes them, the tests record them.
pub(crate) trait Sys {
    /// Whether the process behind a pidfd has exited.
    fn exited(&mut self, pidfd: &OwnedFd) -> bool;
    /// Moves `fd` to the lowest free number at or above `min` (close-on-exec).
    fn move_above(&mut self, fd: RawFd, min: RawFd) -> io::Result<RawFd>;
    fn join_netns(&mut self, ns: &OwnedFd) -> io::Result<()>;
    fn join_namespace(
        &mut self,
        fd: &OwnedFd,
        ns: crate::linux::nsenter::Namespace,
    ) -> io::Result<()>;
    fn set_hostname(&mut self, name: &str) -> io::Result<()>;
    fn set_domainname(&mut self, name: &str) -> io::Result<()>;
    /// Prepares `rootfs` and applies the mount plan inside it.
    /// `owner`: who the mount points it makes belong to (uid, gid), when not the caller.
    fn mount(
        &mut self,
        rootfs: &Path,
        steps: &[Step],
        owner: Option<(u32, u32)>,
    ) -> Result<(), Failure>;
    /// pivot_root into `rootfs`, then the root read-only when `readonly`.
    fn pivot_root(&mut self, rootfs: &Path, readonly: bool) -> Result<(), Failure>;
    fn install_stdio(&mut self, stdio: [RawFd; 3]) -> io::Result<()>;
    fn setsid(&mut self) -> io::Result<()>;
    /// Gives the terminal on stdin to `uid`/`gid`; best effort.
    fn give_terminal(&mut self, uid: u32, gid: u32);
    fn set_controlling_terminal(&mut self) -> io::Result<()>;
    fn set_rlimit(&mut self, limit: &Rlimit) -> io::Result<()>;
    fn load_seccomp(&mut self, filter: &Filter) -> io::Result<()>;
    fn drop_bounding(&mut self, caps: &CapSets, last_cap: u32) -> Result<(), CapsError>;
    fn set_keepcaps(&mut self, keep: bool) -> io::Result<()>;
    fn set_groups(&mut self, groups: &[u32]) -> io::Result<()>;
    fn set_gid(&mut self, gid: u32) -> io::Result<()>;
    fn set_uid(&mut self, uid: u32) -> io::Result<()>;
    fn set_caps(&mut self, caps: &CapSets, last_cap: u32) -> Result<(), CapsError>;
    fn set_pdeathsig(&mut self) -> io::Result<()>;
    fn set_undumpable(&mut self) -> io::Result<()>;
    fn chdir(&mut self, dir: &str) -> io::Result<()>;
    fn getcwd(&mut self) -> io::Result<PathBuf>;
    fn set_no_new_privs(&mut self) -> io::Result<()>;
    fn set_umask(&mut self, mask: u32);
    /// Moves `fd` to `to` (close-on-exec), closing `fd`; returns where it is now.
    fn move_fd(&mut self, fd: RawFd, to: RawFd) -> io::Result<RawFd>;
    fn close_from(&mut self, first: RawFd) -> io::Result<()>;
    fn keep_across_exec(&mut self, fd: RawFd) -> io::Result<()>;
    /// A copy of `fd` at `to` (whatever was there closed), kept across execve.
    fn copy_to(&mut self, fd: RawFd, to: RawFd) -> io::Result<()>;
    fn close_at_exec_from(&mut self, first: RawFd) -> io::Result<()>;
    fn reset_signals(&mut self);
    fn execve(&mut self, path: &CString, argv: &[CString], env: &[CString]) -> io::Error;
    /// Becomes rcon's `--init` and starts the command (never returns in [`Kernel`]).
    fn run_pid1(&mut self, plan: &Plan, pid1: &Pid1, report: Reporter) -> Failure;
}

/// In the child: runs [`run`] with the real calls; a failure (or a panic) is reported, then
/// `_exit` with its code. Never returns.
pub(crate) fn child(plan: &Plan, stdio: [RawFd; 3], report: Reporter) -> ! {
    let mut report = report;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run(plan, &mut Kernel, stdio, &mut report)
    }));
    let failure = match result {
        Ok(Err(failure)) => failure,
        Ok(Ok(never)) => match never {},
        Err(_) => Failure::new(Stage::Prepare, "the start-up of the process panicked"),
    };
    report.failed(&failure);
    crate::sys::process::exit_now(failure.code())
}

/// Every step, in order; returns only on failure. `stdio` becomes 0, 1 and 2; `report` is the
/// child's end of the report channel (moved by [`container::guard`] and [`keep_fds`]).
pub(crate) fn run(
    plan: &Plan,
    sys: &mut impl Sys,
    stdio: [RawFd; 3],
    report: &mut Reporter,
) -> Result<Infallible, Failure> {
    if let Some(c) = &plan.container {
        container::guard(c, sys, report)?;
    }
    take_stdio(sys, stdio)?;
    if let Some(c) = &plan.container {
        container::join_network(c, sys)?;
        container::set_names(c, sys)?;
        container::mount_filesystems(c, sys)?;
        container::enter_root(c, sys)?;
        container::enter_userns(c, sys)?;
    }
    start_session(plan, sys)?;
    set_rlimits(plan, sys)?;
    // Without no_new_privs the kernel wants CAP_SYS_ADMIN for the filter: while we have it.
    if !plan.no_new_privs {
        load_seccomp(plan, sys)?;
    }
    switch_user(plan, sys)?;
    enter_cwd(plan, sys)?;
    finish_privileges(plan, sys)?;
    if plan.no_new_privs {
        load_seccomp(plan, sys)?;
    }
    keep_fds(plan, sys, report)?;
    if let Some(pid1) = &plan.pid1 {
        return Err(sys.run_pid1(plan, pid1, *report));
    }
    Err(exec(&plan.command, sys, *report))
}

/// Moves the three stdio descriptors to 0, 1 and 2 (without close-on-exec).
fn take_stdio(sys: &mut impl Sys, stdio: [RawFd; 3]) -> Result<(), Failure> {
    sys.install_stdio(stdio)
        .map_err(|e| Failure::call(Stage::Stdio, "cannot set up the container's stdio", &e))
}

/// A session of its own: the user's terminal is never the command's controlling terminal
/// unless it is the container's.
fn start_session(plan: &Plan, sys: &mut impl Sys) -> Result<(), Failure> {
    sys.setsid()
        .map_err(|e| Failure::call(Stage::Session, "cannot start a session", &e))?;
    if plan.session.own_terminal {
        sys.give_terminal(plan.user.uid, plan.user.gid);
    }
    if plan.session.controlling_terminal {
        sys.set_controlling_terminal().map_err(|e| {
            Failure::call(
                Stage::Session,
                "cannot make the terminal the controlling terminal",
                &e,
            )
        })?;
    }
    Ok(())
}

fn set_rlimits(plan: &Plan, sys: &mut impl Sys) -> Result<(), Failure> {
    for limit in &plan.rlimits {
        sys.set_rlimit(limit).map_err(|e| {
            let mut f = Failure::call(
                Stage::Rlimits,
                format!(
                    "cannot set ulimit {}={}:{}",
                    limit.flag_name(),
                    limit.soft,
                    limit.hard
                ),
                &e,
            );
            f.message.push_str(
                "; an unprivileged user cannot raise a hard limit above its current value",
            );
            f
        })?;
    }
    Ok(())
}

/// The container's seccomp filter, prepared by the parent: only handed to the kernel here.
fn load_seccomp(plan: &Plan, sys: &mut impl Sys) -> Result<(), Failure> {
    match &plan.seccomp {
        Some(filter) => sys
            .load_seccomp(filter)
            .map_err(|e| Failure::call(Stage::Seccomp, "cannot load the seccomp filter", &e)),
        None => Ok(()),
    }
}

fn caps_failure(e: CapsError) -> Failure {
    let CapsError::Call { source, .. } = &e;
    Failure {
        stage: Stage::Capabilities,
        errno: Some(*source as i32),
        message: e.to_string(),
    }
}

/// Bounding set, groups, gid, uid, then the capability sets for the new user (kept across the
/// uid change with PR_SET_KEEPCAPS and set exactly afterwards). Changing credentials (the uid,
/// and the capability sets too) clears the parent-death signal and the dumpable flag: both are
/// set again, the dumpable flag at once, as the process is in the container with rcon's
/// executable until execve.
fn switch_user(plan: &Plan, sys: &mut impl Sys) -> Result<(), Failure> {
    let fail = |what: String| move |e: io::Error| Failure::call(Stage::User, what, &e);
    sys.drop_bounding(&plan.caps, plan.last_cap)
        .map_err(caps_failure)?;
    sys.set_keepcaps(true)
        .map_err(fail("cannot keep capabilities".into()))?;
    let u = &plan.user;
    if u.set_groups {
        sys.set_groups(&u.groups)
            .map_err(fail("cannot set the supplementary groups".into()))?;
    }
    sys.set_gid(u.gid)
        .map_err(fail(format!("cannot switch to gid {}", u.gid)))?;
    sys.set_uid(u.uid)
        .map_err(fail(format!("cannot switch to uid {}", u.uid)))?;
    sys.set_undumpable()
        .map_err(fail("cannot stay non-dumpable".into()))?;
    sys.set_keepcaps(false)
        .map_err(fail("cannot reset keep-capabilities".into()))?;
    sys.set_caps(&plan.caps, plan.last_cap)
        .map_err(caps_failure)?;
    if plan.die_with_parent {
        sys.set_pdeathsig()
            .map_err(fail("cannot set the parent-death signal".into()))?;
    }
    sys.set_undumpable()
        .map_err(fail("cannot stay non-dumpable".into()))
}

/// chdir as the user, then a check that the folder is inside the root: our root is the
/// container's, so `..` and absolute links stay inside it, but a magic link (/proc/self/fd/N of
/// a descriptor still open, /proc/N/cwd) does not; the kernel's getcwd then names the folder
/// "(unreachable)/…", or fails.
fn enter_cwd(plan: &Plan, sys: &mut impl Sys) -> Result<(), Failure> {
    let cwd = &plan.cwd;
    sys.chdir(cwd).map_err(|e| {
        Failure::call(
            Stage::Cwd,
            format!("cannot enter the working folder `{cwd}`"),
            &e,
        )
    })?;
    let outside = |detail: String| Failure {
        stage: Stage::Cwd,
        errno: Some(libc::EXDEV),
        message: format!(
            "the working folder `{cwd}` resolves outside the container ({detail}): use a folder \
             inside it"
        ),
    };
    match sys.getcwd() {
        Ok(dir) if dir.starts_with("/") => Ok(()),
        Ok(dir) => Err(outside(dir.display().to_string())),
        Err(e) => Err(outside(describe_errno(&e))),
    }
}

fn finish_privileges(plan: &Plan, sys: &mut impl Sys) -> Result<(), Failure> {
    if plan.no_new_privs {
        sys.set_no_new_privs()
            .map_err(|e| Failure::call(Stage::NoNewPrivs, "cannot set no_new_privs", &e))?;
    }
    sys.set_umask(plan.umask);
    Ok(())
}

/// Nothing of the parent reaches the command but stdio and the descriptors it was meant to get.
fn keep_fds(plan: &Plan, sys: &mut impl Sys, report: &mut Reporter) -> Result<(), Failure> {
    let fail = |e: io::Error| Failure::call(Stage::Fds, "cannot close inherited descriptors", &e);
    match &plan.fds {
        Fds::CloseAll => {
            if report.0 != 3 {
                report.0 = sys.move_fd(report.0, 3).map_err(fail)?;
            }
            sys.close_from(4).map_err(fail)
        }
        Fds::Move(from) => {
            let first = from.iter().map(|(_, to)| to + 1).max().unwrap_or(3);
            // The report channel goes above them first; the sources lie above them already.
            if report.0 < first {
                report.0 = sys.move_above(report.0, first).map_err(fail)?;
            }
            for (fd, to) in from {
                sys.copy_to(*fd, *to).map_err(fail)?;
            }
            sys.close_at_exec_from(first).map_err(fail)
        }
        Fds::Preserve(n) => {
            let first = 3 + *n as RawFd;
            for fd in 3..first {
                sys.keep_across_exec(fd).map_err(fail)?;
            }
            // The report channel sits above them and closes at execve with the rest.
            sys.close_at_exec_from(first).map_err(fail)
        }
    }
}

/// Default signal dispositions (the parent blocks signals for its signalfd and Rust ignores
/// SIGPIPE: neither may reach the command), "ready" to the parent, then the `$PATH` search and
/// execve. Returns the failure when no execve worked.
pub(crate) fn exec(command: &Command, sys: &mut impl Sys, report: Reporter) -> Failure {
    sys.reset_signals();
    report.ready();
    command.exec(sys)
}

#[cfg(test)]
mod tests;
