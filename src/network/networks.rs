//! Named networks (`rcon network create|ls|inspect|rm|prune`): their configs, one JSON file
//! each in Podman's (netavark's) form under `<root>/networks/`, and the pure logic around them:
//! names, subnets (picked from 10.89.0.0/16 in /24 steps, or given and checked for overlap),
//! gateways, bridge names. Changes to the set run under `networks/.lock`.
//!
//! The default network (Podman's `podman`, 10.88.0.0/16 on `podman0`, no DNS) exists without a
//! file, as Podman's does: `--network bridge` names it, `ls` lists it, `rm` refuses it.
//!
//! What runs a network (the bridge, addresses, the DNS responder) is `network::holder`.
use crate::config::Paths;
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::net::Ipv4Addr;
use std::path::PathBuf;

/// Why a network command failed; every message is one line.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NetworkError {
    #[error("unable to find network with name or ID {0}: network not found")]
    NotFound(String),
    #[error("network name {0} already used: network already exists")]
    Exists(String),
    #[error(
        "network name {0:?} is invalid: use letters, digits, _ . - (starting with a letter or \
         digit), and none of none, host, bridge, private, slirp4netns, pasta"
    )]
    BadName(String),
    #[error("subnet {0} is already used on the host or by another network")]
    Overlap(String),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "network {name} is used by container(s) {users}: remove them first, or use -f to remove \
         them with it"
    )]
    InUse { name: String, users: String },
    #[error("default network {0} cannot be removed")]
    Default(String),
    #[error("no free subnet left in 10.89.0.0/16: give one with --subnet")]
    NoSubnet,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

pub(crate) type Result<T> = std::result::Result<T, NetworkError>;

/// One subnet of a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Subnet {
    pub(crate) subnet: String,
    pub(crate) gateway: String,
}

/// A network's config, as Podman writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Network {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) driver: String,
    /// The bridge's name in the networks' namespace.
    pub(crate) network_interface: String,
    pub(crate) created: String,
    pub(crate) subnets: Vec<Subnet>,
    pub(crate) ipv6_enabled: bool,
    pub(crate) internal: bool,
    pub(crate) dns_enabled: bool,
    #[serde(default)]
    pub(crate) labels: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) options: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) ipam_options: BTreeMap<String, String>,
}

/// An IPv4 network: address and prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    pub(crate) addr: Ipv4Addr,
    pub(crate) prefix: u8,
}

impl Cidr {
    /// `a.b.c.d/n`, masked to its network; a prefix from 8 to 30 (room for a gateway and a
    /// container).
    pub(crate) fn parse(s: &str) -> Option<Cidr> {
        let (a, p) = s.split_once('/')?;
        let addr: Ipv4Addr = a.parse().ok()?;
        let prefix: u8 = p.parse().ok().filter(|p| (8..=30).contains(p))?;
        Some(Cidr {
            addr: Ipv4Addr::from(u32::from(addr) & mask(prefix)),
            prefix,
        })
    }

    pub(crate) fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & mask(self.prefix) == u32::from(self.addr)
    }

    pub(crate) fn overlaps(&self, other: &Cidr) -> bool {
        let m = mask(self.prefix.min(other.prefix));
        u32::from(self.addr) & m == u32::from(other.addr) & m
    }

    /// The `n`th address (0 is the network's own).
    pub(crate) fn nth(&self, n: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) + n)
    }

    /// How many addresses it holds, network and broadcast included.
    pub(crate) fn size(&self) -> u32 {
        1u32 << (32 - self.prefix)
    }

    /// A host address: neither the network's own nor the broadcast.
    pub(crate) fn is_host(&self, ip: Ipv4Addr) -> bool {
        self.contains(ip) && ip != self.addr && ip != self.nth(self.size() - 1)
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

fn mask(prefix: u8) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

impl Network {
    /// The first subnet, parsed (configs are checked when written).
    pub(crate) fn cidr(&self) -> Cidr {
        self.subnets
            .first()
            .and_then(|s| Cidr::parse(&s.subnet))
            .unwrap_or(Cidr {
                addr: Ipv4Addr::new(10, 89, 0, 0),
                prefix: 24,
            })
    }

    pub(crate) fn gateway(&self) -> Ipv4Addr {
        self.subnets
            .first()
            .and_then(|s| s.gateway.parse().ok())
            .unwrap_or_else(|| self.cidr().nth(1))
    }
}

/// What `network create` asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewNetwork {
    pub(crate) name: Option<String>,
    pub(crate) driver: String,
    pub(crate) subnet: Option<String>,
    pub(crate) gateway: Option<String>,
    pub(crate) internal: bool,
    pub(crate) labels: BTreeMap<String, String>,
}

/// Names that `--network` reads as modes, and Podman's reserved ones.
const RESERVED: &[&str] = &[
    "none",
    "host",
    "bridge",
    "private",
    "slirp4netns",
    "pasta",
    "default",
];

pub(crate) fn valid_name(name: &str) -> bool {
    let mut b = name.bytes();
    name.len() <= 200
        && b.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        && !RESERVED.contains(&name)
}

fn dir(paths: &Paths) -> PathBuf {
    paths.root.join("networks")
}

fn io_err(path: PathBuf) -> impl FnOnce(io::Error) -> NetworkError {
    move |source| NetworkError::Io { path, source }
}

/// The lock that serialises changes to the set of networks.
pub(crate) fn lock(paths: &Paths) -> Result<Lock> {
    let p = dir(paths).join(".lock");
    Lock::exclusive(&p).map_err(io_err(p))
}

/// The default network's name: containers.conf's `[network] default_network`, else `podman`.
pub(crate) fn default_name() -> String {
    crate::config::containers_conf::ContainersConf::current()
        .network
        .default_network
        .clone()
        .filter(|n| valid_name(n))
        .unwrap_or_else(|| "podman".to_string())
}

/// The default network as Podman has it: a bridge (`podman0`) on containers.conf's
/// `default_subnet` (10.88.0.0/16), gateway its first address, no DNS, the name's digest as
/// its ID (so the ID is Podman's too).
pub(crate) fn default_network() -> Network {
    let name = default_name();
    let cidr = crate::config::containers_conf::ContainersConf::current()
        .network
        .default_subnet
        .as_deref()
        .and_then(Cidr::parse)
        .unwrap_or(Cidr {
            addr: Ipv4Addr::new(10, 88, 0, 0),
            prefix: 16,
        });
    Network {
        id: crate::util::digest::Digest::of(name.as_bytes())
            .hex()
            .to_string(),
        name,
        driver: "bridge".into(),
        network_interface: "podman0".into(),
        created: crate::util::time::now_rfc3339_nano(),
        subnets: vec![Subnet {
            subnet: cidr.to_string(),
            gateway: cidr.nth(1).to_string(),
        }],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        ipam_options: BTreeMap::from([("driver".to_string(), "host-local".to_string())]),
    }
}

/// Whether `n` is the default network (which is never removed).
pub(crate) fn is_default(n: &Network) -> bool {
    n.name == default_name()
}

/// Every network, by name; the default one among them.
pub(crate) fn list(paths: &Paths) -> Result<Vec<Network>> {
    let mut out = list_files(paths)?;
    let default = default_name();
    if !out.iter().any(|n| n.name == default) {
        out.push(default_network());
        out.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(out)
}

/// The networks with a config file, by name.
fn list_files(paths: &Paths) -> Result<Vec<Network>> {
    let d = dir(paths);
    let entries = match std::fs::read_dir(&d) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(d)(e)),
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".json").filter(|s| !s.starts_with('.')) {
            if let Some(n) = read_json::<Network>(&e.path()).map_err(io_err(e.path()))? {
                if n.name == stem {
                    out.push(n);
                }
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The network `input` names: an exact name, a full ID, or a unique ID prefix.
pub(crate) fn find(paths: &Paths, input: &str) -> Result<Network> {
    let all = list(paths)?;
    if let Some(n) = all.iter().find(|n| n.name == input || n.id == input) {
        return Ok(n.clone());
    }
    let mut by_prefix = all
        .iter()
        .filter(|n| !input.is_empty() && n.id.starts_with(input));
    match (by_prefix.next(), by_prefix.next()) {
        (Some(n), None) => Ok(n.clone()),
        _ => Err(NetworkError::NotFound(input.to_string())),
    }
}

/// The IPv4 networks the host routes (/proc/net/route), default route left out.
fn host_routes() -> Vec<Cidr> {
    let text = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let m = u32::from_str_radix(f.get(7)?, 16).ok()?;
            // The kernel prints the raw network-order word in native order.
            let prefix = m.count_ones() as u8;
            (prefix > 0).then(|| Cidr {
                addr: Ipv4Addr::from(dest.to_ne_bytes()),
                prefix,
            })
        })
        .collect()
}

/// The subnet for a new network: `wanted`, if it overlaps none of `used`; else the first
/// 10.89.N.0/24 that overlaps none.
pub(crate) fn pick_subnet(wanted: Option<Cidr>, used: &[Cidr]) -> Result<Cidr> {
    if let Some(c) = wanted {
        if used.iter().any(|u| u.overlaps(&c)) {
            return Err(NetworkError::Overlap(c.to_string()));
        }
        return Ok(c);
    }
    (0..=255u8)
        .map(|n| Cidr {
            addr: Ipv4Addr::new(10, 89, n, 0),
            prefix: 24,
        })
        .find(|c| !used.iter().any(|u| u.overlaps(c)))
        .ok_or(NetworkError::NoSubnet)
}

/// The first `rcon<N>` bridge name no network has.
pub(crate) fn pick_interface(taken: &[&str]) -> String {
    (1..)
        .map(|n| format!("rcon{n}"))
        .find(|b| !taken.contains(&b.as_str()))
        .unwrap_or_default()
}

/// Checks `new` against the existing networks and makes its config (not written).
pub(crate) fn plan(
    new: &NewNetwork,
    existing: &[Network],
    host: &[Cidr],
    id: String,
) -> Result<Network> {
    let name = match &new.name {
        Some(n) => n.clone(),
        None => (0..)
            .map(|i| format!("rcon{i}"))
            .find(|n| !existing.iter().any(|e| &e.name == n))
            .unwrap_or_default(),
    };
    if !valid_name(&name) {
        return Err(NetworkError::BadName(name));
    }
    if existing.iter().any(|n| n.name == name) {
        return Err(NetworkError::Exists(name));
    }
    if new.driver != "bridge" {
        return Err(NetworkError::Invalid(format!(
            "unsupported driver {}: rcon has the bridge driver only",
            new.driver
        )));
    }
    let wanted = match &new.subnet {
        Some(s) => Some(Cidr::parse(s).ok_or_else(|| {
            NetworkError::Invalid(format!(
                "--subnet {s:?}: expected an IPv4 network such as 10.90.0.0/24 (prefix 8 to 30)"
            ))
        })?),
        None => None,
    };
    if wanted.is_none() && new.gateway.is_some() {
        return Err(NetworkError::Invalid(
            "--gateway needs --subnet: the gateway must lie in the subnet".into(),
        ));
    }
    let mut used: Vec<Cidr> = existing.iter().map(Network::cidr).collect();
    if wanted.is_none() {
        // The host's own routes are avoided when picking, not when the user gave one: a
        // subnet the host also routes is reached through the bridge inside the networks'
        // namespace only, which is the user's call.
        used.extend_from_slice(host);
    }
    let cidr = pick_subnet(wanted, &used)?;
    let gateway = match &new.gateway {
        Some(g) => g
            .parse::<Ipv4Addr>()
            .ok()
            .filter(|ip| cidr.is_host(*ip))
            .ok_or_else(|| {
                NetworkError::Invalid(format!("--gateway {g:?}: expected an address in {cidr}"))
            })?,
        None => cidr.nth(1),
    };
    let taken: Vec<&str> = existing
        .iter()
        .map(|n| n.network_interface.as_str())
        .collect();
    Ok(Network {
        name,
        id,
        driver: "bridge".into(),
        network_interface: pick_interface(&taken),
        created: crate::util::time::now_rfc3339_nano(),
        subnets: vec![Subnet {
            subnet: cidr.to_string(),
            gateway: gateway.to_string(),
        }],
        ipv6_enabled: false,
        internal: new.internal,
        dns_enabled: true,
        labels: new.labels.clone(),
        options: BTreeMap::new(),
        ipam_options: BTreeMap::from([("driver".to_string(), "host-local".to_string())]),
    })
}

/// A new network ID: 64 lowercase hex digits from 32 random bytes, like a container's.
fn new_id() -> std::io::Result<String> {
    use std::io::Read;
    let mut buf = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// Creates a network.
pub(crate) fn create(paths: &Paths, new: &NewNetwork) -> Result<Network> {
    let _lock = lock(paths)?;
    let existing = list(paths)?;
    let id = new_id().map_err(io_err(dir(paths)))?;
    let net = plan(new, &existing, &host_routes(), id)?;
    let p = dir(paths).join(format!("{}.json", net.name));
    write_json(&p, &net).map_err(io_err(p))?;
    crate::events::record(
        paths,
        crate::events::Event::network("create", &net.id, &net.name),
    );
    Ok(net)
}

/// Removes the config of network `name` (its users are the caller's business); the default
/// network is refused.
pub(crate) fn remove(paths: &Paths, name: &str) -> Result<()> {
    if name == default_name() {
        return Err(NetworkError::Default(name.to_string()));
    }
    let _lock = lock(paths)?;
    let p = dir(paths).join(format!("{name}.json"));
    let id = crate::util::fs::read_json::<Network>(&p)
        .ok()
        .flatten()
        .map(|n| n.id)
        .unwrap_or_default();
    match std::fs::remove_file(&p) {
        Ok(()) => {
            crate::events::record(paths, crate::events::Event::network("remove", &id, name));
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(NetworkError::NotFound(name.to_string()))
        }
        Err(e) => Err(io_err(p)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(name: &str, subnet: &str, bridge: &str) -> Network {
        plan(
            &NewNetwork {
                name: Some(name.into()),
                driver: "bridge".into(),
                subnet: Some(subnet.into()),
                ..Default::default()
            },
            &[],
            &[],
            "0".repeat(64),
        )
        .map(|mut n| {
            n.network_interface = bridge.into();
            n
        })
        .unwrap()
    }

    #[test]
    fn cidrs_parse_mask_and_overlap() {
        let c = Cidr::parse("10.1.2.3/24").unwrap();
        assert_eq!(c.to_string(), "10.1.2.0/24");
        assert!(c.contains("10.1.2.200".parse().unwrap()));
        assert!(!c.is_host("10.1.2.255".parse().unwrap()));
        assert!(!c.is_host("10.1.2.0".parse().unwrap()));
        assert!(c.overlaps(&Cidr::parse("10.1.0.0/16").unwrap()));
        assert!(!c.overlaps(&Cidr::parse("10.1.3.0/24").unwrap()));
        for bad in ["10.1.2.0", "10.1.2.0/31", "10.1.2.0/7", "x/24", "10.1.2/24"] {
            assert!(Cidr::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn subnets_are_picked_past_the_used_ones() {
        let used = [
            Cidr::parse("10.89.0.0/24").unwrap(),
            Cidr::parse("10.89.1.0/25").unwrap(),
        ];
        assert_eq!(
            pick_subnet(None, &used).unwrap().to_string(),
            "10.89.2.0/24"
        );
        assert!(matches!(
            pick_subnet(Cidr::parse("10.89.1.128/25"), &used),
            Ok(c) if c.to_string() == "10.89.1.128/25"
        ));
        assert!(matches!(
            pick_subnet(Cidr::parse("10.0.0.0/8"), &used),
            Err(NetworkError::Overlap(_))
        ));
        let all = [Cidr::parse("10.89.0.0/16").unwrap()];
        assert!(matches!(
            pick_subnet(None, &all),
            Err(NetworkError::NoSubnet)
        ));
    }

    #[test]
    fn plans_check_names_gateways_and_pick_bridges() {
        let a = net("a", "10.90.0.0/24", "rcon1");
        assert_eq!(a.gateway(), Ipv4Addr::new(10, 90, 0, 1));
        let new = |name: &str, subnet: Option<&str>, gw: Option<&str>| NewNetwork {
            name: Some(name.into()),
            driver: "bridge".into(),
            subnet: subnet.map(String::from),
            gateway: gw.map(String::from),
            ..Default::default()
        };
        let existing = [a];
        let id = || "1".repeat(64);
        let b = plan(&new("b", None, None), &existing, &[], id()).unwrap();
        assert_eq!(b.subnets[0].subnet, "10.89.0.0/24");
        assert_eq!(b.network_interface, "rcon2");
        let c = plan(
            &new("c", Some("10.91.0.0/24"), Some("10.91.0.254")),
            &existing,
            &[],
            id(),
        );
        assert_eq!(c.unwrap().gateway(), Ipv4Addr::new(10, 91, 0, 254));
        let err = |n: NewNetwork| plan(&n, &existing, &[], id()).unwrap_err().to_string();
        assert!(err(new("a", None, None)).contains("already used"));
        assert!(err(new("b", Some("10.90.0.0/16"), None)).contains("already used"));
        assert!(err(new("b", Some("10.92.0.0/24"), Some("10.93.0.1"))).contains("--gateway"));
        assert!(err(new("b", None, Some("10.93.0.1"))).contains("--gateway"));
        assert!(err(new("host", None, None)).contains("invalid"));
        assert!(err(new("-x", None, None)).contains("invalid"));
        let mut mac = new("m", None, None);
        mac.driver = "macvlan".into();
        assert!(err(mac).contains("bridge driver only"));
        // The host's routes are avoided when picking.
        let host = [Cidr::parse("10.89.0.0/24").unwrap()];
        let d = plan(&new("d", None, None), &existing, &host, id()).unwrap();
        assert_eq!(d.subnets[0].subnet, "10.89.1.0/24");
    }
}
