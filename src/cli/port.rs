//! `rcon port`: the published ports of a container, as `podman port` prints them.
use super::Context;
use crate::container::list;
use crate::container::runconfig::RunConfigError;
use crate::network::PortMapping;
use anyhow::Context as _;
use clap::Args;

// `rcon port`.
#[derive(Debug, Args)]
pub(crate) struct PortArgs {
    /// Every container's ports, each line prefixed with the container's short ID
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Container name or ID, then optionally a container port: PORT[/tcp|/udp]
    #[arg(value_name = "CONTAINER [PORT]", num_args = 0..=2)]
    pub(crate) args: Vec<String>,
}

/// `80`, `80/udp`: the container port and protocol to show.
fn parse_private(s: &str) -> Result<(u16, String), RunConfigError> {
    let (port, proto) = s.split_once('/').unwrap_or((s, "tcp"));
    match (port.parse::<u16>(), proto) {
        (Ok(p), "tcp" | "udp") if p > 0 => Ok((p, proto.to_string())),
        _ => Err(RunConfigError::Flag {
            flag: "port",
            value: s.to_string(),
            expected: "expected a container port such as 80 or 53/udp".into(),
        }),
    }
}

pub(crate) fn port(ctx: &Context, a: &PortArgs) -> anyhow::Result<i32> {
    if a.all {
        if !a.args.is_empty() {
            anyhow::bail!("--all and a container name conflict: give one or the other");
        }
        for (r, _) in list::all(&ctx.paths)? {
            for p in &r.ports {
                println!("{}\t{}", &r.id[..12], p.display());
            }
        }
        return Ok(0);
    }
    let Some(name) = a.args.first() else {
        anyhow::bail!("port needs a container name or ID, or --all");
    };
    let want = a.args.get(1).map(|s| parse_private(s)).transpose()?;
    let r = list::find(&ctx.paths, name).with_context(|| format!("rcon port {name}"))?;
    let matches = |p: &&PortMapping| {
        want.as_ref()
            .is_none_or(|(port, proto)| p.container_port == *port && p.protocol == *proto)
    };
    let shown: Vec<&PortMapping> = r.ports.iter().filter(matches).collect();
    if let Some((port, proto)) = &want {
        if shown.is_empty() {
            // Podman's words: the container is named on the command line already.
            anyhow::bail!("failed to find published port \"{port}/{proto}\"");
        }
        for p in shown {
            let ip = if p.host_ip.is_empty() {
                "0.0.0.0"
            } else {
                &p.host_ip
            };
            println!("{ip}:{}", p.host_port);
        }
    } else {
        for p in shown {
            println!("{}", p.display());
        }
    }
    Ok(0)
}
