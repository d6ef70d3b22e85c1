//! `rcon volume create|ls|inspect|rm|prune|exists|mount|unmount`, as Podman's.
use super::format::{print_rows_heading, Format};
use super::Context;
use crate::container::volumes::{self, NewVolume, Volume, VolumeError};
use anyhow::bail;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum VolumeCommand {
    /// Create a volume
    Create(CreateArgs),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show volumes as JSON
    Inspect(InspectArgs),
    /// Remove volumes
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Remove every volume no container uses
    Prune(PruneArgs),
    /// Exit 0 when the volume exists, 1 when it does not
    Exists(ExistsArgs),
    /// Write a volume's data as a tar (to stdout, or --output)
    Export(super::volume_tar::ExportArgs),
    /// Unpack a tar (a file, or - for stdin) into a volume
    Import(super::volume_tar::ImportArgs),
    /// Print the host folder that holds a volume's data (a local volume needs no mount)
    Mount(MountArgs),
    /// Undo `volume mount` (nothing to undo for a local volume: prints its name)
    #[command(visible_alias = "umount")]
    Unmount(MountArgs),
}

#[derive(Debug, Args)]
pub(crate) struct MountArgs {
    /// Volumes, by name
    #[arg(required = true, value_name = "VOLUME")]
    pub(crate) volumes: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The volume's name (a random one when left out)
    #[arg(value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Volume driver (only local)
    #[arg(short, long, default_value = "local", value_name = "DRIVER")]
    pub(crate) driver: String,
    /// Driver options: type=tmpfs, device=…, o=size=…,mode=…
    #[arg(short, long = "opt", value_name = "KEY=VALUE")]
    pub(crate) opt: Vec<String>,
    /// Set a label: KEY=VALUE
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Succeed when a volume of that name exists already
    #[arg(long)]
    pub(crate) ignore: bool,
}

#[derive(Debug, Args)]
pub(crate) struct LsArgs {
    /// Print only the names
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Leave out the table's header line
    #[arg(long)]
    pub(crate) noheading: bool,
    /// Output format: json, a Go template, or `table …`
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// Filter: name=, label=KEY[=VALUE], driver=, dangling=true|false
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Volumes to inspect
    #[arg(value_name = "VOLUME")]
    pub(crate) volumes: Vec<String>,
    /// Inspect every volume
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Output format: json or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RmArgs {
    /// Volumes to remove
    #[arg(value_name = "VOLUME")]
    pub(crate) volumes: Vec<String>,
    /// Remove every volume
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Remove volumes in use, with the containers that use them
    #[arg(short, long)]
    pub(crate) force: bool,
    /// With --force: seconds a running container using the volume gets to stop before it is
    /// killed (default 0: killed at once)
    #[arg(short, long = "time", value_name = "SECONDS")]
    pub(crate) time: Option<u32>,
}

#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Only volumes with this label: label=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ExistsArgs {
    #[arg(value_name = "VOLUME")]
    pub(crate) volume: String,
}

fn inspect_value(v: &Volume) -> Value {
    let mut j = serde_json::to_value(v).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut j {
        o.insert("MountCount".into(), json!(0));
    }
    j
}

pub(super) fn dispatch(ctx: &Context, c: VolumeCommand) -> anyhow::Result<i32> {
    match c {
        VolumeCommand::Create(a) => create_cmd(ctx, &a),
        VolumeCommand::Ls(a) => ls_cmd(ctx, &a),
        VolumeCommand::Inspect(a) => inspect_cmd(ctx, &a),
        VolumeCommand::Rm(a) => rm_cmd(ctx, &a),
        VolumeCommand::Prune(a) => prune_cmd(ctx, &a),
        VolumeCommand::Export(a) => super::volume_tar::export(ctx, &a),
        VolumeCommand::Import(a) => super::volume_tar::import(ctx, &a),
        VolumeCommand::Mount(a) => mount_cmd(ctx, &a, true),
        VolumeCommand::Unmount(a) => mount_cmd(ctx, &a, false),
        VolumeCommand::Exists(a) => Ok(match volumes::load(&ctx.paths, &a.volume)? {
            Some(_) => 0,
            None => 1,
        }),
    }
}

fn create_cmd(ctx: &Context, a: &CreateArgs) -> anyhow::Result<i32> {
    if a.driver != "local" {
        bail!(
            "volume driver {:?} is not available: rcon has the local driver only",
            a.driver
        );
    }
    let new = NewVolume {
        name: a.name.clone(),
        labels: super::key_values("--label", &a.label)?,
        options: super::key_values("--opt", &a.opt)?,
        anonymous: false,
    };
    match volumes::create(&ctx.paths, &new) {
        Ok(v) => println!("{}", v.name),
        Err(VolumeError::Exists { name }) if a.ignore => println!("{name}"),
        Err(e) => return Err(e.into()),
    }
    Ok(0)
}

/// `volume mount` prints each volume's data folder (a bind volume's device); `unmount` its
/// name. A tmpfs volume has no data outside a container.
fn mount_cmd(ctx: &Context, a: &MountArgs, mount: bool) -> anyhow::Result<i32> {
    for name in &a.volumes {
        let Some(v) = volumes::load(&ctx.paths, name)? else {
            bail!(VolumeError::NotFound { name: name.clone() });
        };
        match v.backing() {
            volumes::Backing::Tmpfs(_) => bail!(
                "volume {name} is a tmpfs volume: its data lives only in the containers that \
                 mount it (see `rcon volume inspect {name}`)"
            ),
            volumes::Backing::Folder(path) if mount => println!("{}", path.display()),
            volumes::Backing::Folder(_) => println!("{name}"),
        }
    }
    Ok(0)
}

fn ls_cmd(ctx: &Context, a: &LsArgs) -> anyhow::Result<i32> {
    let format = Format::parse(a.format.as_deref())?;
    let mut used: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    'vols: for v in volumes::list(&ctx.paths)? {
        for f in &a.filter {
            let (k, val) = f.split_once('=').unwrap_or((f, ""));
            let keep = match k {
                // A regular expression, as Podman takes it (its text, when it is not one).
                "name" => match regex::Regex::new(val) {
                    Ok(re) => re.is_match(&v.name),
                    Err(_) => v.name.contains(val),
                },
                "label" => crate::util::labels::matches(&v.labels, val),
                "driver" => v.driver == val,
                "dangling" => {
                    let list = match &used {
                        Some(u) => u,
                        None => {
                            let all = crate::container::list::all(&ctx.paths)?;
                            used.insert(
                                all.iter()
                                    .flat_map(|(r, _)| volumes::volumes_of(r))
                                    .collect(),
                            )
                        }
                    };
                    let dangling = !list.contains(&v.name);
                    match val {
                        "true" | "1" => dangling,
                        "false" | "0" => !dangling,
                        _ => bail!("--filter {f:?}: dangling takes true or false"),
                    }
                }
                _ => bail!(
                    "--filter {f:?}: rcon filters volumes by name, label, driver and dangling"
                ),
            };
            if !keep {
                continue 'vols;
            }
        }
        rows.push(inspect_value(&v));
    }
    if a.quiet {
        for r in &rows {
            println!("{}", r["Name"].as_str().unwrap_or_default());
        }
        return Ok(0);
    }
    print_rows_heading(
        &format,
        &rows,
        &[("DRIVER", "{{.Driver}}"), ("VOLUME NAME", "{{.Name}}")],
        !a.noheading,
    )?;
    Ok(0)
}

fn inspect_cmd(ctx: &Context, a: &InspectArgs) -> anyhow::Result<i32> {
    let mut out = Vec::new();
    let mut code = 0;
    if a.all {
        out.extend(volumes::list(&ctx.paths)?.iter().map(inspect_value));
    } else if a.volumes.is_empty() {
        bail!("volume inspect needs at least one volume name, or --all");
    }
    for name in &a.volumes {
        match volumes::load(&ctx.paths, name)? {
            Some(v) => out.push(inspect_value(&v)),
            None => {
                eprintln!("Error: {}", VolumeError::NotFound { name: name.clone() });
                code = 125;
            }
        }
    }
    if !out.is_empty() || code == 0 {
        super::container::print_inspect(&out, a.format.as_deref())?;
    }
    Ok(code)
}

/// Exit codes as Podman's: 1 when a volume did not exist, 2 when one is in use.
fn rm_cmd(ctx: &Context, a: &RmArgs) -> anyhow::Result<i32> {
    let names: Vec<String> = if a.all {
        volumes::list(&ctx.paths)?
            .into_iter()
            .map(|v| v.name)
            .collect()
    } else if a.volumes.is_empty() {
        bail!("volume rm needs at least one volume name, or --all");
    } else {
        a.volumes.clone()
    };
    let mut code = 0;
    for name in names {
        if let Some(t) = a.time.filter(|t| *t > 0 && a.force) {
            stop_users(ctx, &name, std::time::Duration::from_secs(u64::from(t)))?;
        }
        match volumes::remove(&ctx.paths, &name, a.force) {
            Ok(()) => println!("{name}"),
            // Podman's codes: 1 for a missing volume, silent with --force.
            Err(VolumeError::NotFound { .. }) if a.force => {}
            Err(e @ VolumeError::NotFound { .. }) => {
                eprintln!("Error: {e}");
                code = code.max(1);
            }
            Err(e @ VolumeError::InUse { .. }) => {
                eprintln!("Error: {e}");
                code = 2;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(code)
}

/// Stops the running containers that use volume `name` with their stop signal, killing any
/// that outlives `timeout`, before `volume rm -f` removes them.
fn stop_users(ctx: &Context, name: &str, timeout: std::time::Duration) -> anyhow::Result<()> {
    let holders = match volumes::users(&ctx.paths, name) {
        Ok(h) => h,
        Err(VolumeError::NotFound { .. }) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    for (id, _) in holders {
        let Some(r) = crate::container::list::load(&ctx.paths, &id)? else {
            continue;
        };
        crate::container::stop::stop(&ctx.paths, &r.id, &r.name, r.stop_signal, timeout)?;
    }
    Ok(())
}

pub(super) fn prune_cmd(ctx: &Context, a: &PruneArgs) -> anyhow::Result<i32> {
    let mut labels = Vec::new();
    for f in &a.filter {
        match f.split_once('=') {
            Some(("label", l)) => labels.push(l.to_string()),
            _ => bail!("--filter {f:?}: volume prune filters by label=KEY[=VALUE]"),
        }
    }
    if a.force {
        for name in volumes::prune(&ctx.paths, &labels)? {
            println!("{name}");
        }
        return Ok(0);
    }
    // The question lists what would go; only those go, and only if still unused.
    let unused = volumes::unused(&ctx.paths, &labels)?;
    if unused.is_empty() {
        eprintln!("No unused volumes to remove");
        return Ok(0);
    }
    let question = format!(
        "WARNING! This will remove all volumes not used by at least one container. The \
         following volumes will be removed:\n{}",
        unused.join("\n")
    );
    if !super::system::confirm(&question)? {
        return Ok(0);
    }
    for name in volumes::prune_where(&ctx.paths, &labels, &|n| unused.iter().any(|u| u == n))? {
        println!("{name}");
    }
    Ok(0)
}
