//! The container's mounts: a plan computed from the OCI spec (pure, unit tested) and the
//! steps that carry it out inside the new root before pivot_root.
//!
//! The plan adds what a runtime adds on top of the spec's mounts: the basic file systems when
//! the spec lacks them, host devices bound into the /dev tmpfs (a user namespace cannot mknod),
//! the /dev symlinks, /dev/console on the terminal, the generated /etc files, the working
//! folder, then Podman's masked and read-only paths.
//!
//! Every target is opened inside the root with `openat2(RESOLVE_IN_ROOT)`: a symlink in the
//! image resolves as it would inside the container and can never lead out of it. The mount
//! itself goes through the descriptor's `/proc/self/fd/N` path, so the checked object is the
//! one mounted on.
use nix::mount::MsFlags;
use oci_spec::runtime::Mount;
use std::io;
use std::path::{Path, PathBuf};

/// Why a mount step failed. `path` is inside the container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MountError {
    #[error("cannot mount {fstype} on {path}: {source}")]
    Fs {
        fstype: String,
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot bind {source_path} on {path}: {source}")]
    Bind {
        source_path: PathBuf,
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot prepare {path} in the container: {source}")]
    Target {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "workdir {path:?} does not exist on container: create it in the image, mount a volume \
         there, or give another --workdir"
    )]
    NoWorkdir { path: String },
    #[error("mount destination {path:?} is not an absolute path inside the container")]
    Destination { path: String },
    #[error("cannot pivot into the root filesystem {path}: {source}")]
    Pivot {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Podman's masked paths (containers/common `DefaultMaskedPaths`).
pub(crate) const DEFAULT_MASKED_PATHS: [&str; 13] = [
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/interrupts",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
    "/sys/devices/virtual/powercap",
];

/// Podman's read-only paths (containers/common `DefaultReadOnlyPaths`).
pub(crate) const DEFAULT_READONLY_PATHS: [&str; 6] = [
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// The spec annotation that says the container has no /dev/shm (`--ipc none`): the plan
/// then leaves out the default one.
pub(crate) const NO_SHM_ANNOTATION: &str = "run.rcon.no-shm";

/// The host devices every container gets, bound from the host's /dev.
pub(crate) const HOST_DEVICES: [&str; 6] = [
    "/dev/null",
    "/dev/zero",
    "/dev/full",
    "/dev/random",
    "/dev/urandom",
    "/dev/tty",
];

/// The generated files of `containers/<id>/` bound into /etc.
pub(crate) const ETC_FILES: [&str; 3] = ["hosts", "hostname", "resolv.conf"];

/// The spec annotation saying the working folder was given with `--workdir` (value `true`):
/// [`PlanInput::cwd_must_exist`].
pub(crate) const WORKDIR_ANNOTATION: &str = "run.rcon.workdir-must-exist";

/// The symlink a container gets at /etc/mtab when its image has none (as Podman's do: tools
/// read the mounts there). Like a mount point, it is no change of the container's.
pub(crate) const MTAB: (&str, &str) = ("/etc/mtab", "/proc/mounts");

/// One step of the plan. Targets are absolute paths inside the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A new file system. `optional`: a failure is logged and skipped (cgroup, mqueue).
    Fs {
        target: String,
        fstype: String,
        source: String,
        flags: MsFlags,
        data: String,
        optional: bool,
        /// A tmpfs with `tmpcopyup`: what the folder held before is copied into it.
        copy_up: bool,
    },
    /// A bind from the host; `attrs` (read-only, nosuid, nodev, noexec) applied after.
    Bind {
        source: PathBuf,
        target: String,
        recursive: bool,
        attrs: MsFlags,
    },
    /// A symlink `path` → `to`; an existing entry is left alone. `optional`: one that cannot
    /// be made (a read-only root) is skipped.
    Symlink {
        path: String,
        to: String,
        optional: bool,
    },
    /// A folder made when missing (the working folder).
    Mkdir { path: String },
    /// A folder that must be there (a working folder given with `--workdir`).
    Exists { path: String },
    /// Hidden: /dev/null over a file, an empty read-only tmpfs over a folder.
    Mask { path: String },
    /// Bound onto itself read-only, with everything below.
    ReadOnly { path: String },
}

/// What the plan is made from.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlanInput<'a> {
    /// The spec's mounts in order.
    pub(crate) mounts: &'a [Mount],
    /// `linux.maskedPaths`; `None`: Podman's defaults.
    pub(crate) masked: Option<&'a [String]>,
    /// `linux.readonlyPaths`; `None`: Podman's defaults.
    pub(crate) readonly: Option<&'a [String]>,
    /// Paths of `linux.devices`, bound from the host besides [`HOST_DEVICES`].
    pub(crate) devices: Vec<String>,
    /// The container has its own network namespace (a fresh sysfs needs one).
    pub(crate) private_net: bool,
    /// Stdin is the terminal: bind it on /dev/console.
    pub(crate) tty: bool,
    /// The supervisor's /dev/pts is the container's own devpts instance (its terminal lives
    /// there): bind it instead of mounting a fresh one.
    pub(crate) devpts_from_supervisor: bool,
    /// The container's folder with the generated /etc files (those present are bound).
    pub(crate) etc_dir: Option<&'a Path>,
    /// The process's working folder.
    pub(crate) cwd: &'a str,
    /// No /dev/shm at all ([`NO_SHM_ANNOTATION`]): the default one is not added.
    pub(crate) no_shm: bool,
    /// The working folder was given with `--workdir`: it is not made unless a mount
    /// destination lies at, around or below it (Podman's rule).
    pub(crate) cwd_must_exist: bool,
}

const STD_FLAGS: [(&str, MsFlags, bool); 22] = [
    ("ro", MsFlags::MS_RDONLY, true),
    ("rw", MsFlags::MS_RDONLY, false),
    ("nosuid", MsFlags::MS_NOSUID, true),
    ("suid", MsFlags::MS_NOSUID, false),
    ("nodev", MsFlags::MS_NODEV, true),
    ("dev", MsFlags::MS_NODEV, false),
    ("noexec", MsFlags::MS_NOEXEC, true),
    ("exec", MsFlags::MS_NOEXEC, false),
    ("sync", MsFlags::MS_SYNCHRONOUS, true),
    ("async", MsFlags::MS_SYNCHRONOUS, false),
    ("dirsync", MsFlags::MS_DIRSYNC, true),
    ("mand", MsFlags::MS_MANDLOCK, true),
    ("nomand", MsFlags::MS_MANDLOCK, false),
    ("noatime", MsFlags::MS_NOATIME, true),
    ("atime", MsFlags::MS_NOATIME, false),
    ("nodiratime", MsFlags::MS_NODIRATIME, true),
    ("diratime", MsFlags::MS_NODIRATIME, false),
    ("relatime", MsFlags::MS_RELATIME, true),
    ("norelatime", MsFlags::MS_RELATIME, false),
    ("strictatime", MsFlags::MS_STRICTATIME, true),
    ("nostrictatime", MsFlags::MS_STRICTATIME, false),
    ("silent", MsFlags::MS_SILENT, true),
];

/// Options that are no mount data (propagation is private anyway; SELinux labels and
/// idmapping are not done here; `tmpcopyup` is a step of its own).
const IGNORED: [&str; 19] = [
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "unbindable",
    "runbindable",
    "z",
    "Z",
    "U",
    "tmpcopyup",
    "notmpcopyup",
    "copy",
    "nocopy",
    "idmap",
    "noswap",
    "defaults",
    "remount",
];

/// Mount flags, bind form (`None`, `bind`, `rbind`) and file-system data of spec options.
fn parse_options(options: &[String]) -> (MsFlags, Option<bool>, String) {
    let mut flags = MsFlags::empty();
    let mut bind = None;
    let mut data = Vec::new();
    for opt in options {
        if let Some((_, flag, set)) = STD_FLAGS.iter().find(|(n, _, _)| n == opt) {
            flags.set(*flag, *set);
        } else if opt == "bind" {
            bind = Some(false);
        } else if opt == "rbind" {
            bind = Some(true);
        } else if !IGNORED.contains(&opt.as_str()) {
            data.push(opt.as_str());
        }
    }
    (flags, bind, data.join(","))
}

fn destination(m: &Mount) -> String {
    m.destination().to_string_lossy().into_owned()
}

/// The basic file systems a container gets when the spec has none at that place (Podman's).
fn default_mounts() -> Vec<(String, &'static str, &'static str, &'static str)> {
    [
        ("/proc", "proc", "proc", "nosuid,noexec,nodev"),
        (
            "/dev",
            "tmpfs",
            "tmpfs",
            "nosuid,strictatime,mode=755,size=65536k",
        ),
        (
            "/dev/pts",
            "devpts",
            "devpts",
            "nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5",
        ),
        ("/dev/mqueue", "mqueue", "mqueue", "nosuid,noexec,nodev"),
        ("/sys", "sysfs", "sysfs", "nosuid,noexec,nodev,ro"),
        (
            "/dev/shm",
            "tmpfs",
            "shm",
            "nosuid,noexec,nodev,mode=1777,size=65536k",
        ),
    ]
    .into_iter()
    .map(|(d, t, s, o)| (d.to_string(), t, s, o))
    .collect()
}

/// The whole plan, in order.
/// Gives the calling (single-threaded) process a mount namespace of its own whose mounts
/// propagate nowhere: what it mounts next stays its own.
pub(crate) fn private_namespace() -> nix::Result<()> {
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)?;
    nix::mount::mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
}

pub(crate) fn plan(input: &PlanInput<'_>) -> Result<Vec<Step>, MountError> {
    let mut mounts: Vec<Mount> = Vec::new();
    for (dest, typ, source, opts) in default_mounts() {
        let left_out = input.no_shm && dest == "/dev/shm";
        if !left_out && !input.mounts.iter().any(|m| destination(m) == dest) {
            let mut m = Mount::default();
            m.set_destination(PathBuf::from(dest));
            m.set_typ(Some(typ.to_string()));
            m.set_source(Some(PathBuf::from(source)));
            m.set_options(Some(opts.split(',').map(str::to_string).collect()));
            mounts.push(m);
        }
    }
    mounts.extend(input.mounts.iter().cloned());

    let mut steps = Vec::new();
    for m in &mounts {
        let target = destination(m);
        if !target.starts_with('/') || target.split('/').any(|c| c == "..") {
            return Err(MountError::Destination { path: target });
        }
        let typ = m.typ().clone().unwrap_or_default();
        let (flags, bind, data) = parse_options(m.options().as_deref().unwrap_or_default());
        let attrs = flags
            & (MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC);
        if typ == "bind" || bind.is_some() {
            steps.push(Step::Bind {
                source: m.source().clone().unwrap_or_default(),
                target: target.clone(),
                recursive: bind.unwrap_or(true),
                attrs,
            });
        } else if typ == "devpts" && input.devpts_from_supervisor {
            steps.push(Step::Bind {
                source: PathBuf::from("/dev/pts"),
                target: target.clone(),
                recursive: false,
                attrs: MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
            });
        } else if typ == "sysfs" && !input.private_net {
            // A fresh sysfs needs a network namespace of our own; with the host's network,
            // the host's /sys is shown read-only.
            steps.push(Step::Bind {
                source: PathBuf::from("/sys"),
                target: target.clone(),
                recursive: true,
                attrs: MsFlags::MS_RDONLY
                    | MsFlags::MS_NOSUID
                    | MsFlags::MS_NODEV
                    | MsFlags::MS_NOEXEC,
            });
        } else {
            steps.push(Step::Fs {
                target: target.clone(),
                source: m
                    .source()
                    .as_ref()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| typ.clone()),
                optional: matches!(typ.as_str(), "cgroup" | "cgroup2" | "mqueue"),
                copy_up: typ == "tmpfs"
                    && m.options()
                        .as_deref()
                        .is_some_and(|o| o.iter().any(|o| o == "tmpcopyup")),
                fstype: typ.clone(),
                flags,
                data,
            });
        }
        if target == "/dev" && typ == "tmpfs" {
            dev_contents(input, &mut steps);
        }
    }
    if let Some(dir) = input.etc_dir {
        for name in ETC_FILES {
            let target = format!("/etc/{name}");
            let source = dir.join(name);
            if source.is_file() && !mounts.iter().any(|m| destination(m) == target) {
                steps.push(Step::Bind {
                    source,
                    target,
                    recursive: false,
                    attrs: MsFlags::empty(),
                });
            }
        }
    }
    steps.push(Step::Symlink {
        path: MTAB.0.to_string(),
        to: MTAB.1.to_string(),
        optional: true,
    });
    if input.cwd != "/" && !input.cwd.is_empty() {
        let cwd = input.cwd.trim_end_matches('/');
        let on_mount = mounts.iter().any(|m| {
            let d = destination(m);
            let d = d.trim_end_matches('/');
            d == cwd || within(cwd, d) || within(d, cwd)
        });
        let path = input.cwd.to_string();
        steps.push(if input.cwd_must_exist && !on_mount {
            Step::Exists { path }
        } else {
            Step::Mkdir { path }
        });
    }
    let masked: Vec<String> = match input.masked {
        Some(paths) => paths.to_vec(),
        None => DEFAULT_MASKED_PATHS.iter().map(|p| p.to_string()).collect(),
    };
    steps.extend(masked.into_iter().map(|path| Step::Mask { path }));
    let readonly: Vec<String> = match input.readonly {
        Some(paths) => paths.to_vec(),
        None => DEFAULT_READONLY_PATHS
            .iter()
            .map(|p| p.to_string())
            .collect(),
    };
    steps.extend(readonly.into_iter().map(|path| Step::ReadOnly { path }));
    Ok(steps)
}

/// Whether `path` lies below the folder `dir` (both without a trailing `/`).
fn within(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
        || dir.is_empty()
}

/// What goes into a fresh /dev tmpfs: host devices, the usual links, the console.
fn dev_contents(input: &PlanInput<'_>, steps: &mut Vec<Step>) {
    let mut devices: Vec<String> = HOST_DEVICES.iter().map(|d| d.to_string()).collect();
    for d in &input.devices {
        if !devices.contains(d) {
            devices.push(d.clone());
        }
    }
    for dev in devices {
        steps.push(Step::Bind {
            source: PathBuf::from(&dev),
            target: dev,
            recursive: false,
            attrs: MsFlags::empty(),
        });
    }
    for (path, to) in [
        ("/dev/fd", "/proc/self/fd"),
        ("/dev/stdin", "/proc/self/fd/0"),
        ("/dev/stdout", "/proc/self/fd/1"),
        ("/dev/stderr", "/proc/self/fd/2"),
        ("/dev/ptmx", "pts/ptmx"),
    ] {
        steps.push(Step::Symlink {
            path: path.to_string(),
            to: to.to_string(),
            optional: false,
        });
    }
    if input.tty {
        // The terminal is stdin of the setup child by then; its magic link names the pty.
        steps.push(Step::Bind {
            source: PathBuf::from("/proc/self/fd/0"),
            target: "/dev/console".to_string(),
            recursive: false,
            attrs: MsFlags::empty(),
        });
    }
}

/// What a step needs created at its target when missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Create {
    /// Nothing: a missing target is skipped (masked and read-only paths).
    Nothing,
    Dir,
    File,
}

/// The kernel calls of [`apply`], so the executor's decisions can be tested with a fake.
pub(crate) trait Sys {
    /// An opened target inside the root.
    type Target;
    /// Opens `path` inside the root, creating it as `create` says; `None` when it is missing
    /// and nothing is to be created.
    fn open(&mut self, path: &str, create: Create) -> io::Result<Option<Self::Target>>;
    /// Whether the target is a folder.
    fn is_dir(&mut self, target: &Self::Target) -> io::Result<bool>;
    /// Whether a host path (a bind source) is a folder.
    fn source_is_dir(&mut self, source: &Path) -> io::Result<bool>;
    /// A new file system on the target.
    fn mount_fs(
        &mut self,
        target: &Self::Target,
        fstype: &str,
        source: &str,
        flags: MsFlags,
        data: &str,
    ) -> io::Result<()>;
    /// A bind of `source` (a host path) onto the target, with `attrs` (read-only, nosuid…) set
    /// on the new mount itself (and the mounts below it when `recursive`), never on whatever a
    /// new lookup of the target's path would find.
    fn bind(
        &mut self,
        source: &Path,
        target: &Self::Target,
        recursive: bool,
        attrs: MsFlags,
    ) -> io::Result<()>;
    /// Binds the target onto itself, recursively, with `attrs` set on the new mounts.
    fn bind_self(&mut self, target: &Self::Target, attrs: MsFlags) -> io::Result<()>;
    /// Creates a symlink at `path` unless something is there.
    fn symlink(&mut self, path: &str, to: &str) -> io::Result<()>;
    /// Copies what the folder `from` holds (files, folders, symlinks with their modes and
    /// owners) into the folder `to` (`tmpcopyup`).
    fn copy_tree(&mut self, from: &Self::Target, to: &Self::Target) -> io::Result<()>;
}

/// Carries out the plan.
pub(crate) fn apply<S: Sys>(steps: &[Step], sys: &mut S) -> Result<(), MountError> {
    let target_err = |path: &str| {
        let path = path.to_string();
        move |source| MountError::Target { path, source }
    };
    for step in steps {
        match step {
            Step::Fs {
                target,
                fstype,
                source,
                flags,
                data,
                optional,
                copy_up,
            } => {
                let fail = |source| MountError::Fs {
                    fstype: fstype.clone(),
                    path: target.clone(),
                    source,
                };
                let Some(t) = sys.open(target, Create::Dir).map_err(target_err(target))? else {
                    continue;
                };
                // The folder as it is before the mount, to copy from once it is covered.
                let below = match copy_up {
                    true => sys.open(target, Create::Dir).map_err(target_err(target))?,
                    false => None,
                };
                let mut result = sys.mount_fs(&t, fstype, source, *flags, data);
                if fstype == "devpts"
                    && matches!(&result, Err(e) if e.raw_os_error() == Some(libc::EINVAL))
                {
                    // gid=5 (tty) is not mapped in a single-uid namespace.
                    let fewer: Vec<&str> =
                        data.split(',').filter(|o| !o.starts_with("gid=")).collect();
                    result = sys.mount_fs(&t, fstype, source, *flags, &fewer.join(","));
                }
                match result {
                    Ok(()) => {}
                    Err(e) if *optional => log::debug!("skipping {fstype} on {target}: {e}"),
                    Err(e) => return Err(fail(e)),
                }
                if let Some(below) = below {
                    let above = sys
                        .open(target, Create::Nothing)
                        .map_err(target_err(target))?
                        .ok_or_else(|| fail(io::ErrorKind::NotFound.into()))?;
                    sys.copy_tree(&below, &above)
                        .map_err(|source| MountError::Fs {
                            fstype: "tmpcopyup".to_string(),
                            path: target.clone(),
                            source,
                        })?;
                }
            }
            Step::Bind {
                source,
                target,
                recursive,
                attrs,
            } => {
                let fail = |e| MountError::Bind {
                    source_path: source.clone(),
                    path: target.clone(),
                    source: e,
                };
                let create = if sys.source_is_dir(source).map_err(fail)? {
                    Create::Dir
                } else {
                    Create::File
                };
                let Some(t) = sys.open(target, create).map_err(target_err(target))? else {
                    continue;
                };
                sys.bind(source, &t, *recursive, *attrs).map_err(fail)?;
            }
            Step::Symlink { path, to, optional } => match sys.symlink(path, to) {
                Err(e) if *optional => log::debug!("cannot make {path} -> {to}: {e}"),
                made => made.map_err(target_err(path))?,
            },
            Step::Mkdir { path } => {
                sys.open(path, Create::Dir).map_err(target_err(path))?;
            }
            Step::Exists { path } => {
                if sys
                    .open(path, Create::Nothing)
                    .map_err(target_err(path))?
                    .is_none()
                {
                    return Err(MountError::NoWorkdir { path: path.clone() });
                }
            }
            Step::Mask { path } => {
                let Some(t) = sys.open(path, Create::Nothing).map_err(target_err(path))? else {
                    continue;
                };
                let result = if sys.is_dir(&t).map_err(target_err(path))? {
                    sys.mount_fs(&t, "tmpfs", "tmpfs", MsFlags::MS_RDONLY, "size=0k")
                } else {
                    sys.bind(Path::new("/dev/null"), &t, false, MsFlags::empty())
                };
                result.map_err(|source| MountError::Fs {
                    fstype: "mask".to_string(),
                    path: path.clone(),
                    source,
                })?;
            }
            Step::ReadOnly { path } => {
                let Some(t) = sys.open(path, Create::Nothing).map_err(target_err(path))? else {
                    continue;
                };
                sys.bind_self(&t, MsFlags::MS_RDONLY)
                    .map_err(|source| MountError::Fs {
                        fstype: "read-only bind".to_string(),
                        path: path.clone(),
                        source,
                    })?;
            }
        }
    }
    Ok(())
}

mod copyup;
mod kernel;
pub(crate) use kernel::{make_root_readonly, pivot, prepare_root, Kernel};

#[cfg(test)]
mod tests;
