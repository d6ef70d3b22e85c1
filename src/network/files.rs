//! The container's generated `/etc/hosts` and `/etc/resolv.conf`, from the host's, the network
//! flags and containers.conf. Written once by `create` into the container's folder and
//! bind-mounted. A container that shares another's network (a pod's member) shares its hosts
//! file too, and names itself there while it runs ([`SharedHostsEntry`]).
use super::{host_address, own_address, NetFlags, NetworkMode};
use crate::config::Paths;
use std::fmt::Write;
use std::fs;
use std::io;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// What `/etc/hosts` is made of.
pub(crate) struct HostsInput<'a> {
    pub(crate) hostname: &'a str,
    pub(crate) name: &'a str,
    pub(crate) network: &'a NetworkMode,
    pub(crate) add_hosts: &'a [(String, IpAddr)],
    /// The base file's text (containers.conf's `base_hosts_file`, the host's /etc/hosts by
    /// default).
    pub(crate) base: &'a str,
    /// `host.containers.internal`: the host as the container reaches it.
    pub(crate) host_ip: Option<IpAddr>,
}

/// The entries of a hosts file: address and names, comments and blank lines left out.
fn parse_hosts(text: &str) -> Vec<(String, Vec<String>)> {
    text.lines()
        .filter_map(|l| {
            let l = l.split('#').next().unwrap_or_default();
            let mut f = l.split_whitespace();
            let ip = f.next()?;
            let names: Vec<String> = f.map(String::from).collect();
            (!names.is_empty()).then(|| (ip.to_string(), names))
        })
        .collect()
}

/// `/etc/hosts` of a container, in Podman's order: `--add-host` entries (they win), the base
/// file's entries, localhost when neither named it, `host.containers.internal`, and the
/// container's hostname and name (on its address in a user-mode network, 127.0.1.1 else);
/// a name already named keeps its first entry.
pub(crate) fn hosts_file(i: &HostsInput) -> String {
    let mut entries: Vec<(String, Vec<String>)> = i
        .add_hosts
        .iter()
        .map(|(name, ip)| (ip.to_string(), vec![name.clone()]))
        .collect();
    entries.extend(parse_hosts(i.base));
    let named = |entries: &[(String, Vec<String>)], name: &str| {
        entries.iter().any(|(_, n)| n.iter().any(|x| x == name))
    };
    if !named(&entries, "localhost") {
        for (ip, names) in [
            (
                "127.0.0.1",
                "localhost localhost.localdomain localhost4 localhost4.localdomain4",
            ),
            (
                "::1",
                "localhost localhost.localdomain localhost6 localhost6.localdomain6",
            ),
        ] {
            entries.push((ip.into(), names.split(' ').map(String::from).collect()));
        }
    }
    if let Some(ip) = i.host_ip {
        if !named(&entries, "host.containers.internal") {
            let names = ["host.containers.internal", "host.docker.internal"];
            entries.push((ip.to_string(), names.map(String::from).to_vec()));
        }
    }
    // Both names, even when they are the same, as Podman writes them; none when the hostname
    // is named already (a base entry of the user's wins).
    if !named(&entries, i.hostname) {
        let own = own_address(i.network).map_or_else(|| "127.0.1.1".to_string(), |a| a.to_string());
        entries.push((own, vec![i.hostname.to_string(), i.name.to_string()]));
    }
    let mut s = String::new();
    for (ip, names) in entries {
        let _ = writeln!(s, "{ip}\t{}", names.join(" "));
    }
    s
}

/// The base of every container's /etc/hosts: containers.conf's `[containers] base_hosts_file`
/// (a path; `none`: no base; `image` is read as `none`: the image's own file is not at hand
/// when the file is made), else the host's /etc/hosts, as with Podman.
fn base_hosts() -> String {
    let conf = crate::config::containers_conf::ContainersConf::current();
    let file = match conf.containers.base_hosts_file.as_deref() {
        Some("none" | "image") => return String::new(),
        Some(f) if !f.is_empty() => f,
        _ => "/etc/hosts",
    };
    fs::read_to_string(file).unwrap_or_default()
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
/// dropped, and the user-mode helper's DNS forwarder stands first: slirp4netns's (also on
/// named networks, where slirp4netns is the way out), pasta's. `--dns`, `--dns-search` and
/// `--dns-option` replace the host's lines of their kind.
pub(crate) fn resolv_conf(host: &str, network: &NetworkMode, flags: &NetFlags) -> String {
    let no_flags =
        flags.dns.is_empty() && flags.dns_search.is_empty() && flags.dns_options.is_empty();
    if *network == NetworkMode::Host && no_flags {
        return host.to_string();
    }
    let mut servers: Vec<String> = Vec::new();
    let mut search: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    for line in host.lines() {
        let mut f = line.split_whitespace();
        match f.next() {
            Some("nameserver") => {
                if *network != NetworkMode::Host && is_loopback_nameserver(line) {
                    continue;
                }
                if let Some(a) = f.next() {
                    servers.push(a.to_string());
                }
            }
            Some("search") | Some("domain") => search.extend(f.map(String::from)),
            Some("options") => options.extend(f.map(String::from)),
            _ => {}
        }
    }
    match network {
        NetworkMode::Slirp4netns(o) => servers.insert(0, o.addrs().dns.to_string()),
        NetworkMode::Bridge(_) => {
            let o = super::SlirpOptions::default();
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
/// Podman (`create` links the hosts file rather than copying it, and the container names
/// itself there while it runs). On named networks `bridge_dns` is the responder on the first
/// network's gateway, when that network has DNS.
pub(crate) fn generate(
    hostname: &str,
    name: &str,
    network: &NetworkMode,
    flags: &NetFlags,
    target_dir: Option<&Path>,
    bridge_dns: Option<IpAddr>,
) -> (String, String) {
    if let Some(dir) = target_dir {
        let hosts = fs::read_to_string(dir.join("hosts")).unwrap_or_default();
        let resolv = fs::read_to_string(dir.join("resolv.conf")).unwrap_or_default();
        return (hosts, resolv);
    }
    let hosts = hosts_file(&HostsInput {
        hostname,
        name,
        network,
        add_hosts: &flags.add_hosts,
        base: &base_hosts(),
        host_ip: host_address(network),
    });
    let mut resolv = resolv_conf(&host_resolv_conf(network), network, flags);
    if let (Some(dns), true) = (bridge_dns, flags.dns.is_empty()) {
        // On named networks the responder on the gateway answers the containers' names (also
        // under `dns.podman`, searched first) and forwards the rest: it is the only server.
        let mut out = String::new();
        if flags.dns_search.is_empty() {
            let host_search = resolv
                .lines()
                .find_map(|l| l.strip_prefix("search "))
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            let _ = writeln!(out, "search dns.podman{host_search}");
        }
        let _ = writeln!(out, "nameserver {dns}");
        for l in resolv.lines() {
            let skip = l.starts_with("nameserver")
                || (flags.dns_search.is_empty() && l.starts_with("search "));
            if !skip {
                out.push_str(l);
                out.push('\n');
            }
        }
        resolv = out;
    }
    (hosts, resolv)
}

/// The hosts file of container `id` (a link to the shared one when it shares a network).
fn hosts_path(paths: &Paths, id: &str) -> PathBuf {
    paths.containers().join(id).join("hosts")
}

/// Puts container `id`'s own entry in its hosts file on its addresses on named networks, known
/// once its supervisor holds them (at start, `network connect` and `disconnect`): the lines
/// naming its hostname and `name` become one per address (127.0.1.1 when it has none). A
/// container without a hosts file (`--no-hosts`) is left alone.
pub(crate) fn set_own_addresses(
    paths: &Paths,
    id: &str,
    name: &str,
    ips: &[std::net::Ipv4Addr],
) -> io::Result<()> {
    let path = hosts_path(paths, id);
    if !path.exists() {
        return Ok(());
    }
    let hostname =
        fs::read_to_string(paths.containers().join(id).join("hostname")).unwrap_or_default();
    let own = format!("{} {name}", hostname.trim());
    let _lock = lock_existing(&path)?;
    let text = fs::read_to_string(&path)?;
    let is_own = |l: &str| {
        let l = l.split('#').next().unwrap_or_default();
        let names: Vec<&str> = l.split_whitespace().skip(1).collect();
        names.join(" ") == own
    };
    let mut out = String::new();
    let mut placed = false;
    for l in text.lines() {
        if !is_own(l) {
            out.push_str(l);
            out.push('\n');
            continue;
        }
        if !placed {
            placed = true;
            if ips.is_empty() {
                let _ = writeln!(out, "127.0.1.1\t{own}");
            }
            for ip in ips {
                let _ = writeln!(out, "{ip}\t{own}");
            }
        }
    }
    if placed && out != text {
        rewrite(&path, &out)?;
    }
    Ok(())
}

/// A running container's `127.0.0.1 NAMES` line in the hosts file it shares with the
/// container whose network it joined (the pod's infra, or `--network container:…`'s target),
/// so each member of a pod finds the others by name. Made at start with the names the file
/// does not hold yet; the line goes when this is dropped (the container ended). Each line has
/// a holder file, `<runroot>/containers/<target>/hosts-members/<id>`, locked for the
/// supervisor's life: the line of a killed one (its lock free) goes at the next change.
pub(crate) struct SharedHostsEntry {
    path: PathBuf,
    line: String,
    holder: PathBuf,
    _held: crate::util::fs::Lock,
}

/// The folder of the holder files of `target`'s shared hosts file.
fn members_dir(paths: &Paths, target: &str) -> PathBuf {
    paths
        .runroot
        .join("containers")
        .join(target)
        .join("hosts-members")
}

/// `text` without the first line equal to `line`, and whether it was there.
fn without_line(text: &str, line: &str) -> (String, bool) {
    let mut gone = false;
    let kept = text
        .lines()
        .filter(|l| {
            let ours = !gone && *l == line;
            gone |= ours;
            !ours
        })
        .map(|l| format!("{l}\n"))
        .collect();
    (kept, gone)
}

/// `text` without the lines of members whose holder is gone (their files removed too).
fn prune_dead(text: String, members: &Path) -> String {
    let Ok(list) = fs::read_dir(members) else {
        return text;
    };
    let mut text = text;
    for e in list.flatten() {
        let Ok(Some(_free)) = crate::util::fs::Lock::try_exclusive(&e.path()) else {
            continue;
        };
        let line = fs::read_to_string(e.path()).unwrap_or_default();
        if !line.is_empty() {
            text = without_line(&text, line.trim_end()).0;
        }
        let _ = fs::remove_file(e.path());
    }
    text
}

impl SharedHostsEntry {
    /// Adds container `id`'s hostname and `name` to the hosts file it shares with `target`;
    /// `None` when it has none (`--no-hosts`) or every name is there already.
    pub(crate) fn add(
        paths: &Paths,
        id: &str,
        name: &str,
        target: &str,
    ) -> io::Result<Option<SharedHostsEntry>> {
        let path = hosts_path(paths, id);
        if !path.exists() {
            return Ok(None);
        }
        let hostname =
            fs::read_to_string(paths.containers().join(id).join("hostname")).unwrap_or_default();
        // Edited through the target's name for it (the same file): the target outlives its
        // members, this container's folder may go first.
        let path = hosts_path(paths, target);
        let members = members_dir(paths, target);
        fs::create_dir_all(&members)?;
        let _lock = lock_existing(&path)?;
        let text = fs::read_to_string(&path)?;
        let mut new = prune_dead(text.clone(), &members);
        let present = parse_hosts(&new);
        let mut names: Vec<&str> = Vec::new();
        for n in [hostname.trim(), name] {
            let there = present.iter().any(|(_, ns)| ns.iter().any(|x| x == n));
            if !n.is_empty() && !there && !names.contains(&n) {
                names.push(n);
            }
        }
        if names.is_empty() {
            if new != text {
                rewrite(&path, &new)?;
            }
            return Ok(None);
        }
        let line = format!("127.0.0.1\t{}", names.join(" "));
        let holder = members.join(id);
        let held = crate::util::fs::Lock::exclusive(&holder)?;
        fs::write(&holder, format!("{line}\n"))?;
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(&line);
        new.push('\n');
        rewrite(&path, &new)?;
        Ok(Some(SharedHostsEntry {
            path,
            line,
            holder,
            _held: held,
        }))
    }
}

impl Drop for SharedHostsEntry {
    fn drop(&mut self) {
        // The target's file, never created here: the member's own folder may be gone already
        // (`rm -f` removes it as the supervisor ends).
        if let Ok(_lock) = lock_existing(&self.path) {
            if let Ok(text) = fs::read_to_string(&self.path) {
                let (kept, gone) = without_line(&text, &self.line);
                if gone {
                    let _ = rewrite(&self.path, &kept);
                }
            }
        }
        let _ = fs::remove_file(&self.holder);
    }
}

/// The exclusive lock of existing file `path` (a hosts file: never made here), held until the
/// file is dropped.
fn lock_existing(path: &Path) -> io::Result<fs::File> {
    use std::os::fd::AsFd;
    let f = fs::OpenOptions::new().read(true).open(path)?;
    loop {
        match crate::sys::flock::flock(f.as_fd(), libc::LOCK_EX) {
            Ok(()) => return Ok(f),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Writes `text` into `path` in place: the file is bind-mounted into running containers, and
/// a new file (rename) would not reach them.
fn rewrite(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)?;
    f.write_all(text.as_bytes())
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
            base: "10.0.0.1 db # the database\n",
            host_ip: None,
        }
    }

    #[test]
    fn hosts_start_from_the_base_and_name_localhost_and_the_container() {
        let h = hosts_file(&input(&NetworkMode::None, &[]));
        assert!(h.starts_with("10.0.0.1\tdb\n127.0.0.1\tlocalhost"), "{h}");
        assert!(h.ends_with("127.0.1.1\tabc123 web\n"), "{h}");
        assert_eq!(h.matches("localhost localhost.localdomain").count(), 2);
        // A base that names localhost, or the hostname, keeps its entries alone.
        let mut i = input(&NetworkMode::None, &[]);
        i.base = "127.0.0.1 localhost\n10.0.0.9 abc123\n";
        assert_eq!(hosts_file(&i), "127.0.0.1\tlocalhost\n10.0.0.9\tabc123\n");
    }

    #[test]
    fn hosts_with_slirp_added_hosts_and_the_host() {
        let slirp = NetworkMode::Slirp4netns(SlirpOptions::default());
        let add = [("db".to_string(), "10.9.9.9".parse().unwrap())];
        let mut i = input(&slirp, &add);
        i.host_ip = Some("10.0.2.2".parse().unwrap());
        let h = hosts_file(&i);
        assert!(h.starts_with("10.9.9.9\tdb\n10.0.0.1\tdb\n"), "{h}");
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
        // slirp4netns's forwarder (in its own network) stands first also when the host's
        // servers are reachable.
        let cidr = NetworkMode::Slirp4netns(SlirpOptions {
            cidr: Some("10.5.0.0/24".into()),
            ..SlirpOptions::default()
        });
        assert_eq!(
            resolv_conf("nameserver 192.168.1.1\n", &cidr, &none),
            "nameserver 10.5.0.3\nnameserver 192.168.1.1\n"
        );
    }
}
