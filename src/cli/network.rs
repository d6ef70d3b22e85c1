//! `rcon network create|ls|inspect|rm|prune|exists|connect|disconnect`, as Podman's.
use super::format::{print_rows_heading, Format};
use super::Context;
use crate::container::create;
use crate::container::record::NetworkMode;
use crate::network::networks::{self, NetworkError, NewNetwork};
use crate::runtime::connect;
use crate::util::labels;
use anyhow::bail;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum NetworkCommand {
    /// Create a network
    Create(CreateArgs),
    /// List networks
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    /// Show networks as JSON
    Inspect(InspectArgs),
    /// Remove networks
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
    /// Remove every network no container uses
    Prune(PruneArgs),
    /// Exit 0 when the network exists, 1 when it does not
    Exists(ExistsArgs),
    /// Connect a container to a network
    Connect(ConnectArgs),
    /// Disconnect a container from a network
    Disconnect(DisconnectArgs),
    /// Reload running containers' networks (rcon keeps no firewall rules: nothing is lost)
    Reload(ReloadArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ReloadArgs {
    /// The containers (running)
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub(crate) containers: Vec<String>,
    /// Every running container
    #[arg(short, long, conflicts_with = "containers")]
    pub(crate) all: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ConnectArgs {
    /// The network to connect to
    #[arg(value_name = "NETWORK")]
    pub(crate) network: String,
    /// The container: at once when it runs on named networks, else at its next start
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
    /// Another name for the container on this network (DNS)
    #[arg(long, value_name = "NAME")]
    pub(crate) alias: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct DisconnectArgs {
    /// The network to disconnect from
    #[arg(value_name = "NETWORK")]
    pub(crate) network: String,
    /// The container: at once when it runs, else at its next start
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
    /// Change the record even when the running container's interface cannot be removed
    #[arg(short, long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The network's name (rcon0, rcon1, … when left out)
    #[arg(value_name = "NAME")]
    pub(crate) name: Option<String>,
    /// Network driver (only bridge)
    #[arg(short, long, default_value = "bridge", value_name = "DRIVER")]
    pub(crate) driver: String,
    /// The subnet, as 10.90.0.0/24 (a free 10.89.N.0/24 when left out)
    #[arg(long, value_name = "SUBNET")]
    pub(crate) subnet: Option<String>,
    /// The gateway's address (the subnet's first when left out)
    #[arg(long, value_name = "IP")]
    pub(crate) gateway: Option<String>,
    /// No way out: containers reach only each other
    #[arg(long)]
    pub(crate) internal: bool,
    /// Set a label: KEY=VALUE
    #[arg(long, value_name = "KEY=VALUE")]
    pub(crate) label: Vec<String>,
    /// Succeed when a network of that name exists already
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
    /// Filter: name=, id=, label=KEY[=VALUE], driver=
    #[arg(short, long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    /// Networks to inspect
    #[arg(value_name = "NETWORK", required = true)]
    pub(crate) networks: Vec<String>,
    /// Output format: json or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RmArgs {
    /// Networks to remove
    #[arg(value_name = "NETWORK", required = true)]
    pub(crate) networks: Vec<String>,
    /// Remove networks in use, with the containers on them
    #[arg(short, long)]
    pub(crate) force: bool,
    /// With --force: seconds the containers get to stop before SIGKILL
    #[arg(short = 't', long, value_name = "SECONDS")]
    pub(crate) time: Option<u64>,
}

#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub(crate) force: bool,
    /// Only networks matching: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long, value_name = "FILTER")]
    pub(crate) filter: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ExistsArgs {
    #[arg(value_name = "NETWORK")]
    pub(crate) network: String,
}

pub(super) fn dispatch(ctx: &Context, c: NetworkCommand) -> anyhow::Result<i32> {
    match c {
        NetworkCommand::Create(a) => create_cmd(ctx, &a),
        NetworkCommand::Ls(a) => ls_cmd(ctx, &a),
        NetworkCommand::Inspect(a) => inspect_cmd(ctx, &a),
        NetworkCommand::Rm(a) => rm_cmd(ctx, &a),
        NetworkCommand::Prune(a) => prune_cmd(ctx, &a),
        NetworkCommand::Connect(a) => {
            connect::connect(&ctx.paths, &a.network, &a.container, &a.alias)?;
            Ok(0)
        }
        NetworkCommand::Disconnect(a) => {
            connect::disconnect(&ctx.paths, &a.network, &a.container, a.force)?;
            Ok(0)
        }
        NetworkCommand::Reload(a) => reload_cmd(ctx, &a),
        NetworkCommand::Exists(a) => Ok(match networks::find(&ctx.paths, &a.network) {
            Ok(_) => 0,
            Err(NetworkError::NotFound(_)) => 1,
            Err(e) => return Err(e.into()),
        }),
    }
}

fn create_cmd(ctx: &Context, a: &CreateArgs) -> anyhow::Result<i32> {
    let new = NewNetwork {
        name: a.name.clone(),
        driver: a.driver.clone(),
        subnet: a.subnet.clone(),
        gateway: a.gateway.clone(),
        internal: a.internal,
        labels: super::key_values("--label", &a.label)?,
    };
    match networks::create(&ctx.paths, &new) {
        Ok(n) => println!("{}", n.name),
        Err(NetworkError::Exists(name)) if a.ignore => println!("{name}"),
        Err(e) => return Err(e.into()),
    }
    Ok(0)
}

/// `network reload`: Podman restores the firewall rules of containers' networks and ports (lost
/// when the firewall reloads). rcon makes none: a container's ports are forwarded by its own
/// slirp4netns or pasta and its bridges live in the networks' holder, out of the firewall's
/// reach, so there is nothing to restore. Each running container named (or every one with
/// `--all`) is checked and its ID printed, as Podman prints them; one not running is an error.
fn reload_cmd(ctx: &Context, a: &ReloadArgs) -> anyhow::Result<i32> {
    use crate::container::{list, state::Status};
    if a.all {
        let mut all = list::all(&ctx.paths)?;
        all.sort_by(|x, y| x.0.created.cmp(&y.0.created));
        for (r, st) in all {
            if st.status == Status::Running {
                println!("{}", r.id);
            }
        }
        return Ok(0);
    }
    let mut code = 0;
    for input in &a.containers {
        let r = list::find(&ctx.paths, input)?;
        if list::state_of(&ctx.paths, &r.id)?.status == Status::Running {
            println!("{}", r.id);
        } else {
            eprintln!(
                "Error: container {} is not running: start it with `rcon start {}`",
                r.name, r.name
            );
            code = 125;
        }
    }
    Ok(code)
}

/// A network as `ls` and `inspect --format` see it: Podman's Go field names.
fn template_value(n: &networks::Network) -> Value {
    json!({
        "Name": n.name,
        "ID": n.id,
        "Driver": n.driver,
        "NetworkInterface": n.network_interface,
        "Created": n.created,
        "Subnets": n.subnets.iter().map(|s| json!({"Subnet": s.subnet, "Gateway": s.gateway})).collect::<Vec<_>>(),
        "IPv6Enabled": n.ipv6_enabled,
        "Internal": n.internal,
        "DNSEnabled": n.dns_enabled,
        "Labels": n.labels,
        "Options": n.options,
        "IPAMOptions": n.ipam_options,
    })
}

fn ls_cmd(ctx: &Context, a: &LsArgs) -> anyhow::Result<i32> {
    let format = Format::parse(a.format.as_deref())?;
    let mut rows = Vec::new();
    'nets: for n in networks::list(&ctx.paths)? {
        for f in &a.filter {
            let (k, val) = f.split_once('=').unwrap_or((f, ""));
            let keep = match k {
                "name" => n.name.contains(val),
                "id" => n.id.starts_with(val),
                "label" => labels::matches(&n.labels, val),
                "driver" => n.driver == val,
                _ => bail!("--filter {f:?}: rcon filters networks by name, id, label and driver"),
            };
            if !keep {
                continue 'nets;
            }
        }
        rows.push(n);
    }
    if a.quiet {
        for n in &rows {
            println!("{}", n.name);
        }
        return Ok(0);
    }
    let rows: Vec<Value> = match format {
        Format::Json => rows.iter().map(|n| json!(n)).collect(),
        _ => rows.iter().map(template_value).collect(),
    };
    print_rows_heading(
        &format,
        &rows,
        &[
            ("NETWORK ID", "{{printf \"%.12s\" .ID}}"),
            ("NAME", "{{.Name}}"),
            ("DRIVER", "{{.Driver}}"),
        ],
        !a.noheading,
    )?;
    Ok(0)
}

fn inspect_cmd(ctx: &Context, a: &InspectArgs) -> anyhow::Result<i32> {
    let json_out = matches!(a.format.as_deref(), None | Some("json"));
    let mut out = Vec::new();
    let mut code = 0;
    for name in &a.networks {
        match networks::find(&ctx.paths, name) {
            Ok(n) if json_out => out.push(json!(n)),
            Ok(n) => out.push(template_value(&n)),
            Err(e @ NetworkError::NotFound(_)) => {
                eprintln!("Error: {e}");
                code = 125;
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !out.is_empty() {
        super::container::print_inspect(&out, a.format.as_deref())?;
    }
    Ok(code)
}

/// The containers on network `name`: (ID, name).
fn users(ctx: &Context, name: &str) -> anyhow::Result<Vec<(String, String)>> {
    Ok(crate::container::list::all(&ctx.paths)?
        .into_iter()
        .filter(|(r, _)| matches!(&r.network, NetworkMode::Bridge(b) if b.iter().any(|a| a.name == name)))
        .map(|(r, _)| (r.id, r.name))
        .collect())
}

/// Exit codes as Podman's: 1 when a network did not exist, 2 when one is in use.
fn rm_cmd(ctx: &Context, a: &RmArgs) -> anyhow::Result<i32> {
    let mut code = 0;
    for input in &a.networks {
        let n = match networks::find(&ctx.paths, input) {
            Ok(n) => n,
            // --force asks for the network to be gone: one that is not is no error.
            Err(NetworkError::NotFound(_)) if a.force => continue,
            Err(e @ NetworkError::NotFound(_)) => {
                eprintln!("Error: {e}");
                code = code.max(1);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if networks::is_default(&n) {
            return Err(NetworkError::Default(n.name).into());
        }
        let on = users(ctx, &n.name)?;
        if !on.is_empty() && !a.force {
            let names: Vec<&str> = on.iter().map(|(_, n)| n.as_str()).collect();
            eprintln!(
                "Error: {}",
                NetworkError::InUse {
                    name: n.name.clone(),
                    users: names.join(", ")
                }
            );
            code = 2;
            continue;
        }
        for (id, name) in on {
            if let Some(t) = a.time {
                let signal = crate::container::list::load(&ctx.paths, &id)?
                    .map_or(libc::SIGTERM, |r| r.stop_signal);
                crate::container::stop::stop(
                    &ctx.paths,
                    &id,
                    &name,
                    signal,
                    std::time::Duration::from_secs(t),
                )?;
            }
            match create::remove(&ctx.paths, &id, true) {
                Ok(()) | Err(create::CreateError::Gone { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        networks::remove(&ctx.paths, &n.name)?;
        println!("{}", n.name);
    }
    Ok(code)
}

pub(super) fn prune_cmd(ctx: &Context, a: &PruneArgs) -> anyhow::Result<i32> {
    let filter = super::prune_filter::PruneFilter::parse_now(&a.filter)?;
    if !a.force
        && !super::system::confirm(
            "WARNING! This will remove all networks not used by at least one container.",
        )?
    {
        return Ok(0);
    }
    for n in networks::list(&ctx.paths)? {
        if networks::is_default(&n) || !filter.allows(Some(&n.created), &n.labels) {
            continue;
        }
        if users(ctx, &n.name)?.is_empty() {
            networks::remove(&ctx.paths, &n.name)?;
            println!("{}", n.name);
        }
    }
    Ok(0)
}
