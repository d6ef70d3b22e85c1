//! What a process started in a running container gets, decided the same way for `rcon exec`
//! and for a healthcheck: the user (its `-u`, else the container's), the environment (the
//! container's, then the caller's additions, then the defaults) and the capabilities (the
//! container's own for that user, Podman's rules). The caller has joined the container's
//! namespaces ([`crate::linux::nsenter::Namespaces::join`]), so every path is the container's.
use crate::linux::caps::{self, CapSets};
use crate::runtime::startup::DEFAULT_PATH;

/// The container's user: its `-u` (`record_user`) or the image's USER (kept in the spec), else
/// the spec's ids.
pub(crate) fn default_user(process: &oci_spec::runtime::Process, record_user: &str) -> String {
    let named = process.user().username().clone().unwrap_or_default();
    if !named.is_empty() {
        return named;
    }
    if !record_user.is_empty() {
        return record_user.to_string();
    }
    format!("{}:{}", process.user().uid(), process.user().gid())
}

/// The container's environment, then `extra` (later wins), then TERM with `tty`, HOME from
/// passwd and the default PATH when missing.
pub(crate) fn build_env(
    process: &oci_spec::runtime::Process,
    extra: &[(String, String)],
    tty: bool,
    home: &str,
) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = Vec::new();
    let mut set = |k: &str, v: &str| match env.iter_mut().find(|(n, _)| n == k) {
        Some(slot) => slot.1 = v.to_string(),
        None => env.push((k.to_string(), v.to_string())),
    };
    for entry in process.env().iter().flatten() {
        match entry.split_once('=') {
            Some((k, v)) => set(k, v),
            None => set(entry, ""),
        }
    }
    for (k, v) in extra {
        set(k, v);
    }
    let has = |env: &[(String, String)], k: &str| env.iter().any(|(n, _)| n == k);
    if !has(&env, "PATH") {
        env.push(("PATH".into(), DEFAULT_PATH.into()));
    }
    if tty && !has(&env, "TERM") {
        env.push(("TERM".into(), "xterm".into()));
    }
    if !has(&env, "HOME") {
        env.push(("HOME".into(), home.into()));
    }
    env
}

/// The sets of the container's own process for `uid` ([`CapSets::from_spec`], Podman's rules);
/// `privileged` gives every capability.
pub(crate) fn capabilities(
    process: &oci_spec::runtime::Process,
    uid: u32,
    privileged: bool,
) -> CapSets {
    if privileged {
        let all = all_caps();
        return CapSets {
            bounding: all,
            effective: all,
            permitted: all,
            inheritable: 0,
            ambient: 0,
        };
    }
    let mut sets = CapSets::from_spec(process.capabilities().as_ref(), uid);
    // The kernel raises an ambient capability only when it is permitted and inheritable.
    sets.ambient &= sets.permitted;
    sets.inheritable |= sets.ambient;
    sets
}

/// Every capability this kernel knows, as a mask.
pub(crate) fn all_caps() -> u64 {
    match caps::apply::last_cap() {
        last if last >= 63 => u64::MAX,
        last => (1u64 << (last + 1)) - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_layers_container_then_flags_then_defaults() {
        let mut p = oci_spec::runtime::Process::default();
        p.set_env(Some(vec!["PATH=/bin".into(), "A=1".into(), "B=2".into()]));
        let env = build_env(&p, &[("A".into(), "x".into())], true, "/home/user");
        let get = |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("A"), Some("x"));
        assert_eq!(get("B"), Some("2"));
        assert_eq!(get("PATH"), Some("/bin"));
        assert_eq!(get("TERM"), Some("xterm"));
        assert_eq!(get("HOME"), Some("/home/user"));
        p.set_env(None);
        let env = build_env(&p, &[], false, "/");
        assert!(env.iter().any(|(k, v)| k == "PATH" && v == DEFAULT_PATH));
        assert!(!env.iter().any(|(k, _)| k == "TERM"));
    }

    #[test]
    fn privileged_means_every_capability() {
        let p = oci_spec::runtime::Process::default();
        let caps = capabilities(&p, 0, true);
        assert_eq!(caps.bounding, all_caps());
        assert_eq!(caps.effective, all_caps());
        let caps = capabilities(&p, 0, false);
        // oci-spec's default: AUDIT_WRITE, KILL, NET_BIND_SERVICE, ambient too.
        assert_eq!(caps.bounding, (1 << 29) | (1 << 5) | (1 << 10));
        assert_eq!(caps.inheritable & caps.ambient, caps.ambient);
    }

    #[test]
    fn the_user_is_the_images_then_the_records_then_the_specs_ids() {
        let mut p = oci_spec::runtime::Process::default();
        assert_eq!(default_user(&p, "app"), "app");
        assert_eq!(default_user(&p, ""), "0:0");
        let mut u = p.user().clone();
        u.set_username(Some("www".into()));
        p.set_user(u);
        assert_eq!(default_user(&p, "app"), "www");
    }
}
