//! Entering a running container from outside: its first process pinned by a pidfd and checked
//! against its supervisor, signals, the processes of its PID namespace, and joining its
//! namespaces (`exec`; the process it starts is `runtime::exec`). What it needs to know of the
//! container is a [`Target`], which the container's recorded state converts into.
//!
//! The supervisor and the container share one user namespace, created by the user, so the user
//! holds every capability in it from the initial namespace: a signal to a container process
//! running as uid 1000 (host uid 100999) normally goes straight through the pidfd. Where the
//! kernel refuses it from outside, a forked child joins the user namespace and sends it from
//! there. `exec` joins every namespace in the calling process itself (user first), which is why
//! it must be single-threaded, then forks so the PID namespace applies to the child.
use crate::sys::pidfd;
use nix::errno::Errno;
use nix::sched::CloneFlags;
use std::ffi::CString;
use std::fs;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;

/// Why entering or signalling a container failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NsenterError {
    #[error("the container is not running (no live supervisor or first process)")]
    NotRunning,
    #[error("cannot open process {pid}: {source}")]
    Pidfd {
        pid: i32,
        #[source]
        source: io::Error,
    },
    #[error("process {pid} is not the container's first process any more (its supervisor is {supervisor}): run the command again")]
    Stale { pid: i32, supervisor: i32 },
    #[error("cannot send signal {sig} to process {pid}: {source}")]
    Signal {
        sig: i32,
        pid: i32,
        #[source]
        source: io::Error,
    },
    #[error("cannot open the {ns} namespace of process {pid}: {source}")]
    OpenNamespace {
        ns: &'static str,
        pid: i32,
        #[source]
        source: io::Error,
    },
    #[error("cannot join the {ns} namespace of process {pid}: {source}")]
    Join {
        ns: &'static str,
        pid: i32,
        #[source]
        source: io::Error,
    },
    #[error("rcon runs {threads} threads and can only join a container's namespaces with one")]
    Threaded { threads: usize },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot start a process: {source}")]
    Fork {
        #[source]
        source: io::Error,
    },
}

type Result<T> = std::result::Result<T, NsenterError>;

/// What entering or signalling a container needs to know of it, as its state records it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Target {
    /// The container is running or paused.
    pub(crate) running: bool,
    /// Its first process, a host pid.
    pub(crate) init_pid: i32,
    /// Its supervisor, a host pid.
    pub(crate) supervisor_pid: i32,
    /// The supervisor is alive: the recorded pid, start time and boot still match.
    pub(crate) supervisor_alive: bool,
}

/// The namespaces `exec` joins, in the order it joins them: the user namespace first, so the
/// others are joined with its capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Namespace {
    User,
    Mount,
    Pid,
    Uts,
    Ipc,
    Net,
    Cgroup,
}

impl Namespace {
    pub(crate) const JOIN_ORDER: [Namespace; 7] = [
        Namespace::User,
        Namespace::Mount,
        Namespace::Pid,
        Namespace::Uts,
        Namespace::Ipc,
        Namespace::Net,
        Namespace::Cgroup,
    ];

    /// The file name under /proc/PID/ns.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Namespace::User => "user",
            Namespace::Mount => "mnt",
            Namespace::Pid => "pid",
            Namespace::Uts => "uts",
            Namespace::Ipc => "ipc",
            Namespace::Net => "net",
            Namespace::Cgroup => "cgroup",
        }
    }

    pub(crate) fn flag(self) -> CloneFlags {
        match self {
            Namespace::User => CloneFlags::CLONE_NEWUSER,
            Namespace::Mount => CloneFlags::CLONE_NEWNS,
            Namespace::Pid => CloneFlags::CLONE_NEWPID,
            Namespace::Uts => CloneFlags::CLONE_NEWUTS,
            Namespace::Ipc => CloneFlags::CLONE_NEWIPC,
            Namespace::Net => CloneFlags::CLONE_NEWNET,
            Namespace::Cgroup => CloneFlags::CLONE_NEWCGROUP,
        }
    }
}

/// The container's first process, pinned by a pidfd: once opened and checked, a recycled pid
/// can never be signalled in its place.
#[derive(Debug)]
pub(crate) struct Init {
    pid: i32,
    pidfd: OwnedFd,
    /// The process whose /proc entries stand for the container's namespaces and root: the
    /// first process itself, or its first child when the first process is rcon's own
    /// `--init` ([`view_process`]).
    view: i32,
    /// Pins `view` when it is a child.
    _view_pidfd: Option<OwnedFd>,
}

/// Sends `sig` to the container's first process (`target.init_pid`, a host pid).
pub(crate) fn signal(target: &Target, sig: i32) -> std::result::Result<(), NsenterError> {
    Init::open(target)?.signal(sig)
}

impl Init {
    /// Opens a pidfd on `target.init_pid` and checks it still belongs to this container: its
    /// supervisor is alive (pid, start time and boot recorded in the state) and is the
    /// process's parent or grandparent.
    pub(crate) fn open(target: &Target) -> Result<Init> {
        if !target.running || target.init_pid <= 0 || !target.supervisor_alive {
            return Err(NsenterError::NotRunning);
        }
        let pid = target.init_pid;
        let pidfd = pidfd::open(pid).map_err(|source| match source.raw_os_error() {
            Some(libc::ESRCH) => NsenterError::NotRunning,
            _ => NsenterError::Pidfd { pid, source },
        })?;
        let mut ancestor = pid;
        let mut owned = false;
        for _ in 0..2 {
            match status_field(ancestor, "PPid").and_then(|v| v.parse().ok()) {
                Some(ppid) if ppid == target.supervisor_pid => {
                    owned = true;
                    break;
                }
                Some(ppid) => ancestor = ppid,
                None => break,
            }
        }
        // Still alive after the check: then /proc/<pid> read above was this very process.
        let alive = pidfd::send_signal(pidfd.as_fd(), 0).is_ok();
        if !alive {
            return Err(NsenterError::NotRunning);
        }
        if !owned {
            return Err(NsenterError::Stale {
                pid,
                supervisor: target.supervisor_pid,
            });
        }
        // Signals need no view; what does need one reports the kernel's refusal itself.
        let (view, view_pidfd) = view_process(pid).unwrap_or((pid, None));
        Ok(Init {
            pid,
            pidfd,
            view,
            _view_pidfd: view_pidfd,
        })
    }

    /// The host pid.
    pub(crate) fn pid(&self) -> i32 {
        self.pid
    }

    /// Sends `sig`, from outside when the kernel allows it, else from inside the container's
    /// user namespace.
    pub(crate) fn signal(&self, sig: i32) -> Result<()> {
        match pidfd::send_signal(self.pidfd.as_fd(), sig) {
            Ok(()) => Ok(()),
            Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Err(NsenterError::NotRunning),
            Err(e) if e.raw_os_error() == Some(libc::EPERM) => {
                self.signal_from_inside(self.pidfd.as_fd(), self.pid, sig)
            }
            Err(source) => Err(NsenterError::Signal {
                sig,
                pid: self.pid,
                source,
            }),
        }
    }

    /// Forks a child that joins the container's user namespace (where the user holds CAP_KILL
    /// over every uid of the container) and sends `sig` through `pidfd`. A child, so the
    /// caller may be multi-threaded and keeps its own namespaces.
    fn signal_from_inside(&self, pidfd: BorrowedFd<'_>, pid: i32, sig: i32) -> Result<()> {
        let userns = self.open_ns(Namespace::User)?;
        let child = pidfd::fork_send_signal_in_userns(userns.as_fd(), pidfd, sig)
            .map_err(|source| NsenterError::Fork { source })?;
        let child = nix::unistd::Pid::from_raw(child);
        let status = loop {
            match nix::sys::wait::waitpid(child, None) {
                Err(Errno::EINTR) => continue,
                other => break other,
            }
        };
        match status {
            Ok(nix::sys::wait::WaitStatus::Exited(_, 0)) => Ok(()),
            Ok(nix::sys::wait::WaitStatus::Exited(_, libc::ESRCH)) => Err(NsenterError::NotRunning),
            Ok(nix::sys::wait::WaitStatus::Exited(_, code)) => Err(NsenterError::Signal {
                sig,
                pid,
                source: io::Error::from_raw_os_error(code),
            }),
            Ok(other) => Err(NsenterError::Signal {
                sig,
                pid,
                source: io::Error::other(format!("the signalling child ended: {other:?}")),
            }),
            Err(e) => Err(NsenterError::Fork { source: e.into() }),
        }
    }

    /// The inode of one of the process's namespaces.
    pub(crate) fn ns_inode(&self, ns: Namespace) -> Result<u64> {
        ns_inode(self.view, ns).map_err(|source| NsenterError::OpenNamespace {
            ns: ns.name(),
            pid: self.view,
            source,
        })
    }

    pub(crate) fn open_ns(&self, ns: Namespace) -> Result<OwnedFd> {
        open_path(
            &format!("/proc/{}/ns/{}", self.view, ns.name()),
            libc::O_RDONLY,
        )
        .map_err(|source| NsenterError::OpenNamespace {
            ns: ns.name(),
            pid: self.view,
            source,
        })
    }

    /// The process's root folder (`/proc/PID/root`), as an fd to resolve paths under with
    /// [`read_in_root`].
    pub(crate) fn root(&self) -> Result<OwnedFd> {
        let path = format!("/proc/{}/root", self.view);
        open_path(&path, libc::O_PATH | libc::O_DIRECTORY)
            .map_err(|source| NsenterError::Read { path, source })
    }

    /// Host pids of every process in the container's PID namespace, ascending.
    pub(crate) fn pids(&self) -> Result<Vec<i32>> {
        let want = self.ns_inode(Namespace::Pid)?;
        let entries = fs::read_dir("/proc").map_err(|source| NsenterError::Read {
            path: "/proc".into(),
            source,
        })?;
        let mut pids: Vec<i32> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse().ok())
            .filter(|&pid| ns_inode(pid, Namespace::Pid).ok() == Some(want))
            .collect();
        // rcon's own --init cannot be inspected, but it is the namespace's first process.
        if !pids.contains(&self.pid) {
            pids.push(self.pid);
        }
        pids.sort_unstable();
        Ok(pids)
    }

    /// Whether setgroups(2) is allowed in the container's user namespace (it is not in
    /// single-uid mode, where the map was written without newgidmap).
    pub(crate) fn setgroups_allowed(&self) -> bool {
        fs::read_to_string(format!("/proc/{}/setgroups", self.view))
            .map(|s| s.trim() == "allow")
            .unwrap_or(false)
    }

    /// Opens every namespace of the process that differs from the caller's (a container run
    /// with `--network host` shares the host's network namespace, which cannot be joined from
    /// a user namespace and needs no joining), and its root folder. A process in a user
    /// namespace of its own below the one that owns its other namespaces (`--userns keep-id`)
    /// has that owner joined first, where the joins have their privileges, and its own last.
    pub(crate) fn namespaces(&self) -> Result<Namespaces> {
        let user = self.open_ns(Namespace::User)?;
        let mnt = self.open_ns(Namespace::Mount)?;
        let owner = crate::sys::nsfs::owner_userns(mnt.as_fd()).map_err(|source| {
            NsenterError::OpenNamespace {
                ns: "mnt",
                pid: self.view,
                source,
            }
        })?;
        let inode = |fd: &OwnedFd| nix::sys::stat::fstat(fd.as_raw_fd()).map(|st| st.st_ino);
        let owner_ino = inode(&owner).map_err(|e| NsenterError::OpenNamespace {
            ns: "user",
            pid: self.view,
            source: e.into(),
        })?;
        let nested = inode(&user).is_ok_and(|ino| ino != owner_ino);
        let ours = |ns: Namespace| {
            fs::metadata(format!("/proc/self/ns/{}", ns.name()))
                .map(|m| m.ino())
                .ok()
        };
        // The user namespace comes first (JOIN_ORDER): the owner's when the process's own is
        // below it, which then comes last.
        let (first_user, last_user) = if nested {
            (owner, Some(user))
        } else {
            (user, None)
        };
        let mut fds = Vec::new();
        if ours(Namespace::User) != Some(owner_ino) {
            fds.push((Namespace::User, first_user));
        }
        for ns in Namespace::JOIN_ORDER {
            if ns != Namespace::User && ours(ns) != Some(self.ns_inode(ns)?) {
                fds.push((ns, self.open_ns(ns)?));
            }
        }
        fds.extend(last_user.map(|fd| (Namespace::User, fd)));
        Ok(Namespaces {
            pid: self.view,
            fds,
            root: self.root()?,
            nested,
        })
    }
}

/// The process whose /proc entries show the container's namespaces and root: `pid`, or when
/// the kernel refuses them (a non-dumpable first process: rcon's own `--init`, which runs
/// rcon's code as PID 1 and must stay closed to the container) its first child, which that
/// init forked inside the container's namespaces and which exec'd the command. Its PID
/// namespace is the container's by construction; its other namespaces are unless the command
/// itself unshared some.
fn view_process(pid: i32) -> Result<(i32, Option<OwnedFd>)> {
    let denied = match fs::metadata(format!("/proc/{pid}/ns/user")) {
        Ok(_) => return Ok((pid, None)),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EACCES | libc::EPERM)) => e,
        Err(source) => {
            return Err(NsenterError::OpenNamespace {
                ns: "user",
                pid,
                source,
            })
        }
    };
    let children =
        fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    for child in children
        .split_whitespace()
        .filter_map(|c| c.parse::<i32>().ok())
    {
        let Ok(pidfd) = pidfd::open(child) else {
            continue;
        };
        let parent = status_field(child, "PPid").and_then(|v| v.parse::<i32>().ok());
        let readable = fs::metadata(format!("/proc/{child}/ns/user")).is_ok();
        // Alive after the checks: they were of this very process.
        if parent == Some(pid) && readable && pidfd::send_signal(pidfd.as_fd(), 0).is_ok() {
            return Ok((child, Some(pidfd)));
        }
    }
    Err(NsenterError::OpenNamespace {
        ns: "user",
        pid,
        source: denied,
    })
}

/// The open namespaces of a container process, ready to join.
#[derive(Debug)]
pub(crate) struct Namespaces {
    pid: i32,
    fds: Vec<(Namespace, OwnedFd)>,
    root: OwnedFd,
    /// The last of `fds` is the process's own user namespace, below the owner of the others.
    nested: bool,
}

impl Namespaces {
    /// Joins them in [`Namespace::JOIN_ORDER`] and makes the container's root the caller's
    /// root and working folder. The caller becomes non-dumpable first, so no container process
    /// can open its /proc entries (and through them rcon's binary). Only a single-threaded
    /// process may join a user namespace; children forked afterwards are in the PID namespace.
    pub(crate) fn join(self) -> Result<()> {
        let threads = thread_count();
        if threads != 1 {
            return Err(NsenterError::Threaded { threads });
        }
        nix::sys::prctl::set_dumpable(false)
            .map_err(|e| NsenterError::Fork { source: e.into() })?;
        let pid = self.pid;
        for (ns, fd) in &self.fds {
            nix::sched::setns(fd, ns.flag()).map_err(|e| NsenterError::Join {
                ns: ns.name(),
                pid,
                source: e.into(),
            })?;
        }
        if self.nested {
            // Root there, as the caller was root of the store's namespace: what it makes in
            // the container belongs to the container's root.
            crate::linux::userns::become_root(crate::linux::userns::Tie::Detached).map_err(
                |e| NsenterError::Join {
                    ns: "user",
                    pid,
                    source: io::Error::other(e.to_string()),
                },
            )?;
        }
        // setns(CLONE_NEWNS) leaves us at the namespace's root mount; make sure it is the very
        // folder the container's process has as its root.
        let root = nix::sys::stat::fstat(self.root.as_raw_fd());
        let here = nix::sys::stat::stat("/");
        let same =
            matches!((root, here), (Ok(a), Ok(b)) if a.st_dev == b.st_dev && a.st_ino == b.st_ino);
        let join_err = |e: Errno| NsenterError::Join {
            ns: "mnt",
            pid,
            source: e.into(),
        };
        if !same {
            nix::unistd::fchdir(self.root.as_raw_fd()).map_err(join_err)?;
            nix::unistd::chroot(".").map_err(join_err)?;
        }
        nix::unistd::chdir("/").map_err(join_err)?;
        Ok(())
    }
}

/// Reads a regular file of at most `max` bytes under `root`, resolving `path` as if `root`
/// were `/` (openat2 RESOLVE_IN_ROOT: symlinks and `..` never leave it). Image content is
/// hostile: a FIFO or a device there must not block or flood us.
pub(crate) fn read_in_root(root: BorrowedFd<'_>, path: &str, max: u64) -> io::Result<Vec<u8>> {
    let cpath = CString::new(path).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let file = fs::File::from(crate::sys::openat2::open(
        root,
        &cpath,
        libc::O_RDONLY | libc::O_NOCTTY | libc::O_NONBLOCK,
        libc::RESOLVE_IN_ROOT | libc::RESOLVE_NO_MAGICLINKS,
    )?);
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let mut data = Vec::new();
    use std::io::Read;
    file.take(max + 1).read_to_end(&mut data)?;
    if data.len() as u64 > max {
        return Err(io::Error::other(format!("larger than {max} bytes")));
    }
    Ok(data)
}

fn open_path(path: &str, flags: i32) -> io::Result<OwnedFd> {
    let fd = nix::fcntl::open(
        path,
        nix::fcntl::OFlag::from_bits_truncate(flags | libc::O_CLOEXEC),
        nix::sys::stat::Mode::empty(),
    )?;
    Ok(crate::sys::fd::own(fd))
}

/// The inode of /proc/PID/ns/NAME.
pub(crate) fn ns_inode(pid: i32, ns: Namespace) -> io::Result<u64> {
    Ok(fs::metadata(format!("/proc/{pid}/ns/{}", ns.name()))?.ino())
}

/// One `Name:\tvalue` field of /proc/PID/status.
pub(crate) fn status_field(pid: i32, name: &str) -> Option<String> {
    let text = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    parse_status_field(&text, name)
}

fn parse_status_field(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k == name).then(|| v.trim().to_string())
    })
}

fn thread_count() -> usize {
    status_field(std::process::id() as i32, "Threads")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fields_are_found_by_exact_name() {
        let text = "Name:\tsleep\nPPid:\t12\nNSpid:\t300\t1\nThreads:\t1\n";
        assert_eq!(parse_status_field(text, "PPid").as_deref(), Some("12"));
        assert_eq!(parse_status_field(text, "NSpid").as_deref(), Some("300\t1"));
        assert_eq!(parse_status_field(text, "Pid"), None);
    }

    #[test]
    fn own_process_is_not_a_container_without_a_supervisor() {
        let target = Target {
            running: true,
            init_pid: std::process::id() as i32,
            ..Target::default()
        };
        assert!(matches!(Init::open(&target), Err(NsenterError::NotRunning)));
    }

    #[test]
    fn read_in_root_stays_inside_and_wants_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("etc")).unwrap();
        fs::write(dir.path().join("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
        std::os::unix::fs::symlink("/../../../etc/passwd", dir.path().join("escape")).unwrap();
        let root = open_path(
            dir.path().to_str().unwrap(),
            libc::O_PATH | libc::O_DIRECTORY,
        )
        .unwrap();
        let data = read_in_root(root.as_fd(), "/etc/passwd", 4096).unwrap();
        assert!(data.starts_with(b"root:x:0:0"));
        // The symlink resolves inside the root: to our own etc/passwd, not the host's.
        let data = read_in_root(root.as_fd(), "escape", 4096).unwrap();
        assert!(data.starts_with(b"root:x:0:0::/root"));
        assert!(read_in_root(root.as_fd(), "etc", 4096).is_err());
        assert!(read_in_root(root.as_fd(), "etc/passwd", 4).is_err());
    }
}
