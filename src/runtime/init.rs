//! The container's first process: [`spawn`] turns an OCI runtime spec into a running command.
//!
//! The supervisor calls it as root of the container's user namespace, inside its own mount
//! namespace, with the root filesystem mounted. Everything that can be decided beforehand is
//! decided in the supervisor ([`plan`]: the [`Container`] with its namespaces and mount plan,
//! user, capabilities, limits, argv); then a fork-like clone3 makes the child in new mount, pid,
//! uts, ipc, cgroup (and network) namespaces of that same user namespace. The child runs the
//! start-up every process rcon starts in a container shares ([`startup::child`]): the
//! container's own steps (guard, stdio, network, names, mounts, root), then session, limits,
//! seccomp, user, working folder, and leaves by execve (or becomes the `--init`). A failure
//! before that travels back as a typed [`Failure`] over the start-up report channel
//! ([`startup::report`]) and becomes its exit code: 127 not found, 126 cannot invoke, 125 else.
//!
//! Contract with the spec's writer (`container::spec`): `process.user.uid/gid` are used when
//! `SpawnOptions::user` is empty and `process.user.username` is unset; a `username` there (the
//! image's USER as written) is resolved like `-u`. Numeric `additionalGids` and
//! `SpawnOptions::group_add` (names or numbers, resolved in the container's /etc/group) are
//! added to the supplementary groups. For a non-root user, the spec's ambient capabilities are
//! the only ones kept (Podman puts `--cap-add` there for such users).
use crate::linux::caps::{self, CapSets};
use crate::linux::mounts::{self, PlanInput};
use crate::linux::seccomp::Filter;
use crate::linux::user;
use crate::runtime::pid1;
use crate::runtime::process;
use crate::runtime::startup::{
    self, report, Command, Container, Credentials, Failure, Fds, Outcome, Pid1, Plan, Rlimit,
    Session, Stage,
};
use oci_spec::runtime::{LinuxNamespaceType, Spec};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The container's stdio as the supervisor prepared it: pipes, or the pty's slave three times
/// (then opened with O_NOCTTY, so it can become the container's controlling terminal).
#[derive(Debug)]
pub(crate) struct StdioFds {
    pub(crate) stdin: OwnedFd,
    pub(crate) stdout: OwnedFd,
    pub(crate) stderr: OwnedFd,
    pub(crate) tty: bool,
}

/// What the spec does not say.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpawnOptions {
    /// `-u` as given (`name`, `uid`, `name:group`, `uid:gid`); empty: the spec's user.
    pub(crate) user: String,
    /// `--init`: rcon's init runs as PID 1 and starts the command.
    pub(crate) init: bool,
    /// For messages.
    pub(crate) container_id: String,
    /// `--group-add` as given: group names (looked up in the container) or gids.
    pub(crate) group_add: Vec<String>,
    /// The container's cgroup leaf, open: the process is cloned into it.
    pub(crate) cgroup: Option<RawFd>,
    /// A network namespace to join instead of making an empty one (`network::setup`).
    pub(crate) netns: Option<std::sync::Arc<OwnedFd>>,
    /// Other namespaces to join instead of making new ones (a pod's IPC, UTS, cgroup).
    pub(crate) joins: crate::runtime::startup::Joins,
    /// A pod's infra: the init pauses, holding the namespaces, and starts no command.
    pub(crate) pause: bool,
    /// The seccomp filter the command runs under; none: unconfined.
    pub(crate) seccomp: Option<std::sync::Arc<Filter>>,
    /// `--userns keep-id`: the user namespace the process enters after its root.
    pub(crate) userns: Option<std::sync::Arc<crate::linux::keepid::Userns>>,
    /// `run --preserve-fds`: descriptors the process gets and the numbers they take (each
    /// descriptor above every number).
    pub(crate) preserved: Vec<(RawFd, RawFd)>,
}

/// Why the container's command did not start: `code` is the exit code for the user (125, 126
/// or 127), `message` one line naming the thing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(crate) struct StartError {
    pub(crate) code: i32,
    pub(crate) message: String,
}

impl From<Failure> for StartError {
    fn from(f: Failure) -> StartError {
        StartError {
            code: f.code(),
            message: f.message,
        }
    }
}

/// The container's terminal: the supervisor keeps `master`, the container gets `slave`.
#[derive(Debug)]
pub(crate) struct Pty {
    pub(crate) master: OwnedFd,
    pub(crate) slave: OwnedFd,
}

/// The device number of the devpts instance [`open_pty`] made, so [`spawn`] knows to show that
/// instance (and no other) as the container's /dev/pts.
static CONTAINER_DEVPTS: AtomicU64 = AtomicU64::new(0);

/// Opens the container's terminal on a devpts instance of its own, mounted over /dev/pts in the
/// supervisor's private mount namespace (a previous one, from an earlier start, is detached
/// first). [`spawn`] then binds that instance as the container's /dev/pts, so the command sees
/// its terminal as /dev/pts/0, as with Podman, and no terminal of the host. Call in the
/// supervisor, after it unshared its mount namespace.
pub(crate) fn open_pty(size: Option<&nix::pty::Winsize>) -> std::io::Result<Pty> {
    use nix::mount::{mount, umount2, MntFlags, MsFlags};
    if CONTAINER_DEVPTS.load(Ordering::Relaxed) != 0 {
        let _ = umount2("/dev/pts", MntFlags::MNT_DETACH);
    }
    let flags = MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC;
    let data = "newinstance,ptmxmode=0666,mode=0620,gid=5";
    if let Err(nix::errno::Errno::EINVAL) = mount(
        Some("devpts"),
        "/dev/pts",
        Some("devpts"),
        flags,
        Some(data),
    ) {
        // gid 5 (tty) is not mapped in a single-uid namespace.
        mount(
            Some("devpts"),
            "/dev/pts",
            Some("devpts"),
            flags,
            Some("newinstance,ptmxmode=0666,mode=0620"),
        )?;
    }
    let pty = pty::open("/dev/pts/ptmx", size)?;
    let dev = nix::sys::stat::fstat(pty.slave.as_raw_fd())?.st_dev;
    CONTAINER_DEVPTS.store(dev, Ordering::Relaxed);
    Ok(pty)
}

/// Whether `slave` lives on the devpts instance [`open_pty`] made.
fn on_container_devpts(slave: &OwnedFd) -> bool {
    let made = CONTAINER_DEVPTS.load(Ordering::Relaxed);
    made != 0 && nix::sys::stat::fstat(slave.as_raw_fd()).is_ok_and(|st| st.st_dev == made)
}

mod pty {
    use super::Pty;
    use crate::sys::tty;
    use std::io;
    use std::os::fd::AsFd;

    /// Opens a pty pair on the devpts whose `ptmx` is `ptmx`: unlocked, sized, both ends
    /// close-on-exec and neither our controlling terminal.
    pub(crate) fn open(ptmx: &str, size: Option<&nix::pty::Winsize>) -> io::Result<Pty> {
        use nix::fcntl::OFlag;
        let flags = OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC;
        let master = crate::runtime::process::own(nix::fcntl::open(
            ptmx,
            flags,
            nix::sys::stat::Mode::empty(),
        )?);
        tty::unlock_pty(master.as_fd())?;
        if let Some(ws) = size {
            tty::set_window_size(master.as_fd(), ws)?;
        }
        let slave = tty::open_pty_peer(master.as_fd())?;
        Ok(Pty { master, slave })
    }
}

fn failed(message: impl Into<String>) -> StartError {
    Failure::new(Stage::Prepare, message).into()
}

/// Starts the container's first process and returns its pid (as the supervisor sees it) once
/// its command runs. Call only while single-threaded.
pub(crate) fn spawn(
    spec: &Spec,
    rootfs: &Path,
    stdio: StdioFds,
    opts: &SpawnOptions,
) -> Result<i32, StartError> {
    if threads() > 1 {
        return Err(failed(
            "the container's first process must be cloned from a single-threaded process",
        ));
    }
    let terminal = match stdio.tty {
        false => Terminal::None,
        true if on_container_devpts(&stdio.stdin) => Terminal::ContainerDevpts,
        true => Terminal::Other,
    };
    let plan = plan(spec, rootfs, terminal, opts)?;
    let clone_flags = plan.container.as_ref().map_or(0, |c| c.clone_flags);
    let (listener, reporter) = report::pair()
        .map_err(|e| failed(format!("cannot create the start-up report channel: {e}")))?;
    enter_pid_namespace(opts)?;
    let child = process::clone_fork_into(clone_flags, opts.cgroup).map_err(|e| {
        failed(format!(
            "cannot create the namespaces of container {}: {e}",
            short(&opts.container_id)
        ))
    })?;
    let Some(pid) = child else {
        drop(listener);
        let fds = [&stdio.stdin, &stdio.stdout, &stdio.stderr].map(AsRawFd::as_raw_fd);
        startup::child(&plan, fds, reporter)
    };
    // Our copies of the child's ends go now: the report channel then ends when the child's
    // execve closes its copy, or when it exits.
    drop(process::own(reporter.0));
    drop(stdio);
    let outcome = listener
        .outcome()
        .map_err(|e| failed(format!("cannot read the container's start report: {e}")))?;
    match outcome {
        Outcome::Started => Ok(pid),
        Outcome::Failed(failure) => {
            reap(pid);
            Err(failure.into())
        }
        Outcome::Vanished => {
            let how = reap(pid);
            Err(failed(format!(
                "the setup process of container {} died before running the command ({how})",
                short(&opts.container_id)
            )))
        }
    }
}

/// The number of threads of this process (field 20 of /proc/self/stat).
fn threads() -> usize {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name may hold spaces and parentheses: count from its closing one.
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(17))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

fn short(id: &str) -> &str {
    &id[..id.len().min(12)]
}

/// Waits for a child that failed; says how it ended.
fn reap(pid: i32) -> String {
    use nix::sys::wait::WaitStatus;
    match nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None) {
        Ok(WaitStatus::Signaled(_, sig, _)) => format!("killed by {sig}"),
        Ok(status) => match process::exit_code(status) {
            Some(code) => format!("exit code {code}"),
            None => format!("{status:?}"),
        },
        Err(e) => format!("cannot wait for it: {e}"),
    }
}

/// The container's terminal, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    None,
    /// From [`open_pty`]: its devpts instance becomes the container's /dev/pts.
    ContainerDevpts,
    /// Any other terminal: the container gets a fresh devpts, and the terminal shows as
    /// /dev/console only.
    Other,
}

/// Everything the child does, decided in the supervisor before the clone: reads the spec and
/// the container's /etc/passwd and /etc/group (through `rootfs`).
fn plan(
    spec: &Spec,
    rootfs: &Path,
    terminal: Terminal,
    opts: &SpawnOptions,
) -> Result<Plan, StartError> {
    let tty = terminal != Terminal::None;
    let process = spec
        .process()
        .as_ref()
        .ok_or_else(|| failed("the container's config.json has no process"))?;
    let linux = spec.linux().clone().unwrap_or_default();
    let (mut clone_flags, private_net) = namespaces(&linux)?;
    if opts.netns.is_some() {
        // The supervisor's namespace is joined in the child instead.
        clone_flags &= !(libc::CLONE_NEWNET as u64);
    }
    for (ns, _) in &opts.joins {
        // Joined in the child instead of made by the clone.
        clone_flags &= !(ns.flag().bits() as u64);
    }

    let root_dir = std::fs::File::open(rootfs).map_err(|e| {
        failed(format!(
            "cannot open the root filesystem {}: {e}",
            rootfs.display()
        ))
    })?;
    let read = |path: &str| -> Result<String, StartError> {
        user::read_in_root(std::os::fd::AsFd::as_fd(&root_dir), path)
            .map(Option::unwrap_or_default)
            .map_err(|e| failed(e.to_string()))
    };
    let passwd = user::parse_passwd(&read("/etc/passwd")?);
    let groups = user::parse_group(&read("/etc/group")?);
    let spec_user = process.user();
    let who = if !opts.user.is_empty() {
        opts.user.clone()
    } else if let Some(name) = spec_user.username().as_ref().filter(|n| !n.is_empty()) {
        name.clone()
    } else if spec_user.gid() == 0 {
        spec_user.uid().to_string()
    } else {
        format!("{}:{}", spec_user.uid(), spec_user.gid())
    };
    let mut group_add = opts.group_add.clone();
    group_add.extend(
        spec_user
            .additional_gids()
            .iter()
            .flatten()
            .map(u32::to_string),
    );
    let exec_user =
        user::resolve(&who, &passwd, &groups, &group_add).map_err(|e| failed(e.to_string()))?;
    let (uid_map, gid_map) = match &opts.userns {
        Some(ns) => (ns.uid_map.clone(), ns.gid_map.clone()),
        None => (
            std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default(),
            std::fs::read_to_string("/proc/self/gid_map").unwrap_or_default(),
        ),
    };
    user::check_mapped(&exec_user, &uid_map, &gid_map).map_err(|e| failed(e.to_string()))?;
    let set_groups =
        std::fs::read_to_string("/proc/self/setgroups").is_ok_and(|s| s.trim() == "allow");

    let mut env = process.env().clone().unwrap_or_default();
    if startup::env_value(env.iter().map(String::as_str), "HOME").is_none() {
        env.push(format!("HOME={}", exec_user.home));
    }
    let args = process.args().clone().unwrap_or_default();
    let command = Command::new(&args, &env).map_err(StartError::from)?;
    let title = ((opts.init || opts.pause)
        .then(|| pid1::Title::new(&args))
        .transpose())
    .map_err(|e| failed(format!("cannot prepare the init's command line: {e}")))?;

    let cwd = process.cwd().to_string_lossy().into_owned();
    if !cwd.starts_with('/') {
        return Err(failed(format!(
            "the working folder {cwd:?} must be an absolute path"
        )));
    }
    let devices: Vec<String> = linux
        .devices()
        .iter()
        .flatten()
        .map(|d| d.path().to_string_lossy().into_owned())
        .collect();
    let steps = mounts::plan(&PlanInput {
        mounts: spec.mounts().as_deref().unwrap_or_default(),
        masked: linux.masked_paths().as_deref(),
        readonly: linux.readonly_paths().as_deref(),
        devices,
        private_net,
        tty,
        devpts_from_supervisor: terminal == Terminal::ContainerDevpts,
        etc_dir: rootfs.parent(),
        cwd: &cwd,
        no_shm: spec
            .annotations()
            .as_ref()
            .is_some_and(|a| a.contains_key(mounts::NO_SHM_ANNOTATION)),
        cwd_must_exist: spec
            .annotations()
            .as_ref()
            .and_then(|a| a.get(mounts::WORKDIR_ANNOTATION))
            .is_some_and(|v| v == "true"),
    })
    .map_err(|e| failed(e.to_string()))?;
    let uts = clone_flags & libc::CLONE_NEWUTS as u64 != 0;
    let container = Container {
        clone_flags,
        parent: crate::sys::pidfd::open(std::process::id() as i32).ok(),
        netns: opts.netns.clone(),
        // The PID namespace is the clone's own (see `enter_pid_namespace`), not joined after it.
        joins: opts
            .joins
            .iter()
            .filter(|(ns, _)| *ns != crate::linux::nsenter::Namespace::Pid)
            .cloned()
            .collect(),
        hostname: spec.hostname().clone().filter(|_| uts),
        domainname: spec.domainname().clone().filter(|_| uts),
        rootfs: rootfs.to_path_buf(),
        mounts: steps,
        readonly_root: spec
            .root()
            .as_ref()
            .and_then(|r| r.readonly())
            .unwrap_or(false),
        userns: opts.userns.clone(),
    };
    Ok(Plan {
        container: Some(container),
        session: Session {
            own_terminal: tty,
            // With `--init`, the command's instead.
            controlling_terminal: tty && !opts.init,
        },
        rlimits: Rlimit::from_spec(process),
        seccomp: opts.seccomp.clone(),
        no_new_privs: process.no_new_privileges().unwrap_or(false),
        caps: CapSets::from_spec(process.capabilities().as_ref(), exec_user.uid),
        user: Credentials {
            uid: exec_user.uid,
            gid: exec_user.gid,
            groups: exec_user.groups,
            set_groups,
        },
        last_cap: caps::apply::last_cap(),
        die_with_parent: true,
        umask: spec_user.umask().unwrap_or(0o022),
        cwd,
        fds: if opts.preserved.is_empty() {
            Fds::CloseAll
        } else {
            Fds::Move(opts.preserved.clone())
        },
        command,
        pid1: (opts.init || opts.pause).then_some(Pid1 {
            title,
            tty,
            pause: opts.pause,
        }),
    })
}

/// A pod's shared PID namespace is entered by the clone itself: the supervisor makes it the
/// namespace of its children to come. It cannot go back (its own namespace belongs to the
/// host's user namespace), nor does it need to: its only children from here on are the
/// container's processes (the network helpers and the FUSE server are started before).
fn enter_pid_namespace(opts: &SpawnOptions) -> Result<(), StartError> {
    use crate::linux::nsenter::Namespace;
    if let Some((_, fd)) = opts.joins.iter().find(|(ns, _)| *ns == Namespace::Pid) {
        nix::sched::setns(fd, nix::sched::CloneFlags::CLONE_NEWPID)
            .map_err(|e| failed(format!("cannot join the pod's PID namespace: {e}")))?;
    }
    Ok(())
}

/// Clone flags for the spec's namespaces (the user namespace is the supervisor's already), and
/// whether the network namespace is private.
fn namespaces(linux: &oci_spec::runtime::Linux) -> Result<(u64, bool), StartError> {
    let mut flags = libc::CLONE_NEWNS as u64;
    let mut private_net = false;
    for ns in linux.namespaces().iter().flatten() {
        if let Some(path) = ns.path() {
            return Err(failed(format!(
                "joining the {} namespace at {} is not supported yet",
                ns.typ(),
                path.display()
            )));
        }
        flags |= match ns.typ() {
            LinuxNamespaceType::Mount => libc::CLONE_NEWNS,
            LinuxNamespaceType::Pid => libc::CLONE_NEWPID,
            LinuxNamespaceType::Uts => libc::CLONE_NEWUTS,
            LinuxNamespaceType::Ipc => libc::CLONE_NEWIPC,
            LinuxNamespaceType::Cgroup => libc::CLONE_NEWCGROUP,
            LinuxNamespaceType::Network => {
                private_net = true;
                libc::CLONE_NEWNET
            }
            LinuxNamespaceType::Time => 0x80,
            LinuxNamespaceType::User => 0,
        } as u64;
    }
    Ok((flags, private_net))
}

#[cfg(test)]
mod tests;
