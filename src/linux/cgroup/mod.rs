//! cgroup v2: where a container's processes are counted and limited.
//!
//! Each container gets a leaf `container` inside a delegated subtree of its own: a transient
//! systemd scope (`--cgroup-manager=systemd`, the default under a systemd user manager, see
//! [`systemd`]) or a folder under the supervisor's current cgroup (`cgroupfs`, when that cgroup
//! is delegated to the user). The supervisor moves itself into the sibling leaf `supervisor`
//! (cgroup v2 lets only leaves hold processes), enables the controllers, writes the limits
//! ([`limits`]) and clones the container's first process straight into the leaf
//! (CLONE_INTO_CGROUP), so no process of the container ever runs unlimited.
//!
//! On a v1 or hybrid host (no unified hierarchy at /sys/fs/cgroup) containers run without a
//! cgroup of their own, and a requested limit gets one warning, as with Podman 5.
pub(crate) mod limits;
mod place;
pub(crate) mod stats;
mod systemd;

pub(crate) use limits::{LimitFlags, Resources};
pub(crate) use place::{ContainerCgroup, Placement};

use std::io;
use std::path::{Path, PathBuf};

/// The unified hierarchy's mount point.
pub(crate) const ROOT: &str = "/sys/fs/cgroup";

/// The systemd drop-in that delegates the controllers rcon uses, for messages.
pub(crate) const DROP_IN: &str = "/etc/systemd/system/user@.service.d/delegate.conf with \
     [Service] Delegate=cpu cpuset io memory pids, then `systemctl daemon-reload` and log in again";

/// Podman 5's warning on a v1 or hybrid host, word for word.
pub(crate) const V1_WARNING: &str =
    "Resource limits are not supported and ignored on cgroups V1 rootless systems";

/// Why a container's cgroup could not be made, changed or read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CgroupError {
    #[error("the {controller} controller is not delegated to this user ({needed_by} needs it): delegate it with {DROP_IN}")]
    NotDelegated {
        controller: String,
        needed_by: String,
    },
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot create the systemd scope {unit}: {message}")]
    Scope { unit: String, message: String },
    #[error("container {id} has no cgroup of its own (cgroup v2 with a delegated subtree is needed for {what})")]
    NoCgroup { id: String, what: &'static str },
    #[error("the cgroup manager {manager} cannot place containers here: {why}")]
    Manager { manager: &'static str, why: String },
}

pub(crate) type Result<T> = std::result::Result<T, CgroupError>;

fn io_err(what: &'static str, path: &Path) -> impl FnOnce(io::Error) -> CgroupError {
    let path = path.to_path_buf();
    move |source| CgroupError::Io { what, path, source }
}

/// `--cgroup-manager`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Manager {
    /// A transient scope from the user's systemd manager.
    Systemd,
    /// A folder under the current, delegated cgroup.
    Cgroupfs,
}

impl Manager {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Manager::Systemd => "systemd",
            Manager::Cgroupfs => "cgroupfs",
        }
    }
}

/// True when /sys/fs/cgroup is the unified (v2) hierarchy.
pub(crate) fn is_v2() -> bool {
    Path::new(ROOT).join("cgroup.controllers").exists()
}

/// The v2 cgroup of process `pid` ("self" for us), as a path below [`ROOT`].
pub(crate) fn cgroup_of(pid: &str) -> Option<PathBuf> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).ok()?;
    let rel = text.lines().find_map(|l| l.strip_prefix("0::"))?;
    Some(Path::new(ROOT).join(rel.trim_start_matches('/')))
}

/// The controllers listed in `dir/<file>` (cgroup.controllers or cgroup.subtree_control).
pub(crate) fn controllers(dir: &Path, file: &str) -> Vec<String> {
    std::fs::read_to_string(dir.join(file))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The cgroup a user's systemd manager delegates: `user@<uid>.service`.
pub(crate) fn user_manager_cgroup(uid: u32) -> PathBuf {
    Path::new(ROOT).join(format!("user.slice/user-{uid}.slice/user@{uid}.service"))
}

/// The host uid of this process: uid 0 of a user namespace made by rcon is the user.
pub(crate) fn host_uid() -> u32 {
    let own = nix::unistd::getuid().as_raw();
    std::fs::read_to_string("/proc/self/uid_map")
        .ok()
        .and_then(|m| {
            m.lines().find_map(|l| {
                let f: Vec<u32> = l
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                (f.len() == 3 && own >= f[0] && own < f[0] + f[2]).then(|| f[1] + own - f[0])
            })
        })
        .unwrap_or(own)
}

/// The manager a container gets when the user names none: systemd when the user's manager is
/// reachable on its bus, else cgroupfs.
pub(crate) fn default_manager() -> Manager {
    match systemd::user_bus(host_uid()) {
        Some(_) => Manager::Systemd,
        None => Manager::Cgroupfs,
    }
}

/// What `create` decided about a container's cgroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    /// The manager that places it; `None`: no cgroup of its own (v1 host, or nothing delegated).
    pub(crate) manager: Option<Manager>,
    /// The limits, with Podman's default pids limit added where pids is delegated.
    pub(crate) resources: Resources,
    /// A warning for the user (the v1 one).
    pub(crate) warning: Option<&'static str>,
}

/// Decides at `create` where the container's cgroup goes and checks that every controller the
/// limits need is delegated there. `flag_of` names the flag that set a controller's limit.
pub(crate) fn decide(
    requested: Option<Manager>,
    resources: &Resources,
    pids_limit_given: bool,
) -> Result<Decision> {
    if !is_v2() {
        return Ok(Decision {
            manager: None,
            resources: Resources {
                oom_score_adj: resources.oom_score_adj,
                ..Resources::default()
            },
            warning: resources.needs_cgroup().then_some(V1_WARNING),
        });
    }
    let uid = host_uid();
    let manager = requested.unwrap_or_else(default_manager);
    let delegated = match manager {
        Manager::Systemd => {
            if systemd::user_bus(uid).is_none() {
                return Err(CgroupError::Manager {
                    manager: "systemd",
                    why: format!(
                        "no systemd user manager bus for uid {uid} (set DBUS_SESSION_BUS_ADDRESS, \
                         or enable lingering with `loginctl enable-linger`)"
                    ),
                });
            }
            controllers(&user_manager_cgroup(uid), "cgroup.controllers")
        }
        Manager::Cgroupfs => match cgroup_of("self") {
            Some(dir) => {
                // In the init leaf of an earlier container: the containers go beside it.
                let base = place::parent_of_init_leaf(&dir).unwrap_or(&dir);
                if place::owned_by(base, uid) {
                    controllers(base, "cgroup.controllers")
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        },
    };
    let mut resources = resources.clone();
    if !pids_limit_given && delegated.iter().any(|c| c == "pids") {
        resources.pids_limit = Some(limits::DEFAULT_PIDS_LIMIT);
    }
    if manager == Manager::Cgroupfs && delegated.is_empty() {
        // Nothing delegated here: the container runs in the caller's cgroup, as before.
        if let Some(c) = resources.controllers().first() {
            return Err(not_delegated(c));
        }
        return Ok(Decision {
            manager: None,
            resources,
            warning: None,
        });
    }
    if let Some(c) = resources
        .controllers()
        .into_iter()
        .find(|c| !delegated.iter().any(|d| d == c))
    {
        return Err(not_delegated(c));
    }
    Ok(Decision {
        manager: Some(manager),
        resources,
        warning: None,
    })
}

/// The flags that need `controller`, for messages.
fn flags_of(controller: &str) -> &'static str {
    match controller {
        "memory" => "--memory, --memory-swap, --memory-reservation",
        "cpu" => "--cpus, --cpu-quota, --cpu-period, --cpu-shares, --cpu-weight",
        "cpuset" => "--cpuset-cpus",
        "pids" => "--pids-limit",
        "io" => "--blkio-weight",
        _ => "a limit",
    }
}

fn not_delegated(controller: &str) -> CgroupError {
    CgroupError::NotDelegated {
        controller: controller.to_string(),
        needed_by: flags_of(controller).to_string(),
    }
}

/// Sets this process's oom_score_adj (the container's first process inherits it) and returns
/// the previous value, to be set back after the clone.
pub(crate) fn set_oom_score_adj(value: i32) -> io::Result<i32> {
    let path = "/proc/self/oom_score_adj";
    let old = std::fs::read_to_string(path)?.trim().parse().unwrap_or(0);
    std::fs::write(path, value.to_string())?;
    Ok(old)
}

/// `inspect`'s HostConfig fields for a record's cgroup placement (Podman's names, 0 for unset
/// as Podman shows them).
pub(crate) fn inspect_fields(p: Option<&Placement>) -> serde_json::Map<String, serde_json::Value> {
    let r = p.map(|p| p.resources.clone()).unwrap_or_default();
    let manager = p.and_then(|p| p.manager).map_or("", Manager::as_str);
    let json = serde_json::json!({
        "Memory": r.memory.unwrap_or(0),
        "MemorySwap": r.memory_swap.unwrap_or(0),
        "MemoryReservation": r.memory_reservation.unwrap_or(0),
        "NanoCpus": r.nano_cpus(),
        "CpuPeriod": r.cpu_period.unwrap_or(0),
        "CpuQuota": r.cpu_quota.unwrap_or(0),
        "CpuWeight": r.cpu_weight.unwrap_or(0),
        "CpusetCpus": r.cpuset_cpus.clone().unwrap_or_default(),
        "PidsLimit": r.pids_limit.unwrap_or(0),
        "BlkioWeight": r.blkio_weight.unwrap_or(0),
        "OomScoreAdj": r.oom_score_adj.unwrap_or(0),
        "CgroupManager": manager,
    });
    match json {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// The leaf of a running container whose supervisor is `supervisor_pid`: the `container`
/// sibling of the supervisor's own leaf.
pub(crate) fn leaf_of(supervisor_pid: i32) -> Option<PathBuf> {
    if supervisor_pid <= 0 || !is_v2() {
        return None;
    }
    let own = cgroup_of(&supervisor_pid.to_string())?;
    if own.file_name()? != place::SUPERVISOR_LEAF {
        return None;
    }
    let leaf = own.parent()?.join(place::CONTAINER_LEAF);
    leaf.is_dir().then_some(leaf)
}

/// Moves this process into a running container's leaf (for `exec`: what it runs then counts
/// against the container's limits, as runc's exec does). Written directly where the user may
/// (the caller already in the user's delegated subtree); else, the leaf being in a systemd
/// scope, systemd is asked to attach us (it goes through the system manager from an ssh
/// session). Call while single-threaded and still in the host's namespaces.
pub(crate) fn join_leaf(leaf: &Path) -> Result<()> {
    let procs = leaf.join("cgroup.procs");
    let direct = std::fs::write(&procs, "0");
    let Err(source) = direct else {
        return Ok(());
    };
    // The scope holding the leaf: its parent, or higher for a pod member's (inside the
    // infra's scope).
    let scope = leaf.ancestors().skip(1).find(|a| {
        a.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".scope"))
    });
    let unit = scope.and_then(|p| p.file_name()).and_then(|n| n.to_str());
    match (scope, unit) {
        (Some(scope), Some(unit)) => {
            let rel = leaf.strip_prefix(scope).unwrap_or(leaf);
            systemd::attach_self(unit, &format!("/{}", rel.display()), leaf)
        }
        _ => Err(CgroupError::Io {
            what: "join",
            path: procs,
            source,
        }),
    }
}

/// Writes `resources` into the leaf `dir` (a running container's, for `update`).
pub(crate) fn apply(dir: &Path, resources: &Resources) -> Result<()> {
    place::write_limits(dir, resources)
}

/// Freezes (`true`) or thaws a container's leaf and waits until the kernel says it is done.
pub(crate) fn freeze(dir: &Path, frozen: bool) -> Result<()> {
    let file = dir.join("cgroup.freeze");
    std::fs::write(&file, if frozen { "1" } else { "0" }).map_err(io_err("write", &file))?;
    let events = dir.join("cgroup.events");
    let want = format!("frozen {}", u8::from(frozen));
    for _ in 0..500 {
        let text = std::fs::read_to_string(&events).map_err(io_err("read", &events))?;
        if text.lines().any(|l| l == want) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Err(CgroupError::Io {
        what: "wait for the freezer in",
        path: dir.to_path_buf(),
        source: io::Error::from(io::ErrorKind::TimedOut),
    })
}

/// The pids in a leaf (as the host sees them).
pub(crate) fn pids(dir: &Path) -> Vec<i32> {
    std::fs::read_to_string(dir.join("cgroup.procs"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_controller_names_its_flags_and_the_drop_in() {
        for c in ["memory", "cpu", "cpuset", "pids", "io"] {
            let e = not_delegated(c).to_string();
            assert!(e.contains(&format!("the {c} controller")), "{e}");
            assert!(e.contains("user@.service.d"), "{e}");
            assert!(e.contains("--"), "{e}");
        }
    }

    #[test]
    fn the_user_manager_cgroup_is_below_the_user_slice() {
        assert_eq!(
            user_manager_cgroup(1000),
            Path::new("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service")
        );
    }
}
