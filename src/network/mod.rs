//! A container's network as the CLI decides it: the `--network` modes and their options
//! (`slirp4netns:allow_host_loopback=true,mtu=…`, `pasta:…`, `ns:/path`), the addresses of the
//! user-mode network, and the flags that shape names (`--add-host`, `--dns*`, `--no-hosts`).
//! Published ports are in [`ports`], the generated /etc/hosts and resolv.conf in [`files`].
//! The supervisor side (starting slirp4netns or pasta, forwarding ports) is [`setup`]; the named networks' bridge and DNS run in the per-user [`holder`].
pub(crate) mod bridge;
pub(crate) mod dns;
pub(crate) mod files;
pub(crate) mod holder;
pub(crate) mod ipam;
pub(crate) mod networks;
pub(crate) mod pasta;
pub(crate) mod ports;
pub(crate) mod setup;
pub(crate) mod slirp;

use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

pub(crate) use ports::PortMapping;

/// Why a network flag (`--network`, `--network-alias`, `-p`, `--add-host`, `--dns*`) was
/// refused. The run config's error wraps it with the same message.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FlagError {
    #[error("{flag} {value:?}: {expected}")]
    Flag {
        flag: &'static str,
        value: String,
        expected: String,
    },
    #[error("{0}")]
    Conflict(String),
}

type Result<T> = std::result::Result<T, FlagError>;

/// The network a container was given (parsed by [`parse_networks`], kept in its record).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum NetworkMode {
    /// A network namespace with only `lo`.
    #[default]
    None,
    /// The host's network namespace.
    Host,
    /// A network namespace of its own, reaching out through slirp4netns.
    Slirp4netns(SlirpOptions),
    /// A network namespace of its own, reaching out through pasta, with its extra options.
    Pasta(Vec<String>),
    /// An existing network namespace, by path.
    Ns(PathBuf),
    /// The network namespace of another container (by full ID), joined from its user
    /// namespace.
    Container(String),
    /// A network namespace of its own on named networks (a veth to each one's bridge),
    /// reaching out through slirp4netns unless every network is internal.
    Bridge(Vec<BridgeAttach>),
}

/// One named network a container is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BridgeAttach {
    pub(crate) name: String,
    /// `--network-alias`: more names for it on that network.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

fn bad(flag: &'static str, value: &str, expected: impl Into<String>) -> FlagError {
    FlagError::Flag {
        flag,
        value: value.to_string(),
        expected: expected.into(),
    }
}

/// The MTU slirp4netns gets unless `mtu=` says otherwise (Podman's).
pub(crate) const DEFAULT_MTU: u32 = 65520;

/// `--network slirp4netns:…` options, as Podman spells them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct SlirpOptions {
    /// The container may reach the host's loopback at the gateway address (10.0.2.2).
    pub(crate) allow_host_loopback: bool,
    pub(crate) mtu: u32,
    /// The network, `10.0.2.0/24` when `None`.
    pub(crate) cidr: Option<String>,
    pub(crate) enable_ipv6: bool,
}

impl Default for SlirpOptions {
    fn default() -> SlirpOptions {
        SlirpOptions {
            allow_host_loopback: false,
            mtu: DEFAULT_MTU,
            cidr: None,
            enable_ipv6: false,
        }
    }
}

/// The addresses of a slirp4netns network: slirp4netns's fixed offsets in the CIDR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SlirpAddrs {
    pub(crate) network: Ipv4Addr,
    pub(crate) prefix: u8,
    /// The container's address (`.100`).
    pub(crate) guest: Ipv4Addr,
    /// The gateway, the host's loopback when allowed (`.2`).
    pub(crate) gateway: Ipv4Addr,
    /// slirp4netns's DNS forwarder (`.3`).
    pub(crate) dns: Ipv4Addr,
}

impl SlirpOptions {
    pub(crate) fn addrs(&self) -> SlirpAddrs {
        let (network, prefix) = self
            .cidr
            .as_deref()
            .and_then(|c| parse_cidr(c).ok())
            .unwrap_or((Ipv4Addr::new(10, 0, 2, 0), 24));
        let at = |n: u32| Ipv4Addr::from(u32::from(network) + n);
        SlirpAddrs {
            network,
            prefix,
            guest: at(100),
            gateway: at(2),
            dns: at(3),
        }
    }
}

/// `a.b.c.d/n` with room for slirp4netns's fixed host numbers (.2, .3, .100): n at most 25;
/// the address is masked to its network.
fn parse_cidr(s: &str) -> std::result::Result<(Ipv4Addr, u8), ()> {
    let (addr, prefix) = s.split_once('/').ok_or(())?;
    let addr: Ipv4Addr = addr.parse().map_err(|_| ())?;
    let prefix: u8 = prefix.parse().map_err(|_| ())?;
    if !(1..=25).contains(&prefix) {
        return Err(());
    }
    let mask = u32::MAX << (32 - prefix);
    Ok((Ipv4Addr::from(u32::from(addr) & mask), prefix))
}

fn parse_bool(value: &str, opt: &str, whole: &str) -> Result<bool> {
    match value {
        "true" | "" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad(
            "--network",
            whole,
            format!("{opt} takes true or false"),
        )),
    }
}

fn parse_slirp(opts: &str, whole: &str) -> Result<SlirpOptions> {
    let mut o = SlirpOptions::default();
    for opt in opts.split(',').filter(|o| !o.is_empty()) {
        let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
        match k {
            "allow_host_loopback" => o.allow_host_loopback = parse_bool(v, k, whole)?,
            "enable_ipv6" => o.enable_ipv6 = parse_bool(v, k, whole)?,
            "mtu" => {
                o.mtu = v
                    .parse()
                    .ok()
                    .filter(|m| (68..=65521).contains(m))
                    .ok_or_else(|| bad("--network", whole, "mtu takes a number from 68 to 65521"))?
            }
            "cidr" => {
                parse_cidr(v).map_err(|_| {
                    bad(
                        "--network",
                        whole,
                        "cidr takes an IPv4 network such as 10.0.2.0/24 (prefix at most /25)",
                    )
                })?;
                o.cidr = Some(v.to_string());
            }
            // rcon publishes ports through slirp4netns's own forwarder, which keeps the
            // client's address; Podman's rootlesskit handler publishes the same ports (from
            // another source address), so either name is taken and the forwarding is the same.
            "port_handler" => match v {
                "slirp4netns" | "rootlesskit" => {}
                _ => {
                    return Err(bad(
                        "--network",
                        whole,
                        "port_handler takes slirp4netns or rootlesskit",
                    ))
                }
            },
            _ => {
                return Err(bad(
                    "--network",
                    whole,
                    "slirp4netns options are allow_host_loopback, mtu, cidr, enable_ipv6 and \
                     port_handler",
                ))
            }
        }
    }
    Ok(o)
}

/// The command of the rootless network a container gets when none is asked for:
/// containers.conf's `default_rootless_network_cmd` when set, else `pasta` where passt is
/// installed (Podman 5's default), else `slirp4netns`. `rcon info` shows it.
pub(crate) fn default_cmd() -> &'static str {
    match crate::config::containers_conf::ContainersConf::current().rootless_network_cmd() {
        Some("pasta") => "pasta",
        Some(_) => "slirp4netns",
        None if pasta_installed() => "pasta",
        None => "slirp4netns",
    }
}

/// Whether `pasta` is an executable file in one of `$PATH`'s folders (looked up once).
fn pasta_installed() -> bool {
    static FOUND: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FOUND.get_or_init(|| {
        use std::os::unix::fs::PermissionsExt;
        let path =
            std::env::var_os("PATH").unwrap_or_else(|| "/usr/local/bin:/usr/bin:/bin".into());
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join("pasta"))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// The rootless network a container gets when none is asked for ([`default_cmd`]).
pub(crate) fn default_mode() -> NetworkMode {
    match default_cmd() {
        "pasta" => NetworkMode::Pasta(Vec::new()),
        _ => NetworkMode::Slirp4netns(SlirpOptions::default()),
    }
}

/// `--network`: `slirp4netns[:opts]`, `pasta[:opts]`, `host`, `none`, `ns:/path`,
/// `container:NAME`, the names of networks; `bridge` is the default network (`podman`);
/// `private`, `default` (or nothing) is the default mode ([`default_mode`]).
pub(crate) fn parse_network(s: &str) -> Result<NetworkMode> {
    let (mode, opts) = s.split_once(':').unwrap_or((s, ""));
    match mode {
        "" | "private" if opts.is_empty() => Ok(default_mode()),
        "slirp4netns" => Ok(NetworkMode::Slirp4netns(parse_slirp(opts, s)?)),
        "none" if opts.is_empty() => Ok(NetworkMode::None),
        "host" if opts.is_empty() => Ok(NetworkMode::Host),
        "pasta" => Ok(NetworkMode::Pasta(
            opts.split(',')
                .filter(|o| !o.is_empty())
                .map(String::from)
                .collect(),
        )),
        "ns" if opts.starts_with('/') => Ok(NetworkMode::Ns(PathBuf::from(opts))),
        "ns" => Err(bad(
            "--network",
            s,
            "ns: takes the absolute path of a network namespace",
        )),
        "container" if !opts.is_empty() => Ok(NetworkMode::Container(opts.to_string())),
        "container" => Err(bad(
            "--network",
            s,
            "container: takes the name or ID of a running container",
        )),
        "default" if opts.is_empty() => Ok(default_mode()),
        // Podman's word for its default bridge network (`podman`).
        "bridge" if opts.is_empty() => Ok(NetworkMode::Bridge(vec![BridgeAttach {
            name: networks::default_name(),
            aliases: Vec::new(),
        }])),
        _ if opts.is_empty() && networks::valid_name(mode) => {
            Ok(NetworkMode::Bridge(vec![BridgeAttach {
                name: mode.to_string(),
                aliases: Vec::new(),
            }]))
        }
        _ => Err(bad(
            "--network",
            s,
            "expected slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none, ns:PATH, \
             container:NAME or the names of networks",
        )),
    }
}

/// Every `--network` value (a mode, or names of networks, repeated or comma-separated) with
/// the `--network-alias` names; no value is the default.
pub(crate) fn parse_networks(values: &[String], aliases: &[String]) -> Result<NetworkMode> {
    let mode = match values {
        [] => default_mode(),
        [one] if one.contains(':') => parse_network(one)?,
        _ => {
            let mut nets: Vec<BridgeAttach> = Vec::new();
            let mut mode_only = None;
            for v in values.iter().flat_map(|v| v.split(',')) {
                match parse_network(v)? {
                    NetworkMode::Bridge(b) => {
                        for a in b {
                            if !nets.contains(&a) {
                                nets.push(a);
                            }
                        }
                    }
                    m if values.len() == 1 && !values[0].contains(',') => {
                        nets.clear();
                        mode_only = Some(m);
                        break;
                    }
                    _ => {
                        return Err(bad(
                            "--network",
                            v,
                            "a network mode cannot be combined with other networks",
                        ))
                    }
                }
            }
            mode_only.unwrap_or(NetworkMode::Bridge(nets))
        }
    };
    if aliases.is_empty() {
        return Ok(mode);
    }
    let NetworkMode::Bridge(mut nets) = mode else {
        return Err(FlagError::Conflict(
            "--network-alias needs --network with the name of a network".into(),
        ));
    };
    for a in aliases {
        if !networks::valid_name(a) {
            return Err(bad(
                "--network-alias",
                a,
                "expected a name: letters, digits, _ . -",
            ));
        }
    }
    for n in &mut nets {
        n.aliases = aliases.to_vec();
    }
    Ok(NetworkMode::Bridge(nets))
}

/// The flags that shape the container's network besides `--network`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NetFlags {
    /// `-p`, host ports still 0 where the user asked for a random one.
    pub(crate) ports: Vec<PortMapping>,
    /// `-P`: every port the image EXPOSEs, on a random host port.
    pub(crate) publish_all: bool,
    /// `--add-host NAME:IP`, in order.
    pub(crate) add_hosts: Vec<(String, IpAddr)>,
    pub(crate) dns: Vec<IpAddr>,
    pub(crate) dns_search: Vec<String>,
    pub(crate) dns_options: Vec<String>,
    pub(crate) no_hosts: bool,
}

/// `--add-host NAME:IP` (an IPv6 address may follow the first colon as is, or in brackets);
/// `host-gateway` as the address means the host as the container sees it.
pub(crate) fn parse_add_host(s: &str, host_gateway: Option<IpAddr>) -> Result<(String, IpAddr)> {
    let expected = "expected NAME:IP (host-gateway as IP names the host)";
    let (name, ip) = s
        .split_once(':')
        .or_else(|| s.split_once('='))
        .ok_or_else(|| bad("--add-host", s, expected))?;
    let valid_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if !valid_name {
        return Err(bad("--add-host", s, expected));
    }
    let ip = if ip == "host-gateway" {
        host_gateway.ok_or_else(|| {
            bad(
                "--add-host",
                s,
                "host-gateway needs a network that reaches the host (slirp4netns or pasta)",
            )
        })?
    } else {
        ip.trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| bad("--add-host", s, expected))?
    };
    Ok((name.to_string(), ip))
}

/// `--dns IP`.
pub(crate) fn parse_dns(s: &str) -> Result<IpAddr> {
    s.parse()
        .map_err(|_| bad("--dns", s, "expected the IP address of a DNS server"))
}

/// `--dns-search DOMAIN` (`.` clears the host's list).
pub(crate) fn parse_dns_search(s: &str) -> Result<String> {
    let ok = s == "."
        || (!s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')));
    if ok {
        Ok(s.to_string())
    } else {
        Err(bad("--dns-search", s, "expected a domain name"))
    }
}

/// `--dns-option OPT` (`ndots:2`, `edns0`).
pub(crate) fn parse_dns_option(s: &str) -> Result<String> {
    if s.is_empty() || s.contains(char::is_whitespace) {
        return Err(bad(
            "--dns-option",
            s,
            "expected one resolv.conf option such as ndots:2",
        ));
    }
    Ok(s.to_string())
}

/// Whether `mode` gives the container a network of its own that rcon reaches the outside
/// from (ports can be published to it).
pub(crate) fn forwards_ports(mode: &NetworkMode) -> bool {
    matches!(
        mode,
        NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_) | NetworkMode::Bridge(_)
    )
}

/// The mode's name, as inspect's HostConfig.NetworkMode shows it.
pub(crate) fn mode_name(mode: &NetworkMode) -> String {
    match mode {
        NetworkMode::None => "none".into(),
        NetworkMode::Host => "host".into(),
        NetworkMode::Slirp4netns(_) => "slirp4netns".into(),
        NetworkMode::Pasta(_) => "pasta".into(),
        NetworkMode::Ns(p) => format!("ns:{}", p.display()),
        NetworkMode::Container(id) => format!("container:{id}"),
        NetworkMode::Bridge(_) => "bridge".into(),
    }
}

/// The host's address as the container sees it (`host.containers.internal`): slirp4netns's
/// gateway when the host's loopback is allowed, else the host's own address on its default
/// route. pasta gives that address to the container itself, so there it is the default
/// gateway with pasta's `--map-gw` (which maps it to the host), else another global address
/// of the host; `None` when the host has no other.
/// containers.conf's `[containers] host_containers_internal_ip` wins (`none`: no address).
pub(crate) fn host_address(mode: &NetworkMode) -> Option<IpAddr> {
    let conf = crate::config::containers_conf::ContainersConf::current();
    match conf.containers.host_containers_internal_ip.as_deref() {
        Some("none") => return None,
        Some(ip) if !ip.is_empty() => return ip.parse().ok(),
        _ => {}
    }
    match mode {
        NetworkMode::Slirp4netns(o) if o.allow_host_loopback => Some(o.addrs().gateway.into()),
        NetworkMode::Slirp4netns(_) | NetworkMode::Bridge(_) => host_route_address(),
        NetworkMode::Pasta(opts) if pasta::maps_gateway(opts) => default_gateway(),
        NetworkMode::Pasta(_) => other_host_address(host_route_address()),
        _ => None,
    }
}

/// The container's own address: pasta copies the host's on its default route; slirp4netns's
/// is fixed by its network (`.100`).
pub(crate) fn own_address(mode: &NetworkMode) -> Option<IpAddr> {
    match mode {
        NetworkMode::Slirp4netns(o) => Some(o.addrs().guest.into()),
        NetworkMode::Pasta(_) => host_route_address(),
        _ => None,
    }
}

/// The host's source address towards the outside (no packet is sent: a UDP connect only picks
/// the route).
fn host_route_address() -> Option<IpAddr> {
    let sock = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    sock.connect("192.0.2.1:9").ok()?;
    let ip = sock.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// The gateway of the host's IPv4 default route (`/proc/net/route`).
fn default_gateway() -> Option<IpAddr> {
    let table = std::fs::read_to_string("/proc/net/route").ok()?;
    table.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        let gw = u32::from_str_radix(f.get(2)?, 16).ok()?;
        (*f.get(1)? == "00000000" && gw != 0).then(|| IpAddr::V4(Ipv4Addr::from(gw.swap_bytes())))
    })
}

/// An IPv4 address of the host's other than `but` and loopback ones, preferring a global one.
fn other_host_address(but: Option<IpAddr>) -> Option<IpAddr> {
    let addrs = nix::ifaddrs::getifaddrs().ok()?;
    let mut found: Vec<Ipv4Addr> = addrs
        .filter_map(|a| Some(a.address?.as_sockaddr_in()?.ip()))
        .filter(|ip| !ip.is_loopback() && !ip.is_link_local() && Some(IpAddr::V4(*ip)) != but)
        .collect();
    found.sort_by_key(|ip| ip.is_private());
    found.first().map(|ip| IpAddr::V4(*ip))
}

/// Inspect's `NetworkSettings` of container `id` on `network` with `ports`; `init_pid` while
/// it runs (the SandboxKey).
pub(crate) fn inspect_settings(
    paths: &crate::config::Paths,
    id: &str,
    network: &NetworkMode,
    ports: &[PortMapping],
    init_pid: Option<i32>,
) -> serde_json::Value {
    let (mut ip, mut prefix, mut gateway) = match network {
        NetworkMode::Slirp4netns(o) => {
            let a = o.addrs();
            (a.guest.to_string(), a.prefix, a.gateway.to_string())
        }
        // pasta's copy of the host's address (its prefix and gateway are the host's).
        NetworkMode::Pasta(_) => (
            own_address(network)
                .map(|a| a.to_string())
                .unwrap_or_default(),
            0,
            default_gateway().map(|a| a.to_string()).unwrap_or_default(),
        ),
        _ => (String::new(), 0, String::new()),
    };
    let mut mac = String::new();
    let networks = match network {
        NetworkMode::Bridge(nets) => {
            let mut m = serde_json::Map::new();
            for a in nets {
                let Ok(n) = networks::find(paths, &a.name) else {
                    continue;
                };
                // The address is known while the container runs (its supervisor holds it).
                let e = ipam::entry_of(paths, &n.id, id);
                let (eip, emac) = e.map_or((String::new(), String::new()), |e| {
                    (e.ip.to_string(), e.mac)
                });
                if ip.is_empty() {
                    (ip, prefix, gateway, mac) = (
                        eip.clone(),
                        n.cidr().prefix,
                        n.gateway().to_string(),
                        emac.clone(),
                    );
                }
                m.insert(
                    a.name.clone(),
                    serde_json::json!({
                        "IPAddress": eip, "IPPrefixLen": n.cidr().prefix,
                        "Gateway": n.gateway().to_string(), "MacAddress": emac,
                        "Aliases": aliases_of(id, &a.aliases), "NetworkID": n.id,
                    }),
                );
            }
            serde_json::Value::Object(m)
        }
        NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_) => {
            serde_json::json!({ mode_name(network): {
                "IPAddress": ip, "IPPrefixLen": prefix, "Gateway": gateway, "MacAddress": "",
                "Aliases": null, "NetworkID": mode_name(network),
            }})
        }
        _ => serde_json::json!({}),
    };
    serde_json::json!({
        "SandboxID": "",
        "SandboxKey": init_pid.filter(|p| *p > 0 && *network != NetworkMode::Host)
            .map(|p| format!("/proc/{p}/ns/net")).unwrap_or_default(),
        "Ports": ports::inspect_ports(ports),
        "IPAddress": ip,
        "IPPrefixLen": prefix,
        "Gateway": gateway,
        "MacAddress": mac,
        "Networks": networks,
    })
}

/// A container's names on a named network besides its own, as inspect shows them: its
/// `--network-alias` names, then its short ID (which the network's DNS answers too), as
/// Podman 4 and Docker before 26 list them.
fn aliases_of(id: &str, aliases: &[String]) -> Vec<String> {
    let short = id[..id.len().min(12)].to_string();
    let mut all: Vec<String> = aliases.iter().filter(|a| **a != short).cloned().collect();
    all.push(short);
    all
}

/// Inspect's `HostConfig.PortBindings` (as `NetworkSettings.Ports`).
pub(crate) fn inspect_port_bindings(ports: &[PortMapping]) -> serde_json::Value {
    ports::inspect_ports(ports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_modes_and_slirp_options() {
        assert_eq!(parse_network("").unwrap(), default_mode());
        assert_eq!(parse_network("none").unwrap(), NetworkMode::None);
        assert_eq!(parse_network("host").unwrap(), NetworkMode::Host);
        let NetworkMode::Slirp4netns(o) = parse_network(
            "slirp4netns:allow_host_loopback=true,mtu=1500,cidr=10.5.0.7/24,enable_ipv6=false,port_handler=slirp4netns",
        )
        .unwrap() else {
            panic!("not slirp4netns");
        };
        assert!(o.allow_host_loopback && !o.enable_ipv6);
        assert_eq!(o.mtu, 1500);
        let a = o.addrs();
        assert_eq!(a.guest, Ipv4Addr::new(10, 5, 0, 100));
        assert_eq!(a.gateway, Ipv4Addr::new(10, 5, 0, 2));
        assert_eq!(a.dns, Ipv4Addr::new(10, 5, 0, 3));
        assert_eq!(
            parse_network("pasta:-T,8080").unwrap(),
            NetworkMode::Pasta(vec!["-T".into(), "8080".into()])
        );
        assert_eq!(
            parse_network("container:web").unwrap(),
            NetworkMode::Container("web".into())
        );
        assert_eq!(
            parse_network("ns:/run/netns/x").unwrap(),
            NetworkMode::Ns("/run/netns/x".into())
        );
        assert_eq!(
            parse_networks(&["a,b".into(), "c".into()], &["x".into()]).unwrap(),
            NetworkMode::Bridge(
                ["a", "b", "c"]
                    .iter()
                    .map(|n| BridgeAttach {
                        name: n.to_string(),
                        aliases: vec!["x".into()]
                    })
                    .collect()
            )
        );
        assert_eq!(
            parse_networks(&["host".into()], &[]).unwrap(),
            NetworkMode::Host
        );
        assert!(parse_networks(&["a".into(), "host".into()], &[]).is_err());
        assert!(parse_networks(&["host".into()], &["x".into()]).is_err());
        assert_eq!(
            parse_network("bridge").unwrap(),
            NetworkMode::Bridge(vec![BridgeAttach {
                name: "podman".into(),
                aliases: vec![]
            }])
        );
        for bad in [
            "bridge:x",
            "ns:rel",
            "container:",
            "slirp4netns:mtu=10",
            "slirp4netns:cidr=10.0.0.0/30",
            "slirp4netns:port_handler=rootlessport",
            "slirp4netns:nope",
            "host:x",
        ] {
            let e = parse_network(bad).unwrap_err().to_string();
            assert!(e.starts_with("--network "), "{bad}: {e}");
        }
    }

    #[test]
    fn records_of_before_slirp4netns_still_read() {
        let m: NetworkMode = serde_json::from_str("\"none\"").unwrap();
        assert_eq!(m, NetworkMode::None);
        let m = NetworkMode::Slirp4netns(SlirpOptions::default());
        let back: NetworkMode = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn add_host_dns_flags() {
        assert_eq!(
            parse_add_host("db:10.1.2.3", None).unwrap(),
            ("db".into(), "10.1.2.3".parse().unwrap())
        );
        assert_eq!(
            parse_add_host("v6:[::1]", None).unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            parse_add_host("gw:host-gateway", Some("10.0.2.2".parse().unwrap()))
                .unwrap()
                .1,
            "10.0.2.2".parse::<IpAddr>().unwrap()
        );
        assert!(parse_add_host("gw:host-gateway", None).is_err());
        assert!(parse_add_host("nocolon", None).is_err());
        assert!(parse_add_host("a b:1.2.3.4", None).is_err());
        assert!(parse_dns("1.1.1.1").is_ok());
        assert!(parse_dns("one").is_err());
        assert!(parse_dns_search("example.com").is_ok());
        assert!(parse_dns_search("a b").is_err());
        assert!(parse_dns_option("ndots:2").is_ok());
        assert!(parse_dns_option("").is_err());
    }
}
