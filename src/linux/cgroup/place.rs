//! The supervisor's side: a delegated subtree per container with two leaves, `supervisor`
//! (the supervisor itself) and `container` (everything the container runs), the limits
//! written before the first process is cloned into the leaf, and the leaf removed at the end.
use super::{io_err, CgroupError, Manager, Resources, Result};
use std::fs;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The leaf holding the supervisor.
pub(super) const SUPERVISOR_LEAF: &str = "supervisor";
/// The leaf holding the container's processes.
pub(super) const CONTAINER_LEAF: &str = "container";

/// Whether the cgroup folder `dir` belongs to host user `uid` (delegated to it).
pub(super) fn owned_by(dir: &Path, uid: u32) -> bool {
    let procs = dir.join("cgroup.procs");
    fs::metadata(dir).is_ok_and(|m| m.uid() == uid)
        && fs::metadata(&procs).is_ok_and(|m| m.uid() == uid)
}

/// How a container's cgroup is placed, as `create` decided it (kept in the record).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Placement {
    /// `None`: no cgroup of its own (a v1 host, or nothing delegated).
    pub(crate) manager: Option<Manager>,
    pub(crate) resources: Resources,
    /// A pod's infra: the limits are the pod's, written on the whole subtree, where the
    /// members' subtrees go too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) pod_limits: bool,
    /// A member of a pod with limits: its subtree goes inside the infra's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) in_pod: bool,
}

/// A container's cgroup, held by its supervisor.
#[derive(Debug)]
pub(crate) struct ContainerCgroup {
    manager: Manager,
    /// The delegated subtree: the scope, or `<supervisor's cgroup>/rcon-<id>`.
    base: PathBuf,
    /// Where the supervisor was before (cgroupfs: it goes back there to remove `base`).
    origin: PathBuf,
    leaf: PathBuf,
    /// The leaf, open for clone3's CLONE_INTO_CGROUP.
    fd: OwnedFd,
    /// memory.events' oom_kill count when the current run started.
    oom_kills: u64,
    /// Inside a pod's infra subtree under systemd: the supervisor stays in it at the end (the
    /// pod's scope takes the empty folders with it).
    nested_scope: bool,
}

impl ContainerCgroup {
    /// Makes the container's subtree and leaf and writes the limits. Call in the supervisor
    /// while single-threaded (the systemd manager runs busctl).
    pub(crate) fn setup(
        id: &str,
        placement: &Placement,
        pod: Option<&Path>,
    ) -> Result<Option<ContainerCgroup>> {
        let Some(manager) = placement.manager else {
            return Ok(None);
        };
        if let Some(infra_base) = pod.filter(|_| placement.in_pod) {
            return nested(id, manager, placement, infra_base).map(Some);
        }
        let origin = super::cgroup_of("self").ok_or_else(|| CgroupError::Manager {
            manager: manager.as_str(),
            why: "this process is in no cgroup v2 (see /proc/self/cgroup)".into(),
        })?;
        let base = match manager {
            Manager::Systemd => {
                let unit = super::systemd::unit_name(id, std::process::id());
                super::systemd::move_self_to_scope(&unit, id)?
            }
            Manager::Cgroupfs => {
                let parent = cgroupfs_parent(&origin)?;
                let base = parent.join(format!("rcon-{}", &id[..id.len().min(12)]));
                mkdir(&base)?;
                base
            }
        };
        // cgroupfs: the supervisor goes back to the init leaf, not into a cgroup with children.
        let origin = match manager {
            Manager::Systemd => origin,
            Manager::Cgroupfs => cgroupfs_init(&origin),
        };
        let sup = base.join(SUPERVISOR_LEAF);
        mkdir(&sup)?;
        let procs = sup.join("cgroup.procs");
        fs::write(&procs, std::process::id().to_string()).map_err(io_err("write", &procs))?;
        if manager == Manager::Cgroupfs {
            // The controllers must reach `base` from the cgroup it was made in.
            if let Some(parent) = base.parent() {
                enable(parent, &placement.resources);
            }
        }
        enable(&base, &placement.resources);
        let available = super::controllers(&base, "cgroup.subtree_control");
        if let Some(c) = placement
            .resources
            .controllers()
            .into_iter()
            .find(|c| !available.iter().any(|a| a == c))
        {
            return Err(super::not_delegated(c));
        }
        let leaf = base.join(CONTAINER_LEAF);
        mkdir(&leaf)?;
        // A pod's limits hold for the whole subtree: the infra's leaf and every member's.
        write_limits(
            if placement.pod_limits { &base } else { &leaf },
            &placement.resources,
        )?;
        ContainerCgroup::holding(manager, base, origin, leaf, false).map(Some)
    }

    /// The cgroup whose container leaf `leaf` (made, its limits written) is opened for the
    /// clone, with the leaf's OOM-kill count so far.
    fn holding(
        manager: Manager,
        base: PathBuf,
        origin: PathBuf,
        leaf: PathBuf,
        nested_scope: bool,
    ) -> Result<ContainerCgroup> {
        let fd = nix::fcntl::open(
            &leaf,
            nix::fcntl::OFlag::O_RDONLY
                | nix::fcntl::OFlag::O_DIRECTORY
                | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )
        .map_err(|e| CgroupError::Io {
            what: "open",
            path: leaf.clone(),
            source: e.into(),
        })?;
        let mut cg = ContainerCgroup {
            manager,
            base,
            origin,
            leaf,
            // open just returned this descriptor and nothing else owns it.
            fd: crate::sys::fd::own(fd),
            oom_kills: 0,
            nested_scope,
        };
        cg.oom_kills = cg.oom_kill_count();
        Ok(cg)
    }

    /// The leaf's descriptor for CLONE_INTO_CGROUP.
    pub(crate) fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    fn oom_kill_count(&self) -> u64 {
        fs::read_to_string(self.leaf.join("memory.events"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("oom_kill "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    }

    /// Called when a run has ended: whether the kernel's OOM killer killed one of its
    /// processes (the count starts afresh for the next run). A run killed while paused leaves
    /// the leaf frozen: it is thawed for the next.
    pub(crate) fn end_run(&mut self) -> bool {
        let _ = fs::write(self.leaf.join("cgroup.freeze"), "0");
        let now = self.oom_kill_count();
        let killed = now > self.oom_kills;
        self.oom_kills = now;
        killed
    }

    /// Removes the leaf (waiting briefly for the last processes to be gone) and, with
    /// cgroupfs, the whole subtree; a systemd scope is collected by systemd once the
    /// supervisor has exited.
    pub(crate) fn remove(self) -> Result<()> {
        let ContainerCgroup {
            manager,
            base,
            origin,
            leaf,
            fd,
            ..
        } = self;
        let nested_scope = self.nested_scope;
        drop(fd);
        rmdir_when_empty(&leaf)?;
        // A pod's infra: the members' subtrees left empty inside go first.
        if let Ok(entries) = fs::read_dir(&base) {
            for e in entries.flatten() {
                let name = e.file_name();
                if name.to_string_lossy().starts_with("rcon-") {
                    let _ = fs::remove_dir(e.path().join(SUPERVISOR_LEAF));
                    let _ = fs::remove_dir(e.path());
                }
            }
        }
        if manager == Manager::Cgroupfs && !nested_scope {
            let procs = origin.join("cgroup.procs");
            fs::write(&procs, std::process::id().to_string()).map_err(io_err("write", &procs))?;
            rmdir_when_empty(&base.join(SUPERVISOR_LEAF))?;
            rmdir_when_empty(&base)?;
        }
        Ok(())
    }
}

/// A pod member's subtree inside its infra's (`infra_base`): the supervisor moves into its own
/// leaf there (written directly under cgroupfs; under systemd, attached by systemd to the
/// infra's scope, the only way into a scope's subtree), the container's leaf beside it.
fn nested(
    id: &str,
    manager: Manager,
    placement: &Placement,
    infra_base: &Path,
) -> Result<ContainerCgroup> {
    let origin = super::cgroup_of("self").ok_or_else(|| CgroupError::Manager {
        manager: manager.as_str(),
        why: "this process is in no cgroup v2 (see /proc/self/cgroup)".into(),
    })?;
    let name = format!("rcon-{}", &id[..id.len().min(12)]);
    let base = infra_base.join(&name);
    mkdir(&base)?;
    let sup = base.join(SUPERVISOR_LEAF);
    mkdir(&sup)?;
    let nested_scope = manager == Manager::Systemd;
    if nested_scope {
        let unit = infra_base
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        super::systemd::attach_self(&unit, &format!("/{name}/{SUPERVISOR_LEAF}"), &sup)?;
    } else {
        let procs = sup.join("cgroup.procs");
        fs::write(&procs, std::process::id().to_string()).map_err(io_err("write", &procs))?;
    }
    enable(infra_base, &placement.resources);
    enable(&base, &placement.resources);
    let leaf = base.join(CONTAINER_LEAF);
    mkdir(&leaf)?;
    write_limits(&leaf, &placement.resources)?;
    ContainerCgroup::holding(manager, base, origin, leaf, nested_scope)
}

/// The leaf that holds what lived in a delegated cgroup before rcon made containers in it.
const INIT_LEAF: &str = "rcon-init";

/// Where `--cgroup-manager=cgroupfs` makes a container's subtree when the caller is in
/// `origin`: `origin` itself, its processes first moved into an `rcon-init` leaf (a cgroup with
/// processes cannot give controllers to children, the no-internal-process rule; container
/// engines nested in a delegated cgroup do the same), or `origin`'s parent when the caller is
/// already in that leaf.
fn cgroupfs_parent(origin: &Path) -> Result<PathBuf> {
    if let Some(parent) = parent_of_init_leaf(origin) {
        return Ok(parent.to_path_buf());
    }
    let init = origin.join(INIT_LEAF);
    mkdir(&init)?;
    let to = init.join("cgroup.procs");
    // Processes may fork while they are moved: a few rounds until none is left behind.
    for _ in 0..20 {
        let left = super::pids(origin);
        if left.is_empty() {
            return Ok(origin.to_path_buf());
        }
        for pid in left {
            match fs::write(&to, pid.to_string()) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::ESRCH) => {}
                Err(e) => return Err(io_err("move a process into", &init)(e)),
            }
        }
    }
    Err(io_err("empty", origin)(std::io::Error::from_raw_os_error(
        libc::EBUSY,
    )))
}

/// The init leaf of [`cgroupfs_parent`] for a caller in `origin`.
fn cgroupfs_init(origin: &Path) -> PathBuf {
    match parent_of_init_leaf(origin) {
        Some(_) => origin.to_path_buf(),
        None => origin.join(INIT_LEAF),
    }
}

/// The cgroup that holds `dir` when `dir` is an init leaf.
pub(super) fn parent_of_init_leaf(dir: &Path) -> Option<&Path> {
    dir.file_name()
        .is_some_and(|n| n == INIT_LEAF)
        .then(|| dir.parent())
        .flatten()
}

fn mkdir(dir: &Path) -> Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(CgroupError::Io {
            what: "create the cgroup",
            path: dir.to_path_buf(),
            source: e,
        }),
    }
}

/// Enables in `dir`'s subtree every controller it has that the limits (or stats) use; errors
/// are left to the caller's check of cgroup.subtree_control.
fn enable(dir: &Path, resources: &Resources) {
    let have = super::controllers(dir, "cgroup.controllers");
    let on = super::controllers(dir, "cgroup.subtree_control");
    let mut want: Vec<&str> = vec!["cpu", "memory", "pids", "io"];
    want.extend(resources.controllers());
    want.dedup();
    let line: Vec<String> = want
        .into_iter()
        .filter(|c| have.iter().any(|h| h == c) && !on.iter().any(|o| o == c))
        .map(|c| format!("+{c}"))
        .collect();
    if !line.is_empty() {
        let _ = fs::write(dir.join("cgroup.subtree_control"), line.join(" "));
    }
}

/// Writes each limit file; a missing file means its controller is not enabled here.
pub(super) fn write_limits(leaf: &Path, resources: &Resources) -> Result<()> {
    for (file, value) in resources.files() {
        let path = leaf.join(file);
        if !path.exists() {
            let controller = file.split('.').next().unwrap_or(file);
            return Err(super::not_delegated(controller));
        }
        fs::write(&path, &value).map_err(io_err("write the limit", &path))?;
    }
    Ok(())
}

/// Removes an empty cgroup, waiting up to a second for its processes to be reaped.
fn rmdir_when_empty(dir: &Path) -> Result<()> {
    for _ in 0..100 {
        match fs::remove_dir(dir) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(e) => return Err(io_err("remove the cgroup", dir)(e)),
        }
    }
    Err(io_err("remove the cgroup", dir)(
        std::io::Error::from_raw_os_error(libc::EBUSY),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_go_beside_the_init_leaf() {
        let scope = Path::new("/sys/fs/cgroup/app.slice/x.scope");
        let init = scope.join(INIT_LEAF);
        assert_eq!(parent_of_init_leaf(&init), Some(scope));
        assert_eq!(parent_of_init_leaf(scope), None);
        assert_eq!(cgroupfs_init(scope), init);
        assert_eq!(cgroupfs_init(&init), init);
        assert_eq!(cgroupfs_parent(&init).unwrap(), scope);
    }
}
