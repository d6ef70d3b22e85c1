//! Published ports: `-p [ip:][hostPort:]containerPort[/tcp|/udp]` with ranges, `-P` from the
//! image's `ExposedPorts`, and the random host ports chosen at create time (as Podman does, so
//! `rcon port` can tell them before the container starts and they stay across restarts).
use super::FlagError;
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};

type Result<T> = std::result::Result<T, FlagError>;

fn bad(value: &str, expected: impl Into<String>) -> FlagError {
    FlagError::Flag {
        flag: "--publish",
        value: value.to_string(),
        expected: expected.into(),
    }
}

/// One forwarded port: the host's `host_ip:host_port` to the container's `container_port`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PortMapping {
    /// Empty: every address of the host.
    #[serde(default)]
    pub(crate) host_ip: String,
    /// 0 until [`assign_random`] picked one.
    pub(crate) host_port: u16,
    pub(crate) container_port: u16,
    /// `tcp` or `udp`.
    pub(crate) protocol: String,
}

impl PortMapping {
    /// `80/tcp -> 0.0.0.0:8080`, as `podman port` prints it.
    pub(crate) fn display(&self) -> String {
        format!(
            "{}/{} -> {}:{}",
            self.container_port,
            self.protocol,
            if self.host_ip.is_empty() {
                "0.0.0.0"
            } else {
                &self.host_ip
            },
            self.host_port
        )
    }

    /// The host address to listen on.
    pub(crate) fn listen_ip(&self) -> IpAddr {
        self.host_ip
            .parse()
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }
}

const EXPECTED: &str = "expected [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp], ports 1-65535, \
                        ranges as 8000-8010";

/// A port or a range `a-b`.
fn parse_range(s: &str, whole: &str) -> Result<(u16, u16)> {
    let num = |p: &str| -> Result<u16> {
        p.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad(whole, EXPECTED))
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (num(a)?, num(b)?);
            if a > b {
                return Err(bad(whole, "a range goes from the lower port to the higher"));
            }
            Ok((a, b))
        }
        None => {
            let n = num(s)?;
            Ok((n, n))
        }
    }
}

/// Parses one `-p` value into one mapping per port (host port 0: random).
pub(crate) fn parse_publish(s: &str) -> Result<Vec<PortMapping>> {
    let (spec, protocol) = match s.rsplit_once('/') {
        Some((spec, p)) => (spec, p.to_ascii_lowercase()),
        None => (s, "tcp".to_string()),
    };
    if protocol != "tcp" && protocol != "udp" {
        return Err(bad(s, "rcon publishes tcp and udp ports"));
    }
    // The address may be an IPv6 one in brackets: split the ports off the end.
    let (ip, rest) = if let Some(after) = spec.strip_prefix('[') {
        let (ip, rest) = after.split_once("]:").ok_or_else(|| bad(s, EXPECTED))?;
        (ip.to_string(), rest)
    } else {
        let parts: Vec<&str> = spec.split(':').collect();
        match parts.len() {
            1 | 2 => (String::new(), spec),
            3 => (parts[0].to_string(), &spec[parts[0].len() + 1..]),
            _ => return Err(bad(s, EXPECTED)),
        }
    };
    if !ip.is_empty() {
        match ip.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => {}
            Ok(IpAddr::V6(_)) => {
                return Err(bad(
                    s,
                    "rcon publishes on IPv4 host addresses: give an IPv4 address or none",
                ))
            }
            Err(_) => return Err(bad(s, EXPECTED)),
        }
    }
    let (host, container) = match rest.split_once(':') {
        Some((h, c)) => (Some(h), c),
        None => (None, rest),
    };
    let (c_lo, c_hi) = parse_range(container, s)?;
    let host = match host {
        None | Some("") => None,
        Some(h) => Some(parse_range(h, s)?),
    };
    if let Some((h_lo, h_hi)) = host {
        if h_hi - h_lo != c_hi - c_lo {
            return Err(bad(
                s,
                "the host and container ranges must hold as many ports",
            ));
        }
    }
    Ok((c_lo..=c_hi)
        .enumerate()
        .map(|(i, c)| PortMapping {
            host_ip: ip.clone(),
            host_port: host.map_or(0, |(lo, _)| lo + i as u16),
            container_port: c,
            protocol: protocol.clone(),
        })
        .collect())
}

/// The image's `ExposedPorts` (`{"80/tcp": {}}`) as mappings to random host ports.
pub(crate) fn exposed(img: &serde_json::Value) -> Vec<PortMapping> {
    let Some(ports) = img["config"]["ExposedPorts"].as_object() else {
        return Vec::new();
    };
    ports
        .keys()
        .filter_map(|k| parse_publish(k).ok())
        .flatten()
        .collect()
}

/// Merges `-P`'s exposed ports into `-p`'s (a container port already published stays as
/// given).
pub(crate) fn merge_exposed(
    mut ports: Vec<PortMapping>,
    exposed: Vec<PortMapping>,
) -> Vec<PortMapping> {
    for e in exposed {
        if !ports
            .iter()
            .any(|p| p.container_port == e.container_port && p.protocol == e.protocol)
        {
            ports.push(e);
        }
    }
    ports
}

/// Why a port cannot be published.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PortError {
    #[error("host port {port}/{protocol} is published twice: give each -p its own host port")]
    Twice { port: u16, protocol: String },
    #[error("cannot find a free host port for {container}/{protocol}: {source}")]
    NoFree {
        container: u16,
        protocol: String,
        #[source]
        source: std::io::Error,
    },
}

/// Checks that no host port is used twice and picks a free host port (asked from the kernel)
/// for each mapping that has none.
pub(crate) fn assign_random(ports: &mut [PortMapping]) -> std::result::Result<(), PortError> {
    let mut seen: Vec<(u16, &str)> = Vec::new();
    for p in ports.iter().filter(|p| p.host_port != 0) {
        if seen.contains(&(p.host_port, p.protocol.as_str())) {
            return Err(PortError::Twice {
                port: p.host_port,
                protocol: p.protocol.clone(),
            });
        }
        seen.push((p.host_port, p.protocol.as_str()));
    }
    for p in ports.iter_mut().filter(|p| p.host_port == 0) {
        let addr = SocketAddr::new(p.listen_ip(), 0);
        let port = if p.protocol == "udp" {
            UdpSocket::bind(addr).and_then(|s| s.local_addr())
        } else {
            TcpListener::bind(addr).and_then(|s| s.local_addr())
        }
        .map_err(|source| PortError::NoFree {
            container: p.container_port,
            protocol: p.protocol.clone(),
            source,
        })?
        .port();
        p.host_port = port;
    }
    Ok(())
}

/// How long a published host port may take to come free (see [`taken_after`]).
pub(crate) const PORT_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// The first of `ports` whose host port is still taken after `grace`, checked every 10 ms: the
/// helper of a container that has just ended (its state says so before its network is gone,
/// and a helper killed with its supervisor ends on its own time) may hold it a moment longer.
pub(crate) fn taken_after(
    ports: &[PortMapping],
    grace: std::time::Duration,
) -> Option<&PortMapping> {
    let deadline = std::time::Instant::now() + grace;
    loop {
        let taken = ports
            .iter()
            .find(|p| p.host_port != 0 && super::slirp::port_taken(p));
        if taken.is_none() || std::time::Instant::now() >= deadline {
            return taken;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Inspect's `NetworkSettings.Ports`: `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`.
pub(crate) fn inspect_ports(ports: &[PortMapping]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for p in ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        let entry = serde_json::json!({"HostIp": p.host_ip, "HostPort": p.host_port.to_string()});
        match m.get_mut(&key).and_then(|v| v.as_array_mut()) {
            Some(list) => list.push(entry),
            None => {
                m.insert(key, serde_json::json!([entry]));
            }
        }
    }
    serde_json::Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(ip: &str, h: u16, c: u16, proto: &str) -> PortMapping {
        PortMapping {
            host_ip: ip.into(),
            host_port: h,
            container_port: c,
            protocol: proto.into(),
        }
    }

    #[test]
    fn publish_forms() {
        assert_eq!(parse_publish("80").unwrap(), vec![m("", 0, 80, "tcp")]);
        assert_eq!(
            parse_publish("8080:80").unwrap(),
            vec![m("", 8080, 80, "tcp")]
        );
        assert_eq!(
            parse_publish("127.0.0.1:8080:80/udp").unwrap(),
            vec![m("127.0.0.1", 8080, 80, "udp")]
        );
        assert_eq!(
            parse_publish("127.0.0.1::80").unwrap(),
            vec![m("127.0.0.1", 0, 80, "tcp")]
        );
        assert_eq!(
            parse_publish("8000-8001:80-81").unwrap(),
            vec![m("", 8000, 80, "tcp"), m("", 8001, 81, "tcp")]
        );
        assert_eq!(parse_publish("80-81").unwrap().len(), 2);
        for bad in [
            "0",
            "70000",
            "a:b",
            "80/sctp",
            "8000-8002:80-81",
            "81-80",
            "[::1]:80:80",
            "1:2:3:4",
            "x.y:80:80",
        ] {
            let e = parse_publish(bad).unwrap_err().to_string();
            assert!(e.starts_with("--publish "), "{bad}: {e}");
        }
    }

    #[test]
    fn exposed_ports_merge_under_given_ones() {
        let img = serde_json::json!({"config": {"ExposedPorts": {"80/tcp": {}, "53/udp": {}}}});
        let e = exposed(&img);
        assert_eq!(e.len(), 2);
        let merged = merge_exposed(vec![m("", 8080, 80, "tcp")], e);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].host_port, 8080);
        assert!(merged
            .iter()
            .any(|p| p.container_port == 53 && p.protocol == "udp"));
    }

    #[test]
    fn random_ports_are_picked_and_duplicates_refused() {
        let mut ports = vec![m("127.0.0.1", 0, 80, "tcp"), m("127.0.0.1", 0, 53, "udp")];
        assign_random(&mut ports).unwrap();
        assert!(ports.iter().all(|p| p.host_port != 0));
        let mut twice = vec![m("", 9000, 80, "tcp"), m("", 9000, 81, "tcp")];
        assert!(assign_random(&mut twice).is_err());
        let v = inspect_ports(&ports[..1]);
        assert_eq!(v["80/tcp"][0]["HostIp"], "127.0.0.1");
        assert_eq!(
            ports[0].display(),
            format!("80/tcp -> 127.0.0.1:{}", ports[0].host_port)
        );
    }
}
