//! The flags of `run` and `create` (Podman's names), and their one-step conversion into a
//! validated [`RunConfig`]: nothing runs until every value has been checked.
use super::image::RegistryOpts;
use super::{CgroupManager, Context};
use crate::container::record::NetworkMode;
use crate::container::runconfig::{self as rc, RunConfig, RunConfigError};
use clap::{ArgAction, Args};
use std::path::PathBuf;

// `rcon run` and `rcon create` flags. `-h` is `--hostname`, as in Podman: help is `--help`.
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub(crate) struct RunArgs {
    /// Run in the background and print the container ID
    #[arg(short, long)]
    pub(crate) detach: bool,
    /// Attach only these of the container's streams: stdin, stdout, stderr (repeatable)
    #[arg(short = 'a', long, value_name = "STREAM", value_parser = ["stdin", "stdout", "stderr"])]
    pub(crate) attach: Vec<String>,
    /// Keep stdin open and pass it to the container
    #[arg(short, long)]
    pub(crate) interactive: bool,
    /// Give the container a terminal
    #[arg(short, long)]
    pub(crate) tty: bool,
    /// Name of the container (default: a generated adjective_surname)
    #[arg(long, value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Remove the container when it exits
    #[arg(long)]
    pub(crate) rm: bool,
    /// With --rm: remove the image too when the container ends, unless another uses it
    #[arg(long)]
    pub(crate) rmi: bool,
    /// The container's time zone (a zone name such as Europe/Paris, or local: the host's)
    #[arg(long, value_name = "TZ")]
    pub(crate) tz: Option<String>,
    /// Write the pid of the container's supervisor (Podman's conmon) to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) conmon_pidfile: Option<PathBuf>,
    /// Accepted for Docker's and Podman's scripts: cgroup v2 has no kernel memory limit
    #[arg(long, value_name = "SIZE", hide = true)]
    pub(crate) kernel_memory: Option<String>,
    /// Set an environment variable (NAME=VALUE, or NAME for the host's value)
    #[arg(short, long = "env", value_name = "ENV")]
    pub(crate) env: Vec<String>,
    /// Pass N more descriptors (3 to 3+N-1) of rcon's to the container's process (run only)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) preserve_fds: u32,
    /// Add this host user (name or uid) to the container's /etc/passwd (repeatable)
    #[arg(long, value_name = "USER")]
    pub(crate) hostuser: Vec<String>,
    /// Kill the container after this many seconds (0: no limit); it exits with -1
    #[arg(long, value_name = "SECONDS", default_value_t = 0)]
    pub(crate) timeout: u32,
    /// Leave out this default or image environment variable (TERM, container, PATH…)
    #[arg(long, value_name = "NAME")]
    pub(crate) unsetenv: Vec<String>,
    /// Leave out every default, containers.conf and image environment variable
    #[arg(long)]
    pub(crate) unsetenv_all: bool,
    /// Read environment variables from a file (NAME=VALUE lines)
    #[arg(long, value_name = "FILE")]
    pub(crate) env_file: Vec<PathBuf>,
    /// Give the container a secret (`rcon secret create`): a file, /run/secrets/NAME unless
    /// target= says, or with type=env a variable: NAME[,type=mount|env][,target=…][,mode=…]
    #[arg(long, value_name = "SECRET")]
    pub(crate) secret: Vec<String>,
    /// Pass the whole host environment into the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "false", action = ArgAction::Set)]
    pub(crate) env_host: bool,
    /// Pass the proxy variables of rcon's environment (http_proxy, https_proxy, ftp_proxy,
    /// no_proxy, also upper-case) into the container (default: containers.conf's http_proxy,
    /// else true); --env-file and --env override them
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", action = ArgAction::Set)]
    pub(crate) http_proxy: Option<bool>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub(crate) workdir: Option<String>,
    /// User (name or uid) and optionally group to run as: USER[:GROUP]
    #[arg(short, long, value_name = "USER[:GROUP]")]
    pub(crate) user: Option<String>,
    /// Additional groups to run as
    #[arg(long, value_name = "GROUP")]
    pub(crate) group_add: Vec<String>,
    /// Override the image's entrypoint (a command, or a JSON array)
    #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
    pub(crate) entrypoint: Option<String>,
    /// Container host name (default: the short container ID)
    #[arg(short = 'h', long, value_name = "NAME")]
    pub(crate) hostname: Option<String>,
    /// Add capabilities (CAP_X, X or ALL)
    #[arg(long, value_name = "CAP")]
    pub(crate) cap_add: Vec<String>,
    /// Drop capabilities (CAP_X, X or ALL)
    #[arg(long, value_name = "CAP")]
    pub(crate) cap_drop: Vec<String>,
    /// Give the container all capabilities and unmasked /proc and /sys
    #[arg(long)]
    pub(crate) privileged: bool,
    /// Security options: no-new-privileges[=BOOL], seccomp=unconfined|PATH (an OCI/Docker JSON
    /// profile; default: the built-in one), label=disable, apparmor=unconfined
    #[arg(long, value_name = "OPT")]
    pub(crate) security_opt: Vec<String>,
    /// Mount the root filesystem read-only
    #[arg(long)]
    pub(crate) read_only: bool,
    /// With --read-only, mount tmpfs on /run, /tmp and /var/tmp
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) read_only_tmpfs: bool,
    /// Run a small init as PID 1 that forwards signals and reaps zombies
    #[arg(long)]
    pub(crate) init: bool,
    /// Signal that stops the container (default: the image's, else SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub(crate) stop_signal: Option<String>,
    /// Seconds to wait after the stop signal before SIGKILL
    /// (default: containers.conf's stop_timeout, else 10)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) stop_timeout: Option<u32>,
    /// Mount a tmpfs: PATH[:OPTIONS]
    #[arg(long, value_name = "PATH[:OPTS]")]
    pub(crate) tmpfs: Vec<String>,
    /// Bind mount or volume: [SOURCE:]DEST[:ro|rw,z,Z,U,O,nocopy]
    #[arg(short, long, value_name = "[SRC:]DEST[:OPTS]")]
    pub(crate) volume: Vec<String>,
    /// Mount: type=bind|volume|tmpfs|image,source=…,target=…[,readonly,…]
    #[arg(long, value_name = "type=TYPE,…")]
    pub(crate) mount: Vec<String>,
    /// Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub(crate) volumes_from: Vec<String>,
    /// What the image's VOLUMEs become: bind (anonymous volumes), tmpfs or ignore (default:
    /// containers.conf's image_volume_mode, else bind)
    #[arg(long, value_name = "MODE")]
    pub(crate) image_volume: Option<String>,
    /// Resource limit: NAME=SOFT[:HARD]
    #[arg(long, value_name = "NAME=SOFT[:HARD]")]
    pub(crate) ulimit: Vec<String>,
    /// Set a label: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Read labels from a file (KEY=VALUE lines)
    #[arg(long, value_name = "FILE")]
    pub(crate) label_file: Vec<PathBuf>,
    /// Add an annotation to the container (its OCI spec): KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) annotation: Vec<String>,
    /// Restart policy: no, on-failure[:N], always, unless-stopped
    #[arg(long, value_name = "POLICY", default_value = "no")]
    pub(crate) restart: String,
    /// Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none (only lo), ns:PATH or
    /// container:NAME (share that running container's network)
    /// (default pasta where installed, else slirp4netns; containers.conf's
    /// default_rootless_network_cmd decides), or the names of networks (repeat it, or separate
    /// by commas)
    #[arg(long, visible_alias = "net", value_name = "MODE")]
    pub(crate) network: Vec<String>,
    /// Run in this pod (name or ID), or in a new one: new:NAME
    #[arg(long, value_name = "POD")]
    pub(crate) pod: Option<String>,
    /// Containers to start before this one (names or IDs, repeatable or comma-separated)
    #[arg(long, value_name = "CONTAINER")]
    pub(crate) requires: Vec<String>,
    /// In a pod: an init container, run to its end before the others start, at every pod
    /// start (always) or the first only (once)
    #[arg(long, value_name = "WHEN", value_parser = ["always", "once"])]
    pub(crate) init_ctr: Option<String>,
    /// Run in the pod whose ID this file holds
    #[arg(long, value_name = "FILE")]
    pub(crate) pod_id_file: Option<PathBuf>,
    /// Another name for the container on its networks
    #[arg(long, value_name = "ALIAS")]
    pub(crate) network_alias: Vec<String>,
    #[command(flatten)]
    pub(crate) net: super::net_flags::NetArgs,
    /// User namespace: private, keep-id[:uid=N,gid=N], nomap or auto[:size=N]
    #[arg(long, value_name = "MODE", default_value = "")]
    pub(crate) userns: String,
    /// IPC namespace: shareable (its own, others may join; the default), private, host, none
    /// (also no /dev/shm), container:NAME (join that container's) or ns:PATH
    #[arg(long, value_name = "MODE")]
    pub(crate) ipc: Option<String>,
    /// A uid range of the container's own user namespace: CONTAINER:STORE:SIZE (STORE ids
    /// are the store's namespace's: 0 is you); repeatable
    #[arg(long, value_name = "MAP")]
    pub(crate) uidmap: Vec<String>,
    /// A gid range, as --uidmap (default: the --uidmap ranges)
    #[arg(long, value_name = "MAP")]
    pub(crate) gidmap: Vec<String>,
    /// Log driver: k8s-file, journald, none or passthrough (json-file: k8s-file) (default:
    /// containers.conf's log_driver, else k8s-file)
    #[arg(long, value_name = "DRIVER")]
    pub(crate) log_driver: Option<String>,
    /// Log driver options: max-size=SIZE, tag=TAG
    #[arg(long, value_name = "OPT")]
    pub(crate) log_opt: Vec<String>,
    /// Pull the image: always, missing, never or newer
    #[arg(long, value_name = "POLICY", default_value = "missing", num_args = 0..=1, require_equals = true, default_missing_value = "always")]
    pub(crate) pull: String,
    /// Replace a container that has the same name
    #[arg(long)]
    pub(crate) replace: bool,
    /// Write the container ID to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) cidfile: Option<PathBuf>,
    /// Keys that detach from the container (e.g. ctrl-p,ctrl-q; empty to disable)
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub(crate) detach_keys: String,
    /// Forward the signals rcon receives to the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) sig_proxy: bool,
    /// Platform of the image to pull (os/arch[/variant])
    #[arg(long, value_name = "OS/ARCH")]
    pub(crate) platform: Option<String>,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
    /// Print no pull progress
    #[arg(short, long)]
    pub(crate) quiet: bool,
    #[command(flatten)]
    pub(crate) registry: RegistryOpts,
    #[command(flatten)]
    pub(crate) resources: super::resource_flags::ResourceArgs,
    #[command(flatten)]
    pub(crate) health: super::health_flags::HealthArgs,
    /// Who tells systemd the unit is ready: conmon (rcon, once the container runs),
    /// container (the container, through $NOTIFY_SOCKET) or ignore
    #[arg(long, value_name = "MODE", default_value = "conmon")]
    pub(crate) sdnotify: String,
    /// Print help
    #[arg(long, action = ArgAction::Help)]
    pub(crate) help: Option<bool>,
    /// The image, then the command and its arguments
    #[arg(
        required = true,
        value_name = "IMAGE [COMMAND [ARG...]]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) args: Vec<String>,
}

fn read_flag_file(flag: &'static str, path: &PathBuf) -> Result<String, RunConfigError> {
    std::fs::read_to_string(path).map_err(|source| RunConfigError::File {
        flag,
        path: path.clone(),
        source,
    })
}

impl RunArgs {
    /// The validated configuration, or the first bad value.
    pub(crate) fn to_config(&self, ctx: &Context) -> Result<RunConfig, RunConfigError> {
        let host = |n: &str| std::env::var(n).ok();
        let conf = crate::config::containers_conf::ContainersConf::current();
        let mut env = Vec::new();
        if self.env_host {
            env.extend(std::env::vars());
        } else if self.http_proxy.unwrap_or_else(|| conf.http_proxy()) {
            env.extend(crate::config::containers_conf::host_proxy_env());
        }
        for f in &self.env_file {
            env.extend(rc::parse_env_file(
                &read_flag_file("--env-file", f)?,
                &host,
            )?);
        }
        for e in &self.env {
            env.extend(rc::parse_env("--env", e, &host)?);
        }
        let mut labels = std::collections::BTreeMap::new();
        for f in &self.label_file {
            for line in read_flag_file("--label-file", f)?.lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') {
                    labels.extend([rc::parse_label(line)?]);
                }
            }
        }
        for l in &self.label {
            labels.extend([rc::parse_label(l)?]);
        }
        let annotations = self
            .annotation
            .iter()
            .map(|a| rc::parse_annotation(a))
            .collect::<Result<_, _>>()?;
        // Created by a systemd unit (its Environment= names it, as `generate systemd` writes
        // it, or Podman's variable): the container records its unit for `auto-update`.
        if !labels.contains_key(crate::autoupdate::UNIT_LABEL) {
            if let Some(unit) = ["RCON_SYSTEMD_UNIT", "PODMAN_SYSTEMD_UNIT"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            {
                labels.insert(crate::autoupdate::UNIT_LABEL.to_string(), unit);
            }
        }
        let (no_new_privileges, seccomp) = rc::parse_security_opts(&self.security_opt)?;
        let mut log_max_size = conf.containers.log_size_max.map_or(0, |n| n.max(0) as u64);
        let mut log_tag = None;
        for o in &self.log_opt {
            match rc::parse_log_opt(o)? {
                rc::LogOpt::MaxSize(n) => log_max_size = n,
                rc::LogOpt::Tag(t) => log_tag = Some(t),
            }
        }
        let log_driver =
            rc::parse_log_driver(self.log_driver.as_deref().unwrap_or(conf.log_driver()))?;
        rc::check_log_driver(&log_driver, self.tty)?;
        let restart = rc::parse_restart(&self.restart)?;
        if self.rm && restart.name != "no" {
            return Err(RunConfigError::Conflict(format!(
                "--rm and --restart {} conflict: a container removed on exit cannot be restarted",
                self.restart
            )));
        }
        if let Some(name) = &self.name {
            crate::container::names::validate(name).map_err(|e| RunConfigError::Flag {
                flag: "--name",
                value: name.clone(),
                expected: e
                    .to_string()
                    .split(": ")
                    .nth(1)
                    .unwrap_or("invalid")
                    .to_string(),
            })?;
        }
        let mut network = crate::network::parse_networks(&self.network, &self.network_alias)?;
        if let NetworkMode::Bridge(nets) = &mut network {
            for n in nets {
                n.name = crate::network::networks::find(&ctx.paths, &n.name)
                    .map_err(|e| RunConfigError::Conflict(e.to_string()))?
                    .name;
            }
        }
        if let NetworkMode::Container(target) = &mut network {
            // The container runs in the store's user namespace, which owns the target's
            // network namespace, whatever the target's own --userns.
            let found = crate::container::list::find(&ctx.paths, target).map_err(|e| {
                RunConfigError::Conflict(format!("--network container:{target}: {e}"))
            })?;
            *target = found.id;
            // The host's network, shared: the container stays on it too.
            if found.network == NetworkMode::Host {
                network = NetworkMode::Host;
            }
        }
        let mut tmpfs = self
            .tmpfs
            .iter()
            .map(|t| rc::parse_tmpfs(t))
            .collect::<Result<Vec<_>, _>>()?;
        let mut mounts = Vec::new();
        for v in &self.volume {
            mounts.push(rc::mounts::parse_volume(v)?);
        }
        for m in &self.mount {
            mounts.push(rc::mounts::parse_mount(m)?);
        }
        if let Some(tz) = self.tz.as_ref().or(conf.containers.tz.as_ref()) {
            mounts.push(rc::mounts::parse_volume(&format!(
                "{}:/etc/localtime:ro",
                time_zone(tz)?.display()
            ))?);
        }
        if self.kernel_memory.is_some() {
            log::warn!("The --kernel-memory flag is no longer supported. This flag is a noop.");
        }
        if self.rmi && !self.rm {
            return Err(RunConfigError::Conflict(
                "--rmi needs --rm: the image goes when the container is removed".into(),
            ));
        }
        rc::mounts::check_destinations(&mut mounts, &mut tmpfs)?;
        rc::mounts::add_default_mounts(&mut mounts, &tmpfs, &ctx.default_mounts()?);
        let volumes_from = self
            .volumes_from
            .iter()
            .map(|v| rc::mounts::parse_volumes_from(v))
            .collect::<Result<_, _>>()?;
        let image_volumes = rc::mounts::parse_image_volumes(
            "--image-volume",
            self.image_volume
                .as_deref()
                .unwrap_or(conf.image_volume_mode()),
        )?;
        let cgroup = self
            .resources
            .placement(ctx.global.cgroup_manager.map(CgroupManager::to_manager))
            .map_err(|e| RunConfigError::Conflict(e.to_string()))?;
        let (image, command) = self
            .args
            .split_first()
            .map(|(i, c)| (i.clone(), c.to_vec()))
            .unwrap_or_default();
        check_autoupdate(&labels, &image)?;
        let userns = match crate::container::userns::parse_idmaps(&self.uidmap, &self.gidmap)? {
            Some(_) if !self.userns.is_empty() => {
                return Err(RunConfigError::Conflict(
                    "--uidmap/--gidmap and --userns conflict: give one".into(),
                ))
            }
            Some(mapped) => mapped,
            None => rc::parse_userns(
                match self.userns.as_str() {
                    "" => conf.containers.userns.as_deref().unwrap_or(""),
                    given => given,
                },
                nix::unistd::getuid().as_raw(),
                nix::unistd::getgid().as_raw(),
            )?,
        };
        Ok(RunConfig {
            image,
            command,
            name: self.name.clone(),
            detach: self.detach,
            interactive: self.interactive,
            tty: self.tty,
            auto_remove: self.rm,
            build: false,
            env,
            unsetenv: self.unsetenv.clone(),
            timeout: self.timeout,
            host_users: self.hostuser.clone(),
            unsetenv_all: self.unsetenv_all,
            workdir: self.workdir.as_deref().map(rc::parse_workdir).transpose()?,
            workdir_must_exist: self.workdir.is_some(),
            user: self.user.as_deref().map(rc::parse_user).transpose()?,
            group_add: {
                // Podman's words; keeping the user's own groups needs crun's run.oci.keep_
                // original_groups, which rcon's start-up (like runc) has no counterpart for.
                if self.group_add.iter().any(|g| g == "keep-groups") {
                    return Err(RunConfigError::Conflict(if self.group_add.len() > 1 {
                        "the '--group-add keep-groups' option is not allowed with any other \
                         --group-add options"
                            .into()
                    } else {
                        "--group-add keep-groups is not supported: rcon's containers start \
                         with the groups their user has inside; leave it out"
                            .into()
                    }));
                }
                self.group_add.clone()
            },
            entrypoint: self
                .entrypoint
                .as_deref()
                .map(rc::parse_entrypoint)
                .transpose()?,
            hostname: self
                .hostname
                .as_deref()
                .map(rc::parse_hostname)
                .transpose()?,
            cap_add: rc::parse_caps("--cap-add", &self.cap_add)?,
            cap_drop: rc::parse_caps("--cap-drop", &self.cap_drop)?,
            privileged: self.privileged,
            no_new_privileges,
            seccomp,
            security_opt: self.security_opt.clone(),
            read_only: self.read_only,
            read_only_tmpfs: self.read_only_tmpfs,
            init: self.init,
            pod: None,
            requires: {
                let mut ids = Vec::new();
                for name in self.requires.iter().flat_map(|r| r.split(',')) {
                    let r = crate::container::list::find(&ctx.paths, name.trim())
                        .map_err(|e| RunConfigError::Conflict(format!("--requires {name}: {e}")))?;
                    ids.push(r.id);
                }
                ids
            },
            stop_signal: self
                .stop_signal
                .as_deref()
                .map(|s| rc::parse_signal("--stop-signal", s))
                .transpose()?,
            stop_timeout: self.stop_timeout.unwrap_or(conf.stop_timeout()),
            tmpfs,
            mounts,
            volumes_from,
            image_volumes,
            ulimits: {
                let mut ulimits: Vec<rc::Ulimit> = Vec::new();
                let defaults = conf.containers.default_ulimits.iter().flatten();
                for u in defaults.chain(&self.ulimit) {
                    let u = rc::parse_ulimit(u)?;
                    ulimits.retain(|x| x.name != u.name);
                    ulimits.push(u);
                }
                ulimits
            },
            labels,
            annotations,
            restart,
            net: self.net.to_flags(&network)?,
            network,
            storage_driver: ctx.storage_driver_for(&userns),
            userns,
            ipc: crate::container::ipc::IpcMode::parse(
                &ctx.paths,
                self.ipc
                    .as_deref()
                    .or(conf.containers.ipcns.as_deref())
                    .unwrap_or(""),
            )?,
            log_driver,
            log_max_size,
            log_tag,
            pull: rc::parse_pull(&self.pull)?,
            replace: self.replace,
            cidfile: self.cidfile.clone(),
            detach_keys: rc::parse_detach_keys(&self.detach_keys)?,
            sig_proxy: self.sig_proxy,
            platform: self.platform.clone(),
            cgroup,
            create_command: std::env::args().collect(),
            health: self.health.to_flags()?,
            secrets: self
                .secret
                .iter()
                .map(|s| crate::container::secrets::parse_use(s))
                .collect::<Result<_, _>>()
                .map_err(|e| RunConfigError::Conflict(e.to_string()))?,
        })
    }
}

/// `io.containers.autoupdate=registry` needs an image `auto-update` can look up again: a
/// fully-qualified reference in a registry (Podman's rule and words).
fn check_autoupdate(
    labels: &std::collections::BTreeMap<String, String>,
    image: &str,
) -> Result<(), RunConfigError> {
    let policy = labels
        .get(crate::autoupdate::POLICY_LABEL)
        .and_then(|v| crate::autoupdate::Policy::parse(v).ok().flatten());
    if policy != Some(crate::autoupdate::Policy::Registry) {
        return Ok(());
    }
    if let Some((transport, _)) = image
        .split_once(':')
        .filter(|(t, _)| ["docker-archive", "oci-archive", "oci", "dir"].contains(t))
    {
        return Err(RunConfigError::Conflict(format!(
            "auto updates require the docker image transport but image is of transport \"{transport}\""
        )));
    }
    let name = image.strip_prefix("docker://").unwrap_or(image);
    if crate::util::reference::is_short_name(name) {
        return Err(RunConfigError::Conflict(format!(
            "short name: auto updates require fully-qualified image reference: \"{image}\""
        )));
    }
    Ok(())
}

/// `--tz`: the host's zone file for a zone name (`local`: the host's own /etc/localtime).
fn time_zone(tz: &str) -> Result<PathBuf, RunConfigError> {
    let bad = |why: &str| RunConfigError::Flag {
        flag: "--tz",
        value: tz.to_string(),
        expected: why.to_string(),
    };
    if tz == "local" {
        return std::fs::canonicalize("/etc/localtime")
            .map_err(|_| bad("the host has no /etc/localtime to share"));
    }
    let valid = !tz.is_empty()
        && !tz.starts_with('/')
        && tz
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..");
    let path = PathBuf::from("/usr/share/zoneinfo").join(tz);
    if !valid || !path.is_file() {
        return Err(bad(
            "no such time zone in /usr/share/zoneinfo (Area/City, or local)",
        ));
    }
    Ok(path)
}
