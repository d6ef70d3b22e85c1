//! The keys rcon reads from containers.conf, as serde structs: every key optional, so a file
//! that leaves one out keeps the value of an earlier file.
use super::ParseError;
use serde::Deserialize;

/// One file's tables.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    pub(super) containers: Containers,
    pub(super) engine: Engine,
    pub(super) network: Network,
}

/// `[containers]`: defaults of new containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct Containers {
    pub(crate) seccomp_profile: Option<String>,
    pub(crate) default_capabilities: Option<Vec<String>>,
    pub(crate) default_ulimits: Option<Vec<String>>,
    pub(crate) env: Option<Vec<String>>,
    pub(crate) log_driver: Option<String>,
    #[serde(deserialize_with = "size")]
    pub(crate) log_size_max: Option<i64>,
    pub(crate) pids_limit: Option<i64>,
    pub(crate) tz: Option<String>,
    pub(crate) umask: Option<String>,
    pub(crate) userns: Option<String>,
    pub(crate) ipcns: Option<String>,
    pub(crate) no_hosts: Option<bool>,
    pub(crate) dns_servers: Option<Vec<String>>,
    pub(crate) dns_searches: Option<Vec<String>>,
    pub(crate) dns_options: Option<Vec<String>>,
    /// The start of every container's /etc/hosts: a file, `image`, `none`, or (unset or
    /// empty) the host's /etc/hosts.
    pub(crate) base_hosts_file: Option<String>,
    /// The address /etc/hosts gives `host.containers.internal`.
    pub(crate) host_containers_internal_ip: Option<String>,
    pub(crate) healthcheck_events: Option<bool>,
    /// Pass the host's proxy variables to new containers (`--http-proxy`'s default).
    pub(crate) http_proxy: Option<bool>,
}

/// `[engine]`: how rcon itself runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct Engine {
    pub(crate) events_logger: Option<String>,
    /// Where named volumes live (`--volumepath` over it).
    pub(crate) volume_path: Option<String>,
    pub(crate) events_logfile_path: Option<String>,
    #[serde(deserialize_with = "unsigned_size")]
    pub(crate) events_logfile_max_size: Option<u64>,
    pub(crate) cgroup_manager: Option<String>,
    pub(crate) image_default_transport: Option<String>,
    pub(crate) stop_timeout: Option<u32>,
    pub(crate) env: Option<Vec<String>>,
    /// What images' `VOLUME`s become: bind (anonymous volumes), tmpfs or ignore.
    pub(crate) image_volume_mode: Option<String>,
}

/// `[network]`: rootless networking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct Network {
    pub(crate) default_rootless_network_cmd: Option<String>,
    pub(crate) dns_bind_port: Option<u16>,
    /// The name of the default bridge network (`podman`).
    pub(crate) default_network: Option<String>,
    /// Its subnet (`10.88.0.0/16`).
    pub(crate) default_subnet: Option<String>,
}

/// Keeps `ours` where `theirs` (a later file) leaves a key out.
macro_rules! merge_fields {
    ($ours:ident, $theirs:ident, $($f:ident),* $(,)?) => {
        $( if $theirs.$f.is_some() { $ours.$f = $theirs.$f; } )*
    };
}

impl Containers {
    pub(super) fn merge(&mut self, later: Containers) {
        merge_fields!(
            self,
            later,
            seccomp_profile,
            default_capabilities,
            default_ulimits,
            env,
            log_driver,
            log_size_max,
            pids_limit,
            tz,
            umask,
            userns,
            ipcns,
            no_hosts,
            dns_servers,
            dns_searches,
            dns_options,
            base_hosts_file,
            host_containers_internal_ip,
            healthcheck_events,
            http_proxy,
        );
    }
}

impl Engine {
    pub(super) fn merge(&mut self, later: Engine) {
        merge_fields!(
            self,
            later,
            events_logger,
            events_logfile_path,
            events_logfile_max_size,
            cgroup_manager,
            image_default_transport,
            stop_timeout,
            env,
            image_volume_mode,
        );
    }
}

impl Network {
    pub(super) fn merge(&mut self, later: Network) {
        merge_fields!(
            self,
            later,
            default_rootless_network_cmd,
            dns_bind_port,
            default_network,
            default_subnet
        );
    }
}

impl File {
    /// Refuses a value outside the choices rcon (and Podman) know.
    pub(super) fn validate(&self) -> Result<(), ParseError> {
        one_of(
            "containers",
            "log_driver",
            &self.containers.log_driver,
            &["k8s-file", "json-file", "journald", "none", "passthrough"],
        )?;
        one_of(
            "engine",
            "events_logger",
            &self.engine.events_logger,
            &["file", "journald", "none"],
        )?;
        one_of(
            "engine",
            "cgroup_manager",
            &self.engine.cgroup_manager,
            &["systemd", "cgroupfs"],
        )?;
        one_of(
            "engine",
            "image_volume_mode",
            &self.engine.image_volume_mode,
            &["bind", "tmpfs", "ignore"],
        )?;
        one_of(
            "network",
            "default_rootless_network_cmd",
            &self.network.default_rootless_network_cmd,
            &["slirp4netns", "pasta"],
        )?;
        if let Some(u) = &self.containers.umask {
            if u32::from_str_radix(u, 8).map_or(true, |m| m > 0o7777) {
                return Err(ParseError::Choice {
                    table: "containers",
                    key: "umask",
                    value: u.clone(),
                    choices: "an octal mode such as 0022".into(),
                });
            }
        }
        Ok(())
    }
}

fn one_of(
    table: &'static str,
    key: &'static str,
    value: &Option<String>,
    choices: &[&str],
) -> Result<(), ParseError> {
    match value {
        Some(v) if !choices.contains(&v.as_str()) => Err(ParseError::Choice {
            table,
            key,
            value: v.clone(),
            choices: format!("one of {}", choices.join(", ")),
        }),
        _ => Ok(()),
    }
}

/// A size as containers.conf writes it: a number of bytes, or a string such as `"1m"`, `"10MB"`
/// or `"-1"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Size {
    Number(i64),
    Text(String),
}

fn size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let s = Size::deserialize(d)?;
    match s {
        Size::Number(n) => Ok(Some(n)),
        Size::Text(t) => parse_size(&t).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{t:?} is not a size (a number of bytes, or e.g. \"10m\")"
            ))
        }),
    }
}

fn unsigned_size<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(size(d)?.map(|n| n.max(0) as u64))
}

/// `"10m"`, `"1.5GB"`, `"4096"`, `"-1"` → bytes (decimal units as Podman's go-units reads
/// them: k, m, g, t, with an optional `b`/`B`).
pub(crate) fn parse_size(text: &str) -> Option<i64> {
    let t = text.trim().to_ascii_lowercase();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    let t = t.strip_suffix('b').unwrap_or(&t);
    let split = t.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = t.split_at(split);
    let mult: f64 = match unit {
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        "t" => 1e12,
        _ => return None,
    };
    let n: f64 = num.trim().parse().ok()?;
    (n >= 0.0).then_some((n * mult) as i64)
}
