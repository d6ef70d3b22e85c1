//! `build` (also `image build` and `buildx build`): the flags Podman and Docker give it,
//! validated into [`BuildOptions`] before anything runs.
use super::net_flags::NetArgs;
use super::Context;
use crate::build::options::{self as opt, BuildOptions, ContextSource, Squash};
use crate::container::runconfig as rc;
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Name the image (repeatable)
    #[arg(short, long, value_name = "NAME")]
    pub(crate) tag: Vec<String>,
    /// The Containerfile: a path, a URL or - for stdin (default: Containerfile, else
    /// Dockerfile, in the context)
    #[arg(short, long, value_name = "FILE")]
    pub(crate) file: Option<String>,
    /// A build argument: KEY=VALUE, or KEY to take it from the environment
    #[arg(long, value_name = "KEY[=VALUE]")]
    pub(crate) build_arg: Vec<String>,
    /// A file of KEY=VALUE build arguments, one per line
    #[arg(long, value_name = "FILE")]
    pub(crate) build_arg_file: Vec<PathBuf>,
    /// Build up to this stage
    #[arg(long, value_name = "STAGE")]
    pub(crate) target: Option<String>,
    /// Do not reuse cached steps
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Credentials (USERNAME[:PASSWORD]) for the registry of the base images
    #[arg(long, value_name = "CREDS")]
    pub(crate) creds: Option<String>,
    #[command(flatten)]
    pub(crate) registry: super::image::RegistryOpts,
    /// Pull base images: always (bare --pull), missing, never or newer
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always", default_value = "missing")]
    pub(crate) pull: String,
    /// Always pull base images (Docker's --pull)
    #[arg(long, hide = true)]
    pub(crate) pull_always: bool,
    /// buildx's --load: the image is stored locally, as it always is
    #[arg(long, hide = true)]
    pub(crate) load: bool,
    /// Never pull base images (Podman's --pull-never, as --pull=never)
    #[arg(long, hide = true, conflicts_with = "pull_always")]
    pub(crate) pull_never: bool,
    /// Cache each step as a layer (default: $BUILDAH_LAYERS, else true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new(), action = ArgAction::Set)]
    pub(crate) layers: Option<bool>,
    /// Squash the new layers into one
    #[arg(long)]
    pub(crate) squash: bool,
    /// Squash the whole image into one layer
    #[arg(long)]
    pub(crate) squash_all: bool,
    /// Image format: oci or docker
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "oci",
        env = "BUILDAH_FORMAT"
    )]
    pub(crate) format: String,
    /// Write the image ID to this file
    #[arg(long, value_name = "FILE")]
    pub(crate) iidfile: Option<PathBuf>,
    /// Add a label to the image: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Add an annotation to the image manifest: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) annotation: Vec<String>,
    /// Add an environment variable to the image: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) env: Vec<String>,
    /// The network of RUN steps: the default user-mode network, none or host
    #[arg(long, value_name = "MODE")]
    pub(crate) network: Option<String>,
    #[command(flatten)]
    pub(crate) net: BuildNetArgs,
    /// A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VARIABLE
    #[arg(long, value_name = "SECRET")]
    pub(crate) secret: Vec<String>,
    /// An ssh agent for RUN --mount=type=ssh: default or ID=SOCKET
    #[arg(long, value_name = "ID[=SOCKET]")]
    pub(crate) ssh: Vec<String>,
    /// An extra named context: NAME=PATH, NAME=docker-image://IMAGE or NAME=URL
    #[arg(long, value_name = "NAME=VALUE")]
    pub(crate) build_context: Vec<String>,
    /// The platform to build for (only the host's)
    #[arg(long, value_name = "OS/ARCH")]
    pub(crate) platform: Option<String>,
    /// How many stages may build at once (default: every stage that is ready)
    #[arg(long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// A resource limit for RUN steps: NAME=SOFT[:HARD]
    #[arg(long, value_name = "ULIMIT")]
    pub(crate) ulimit: Vec<String>,
    /// Add a capability to RUN steps
    #[arg(long, value_name = "CAP")]
    pub(crate) cap_add: Vec<String>,
    /// Drop a capability from RUN steps
    #[arg(long, value_name = "CAP")]
    pub(crate) cap_drop: Vec<String>,
    /// Security options for RUN steps (seccomp=PROFILE, no-new-privileges)
    #[arg(long, value_name = "OPT")]
    pub(crate) security_opt: Vec<String>,
    /// Pass the proxy variables of rcon's environment (http_proxy, https_proxy, ftp_proxy,
    /// no_proxy, also upper-case) to RUN steps, unless the image sets them
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) http_proxy: bool,
    /// Read ignore patterns from this file instead of .containerignore/.dockerignore
    #[arg(long, value_name = "FILE")]
    pub(crate) ignorefile: Option<PathBuf>,
    /// Set every time written into the image to this (seconds since the epoch)
    #[arg(long, value_name = "SECONDS", env = "SOURCE_DATE_EPOCH")]
    pub(crate) source_date_epoch: Option<i64>,
    /// The same as --source-date-epoch (Podman's name)
    #[arg(long, value_name = "SECONDS")]
    pub(crate) timestamp: Option<i64>,
    /// Print only the image ID
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Write the build's output (stdout and stderr) to this file instead
    #[arg(long, value_name = "FILE")]
    pub(crate) logfile: Option<std::path::PathBuf>,
    /// Progress output: auto, plain or tty
    #[arg(long, value_name = "TYPE", default_value = "auto")]
    pub(crate) progress: String,
    /// Remove intermediate containers (always done)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) rm: bool,
    /// Remove intermediate containers also after a failure (always done)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = ArgAction::Set)]
    pub(crate) force_rm: bool,
    /// The build context: a folder, - for a tar stream on stdin, or a tar or git URL
    #[arg(value_name = "CONTEXT")]
    pub(crate) context: Option<String>,
}

// The network flags `build` takes for its RUN steps.
#[derive(Debug, Args)]
pub(crate) struct BuildNetArgs {
    /// Add a line to /etc/hosts of RUN steps: NAME:IP
    #[arg(long, value_name = "HOST:IP")]
    pub(crate) add_host: Vec<String>,
    /// DNS server for RUN steps
    #[arg(long, value_name = "IP")]
    pub(crate) dns: Vec<String>,
    /// DNS search domain for RUN steps
    #[arg(long, value_name = "DOMAIN")]
    pub(crate) dns_search: Vec<String>,
    /// DNS option for RUN steps
    #[arg(long, value_name = "OPTION")]
    pub(crate) dns_option: Vec<String>,
    /// Keep the image's /etc/hosts in RUN steps
    #[arg(long)]
    pub(crate) no_hosts: bool,
}

fn pairs(flag: &'static str, list: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    list.iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => bail!("{flag} {s:?}: expected KEY=VALUE"),
        })
        .collect()
}

impl BuildArgs {
    /// Validates every flag; nothing has run yet when this fails.
    pub(crate) fn to_options(&self, ctx: &Context) -> anyhow::Result<BuildOptions> {
        // Every --progress prints Podman's plain lines; the value is still checked.
        opt::parse_progress(&self.progress)?;
        let host = |k: &str| std::env::var(k).ok();
        let mut build_args = std::collections::BTreeMap::new();
        for f in &self.build_arg_file {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("--build-arg-file {}: cannot read it", f.display()))?;
            build_args.extend(opt::parse_build_arg_file(&text, &host)?);
        }
        for a in &self.build_arg {
            build_args.extend(opt::parse_build_arg(a, &host)?);
        }
        let mut tags = Vec::new();
        for t in &self.tag {
            crate::image::commit::image_name(t)
                .with_context(|| format!("--tag {t:?}: not a valid image name"))?;
            tags.push(t.clone());
        }
        if self.squash && self.squash_all {
            bail!("--squash and --squash-all conflict: choose one");
        }
        if let Some(p) = &self.platform {
            opt::check_platform(p, &crate::image::registry::Platform::host().to_string())?;
        }
        if self.jobs == Some(0) {
            bail!("--jobs 0: expected 1 or more stages at once");
        }
        let network = match self.network.as_deref() {
            None | Some("default") | Some("private") => crate::network::parse_networks(&[], &[])?,
            Some(n @ ("none" | "host")) => crate::network::parse_networks(&[n.to_string()], &[])?,
            Some(n) if n.starts_with("slirp4netns") || n.starts_with("pasta") => {
                crate::network::parse_networks(&[n.to_string()], &[])?
            }
            Some(n) => bail!(
                "--network {n:?}: a build step runs on the default user-mode network, none or host"
            ),
        };
        let net = NetArgs {
            publish: Vec::new(),
            publish_all: false,
            add_host: self.net.add_host.clone(),
            dns: self.net.dns.clone(),
            dns_search: self.net.dns_search.clone(),
            dns_option: self.net.dns_option.clone(),
            no_hosts: self.net.no_hosts,
        }
        .to_flags(&network)?;
        let (no_new_privileges, seccomp) = rc::parse_security_opts(&self.security_opt)?;
        let agent = std::env::var_os("SSH_AUTH_SOCK").map(PathBuf::from);
        let file = self.file.as_deref().map(PathBuf::from);
        let storage_driver = ctx.storage_driver();
        Ok(BuildOptions {
            context: Some(ContextSource::parse(self.context.as_deref().unwrap_or("."))),
            file,
            tags,
            build_args,
            target: self.target.clone(),
            no_cache: self.no_cache,
            pull: if self.pull_always {
                rc::PullPolicy::Always
            } else if self.pull_never {
                rc::PullPolicy::Never
            } else {
                opt::parse_pull(&self.pull)?
            },
            layers: match self.layers {
                Some(l) => l,
                None => opt::layers_from_env(std::env::var("BUILDAH_LAYERS").ok().as_deref())?,
            },
            squash: match (self.squash, self.squash_all) {
                (true, _) => Squash::New,
                (_, true) => Squash::All,
                _ => Squash::No,
            },
            format: opt::parse_format(&self.format)?,
            iidfile: self.iidfile.clone(),
            client: self.registry.client_options(self.creds.as_deref())?,
            labels: pairs("--label", &self.label)?,
            annotations: pairs("--annotation", &self.annotation)?,
            env: pairs("--env", &self.env)?,
            network,
            net,
            secrets: self
                .secret
                .iter()
                .map(|s| opt::parse_secret(s))
                .collect::<Result<_, _>>()?,
            ssh: self
                .ssh
                .iter()
                .map(|s| opt::parse_ssh(s, agent.clone()))
                .collect::<Result<_, _>>()?,
            build_contexts: self
                .build_context
                .iter()
                .map(|s| opt::parse_build_context(s))
                .collect::<Result<_, _>>()?,
            jobs: self.jobs,
            ulimits: self
                .ulimit
                .iter()
                .map(|u| rc::parse_ulimit(u))
                .collect::<Result<_, _>>()?,
            cap_add: rc::parse_caps("--cap-add", &self.cap_add)?,
            cap_drop: rc::parse_caps("--cap-drop", &self.cap_drop)?,
            seccomp,
            no_new_privileges,
            ignorefile: self.ignorefile.clone(),
            timestamp: self.timestamp.or(self.source_date_epoch),
            quiet: self.quiet,
            storage_driver,
            http_proxy: self.http_proxy,
            default_mounts: ctx.default_mounts()?,
        })
    }
}

#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub(crate) enum BuildxCommand {
    /// Build an image from a Containerfile or Dockerfile
    Build(Box<BuildArgs>),
}

pub(super) fn build_cmd(ctx: &Context, a: &BuildArgs) -> anyhow::Result<i32> {
    let opts = a.to_options(ctx)?;
    if let Some(path) = &a.logfile {
        to_logfile(path)?;
    }
    match crate::build::build(&ctx.paths, &opts) {
        Ok(id) => {
            let hex = id.strip_prefix("sha256:").unwrap_or(&id);
            let name = opts.tags.first().map_or(hex, String::as_str);
            crate::events::record(&ctx.paths, crate::events::Event::image("build", hex, name));
            println!("{hex}");
            Ok(0)
        }
        Err(e) => {
            eprintln!("Error: {}", e.to_string().replace('\n', " "));
            Ok(e.exit_code())
        }
    }
}

/// `--logfile`: stdout and stderr of this process (and of the steps it runs) go to `path`,
/// appended to.
fn to_logfile(path: &std::path::Path) -> anyhow::Result<()> {
    use std::io::Write;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("--logfile {}: cannot open it", path.display()))?;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    for fd in [1, 2] {
        nix::unistd::dup2(std::os::fd::AsRawFd::as_raw_fd(&file), fd)
            .with_context(|| format!("--logfile {}: cannot write to it", path.display()))?;
    }
    Ok(())
}
