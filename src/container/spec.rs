//! The OCI runtime spec (`config.json`) of a container: the image config and the validated
//! run flags combined as Docker and Podman combine them. The supervisor and the container
//! setup read nothing else to know what to run.
//!
//! What the spec leaves to others: the user given by name (`-u nobody`, `USER app`) is
//! resolved inside the container from its own /etc/passwd at start (the record's `user`;
//! `process.user.username` carries it too), and `--init` is carried out at spawn.
use crate::container::record::{NetworkMode, UsernsMode};
use crate::container::runconfig::{self, RunConfig, RunConfigError};
use crate::linux::idmap::{IdMap, IdRange};
use oci_spec::runtime::{
    Capabilities, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxIdMapping, LinuxIdMappingBuilder,
    LinuxNamespaceBuilder, LinuxNamespaceType, Mount, MountBuilder, PosixRlimit,
    PosixRlimitBuilder, PosixRlimitType, ProcessBuilder, RootBuilder, Spec, SpecBuilder,
    UserBuilder,
};
use serde_json::Value;
use std::path::Path;

/// The PATH a container gets when neither the image nor `-e` sets one.
pub(crate) const DEFAULT_PATH: &str =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Podman's masked paths: unreadable inside the container.
pub(crate) const MASKED_PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/interrupts",
    "/sys/dev/block",
    "/sys/devices/virtual/powercap",
    "/sys/firmware",
    "/sys/fs/selinux",
];

/// Podman's read-only paths.
pub(crate) const READONLY_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Why a spec cannot be built.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SpecError {
    #[error(
        "no command or entrypoint provided, and no CMD or ENTRYPOINT from image {image}: give a \
         command after the image name"
    )]
    NoCommand { image: String },
    #[error(transparent)]
    Flags(#[from] RunConfigError),
    #[error("cannot build the OCI spec ({what}): {reason}")]
    Build { what: &'static str, reason: String },
}

type Result<T> = std::result::Result<T, SpecError>;

fn build_err(what: &'static str) -> impl Fn(oci_spec::OciSpecError) -> SpecError {
    move |e| SpecError::Build {
        what,
        reason: e.to_string(),
    }
}

/// One field of the image's `config` object (`Env`, `Cmd` …); the whole config blob or only
/// its `config` object may be given.
fn image_field<'a>(img: &'a Value, key: &str) -> Option<&'a Value> {
    img.get("config")
        .filter(|c| c.is_object())
        .unwrap_or(img)
        .get(key)
        .filter(|v| !v.is_null())
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn image_str(img: &Value, key: &str) -> String {
    image_field(img, key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The entrypoint and command, as Docker combines them: `--entrypoint` replaces the image's
/// entrypoint and drops its Cmd; a command after the image replaces the Cmd.
pub(crate) fn entrypoint_and_cmd(img: &Value, run: &RunConfig) -> (Vec<String>, Vec<String>) {
    let (entrypoint, image_cmd) = match &run.entrypoint {
        Some(ep) => (ep.clone(), Vec::new()),
        None => (
            string_list(image_field(img, "Entrypoint")),
            string_list(image_field(img, "Cmd")),
        ),
    };
    let cmd = if run.command.is_empty() {
        image_cmd
    } else {
        run.command.clone()
    };
    (entrypoint, cmd)
}

/// The process's arguments: entrypoint then command.
pub(crate) fn process_args(img: &Value, run: &RunConfig) -> Result<Vec<String>> {
    let (mut args, cmd) = entrypoint_and_cmd(img, run);
    args.extend(cmd);
    if args.is_empty() {
        return Err(SpecError::NoCommand {
            image: run.image.clone(),
        });
    }
    Ok(args)
}

/// An ordered environment where a later value of a name replaces the earlier in place.
#[derive(Default)]
struct Env(Vec<(String, String)>);

impl Env {
    fn set(&mut self, k: &str, v: &str) {
        match self.0.iter_mut().find(|(n, _)| n == k) {
            Some(e) => e.1 = v.to_string(),
            None => self.0.push((k.to_string(), v.to_string())),
        }
    }

    fn into_strings(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect()
    }
}

/// The environment: defaults (PATH, container=rcon), then containers.conf's `env`
/// (whose built-in value is PATH and TERM=xterm, as Podman's), then the image's, less what
/// `--unsetenv` names (all of it with `--unsetenv-all`); then HOSTNAME unless one of those
/// set it, TERM=xterm with a terminal, and last the run flags' (`--env-host`, `--env-file`,
/// `-e`, already in that order), which `--unsetenv` never takes.
pub(crate) fn environment(img: &Value, run: &RunConfig, hostname: &str) -> Vec<String> {
    let mut env = Env::default();
    if !run.unsetenv_all {
        env.set("PATH", DEFAULT_PATH);
        env.set("container", "rcon");
        let conf = crate::config::containers_conf::ContainersConf::current();
        let conf_env = conf
            .containers
            .env
            .clone()
            .unwrap_or_else(|| vec![format!("PATH={DEFAULT_PATH}"), "TERM=xterm".to_string()]);
        for entry in &conf_env {
            if let Some((k, v)) = entry.split_once('=').filter(|(k, _)| !k.is_empty()) {
                env.set(k, v);
            }
        }
        for entry in string_list(image_field(img, "Env")) {
            match entry.split_once('=') {
                Some((k, v)) => env.set(k, v),
                None => env.set(&entry, ""),
            }
        }
        env.0.retain(|(k, _)| !run.unsetenv.contains(k));
    }
    if !env.0.iter().any(|(k, _)| k == "HOSTNAME") {
        env.set("HOSTNAME", hostname);
    }
    if run.tty && !env.0.iter().any(|(k, _)| k == "TERM") {
        env.set("TERM", "xterm");
    }
    for (k, v) in &run.env {
        env.set(k, v);
    }
    env.into_strings()
}

/// The user the process runs as: `-u`, else the image's USER; empty for root.
/// `--user`, else the user's own ids under `--userns keep-id` (as Podman), else the image's.
pub(crate) fn effective_user(img: &Value, run: &RunConfig) -> String {
    if let (None, UsernsMode::KeepId { uid, gid }) = (&run.user, &run.userns) {
        return format!("{uid}:{gid}");
    }
    run.user.clone().unwrap_or_else(|| image_str(img, "User"))
}

/// The numeric uid and gid of a user string, as far as it is numeric (`1000`, `1000:100`);
/// names are resolved inside the container at start.
pub(crate) fn numeric_ids(user: &str) -> (Option<u32>, Option<u32>) {
    let (u, g) = match user.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (user, None),
    };
    (u.parse().ok(), g.and_then(|g| g.parse().ok()))
}

/// The stop signal: `--stop-signal`, else the image's StopSignal, else SIGTERM.
pub(crate) fn stop_signal(img: &Value, run: &RunConfig) -> i32 {
    run.stop_signal
        .or_else(|| {
            let s = image_str(img, "StopSignal");
            (!s.is_empty())
                .then(|| runconfig::parse_signal("StopSignal", &s).ok())
                .flatten()
        })
        .unwrap_or(libc::SIGTERM)
}

/// The hostname: `--hostname`, the host's with `--network host`, else the short ID.
pub(crate) fn hostname(run: &RunConfig, id: &str) -> String {
    if let Some(h) = &run.hostname {
        return h.clone();
    }
    if run.network == NetworkMode::Host {
        if let Ok(h) = nix::unistd::gethostname() {
            return h.to_string_lossy().into_owned();
        }
    }
    id.chars().take(12).collect()
}

fn mount(dest: &str, typ: &str, source: &str, options: &[&str]) -> Result<Mount> {
    MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .build()
        .map_err(build_err("mount"))
}

/// The mounts, in the order they are made: the kernel filesystems, then `--tmpfs` (and the
/// tmpfs of `--read-only`), then the generated /etc files from the container's folder.
fn mounts(run: &RunConfig, dir: &Path) -> Result<Vec<Mount>> {
    let mut m = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        )?,
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &[
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
            ],
        )?,
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        )?,
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        )?,
    ];
    let sys_ro = if run.privileged { "rw" } else { "ro" };
    if run.network == NetworkMode::Host {
        // sysfs can be mounted only by the owner of the network namespace: bind the host's.
        m.push(mount(
            "/sys",
            "bind",
            "/sys",
            &["rbind", "nosuid", "noexec", "nodev", sys_ro],
        )?);
    } else {
        m.push(mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", sys_ro],
        )?);
    }
    if Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        m.push(mount(
            "/sys/fs/cgroup",
            "cgroup2",
            "cgroup2",
            &["nosuid", "noexec", "nodev", "relatime", sys_ro],
        )?);
    }
    let mut tmpfs = run.tmpfs.clone();
    if run.read_only && run.read_only_tmpfs {
        for p in ["/run", "/tmp", "/var/tmp"] {
            if !tmpfs.iter().any(|t| t.path == p) {
                tmpfs.push(runconfig::Tmpfs {
                    path: p.into(),
                    options: ["rw", "nosuid", "nodev"].map(String::from).to_vec(),
                });
            }
        }
    }
    for t in &tmpfs {
        let opts: Vec<&str> = t.options.iter().map(String::as_str).collect();
        let mut tmp = mount(&t.path, "tmpfs", "tmpfs", &opts)?;
        default_copy_up(&mut tmp);
        m.push(tmp);
    }
    for (name, dest) in [
        ("hosts", "/etc/hosts"),
        ("hostname", "/etc/hostname"),
        ("resolv.conf", "/etc/resolv.conf"),
        (CONTAINERENV, "/run/.containerenv"),
    ] {
        if name == "hosts" && run.net.no_hosts {
            // `--no-hosts`: the image's own /etc/hosts.
            continue;
        }
        let src = dir.join(name);
        m.push(mount(
            dest,
            "bind",
            &src.to_string_lossy(),
            &["rbind", "rprivate", "nosuid", "nodev"],
        )?);
    }
    Ok(m)
}

/// The generated file of `containers/<id>/` bound at /run/.containerenv: that this is a
/// container (Podman's marker, which tools test for), and with `--privileged` which one.
pub(crate) const CONTAINERENV: &str = ".containerenv";

/// Podman's default for a tmpfs the user asks for (`--tmpfs`, `--mount type=tmpfs`): the
/// image's files at that place are copied into it (`tmpcopyup`), unless `notmpcopyup`.
pub(crate) fn default_copy_up(m: &mut Mount) {
    let mut opts = m.options().clone().unwrap_or_default();
    if !opts.iter().any(|o| o == "tmpcopyup" || o == "notmpcopyup") {
        opts.push("tmpcopyup".into());
        m.set_options(Some(opts));
    }
}

/// The caller's hard limit of `resource`.
fn hard_limit(resource: libc::__rlimit_resource_t) -> Option<u64> {
    crate::sys::rlimit::get(resource).ok().map(|(_, hard)| hard)
}

/// The rlimits: Podman raises nofile and nproc to the caller's hard limits; `--ulimit` wins.
fn rlimits(run: &RunConfig) -> Result<Vec<PosixRlimit>> {
    let mut limits: Vec<(String, u64, u64)> = Vec::new();
    for (name, res) in [
        ("nofile", libc::RLIMIT_NOFILE),
        ("nproc", libc::RLIMIT_NPROC),
    ] {
        if let Some(hard) = hard_limit(res) {
            limits.push((name.into(), hard, hard));
        }
    }
    for u in &run.ulimits {
        limits.retain(|(n, _, _)| n != &u.name);
        limits.push((u.name.clone(), u.soft, u.hard));
    }
    limits
        .into_iter()
        .map(|(name, soft, hard)| {
            let typ: PosixRlimitType =
                serde_json::from_value(Value::String(format!("RLIMIT_{}", name.to_uppercase())))
                    .map_err(|e| SpecError::Build {
                        what: "rlimit",
                        reason: e.to_string(),
                    })?;
            PosixRlimitBuilder::default()
                .typ(typ)
                .soft(soft)
                .hard(hard)
                .build()
                .map_err(build_err("rlimit"))
        })
        .collect()
}

fn id_mappings(ranges: &[IdRange]) -> Result<Vec<LinuxIdMapping>> {
    ranges
        .iter()
        .map(|r| {
            LinuxIdMappingBuilder::default()
                .container_id(r.inside)
                .host_id(r.outside)
                .size(r.count)
                .build()
                .map_err(build_err("id mapping"))
        })
        .collect()
}

/// The capability set as the spec's type.
pub(crate) fn capabilities(run: &RunConfig) -> Result<Capabilities> {
    let names = runconfig::merge_caps(run.privileged, &run.cap_add, &run.cap_drop)?;
    names
        .iter()
        .map(|n| {
            serde_json::from_value(Value::String(n.clone())).map_err(|e| SpecError::Build {
                what: "capability",
                reason: e.to_string(),
            })
        })
        .collect()
}

/// Builds the OCI spec of container `id` (whose folder is `dir`) from the image config blob
/// (or its `config` object), the validated run flags and the store's id map.
pub(crate) fn build(
    img: &Value,
    run: &RunConfig,
    idmap: &IdMap,
    id: &str,
    dir: &Path,
) -> Result<Spec> {
    let hostname = hostname(run, id);
    let args = process_args(img, run)?;
    let user = effective_user(img, run);
    let (uid, gid) = numeric_ids(&user);
    let additional: Vec<u32> = run
        .group_add
        .iter()
        .filter_map(|g| g.parse().ok())
        .collect();
    let mut user_b = UserBuilder::default()
        .uid(uid.unwrap_or(0))
        .gid(gid.unwrap_or(0))
        .umask(0o022u32)
        .additional_gids(additional);
    if !user.is_empty() {
        user_b = user_b.username(user.clone());
    }
    let caps = capabilities(run)?;
    let cwd = run
        .workdir
        .clone()
        .or_else(|| Some(image_str(img, "WorkingDir")).filter(|w| !w.is_empty()))
        .unwrap_or_else(|| "/".into());
    let process = ProcessBuilder::default()
        .terminal(run.tty)
        .user(user_b.build().map_err(build_err("user"))?)
        .args(args)
        .env(environment(img, run, &hostname))
        .cwd(cwd)
        .capabilities(
            LinuxCapabilitiesBuilder::default()
                .bounding(caps.clone())
                .effective(caps.clone())
                .permitted(caps)
                .inheritable(Capabilities::new())
                // The builder would fill an unset field from oci-spec's own defaults.
                .ambient(Capabilities::new())
                .build()
                .map_err(build_err("capabilities"))?,
        )
        .rlimits(rlimits(run)?)
        .no_new_privileges(run.no_new_privileges)
        .build()
        .map_err(build_err("process"))?;
    let mut namespaces = Vec::new();
    for typ in [
        LinuxNamespaceType::Pid,
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Mount,
        LinuxNamespaceType::Cgroup,
        LinuxNamespaceType::Network,
    ] {
        if typ == LinuxNamespaceType::Network && run.network == NetworkMode::Host {
            continue;
        }
        if typ == LinuxNamespaceType::Ipc && !run.ipc.makes_namespace() {
            continue;
        }
        namespaces.push(
            LinuxNamespaceBuilder::default()
                .typ(typ)
                .build()
                .map_err(build_err("namespace"))?,
        );
    }
    let (masked, readonly): (Vec<String>, Vec<String>) = if run.privileged {
        (vec![], vec![])
    } else {
        (
            MASKED_PATHS.iter().map(|s| s.to_string()).collect(),
            READONLY_PATHS.iter().map(|s| s.to_string()).collect(),
        )
    };
    let linux = LinuxBuilder::default()
        .uid_mappings(id_mappings(&idmap.uids)?)
        .gid_mappings(id_mappings(&idmap.gids)?)
        .namespaces(namespaces)
        .masked_paths(masked)
        .readonly_paths(readonly)
        .build()
        .map_err(build_err("linux"))?;
    let mut spec = SpecBuilder::default()
        .version("1.0.2")
        .root(
            RootBuilder::default()
                .path("rootfs")
                .readonly(run.read_only)
                .build()
                .map_err(build_err("root"))?,
        )
        .hostname(hostname)
        .process(process)
        .mounts(mounts(run, dir)?)
        .linux(linux)
        .annotations(
            run.annotations
                .clone()
                .into_iter()
                .collect::<std::collections::HashMap<_, _>>(),
        )
        .build()
        .map_err(build_err("spec"))?;
    if run.workdir_must_exist {
        let key = crate::linux::mounts::WORKDIR_ANNOTATION.to_string();
        let mut notes = spec.annotations().clone().unwrap_or_default();
        notes.insert(key, "true".to_string());
        spec.set_annotations(Some(notes));
    }
    Ok(spec)
}

#[cfg(test)]
mod tests;
