//! Capabilities of the container's process: the sets computed from the OCI spec (pure, unit
//! tested) and the calls that apply them in the setup child.
//!
//! Podman's rules: root gets the spec's bounding, effective and permitted sets and an empty
//! inheritable set; a non-root user gets empty effective and permitted sets, except for the
//! capabilities the spec lists as ambient (Podman puts `--cap-add` there for a non-root user),
//! which it then holds in every set so they survive execve.
use oci_spec::runtime::{Capabilities, Capability, LinuxCapabilities};

/// Why the capability sets could not be applied.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CapsError {
    #[error("cannot {what}: {source}")]
    Call {
        what: &'static str,
        #[source]
        source: nix::errno::Errno,
    },
}

/// Capability names in kernel order: `NAMES[n]` is capability number `n`.
pub(crate) const NAMES: [&str; 41] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/// Podman's 11 default capabilities (containers.conf `default_capabilities`).
#[cfg(test)]
const PODMAN_DEFAULT: [&str; 11] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// The number of a capability name, with or without `CAP_`, any case.
pub(crate) fn number(name: &str) -> Option<u32> {
    let upper = name.to_ascii_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    NAMES.iter().position(|n| *n == bare).map(|n| n as u32)
}

fn bit(cap: &Capability) -> u64 {
    // strum's Display is the kernel name without `CAP_` (`SYS_CHROOT`).
    number(&cap.to_string()).map_or(0, |n| 1u64 << n)
}

fn mask(set: &Option<Capabilities>) -> u64 {
    set.iter().flatten().fold(0, |m, c| m | bit(c))
}

/// The five sets as bit masks (bit n = capability n).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct CapSets {
    pub(crate) bounding: u64,
    pub(crate) effective: u64,
    pub(crate) permitted: u64,
    pub(crate) inheritable: u64,
    pub(crate) ambient: u64,
}

impl CapSets {
    /// The sets a process running as `uid` gets from the spec's capabilities (none listed:
    /// no capability at all).
    pub(crate) fn from_spec(caps: Option<&LinuxCapabilities>, uid: u32) -> CapSets {
        let Some(caps) = caps else {
            return CapSets::default();
        };
        let bounding = mask(caps.bounding());
        if uid == 0 {
            // Root gets its permitted set from the bounding set at every execve; ambient
            // capabilities matter only to other users, and raising them would need them in the
            // (empty) inheritable set.
            return CapSets {
                bounding,
                effective: mask(caps.effective()) & bounding,
                permitted: mask(caps.permitted()) & bounding,
                inheritable: mask(caps.inheritable()) & bounding,
                ambient: 0,
            };
        }
        let ambient = mask(caps.ambient()) & bounding;
        CapSets {
            bounding,
            effective: ambient,
            permitted: ambient,
            inheritable: (mask(caps.inheritable()) & bounding) | ambient,
            ambient,
        }
    }
}

/// `/proc/self/status`'s hex form of a set (`CapEff:\t00000000800405fb`).
#[cfg(test)]
fn hex(set: u64) -> String {
    format!("{set:016x}")
}

/// The calls, made in the setup child only.
pub(crate) mod apply {
    use super::{CapSets, CapsError};

    /// The highest capability number this kernel knows.
    pub(crate) fn last_cap() -> u32 {
        std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(40)
    }

    /// Drops every capability outside `sets.bounding` from the bounding set; needs
    /// CAP_SETPCAP, so it runs before the user changes.
    pub(crate) fn drop_bounding(sets: &CapSets, last: u32) -> Result<(), CapsError> {
        for cap in 0..=last.min(63) {
            if sets.bounding & (1 << cap) != 0 {
                continue;
            }
            crate::sys::capset::bounding_drop(cap).map_err(|source| CapsError::Call {
                what: "drop a capability from the bounding set",
                source,
            })?;
        }
        Ok(())
    }

    /// Sets effective, permitted and inheritable (capset v3), then the ambient set.
    pub(crate) fn set(sets: &CapSets, last: u32) -> Result<(), CapsError> {
        crate::sys::capset::set_v3(sets.effective, sets.permitted, sets.inheritable).map_err(
            |source| CapsError::Call {
                what: "set the capability sets",
                source,
            },
        )?;
        crate::sys::capset::ambient_clear_all().map_err(|source| CapsError::Call {
            what: "clear the ambient capabilities",
            source,
        })?;
        for cap in 0..=last.min(63) {
            if sets.ambient & (1 << cap) == 0 {
                continue;
            }
            if let Err(e) = crate::sys::capset::ambient_raise(cap) {
                log::debug!("cannot raise ambient capability {cap}: {e}");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn set(names: &[&str]) -> Option<Capabilities> {
        Some(
            names
                .iter()
                .map(|n| Capability::from_str(n).unwrap())
                .collect(),
        )
    }

    fn podman_caps(ambient: &[&str]) -> LinuxCapabilities {
        let mut caps = LinuxCapabilities::default();
        caps.set_bounding(set(&PODMAN_DEFAULT));
        caps.set_effective(set(&PODMAN_DEFAULT));
        caps.set_permitted(set(&PODMAN_DEFAULT));
        caps.set_inheritable(set(&[]));
        caps.set_ambient(set(ambient));
        caps
    }

    #[test]
    fn podman_defaults_give_the_known_capeff_for_root() {
        let sets = CapSets::from_spec(Some(&podman_caps(&[])), 0);
        assert_eq!(hex(sets.effective), "00000000800405fb");
        assert_eq!(sets.effective, sets.permitted);
        assert_eq!(sets.bounding, sets.effective);
        assert_eq!((sets.inheritable, sets.ambient), (0, 0));
        // oci-spec's builder fills ambient with its own defaults: root ignores them.
        let sets = CapSets::from_spec(Some(&podman_caps(&["KILL", "AUDIT_WRITE"])), 0);
        assert_eq!(sets.ambient, 0);
    }

    #[test]
    fn a_non_root_user_keeps_only_the_ambient_capabilities() {
        let sets = CapSets::from_spec(Some(&podman_caps(&[])), 1000);
        assert_eq!(
            (sets.effective, sets.permitted, sets.inheritable),
            (0, 0, 0)
        );
        assert_eq!(hex(sets.bounding), "00000000800405fb");
        let mut caps = podman_caps(&["NET_BIND_SERVICE"]);
        caps.set_bounding(set(&["NET_BIND_SERVICE", "CHOWN"]));
        let sets = CapSets::from_spec(Some(&caps), 1000);
        assert_eq!(sets.effective, 1 << 10);
        assert_eq!(sets.ambient, 1 << 10);
        assert_eq!(sets.inheritable, 1 << 10);
    }

    #[test]
    fn capability_names_map_to_kernel_numbers() {
        assert_eq!(number("CAP_SYS_ADMIN"), Some(21));
        assert_eq!(number("net_raw"), Some(13));
        assert_eq!(number("CHECKPOINT_RESTORE"), Some(40));
        assert_eq!(number("CAP_NOPE"), None);
        assert_eq!(bit(&Capability::SysChroot), 1 << 18);
        assert_eq!(CapSets::from_spec(None, 0), CapSets::default());
    }
}
