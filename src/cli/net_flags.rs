//! The network flags of `run` and `create` besides `--network` (Podman's names): published
//! ports, extra hosts, DNS settings; turned into validated [`NetFlags`] in one step.
use crate::container::record::NetworkMode;
use crate::container::runconfig::RunConfigError;
use crate::network::{self, NetFlags};
use clap::Args;

#[derive(Debug, Args)]
pub(crate) struct NetArgs {
    /// Publish a container's port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp]
    /// (ranges as 8000-8010; no host port: a random one)
    #[arg(short, long, value_name = "PORT")]
    pub(crate) publish: Vec<String>,
    /// Publish every port the image exposes on a random host port
    #[arg(short = 'P', long)]
    pub(crate) publish_all: bool,
    /// Add a line to /etc/hosts: NAME:IP (host-gateway as IP names the host)
    #[arg(long, value_name = "HOST:IP")]
    pub(crate) add_host: Vec<String>,
    /// DNS server for /etc/resolv.conf (replaces the host's)
    #[arg(long, value_name = "IP")]
    pub(crate) dns: Vec<String>,
    /// DNS search domain for /etc/resolv.conf ("." for none)
    #[arg(long, value_name = "DOMAIN")]
    pub(crate) dns_search: Vec<String>,
    /// Option for /etc/resolv.conf (ndots:2, edns0)
    #[arg(long, visible_alias = "dns-opt", value_name = "OPTION")]
    pub(crate) dns_option: Vec<String>,
    /// Keep the image's /etc/hosts instead of generating one
    #[arg(long)]
    pub(crate) no_hosts: bool,
}

impl NetArgs {
    /// Validates the flags for a container on `network`.
    pub(crate) fn to_flags(&self, network: &NetworkMode) -> Result<NetFlags, RunConfigError> {
        if self.no_hosts && !self.add_host.is_empty() {
            return Err(RunConfigError::Conflict(
                "--no-hosts and --add-host conflict: /etc/hosts is either the image's or rcon's"
                    .into(),
            ));
        }
        if matches!(network, NetworkMode::Container(_)) {
            // Podman's rule: the container whose network is shared owns all of it.
            let conflict = |what: &str| {
                Err(RunConfigError::Conflict(format!(
                    "conflicting options: cannot {what} in container network mode (set it on the \
                     container whose network is shared)"
                )))
            };
            if !self.publish.is_empty() || self.publish_all {
                return conflict("publish ports");
            }
            if !self.dns.is_empty() || !self.dns_search.is_empty() || !self.dns_option.is_empty() {
                return conflict("set DNS options");
            }
            if !self.add_host.is_empty() {
                return conflict("add hosts");
            }
        }
        let conf = crate::config::containers_conf::ContainersConf::current();
        let given = |flag: &[String], key: &Option<Vec<String>>| -> Vec<String> {
            match (
                flag.is_empty(),
                key,
                matches!(network, NetworkMode::Container(_)),
            ) {
                (true, Some(list), false) => list.clone(),
                _ => flag.to_vec(),
            }
        };
        let (dns, dns_search, dns_option) = (
            given(&self.dns, &conf.containers.dns_servers),
            given(&self.dns_search, &conf.containers.dns_searches),
            given(&self.dns_option, &conf.containers.dns_options),
        );
        let no_hosts =
            self.no_hosts || (self.add_host.is_empty() && conf.containers.no_hosts == Some(true));
        let mut ports = Vec::new();
        for p in &self.publish {
            ports.extend(network::ports::parse_publish(p)?);
        }
        let gateway = network::host_address(network);
        Ok(NetFlags {
            ports,
            publish_all: self.publish_all,
            add_hosts: self
                .add_host
                .iter()
                .map(|h| network::parse_add_host(h, gateway))
                .collect::<Result<_, _>>()?,
            dns: dns
                .iter()
                .map(|d| network::parse_dns(d))
                .collect::<Result<_, _>>()?,
            dns_search: dns_search
                .iter()
                .map(|d| network::parse_dns_search(d))
                .collect::<Result<_, _>>()?,
            dns_options: dns_option
                .iter()
                .map(|d| network::parse_dns_option(d))
                .collect::<Result<_, _>>()?,
            no_hosts,
        })
    }
}
