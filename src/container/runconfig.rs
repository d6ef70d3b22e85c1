//! `RunConfig`: the validated, resolved form of `rcon run`/`rcon create` flags, built in one
//! step from the raw command line before anything runs (ripgrep's lowargs → hiargs idea).
//! Every flag value is checked here; a bad one is one line naming the flag and what it
//! accepts, and the CLI exits 125 with it.
use crate::container::record::{NetworkMode, RestartPolicy, UsernsMode};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub(crate) mod mounts;

/// A flag value rcon cannot use.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RunConfigError {
    #[error("{flag} {value:?}: {expected}")]
    Flag {
        flag: &'static str,
        value: String,
        expected: String,
    },
    #[error("{flag} {path}: {source}")]
    File {
        flag: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Conflict(String),
    /// A network flag, refused by `network` with its own message.
    #[error(transparent)]
    Network(#[from] crate::network::FlagError),
    /// `--default-mounts-file` cannot be read or has a bad line.
    #[error(transparent)]
    MountsConf(#[from] crate::config::mounts_conf::MountsConfError),
}

type Result<T> = std::result::Result<T, RunConfigError>;

fn bad(flag: &'static str, value: &str, expected: impl Into<String>) -> RunConfigError {
    RunConfigError::Flag {
        flag,
        value: value.to_string(),
        expected: expected.into(),
    }
}

pub(crate) use crate::image::resolve::PullPolicy;

/// One `--tmpfs path[:options]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tmpfs {
    pub(crate) path: String,
    /// Mount options: Podman's defaults (rw, noexec, nosuid, nodev) unless overridden.
    pub(crate) options: Vec<String>,
}

/// One `--ulimit name=soft[:hard]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ulimit {
    /// The short name (`nofile`).
    pub(crate) name: String,
    pub(crate) soft: u64,
    pub(crate) hard: u64,
}

/// Everything `run` and `create` need, validated.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunConfig {
    /// The image as typed.
    pub(crate) image: String,
    /// The command after the image (overrides the image's Cmd).
    pub(crate) command: Vec<String>,
    pub(crate) name: Option<String>,
    pub(crate) detach: bool,
    pub(crate) interactive: bool,
    pub(crate) tty: bool,
    /// `--rm`.
    pub(crate) auto_remove: bool,
    /// A step of `rcon build` (see [`crate::container::ContainerRecord::build`]).
    pub(crate) build: bool,
    /// `--env-host` (else the host's proxy variables under `--http-proxy`), `--env-file` and
    /// `-e` entries resolved, in that order (later wins).
    pub(crate) env: Vec<(String, String)>,
    /// `--hostuser`: host users (names or uids) given a passwd entry in the container.
    pub(crate) host_users: Vec<String>,
    /// `--timeout`: seconds a run may last before it is killed; 0 for no limit.
    pub(crate) timeout: u32,
    /// `--unsetenv`: defaults and image variables left out.
    pub(crate) unsetenv: Vec<String>,
    /// `--unsetenv-all`: no default, containers.conf or image variable at all.
    pub(crate) unsetenv_all: bool,
    pub(crate) workdir: Option<String>,
    /// `--workdir` of the CLI: the folder must be there (or be a mount's), not made.
    pub(crate) workdir_must_exist: bool,
    /// `-u` as given.
    pub(crate) user: Option<String>,
    pub(crate) group_add: Vec<String>,
    /// `--entrypoint`: `Some(vec![])` for `--entrypoint ""`.
    pub(crate) entrypoint: Option<Vec<String>>,
    pub(crate) hostname: Option<String>,
    /// Normalised to `CAP_X` or `ALL`.
    pub(crate) cap_add: Vec<String>,
    pub(crate) cap_drop: Vec<String>,
    pub(crate) privileged: bool,
    pub(crate) no_new_privileges: bool,
    /// `--security-opt seccomp=…` (else containers.conf's `seccomp_profile`, else built in).
    pub(crate) seccomp: Option<crate::linux::seccomp::Choice>,
    /// `--security-opt` as given, for inspect.
    pub(crate) security_opt: Vec<String>,
    pub(crate) read_only: bool,
    /// With `--read-only`: tmpfs on /run, /tmp and /var/tmp.
    pub(crate) read_only_tmpfs: bool,
    pub(crate) init: bool,
    /// `--pod`, resolved.
    pub(crate) pod: Option<crate::container::record::PodLink>,
    /// `--requires`, resolved to IDs.
    pub(crate) requires: Vec<String>,
    /// `--stop-signal` as a number; the image's StopSignal, then SIGTERM, when `None`.
    pub(crate) stop_signal: Option<i32>,
    pub(crate) stop_timeout: u32,
    pub(crate) tmpfs: Vec<Tmpfs>,
    /// `-v` and `--mount`, in the order given.
    pub(crate) mounts: Vec<mounts::MountRequest>,
    pub(crate) volumes_from: Vec<mounts::VolumesFrom>,
    /// `--image-volume`: what the image's `VOLUME`s become.
    pub(crate) image_volumes: mounts::ImageVolumes,
    pub(crate) ulimits: Vec<Ulimit>,
    pub(crate) labels: BTreeMap<String, String>,
    /// `--annotation`: the OCI spec's annotations.
    pub(crate) annotations: BTreeMap<String, String>,
    pub(crate) restart: RestartPolicy,
    pub(crate) network: NetworkMode,
    /// `-p`, `-P`, `--add-host`, `--dns*`, `--no-hosts`.
    pub(crate) net: crate::network::NetFlags,
    pub(crate) userns: UsernsMode,
    /// `--ipc`.
    pub(crate) ipc: crate::container::ipc::IpcMode,
    /// `k8s-file`, `journald`, `none` or `passthrough`.
    pub(crate) log_driver: String,
    /// `--log-opt max-size=` in bytes, 0 for no limit.
    pub(crate) log_max_size: u64,
    /// `--log-opt tag=`.
    pub(crate) log_tag: Option<String>,
    pub(crate) pull: PullPolicy,
    pub(crate) replace: bool,
    pub(crate) cidfile: Option<PathBuf>,
    pub(crate) detach_keys: String,
    pub(crate) sig_proxy: bool,
    pub(crate) platform: Option<String>,
    /// The global `--storage-driver`, when given.
    pub(crate) storage_driver: Option<String>,
    /// The container's cgroup and limits (`--memory` …, `--cgroup-manager`), when it has any.
    pub(crate) cgroup: Option<crate::linux::cgroup::Placement>,
    /// The command line that created the container, for inspect's CreateCommand.
    pub(crate) create_command: Vec<String>,
    /// `--health-*` and `--no-healthcheck`, merged with the image's HEALTHCHECK at create.
    pub(crate) health: crate::container::health::HealthFlags,
    /// `--secret`: files and variables the container gets copies of at create.
    pub(crate) secrets: Vec<crate::container::secrets::SecretUse>,
}

/// Parses `-e NAME=VALUE` / `-e NAME` (the host's value; skipped when the host has none).
pub(crate) fn parse_env(
    flag: &'static str,
    entry: &str,
    host: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(String, String)>> {
    let (name, value) = match entry.split_once('=') {
        Some((n, v)) => (n, Some(v.to_string())),
        None => (entry, None),
    };
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(bad(
            flag,
            entry,
            "expected NAME=VALUE or NAME (the host's value)",
        ));
    }
    Ok(match value {
        Some(v) => Some((name.to_string(), v)),
        None => host(name).map(|v| (name.to_string(), v)),
    })
}

/// Parses the text of an `--env-file`: `NAME=VALUE` or `NAME` lines, `#` comments, blank
/// lines skipped.
pub(crate) fn parse_env_file(
    text: &str,
    host: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.trim_end_matches('\r');
        out.extend(parse_env("--env-file", line, host)?);
    }
    Ok(out)
}

/// `--entrypoint`: a JSON array of strings, or one string taken as the executable; an empty
/// string clears the image's entrypoint.
pub(crate) fn parse_entrypoint(s: &str) -> Result<Vec<String>> {
    if s.trim_start().starts_with('[') {
        return serde_json::from_str(s).map_err(|_| {
            bad(
                "--entrypoint",
                s,
                "expected a command or a JSON array of strings",
            )
        });
    }
    if s.is_empty() {
        return Ok(vec![]);
    }
    Ok(vec![s.to_string()])
}

/// A signal by name (`TERM`, `SIGTERM`, `sigkill`) or number, as `--stop-signal` and `kill -s`
/// take it. One leading dash is dropped, as kill(1) writes them (`-9`, `-HUP`).
pub(crate) fn parse_signal(flag: &'static str, given: &str) -> Result<i32> {
    let expected = "expected a signal name (TERM, SIGKILL, RTMIN+3) or number (1-64)";
    let s = given.strip_prefix('-').unwrap_or(given);
    if let Ok(n) = s.parse::<i32>() {
        return if (1..=64).contains(&n) {
            Ok(n)
        } else {
            Err(bad(flag, given, expected))
        };
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(rest) = name.strip_prefix("RTMIN") {
        let off: i32 = if rest.is_empty() {
            0
        } else {
            rest.strip_prefix('+')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| bad(flag, given, expected))?
        };
        let n = libc::SIGRTMIN() + off;
        return if n <= libc::SIGRTMAX() {
            Ok(n)
        } else {
            Err(bad(flag, given, expected))
        };
    }
    if let Some(rest) = name.strip_prefix("RTMAX") {
        let off: i32 = if rest.is_empty() {
            0
        } else {
            rest.strip_prefix('-')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| bad(flag, given, expected))?
        };
        let n = libc::SIGRTMAX() - off;
        return if n >= libc::SIGRTMIN() {
            Ok(n)
        } else {
            Err(bad(flag, given, expected))
        };
    }
    format!("SIG{name}")
        .parse::<nix::sys::signal::Signal>()
        .map(|sig| sig as i32)
        .map_err(|_| bad(flag, given, expected))
}

/// The name of signal `n` (`SIGTERM`), as inspect shows it.
pub(crate) fn signal_name(n: i32) -> String {
    match nix::sys::signal::Signal::try_from(n) {
        Ok(s) => s.as_str().to_string(),
        Err(_) if n >= libc::SIGRTMIN() && n <= libc::SIGRTMAX() => {
            format!("SIGRTMIN+{}", n - libc::SIGRTMIN())
        }
        Err(_) => n.to_string(),
    }
}

/// A size with an optional unit (`10m`, `1.5GB`, `4096`, `100k`): bytes.
pub(crate) fn parse_size(flag: &'static str, s: &str) -> Result<u64> {
    parse_size_base(flag, s, 1024)
}

/// [`parse_size`] with units of `base` (1000 for `--log-opt max-size`, as Docker and Podman
/// read it).
fn parse_size_base(flag: &'static str, s: &str, base: u64) -> Result<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let digits_end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (num, unit) = lower.split_at(digits_end);
    let n: f64 = num
        .parse()
        .map_err(|_| bad(flag, s, "expected a size such as 10m, 512k or 1g"))?;
    let mult: u64 = match unit.trim_end_matches('b').trim_end_matches('i') {
        "" => 1,
        "k" => base,
        "m" => base.pow(2),
        "g" => base.pow(3),
        "t" => base.pow(4),
        _ => return Err(bad(flag, s, "expected a size such as 10m, 512k or 1g")),
    };
    if unit == "i" || unit.ends_with("bb") {
        return Err(bad(flag, s, "expected a size such as 10m, 512k or 1g"));
    }
    Ok((n * mult as f64) as u64)
}

/// `--restart no|on-failure[:N]|always|unless-stopped`.
pub(crate) fn parse_restart(s: &str) -> Result<RestartPolicy> {
    let expected = "expected no, on-failure[:N], always or unless-stopped";
    let (name, count) = match s.split_once(':') {
        Some((n, c)) => (n, Some(c)),
        None => (s, None),
    };
    let name = match name {
        "" | "no" => "no",
        "on-failure" => "on-failure",
        "always" => "always",
        "unless-stopped" => "unless-stopped",
        _ => return Err(bad("--restart", s, expected)),
    };
    let max_retries = match count {
        None => 0,
        Some(c) if name == "on-failure" => c
            .parse()
            .map_err(|_| bad("--restart", s, "on-failure:N takes a number of retries"))?,
        Some(_) => {
            return Err(bad(
                "--restart",
                s,
                "only on-failure takes a retry count (on-failure:N)",
            ))
        }
    };
    Ok(RestartPolicy {
        name: name.to_string(),
        max_retries,
    })
}

pub(crate) use crate::container::userns::parse_userns;

/// `--log-driver k8s-file|journald|none|passthrough`; `json-file` is Podman's alias of
/// `k8s-file` and is kept as that.
pub(crate) fn parse_log_driver(s: &str) -> Result<String> {
    match s {
        "k8s-file" | "journald" | "none" | "passthrough" => Ok(s.to_string()),
        "json-file" => Ok("k8s-file".to_string()),
        _ => Err(bad(
            "--log-driver",
            s,
            "expected k8s-file, journald, none or passthrough",
        )),
    }
}

/// One `--log-opt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LogOpt {
    /// `max-size=SIZE` in bytes (k8s-file).
    MaxSize(u64),
    /// `tag=TAG`: CONTAINER_TAG and SYSLOG_IDENTIFIER of journald entries.
    Tag(String),
}

/// `--log-opt max-size=SIZE` or `--log-opt tag=TAG`.
pub(crate) fn parse_log_opt(s: &str) -> Result<LogOpt> {
    match s.split_once('=') {
        Some(("max-size", v)) => parse_size_base("--log-opt", v, 1000).map(LogOpt::MaxSize),
        Some(("tag", v)) if !v.is_empty() && !v.contains('\n') => Ok(LogOpt::Tag(v.to_string())),
        _ => Err(bad(
            "--log-opt",
            s,
            "rcon supports max-size=SIZE and tag=TAG",
        )),
    }
}

/// The log driver against the rest of the run: passthrough hands the container no terminal,
/// journald needs a journal to write to.
pub(crate) fn check_log_driver(driver: &str, tty: bool) -> Result<()> {
    if driver == "passthrough" && tty {
        return Err(RunConfigError::Conflict(
            "--log-driver passthrough and --tty conflict: the container's output goes straight \
             to rcon's own descriptors, never through a terminal of its own; leave out -t"
                .to_string(),
        ));
    }
    if driver == "journald" && !crate::util::journal::available() {
        return Err(RunConfigError::Conflict(format!(
            "--log-driver journald: the systemd journal's socket {} is missing (journald does \
             not run here); use --log-driver k8s-file",
            crate::util::journal::SOCKET
        )));
    }
    Ok(())
}

/// `--pull always|missing|never|newer` (`true`/`false` as Podman's older aliases).
pub(crate) fn parse_pull(s: &str) -> Result<PullPolicy> {
    match s {
        "always" | "true" => Ok(PullPolicy::Always),
        "missing" => Ok(PullPolicy::Missing),
        "never" | "false" => Ok(PullPolicy::Never),
        "newer" => Ok(PullPolicy::Newer),
        _ => Err(bad("--pull", s, "expected always, missing, never or newer")),
    }
}

/// One `--security-opt` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SecurityOpt {
    NoNewPrivileges(bool),
    Seccomp(crate::linux::seccomp::Choice),
    /// Accepted without effect here (no SELinux or AppArmor).
    Ignored,
}

/// Every `--security-opt` given, in order (later wins): no-new-privileges and the seccomp
/// choice, if any.
pub(crate) fn parse_security_opts(
    opts: &[String],
) -> Result<(bool, Option<crate::linux::seccomp::Choice>)> {
    let mut no_new_privileges = false;
    let mut seccomp = None;
    for o in opts {
        match parse_security_opt(o)? {
            SecurityOpt::NoNewPrivileges(v) => no_new_privileges = v,
            SecurityOpt::Seccomp(choice) => seccomp = Some(choice),
            SecurityOpt::Ignored => {}
        }
    }
    Ok((no_new_privileges, seccomp))
}

/// `--security-opt`: `no-new-privileges[=BOOL]`, `seccomp=unconfined|PATH`, and the SELinux and
/// AppArmor options that mean nothing on this host.
pub(crate) fn parse_security_opt(s: &str) -> Result<SecurityOpt> {
    use crate::linux::seccomp::Choice;
    let (k, v) = s.split_once(['=', ':']).unwrap_or((s, ""));
    match (k, v) {
        ("no-new-privileges", "" | "true") => Ok(SecurityOpt::NoNewPrivileges(true)),
        ("no-new-privileges", "false") => Ok(SecurityOpt::NoNewPrivileges(false)),
        ("seccomp", "unconfined") => Ok(SecurityOpt::Seccomp(Choice::Unconfined)),
        ("seccomp", "") => Err(bad(
            "--security-opt",
            s,
            "seccomp= takes unconfined or the path of a JSON profile",
        )),
        ("seccomp", path) => Ok(SecurityOpt::Seccomp(Choice::File(path.into()))),
        ("label", "disable") | ("apparmor", "unconfined") => Ok(SecurityOpt::Ignored),
        _ => Err(bad(
            "--security-opt",
            s,
            "rcon supports no-new-privileges[=true|false], seccomp=unconfined|PATH, \
             label=disable and apparmor=unconfined",
        )),
    }
}

/// Every capability name the kernel knows, without the `CAP_` prefix.
pub(crate) const ALL_CAPS: &[&str] = &[
    "AUDIT_CONTROL",
    "AUDIT_READ",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "BPF",
    "CHECKPOINT_RESTORE",
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "PERFMON",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "SYSLOG",
    "WAKE_ALARM",
];

/// Podman's default capabilities.
pub(crate) const DEFAULT_CAPS: &[&str] = &[
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

/// `--cap-add`/`--cap-drop` values (comma-separated lists allowed): `CAP_X` names or `ALL`.
pub(crate) fn parse_caps(flag: &'static str, values: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for v in values.iter().flat_map(|v| v.split(',')) {
        let upper = v.trim().to_ascii_uppercase();
        if upper == "ALL" {
            out.push(upper);
            continue;
        }
        let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
        if !ALL_CAPS.contains(&bare) {
            return Err(bad(
                flag,
                v,
                "unknown capability: see capabilities(7) for the names",
            ));
        }
        out.push(format!("CAP_{bare}"));
    }
    Ok(out)
}

/// The capability set: Podman's defaults (everything with `privileged`), plus `add`, minus
/// `drop`; `ALL` in either list works as Podman's MergeCapabilities.
/// The capabilities a container gets by default: containers.conf's `default_capabilities`
/// (names with or without `CAP_`), else Podman's default set.
pub(crate) fn default_caps() -> Vec<String> {
    let conf = crate::config::containers_conf::ContainersConf::current();
    match &conf.containers.default_capabilities {
        Some(list) => list
            .iter()
            .map(|c| {
                let c = c.trim().to_ascii_uppercase();
                match c.starts_with("CAP_") {
                    true => c,
                    false => format!("CAP_{c}"),
                }
            })
            .filter(|c| ALL_CAPS.iter().any(|k| format!("CAP_{k}") == *c))
            .collect(),
        None => DEFAULT_CAPS.iter().map(|c| format!("CAP_{c}")).collect(),
    }
}

pub(crate) fn merge_caps(privileged: bool, add: &[String], drop: &[String]) -> Result<Vec<String>> {
    let all: Vec<String> = ALL_CAPS.iter().map(|c| format!("CAP_{c}")).collect();
    let has_all = |l: &[String]| l.iter().any(|c| c == "ALL");
    if privileged {
        return Ok(all);
    }
    if let Some(c) = add.iter().find(|c| *c != "ALL" && drop.contains(c)) {
        return Err(RunConfigError::Conflict(format!(
            "capability {c} is both added and dropped: give it to --cap-add or --cap-drop, not both"
        )));
    }
    let mut set: Vec<String> = if has_all(drop) {
        if has_all(add) {
            return Err(RunConfigError::Conflict(
                "--cap-add ALL and --cap-drop ALL cannot be combined".into(),
            ));
        }
        Vec::new()
    } else if has_all(add) {
        all.clone()
    } else {
        default_caps()
    };
    for c in add.iter().filter(|c| *c != "ALL") {
        if !set.contains(c) {
            set.push(c.clone());
        }
    }
    set.retain(|c| !drop.contains(c));
    // The kernel's order, so the spec and inspect are stable.
    set.sort_by_key(|c| all.iter().position(|a| a == c));
    Ok(set)
}

const ULIMITS: &[&str] = &[
    "as",
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

/// `--ulimit name=soft[:hard]` (`-1` or `unlimited` for no limit).
pub(crate) fn parse_ulimit(s: &str) -> Result<Ulimit> {
    let expected = || {
        format!(
            "expected NAME=SOFT[:HARD] with NAME one of {}",
            ULIMITS.join(", ")
        )
    };
    let (name, vals) = s
        .split_once('=')
        .ok_or_else(|| bad("--ulimit", s, expected()))?;
    let name = name.trim().to_ascii_lowercase();
    let name = name.strip_prefix("rlimit_").unwrap_or(&name).to_string();
    if !ULIMITS.contains(&name.as_str()) {
        return Err(bad("--ulimit", s, expected()));
    }
    let num = |v: &str| -> Result<u64> {
        match v.trim() {
            "-1" | "unlimited" => Ok(u64::MAX),
            n => n.parse().map_err(|_| bad("--ulimit", s, expected())),
        }
    };
    let (soft, hard) = match vals.split_once(':') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(vals)?, num(vals)?),
    };
    if soft > hard {
        return Err(bad(
            "--ulimit",
            s,
            "the soft limit must not exceed the hard limit",
        ));
    }
    Ok(Ulimit { name, soft, hard })
}

/// `--tmpfs path[:options]`.
pub(crate) fn parse_tmpfs(s: &str) -> Result<Tmpfs> {
    let (path, opts) = s.split_once(':').unwrap_or((s, ""));
    if !path.starts_with('/') || path.split('/').any(|c| c == "..") {
        return Err(bad(
            "--tmpfs",
            s,
            "expected an absolute path inside the container, then :OPTIONS",
        ));
    }
    let mut options: Vec<String> = ["rw", "noexec", "nosuid", "nodev"]
        .map(String::from)
        .to_vec();
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        let opposite = match o {
            "ro" => Some("rw"),
            "rw" => Some("ro"),
            "exec" => Some("noexec"),
            "noexec" => Some("exec"),
            "suid" => Some("nosuid"),
            "nosuid" => Some("suid"),
            "dev" => Some("nodev"),
            "nodev" => Some("dev"),
            _ => None,
        };
        if let Some(opp) = opposite {
            options.retain(|x| x != opp);
        }
        if !options.iter().any(|x| x == o) {
            options.push(o.to_string());
        }
    }
    let trimmed = path.trim_end_matches('/');
    Ok(Tmpfs {
        path: if trimmed.is_empty() {
            "/".into()
        } else {
            trimmed.to_string()
        },
        options,
    })
}

/// `--annotation key=value`: both parts needed, the key a non-empty word.
pub(crate) fn parse_annotation(s: &str) -> Result<(String, String)> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() && !k.contains(char::is_whitespace) => {
            Ok((k.to_string(), v.to_string()))
        }
        _ => Err(bad("--annotation", s, "expected KEY=VALUE")),
    }
}

/// `--label key=value` (a bare key gets an empty value).
pub(crate) fn parse_label(s: &str) -> Result<(String, String)> {
    let (k, v) = s.split_once('=').unwrap_or((s, ""));
    if k.is_empty() {
        return Err(bad("--label", s, "expected KEY=VALUE"));
    }
    Ok((k.to_string(), v.to_string()))
}

/// `--detach-keys`: comma-separated keys, each a letter, `ctrl-<letter>` or `ctrl-[\]^_@`;
/// empty disables detaching.
pub(crate) fn parse_detach_keys(s: &str) -> Result<String> {
    if s.is_empty() {
        return Ok(String::new());
    }
    for key in s.split(',') {
        let ok = match key.strip_prefix("ctrl-") {
            Some(c) => {
                c.len() == 1
                    && c.bytes()
                        .all(|b| b.is_ascii_alphabetic() || b"[\\]^_@".contains(&b))
            }
            None => key.len() == 1 && key.bytes().all(|b| b.is_ascii_graphic()),
        };
        if !ok {
            return Err(bad(
                "--detach-keys",
                s,
                "expected keys such as ctrl-p,ctrl-q: a letter or ctrl-<letter>, comma-separated",
            ));
        }
    }
    Ok(s.to_string())
}

/// `--workdir`: must be absolute.
pub(crate) fn parse_workdir(s: &str) -> Result<String> {
    if !s.starts_with('/') {
        return Err(bad(
            "--workdir",
            s,
            "expected an absolute path inside the container",
        ));
    }
    Ok(s.to_string())
}

/// `--hostname`: a valid host name.
pub(crate) fn parse_hostname(s: &str) -> Result<String> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && s.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !ok {
        return Err(bad(
            "--hostname",
            s,
            "expected a host name: letters, digits, '-' and '.', at most 64 characters",
        ));
    }
    Ok(s.to_string())
}

/// `-u user[:group]`: a name or number, optionally with a group name or number.
pub(crate) fn parse_user(s: &str) -> Result<String> {
    let valid = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$'))
    };
    let ok = match s.split_once(':') {
        Some((u, g)) => valid(u) && valid(g),
        None => valid(s),
    };
    if !ok {
        return Err(bad(
            "--user",
            s,
            "expected USER[:GROUP], each a name or a number",
        ));
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests;
