//! The container's generated `/etc/hosts` and `/etc/resolv.conf`, from the host's and the
//! network flags. Written once by `create` into the container's folder and bind-mounted.
use super::{host_address, own_address, NetFlags, NetworkMode};
use std::fmt::Write;
use std::fs;
use std::net::IpAddr;

/// What `/etc/hosts` is made of.
pub(crate) struct HostsInput<'a> {
    pub(crate) hostname: &'a str,
    pub(crate) name: &'a str,
    pub(crate) network: &'a NetworkMode,
    pub(crate) add_hosts: &'a [(String, IpAddr)],
    /// The host's /etc/hosts, used with the host's network.
    pub(crate) host_hosts: &'a str,
    /// `host.containers.internal`: the host as the container reaches it.
    pub(crate) host_ip: Option<IpAddr>,
}

/// `/etc/hosts` of a container: `--add-host` entries first (they win), localhost, the
/// container's hostname and name (on its address in a user-mode network, 127.0.1.1 else),
/// `host.containers.internal`; with the host's network, the host's own entries after.
pub(crate) fn hosts_file(i: &HostsInput) -> String {
    let mut s = String::new();
    for (name, ip) in i.add_hosts {
        let _ = writeln!(s, "{ip}\t{name}");
    }
    s.push_str(
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
         ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n",
    );
    let own = own_address(i.network).map_or_else(|| "127.0.1.1".to_string(), |a| a.to_string());
    // Both names, even when they are the same, as Podman writes them.
    let _ = writeln!(s, "{own}\t{} {}", i.hostname, i.name);
    if let Some(ip) = i.host_ip {
        let _ = writeln!(s, "{ip}\thost.containers.internal host.docker.internal");
    }
    if *i.network == NetworkMode::Host {
        for line in i.host_hosts.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let is_local = fields
                .iter()
                .skip(1)
                .any(|f| f.starts_with("localhost") || f.starts_with("ip6-localhost"));
            if !fields.is_empty() && !line.trim_start().starts_with('#') && !is_local {
                s.push_str(line.trim());
                s.push('\n');
            }
        }
    }
    s
}

fn is_loopback_nameserver(line: &str) -> bool {
    let mut f = line.split_whitespace();
    if f.next() != Some("nameserver") {
        return false;
    }
    f.next()
        .and_then(|a| a.parse::<IpAddr>().ok())
        .is_some_and(|a| a.is_loopback())
}

/// `/etc/resolv.conf` of a container from the host's. With the host's network as it is; with
/// its own network the loopback nameservers (the host's own resolver, out of reach) are
/// dropped, and slirp4netns's DNS forwarder stands first in their place (or when none is
/// left); pasta's forwarder stands first always. `--dns`, `--dns-search` and `--dns-option` replace the host's lines of their kind.
pub(crate) fn resolv_conf(host: &str, network: &NetworkMode, flags: &NetFlags) -> String {
    let no_flags =
        flags.dns.is_empty() && flags.dns_search.is_empty() && flags.dns_options.is_empty();
    if *network == NetworkMode::Host && no_flags {
        return host.to_string();
    }
    let mut servers: Vec<String> = Vec::new();
    let mut search: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    let mut dropped = false;
    for line in host.lines() {
        let mut f = line.split_whitespace();
        match f.next() {
            Some("nameserver") => {
                if *network != NetworkMode::Host && is_loopback_nameserver(line) {
                    dropped = true;
                } else if let Some(a) = f.next() {
                    servers.push(a.to_string());
                }
            }
            Some("search") | Some("domain") => search.extend(f.map(String::from)),
            Some("options") => options.extend(f.map(String::from)),
            _ => {}
        }
    }
    match network {
        NetworkMode::Slirp4netns(o) if dropped || servers.is_empty() => {
            servers.insert(0, o.addrs().dns.to_string())
        }
        // pasta's forwarder first whatever the host has: queries sent straight to the host's
        // resolvers may go unanswered through it.
        NetworkMode::Pasta(_) => servers.insert(0, super::pasta::DNS_FORWARD.to_string()),
        _ => {}
    }
    if !flags.dns.is_empty() {
        servers = flags.dns.iter().map(IpAddr::to_string).collect();
    }
    if !flags.dns_search.is_empty() {
        search = flags
            .dns_search
            .iter()
            .filter(|d| *d != ".")
            .cloned()
            .collect();
    }
    if !flags.dns_options.is_empty() {
        options = flags.dns_options.clone();
    }
    let mut out = String::new();
    if !search.is_empty() {
        let _ = writeln!(out, "search {}", search.join(" "));
    }
    for s in &servers {
        let _ = writeln!(out, "nameserver {s}");
    }
    if !options.is_empty() {
        let _ = writeln!(out, "options {}", options.join(" "));
    }
    out
}

/// The host's resolv.conf, skipping a systemd-resolved stub (127.0.0.53) for the real list.
pub(crate) fn host_resolv_conf(network: &NetworkMode) -> String {
    let main = fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let servers = |t: &str| t.lines().filter(|l| l.starts_with("nameserver")).count();
    let loopback = |t: &str| t.lines().filter(|l| is_loopback_nameserver(l)).count();
    if *network != NetworkMode::Host && servers(&main) > 0 && servers(&main) == loopback(&main) {
        if let Ok(real) = fs::read_to_string("/run/systemd/resolve/resolv.conf") {
            return real;
        }
    }
    main
}

/// Both files for a new container: (hosts, resolv.conf). A container that shares another's
/// network (`container:<id>`, whose folder is `target_dir`) gets that one's files, as with
/// Podman, and its own names on 127.0.1.1.
pub(crate) fn generate(
    hostname: &str,
    name: &str,
    network: &NetworkMode,
    flags: &NetFlags,
    target_dir: Option<&std::path::Path>,
    bridge_dns: Option<IpAddr>,
) -> (String, String) {
    if let Some(dir) = target_dir {
        let mut hosts = fs::read_to_string(dir.join("hosts")).unwrap_or_default();
        let resolv = fs::read_to_string(dir.join("resolv.conf")).unwrap_or_default();
        if hostname == name {
            let _ = writeln!(hosts, "127.0.1.1\t{hostname}");
        } else {
            let _ = writeln!(hosts, "127.0.1.1\t{hostname} {name}");
        }
        return (hosts, resolv);
    }
    let host_hosts = fs::read_to_string("/etc/hosts").unwrap_or_default();
    let hosts = hosts_file(&HostsInput {
        hostname,
        name,
        network,
        add_hosts: &flags.add_hosts,
        host_hosts: &host_hosts,
        host_ip: host_address(network),
    });
    let mut resolv = resolv_conf(&host_resolv_conf(network), network, flags);
    if let (Some(dns), true) = (bridge_dns, flags.dns.is_empty()) {
        // On named networks the responder on the gateway answers the containers' names and
        // forwards the rest: it is the only server.
        let mut out: String = resolv
            .lines()
            .filter(|l| !l.starts_with("nameserver"))
            .map(|l| format!("{l}\n"))
            .collect();
        out.insert_str(0, &format!("nameserver {dns}\n"));
        resolv = out;
    }
    (hosts, resolv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::SlirpOptions;

    fn input<'a>(network: &'a NetworkMode, add: &'a [(String, IpAddr)]) -> HostsInput<'a> {
        HostsInput {
            hostname: "abc123",
            name: "web",
            network,
            add_hosts: add,
            host_hosts: "10.0.0.1 db\n127.0.0.1 localhost\n",
            host_ip: None,
        }
    }

    #[test]
    fn hosts_names_localhost_and_the_container() {
        let h = hosts_file(&input(&NetworkMode::None, &[]));
        assert!(h.starts_with("127.0.0.1\tlocalhost"), "{h}");
        assert!(h.contains("127.0.1.1\tabc123 web\n"), "{h}");
        assert!(!h.contains("db"), "{h}");
        let h = hosts_file(&input(&NetworkMode::Host, &[]));
        assert!(h.contains("10.0.0.1 db\n"), "{h}");
        assert_eq!(h.matches("localhost localhost.localdomain").count(), 2);
    }

    #[test]
    fn hosts_with_slirp_added_hosts_and_the_host() {
        let slirp = NetworkMode::Slirp4netns(SlirpOptions::default());
        let add = [("db".to_string(), "10.9.9.9".parse().unwrap())];
        let mut i = input(&slirp, &add);
        i.host_ip = Some("10.0.2.2".parse().unwrap());
        let h = hosts_file(&i);
        assert!(h.starts_with("10.9.9.9\tdb\n"), "{h}");
        assert!(h.contains("10.0.2.100\tabc123 web\n"), "{h}");
        assert!(
            h.contains("10.0.2.2\thost.containers.internal host.docker.internal\n"),
            "{h}"
        );
    }

    #[test]
    fn resolv_conf_replaces_loopback_servers_and_takes_flags() {
        let host = "search lan\nnameserver 127.0.0.53\nnameserver 192.168.1.1\noptions edns0\n";
        let none = NetFlags::default();
        assert_eq!(
            resolv_conf(host, &NetworkMode::None, &none),
            "search lan\nnameserver 192.168.1.1\noptions edns0\n"
        );
        assert_eq!(
            resolv_conf(host, &NetworkMode::Host, &none),
            "search lan\nnameserver 127.0.0.53\nnameserver 192.168.1.1\noptions edns0\n"
        );
        let slirp = NetworkMode::Slirp4netns(SlirpOptions::default());
        assert_eq!(
            resolv_conf(host, &slirp, &none),
            "search lan\nnameserver 10.0.2.3\nnameserver 192.168.1.1\noptions edns0\n"
        );
        let flags = NetFlags {
            dns: vec!["1.1.1.1".parse().unwrap()],
            dns_search: vec!["example.com".into()],
            dns_options: vec!["ndots:2".into()],
            ..NetFlags::default()
        };
        assert_eq!(
            resolv_conf(host, &slirp, &flags),
            "search example.com\nnameserver 1.1.1.1\noptions ndots:2\n"
        );
        assert_eq!(
            resolv_conf("nameserver 127.0.0.1\n", &NetworkMode::None, &none),
            ""
        );
    }
}
