//! Addresses on named networks: one file per address in use, `<runroot>/networks/<net-id>/<ip>`,
//! holding who has it (container ID, name, aliases, MAC) and locked (flock, exclusive) by that
//! container's supervisor for as long as it runs. A lock nobody holds marks a free address,
//! whatever the file says, so a killed supervisor frees its address by dying; the DNS
//! responder and `inspect` read only the locked files. Addresses are handed out in turn, from
//! the one after the last handed out (`.next`, a hint nobody locks), as Podman's are: a
//! container that leaves a network and joins it again gets a new address.
use super::networks::Network;
use crate::config::Paths;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::net::Ipv4Addr;
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Who holds an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) ip: Ipv4Addr,
    pub(crate) mac: String,
}

impl Entry {
    /// The names DNS answers for it: name, short ID, aliases.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut n = vec![
            self.name.clone(),
            self.id[..self.id.len().min(12)].to_string(),
        ];
        n.extend(self.aliases.iter().cloned());
        n
    }
}

/// An address held: dropping it frees it.
#[derive(Debug)]
pub(crate) struct Lease {
    file: File,
    path: PathBuf,
    pub(crate) entry: Entry,
}

impl Drop for Lease {
    fn drop(&mut self) {
        // Removed while still locked: an allocator that opened the old file sees its inode
        // gone after locking and tries again.
        let _ = std::fs::remove_file(&self.path);
        let _ = &self.file;
    }
}

/// The folder of network `id`'s addresses.
pub(crate) fn dir(paths: &Paths, id: &str) -> PathBuf {
    paths.runroot.join("networks").join(id)
}

fn flock(f: &File, op: libc::c_int) -> io::Result<bool> {
    loop {
        let Err(e) = crate::sys::flock::flock(f.as_fd(), op) else {
            return Ok(true);
        };
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(e),
        }
    }
}

/// Takes the next free address of `net` for `entry` (whose `ip` is filled in): the first free
/// one from the one after the last handed out, round the network's host addresses.
pub(crate) fn allocate(paths: &Paths, net: &Network, mut entry: Entry) -> io::Result<Lease> {
    let d = dir(paths, &net.id);
    std::fs::create_dir_all(&d)?;
    let cidr = net.cidr();
    let gateway = net.gateway();
    let next = d.join(".next");
    // Host addresses are 1..size-1; a /31 or /32 has none.
    let hosts = cidr.size().saturating_sub(2);
    let from = std::fs::read_to_string(&next)
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|n| (1..=hosts).contains(n))
        .unwrap_or(1);
    for k in 0..hosts {
        let n = 1 + (from - 1 + k) % hosts;
        let ip = cidr.nth(n);
        if ip == gateway {
            continue;
        }
        let path = d.join(ip.to_string());
        let mut file = crate::util::fs::open_lock_file(&path)?;
        if !flock(&file, libc::LOCK_EX | libc::LOCK_NB)? {
            continue;
        }
        // The file may have been removed by its last holder between our open and our lock.
        let same = std::fs::metadata(&path)
            .ok()
            .is_some_and(|m| m.ino() == file.metadata().map(|f| f.ino()).unwrap_or(0));
        if !same {
            continue;
        }
        entry.ip = ip;
        let json = serde_json::to_vec(&entry).map_err(io::Error::other)?;
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(&json)?;
        // Only a hint: a lost write makes the next allocation start further back.
        let _ = std::fs::write(&next, format!("{}\n", n % hosts + 1));
        return Ok(Lease { file, path, entry });
    }
    Err(io::Error::other(format!(
        "no free address left in network {} ({cidr})",
        net.name
    )))
}

/// The addresses in use on network `id` (their holders run).
pub(crate) fn entries(paths: &Paths, id: &str) -> Vec<Entry> {
    let Ok(list) = std::fs::read_dir(dir(paths, id)) else {
        return Vec::new();
    };
    list.flatten()
        .filter_map(|e| read_held(&e.path()))
        .collect()
}

/// The entry in `path` when its holder still holds it.
fn read_held(path: &Path) -> Option<Entry> {
    let mut f = File::open(path).ok()?;
    if flock(&f, libc::LOCK_SH | libc::LOCK_NB).ok()? {
        // Nobody holds it: a dead holder's; free already.
        return None;
    }
    let mut s = String::new();
    f.read_to_string(&mut s).ok()?;
    serde_json::from_str(&s).ok()
}

/// The entry of container `container` on network `net`, while it runs.
pub(crate) fn entry_of(paths: &Paths, net: &str, container: &str) -> Option<Entry> {
    entries(paths, net).into_iter().find(|e| e.id == container)
}

/// A random locally administered unicast MAC address.
pub(crate) fn random_mac() -> [u8; 6] {
    let mut b = [0u8; 6];
    let _ = File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut b));
    b[0] = (b[0] & 0xfe) | 0x02;
    b
}

pub(crate) fn mac_string(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::networks::{plan, NewNetwork};

    #[test]
    fn addresses_are_held_while_locked_and_freed_on_drop() {
        let tmp = std::env::temp_dir().join(format!("rcon-ipam-{}", std::process::id()));
        let paths = Paths {
            root: tmp.join("root"),
            runroot: tmp.join("run"),
            config_home: tmp.join("config"),
            volume_path: None,
            runtime_dir: None,
            home: tmp.clone(),
        };
        let net = plan(
            &NewNetwork {
                name: Some("n".into()),
                driver: "bridge".into(),
                subnet: Some("10.77.0.0/29".into()),
                ..Default::default()
            },
            &[],
            &[],
            "a".repeat(64),
        )
        .unwrap();
        let entry = |id: &str| Entry {
            id: id.repeat(64),
            name: format!("c{id}"),
            aliases: vec![],
            ip: Ipv4Addr::UNSPECIFIED,
            mac: String::new(),
        };
        let a = allocate(&paths, &net, entry("1")).unwrap();
        let b = allocate(&paths, &net, entry("2")).unwrap();
        assert_eq!(
            a.entry.ip,
            Ipv4Addr::new(10, 77, 0, 2),
            "the gateway .1 is skipped"
        );
        assert_eq!(b.entry.ip, Ipv4Addr::new(10, 77, 0, 3));
        assert_eq!(entries(&paths, &net.id).len(), 2);
        assert_eq!(
            entry_of(&paths, &net.id, &"2".repeat(64)).unwrap().ip,
            b.entry.ip
        );
        drop(a);
        let c = allocate(&paths, &net, entry("3")).unwrap();
        assert_eq!(
            c.entry.ip,
            Ipv4Addr::new(10, 77, 0, 4),
            "the next one, not the one just freed"
        );
        let rest: Vec<Lease> = (4..7)
            .map(|i| allocate(&paths, &net, entry(&i.to_string())).unwrap())
            .collect();
        let ips: Vec<_> = rest.iter().map(|l| l.entry.ip.octets()[3]).collect();
        assert_eq!(ips, [5, 6, 2], "round the network to the freed .2");
        assert!(
            allocate(&paths, &net, entry("9")).is_err(),
            "a /29 holds 5 containers"
        );
        drop(rest);
        let _ = std::fs::remove_dir_all(&tmp);
        let mac = random_mac();
        assert_eq!(mac[0] & 0x03, 0x02);
        assert_eq!(mac_string(&[2, 0, 0, 0, 0, 0xab]), "02:00:00:00:00:ab");
    }
}
