//! A container on named networks, the supervisor's side: an address on each network (held for
//! the supervisor's life, `network::ipam`), and a veth pair per network from the
//! holder's bridge to the container's namespace (`eth0`, `eth1`, … there, with the address).
//! The supervisor runs in the holder's user namespace, so it may enter both network
//! namespaces; a short-lived child does, since a process cannot return to the host's.
use super::holder::{self, HolderNs};
use super::setup::NetError;
use super::BridgeAttach;
use crate::config::Paths;
use crate::linux::rtnl::{self, Rtnl};
use crate::network::ipam::{self, Entry, Lease};
use crate::network::networks::{self, Network};
use crate::sys::process::{clone_fork, exit_now};
use crate::util::fs::Lock;
use std::io;
use std::net::Ipv4Addr;
use std::os::fd::{AsFd, BorrowedFd};

/// The MTU of the bridges' links.
const MTU: u32 = 1500;

/// What a container holds on its networks while it runs.
pub(crate) struct Attached {
    /// The shared lock that keeps the holder running.
    _lease: Lock,
    pub(crate) leases: Vec<(Network, Lease)>,
    /// The interface in the container's namespace of each of `leases`, in the same order.
    ifaces: Vec<String>,
}

impl Attached {
    /// Whether one of its networks is not internal: the container then has a way out.
    pub(crate) fn reaches_outside(&self) -> bool {
        self.leases.iter().any(|(n, _)| !n.internal)
    }
}

fn failed(message: impl Into<String>) -> NetError {
    NetError::Bridge(message.into())
}

/// The configs of the networks the container is on.
pub(crate) fn configs(paths: &Paths, nets: &[BridgeAttach]) -> Result<Vec<Network>, NetError> {
    nets.iter()
        .map(|a| networks::find(paths, &a.name).map_err(|e| failed(e.to_string())))
        .collect()
}

/// Takes the addresses and links `netns` (the container's, new) to the bridges.
pub(crate) fn attach(
    paths: &Paths,
    id: &str,
    name: &str,
    nets: &[BridgeAttach],
    netns: BorrowedFd<'_>,
) -> Result<Attached, NetError> {
    let lease =
        holder::lease(paths).map_err(|e| failed(format!("cannot lock the networks: {e}")))?;
    let configs = configs(paths, nets)?;
    let HolderNs {
        netns: holder_ns, ..
    } = holder::request(paths, &configs)
        .map_err(|e| failed(format!("the networks' holder does not answer: {e}")))?;
    let mut leases = Vec::new();
    for (net, a) in configs.into_iter().zip(nets) {
        let l = take_address(paths, &net, id, name, a)?;
        leases.push((net, l));
    }
    let ifaces: Vec<String> = (0..leases.len()).map(|i| format!("eth{i}")).collect();
    link(&leases, &ifaces, holder_ns.as_fd(), netns).map_err(|e| failed(e.to_string()))?;
    Ok(Attached {
        _lease: lease,
        leases,
        ifaces,
    })
}

/// An address on `net` for container `id` (`name`, with `a`'s aliases).
fn take_address(
    paths: &Paths,
    net: &Network,
    id: &str,
    name: &str,
    a: &BridgeAttach,
) -> Result<Lease, NetError> {
    let entry = Entry {
        id: id.to_string(),
        name: name.to_string(),
        aliases: a.aliases.clone(),
        ip: Ipv4Addr::UNSPECIFIED,
        mac: ipam::mac_string(&ipam::random_mac()),
    };
    ipam::allocate(paths, net, entry)
        .map_err(|e| failed(format!("cannot take an address on {}: {e}", net.name)))
}

/// `network connect` of a running container: an address on `a`'s network and one more
/// interface (the first free `ethN`) in `netns`, linked to its bridge. Its DNS names answer
/// as soon as the address is held.
pub(crate) fn connect(
    paths: &Paths,
    attached: &mut Attached,
    id: &str,
    name: &str,
    a: BridgeAttach,
    netns: BorrowedFd<'_>,
) -> Result<(), NetError> {
    if attached.leases.iter().any(|(n, _)| n.name == a.name) {
        return Err(failed(format!("already connected to network {}", a.name)));
    }
    let configs = configs(paths, std::slice::from_ref(&a))?;
    let HolderNs {
        netns: holder_ns, ..
    } = holder::request(paths, &configs)
        .map_err(|e| failed(format!("the networks' holder does not answer: {e}")))?;
    let net = configs
        .into_iter()
        .next()
        .ok_or_else(|| failed("no network"))?;
    let lease = take_address(paths, &net, id, name, &a)?;
    let iface = (0..)
        .map(|i| format!("eth{i}"))
        .find(|n| !attached.ifaces.contains(n))
        .unwrap_or_default();
    let leases = [(net, lease)];
    link(
        &leases,
        std::slice::from_ref(&iface),
        holder_ns.as_fd(),
        netns,
    )
    .map_err(|e| failed(e.to_string()))?;
    let [pair] = leases;
    attached.leases.push(pair);
    attached.ifaces.push(iface);
    Ok(())
}

/// `network disconnect` of a running container: its interface on `network` goes (the veth
/// pair with it), then its address.
pub(crate) fn disconnect(
    attached: &mut Attached,
    network: &str,
    netns: BorrowedFd<'_>,
) -> Result<(), NetError> {
    let i = attached
        .leases
        .iter()
        .position(|(n, _)| n.name == network)
        .ok_or_else(|| failed(format!("not connected to network {network}")))?;
    unlink(&attached.ifaces[i], netns).map_err(|e| failed(e.to_string()))?;
    attached.leases.remove(i);
    attached.ifaces.remove(i);
    Ok(())
}

/// One interface to make: bridge, address, prefix, MAC.
struct Link {
    bridge: String,
    /// Its name in the container's namespace.
    iface: String,
    ip: Ipv4Addr,
    prefix: u8,
    mac: [u8; 6],
}

fn parse_mac(s: &str) -> [u8; 6] {
    let mut m = [0u8; 6];
    for (i, b) in s.split(':').take(6).enumerate() {
        m[i] = u8::from_str_radix(b, 16).unwrap_or(0);
    }
    m
}

/// The linking child's report to the supervisor.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
enum LinkReport {
    Linked,
    Failed { message: String },
}

/// In a child: the veth pairs from the holder's namespace, then the addresses in the
/// container's. Its error comes back over a channel.
fn link(
    leases: &[(Network, Lease)],
    ifaces: &[String],
    holder_ns: BorrowedFd<'_>,
    netns: BorrowedFd<'_>,
) -> io::Result<()> {
    let links: Vec<Link> = leases
        .iter()
        .zip(ifaces)
        .map(|((n, l), iface)| Link {
            bridge: n.network_interface.clone(),
            iface: iface.clone(),
            ip: l.entry.ip,
            prefix: n.cidr().prefix,
            mac: parse_mac(&l.entry.mac),
        })
        .collect();
    in_child(|| link_in_child(&links, holder_ns, netns))
}

/// In a child: the container's interface `iface` goes (its veth peer on the bridge with it).
fn unlink(iface: &str, netns: BorrowedFd<'_>) -> io::Result<()> {
    in_child(|| {
        use nix::sched::{setns, CloneFlags};
        setns(netns, CloneFlags::CLONE_NEWNET).map_err(|e| {
            io::Error::other(format!("cannot enter the container's namespace: {e}"))
        })?;
        Rtnl::open()?.del_link(rtnl::index(iface)?)
    })
}

/// Runs `work` in a forked child (it enters network namespaces, which this process must not);
/// its error comes back over a channel.
fn in_child(work: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
    let (ours, theirs) = crate::ipc::pair()?;
    let child = clone_fork(0)?;
    let Some(pid) = child else {
        drop(ours);
        let (report, code) = match work() {
            Ok(()) => (LinkReport::Linked, 0),
            Err(e) => {
                let message = e.to_string();
                (LinkReport::Failed { message }, 1)
            }
        };
        let _ = theirs.send(&report);
        exit_now(code)
    };
    drop(theirs);
    let report = ours.recv::<LinkReport>();
    let status = loop {
        match nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None) {
            Err(nix::errno::Errno::EINTR) => continue,
            other => break other,
        }
    };
    match (status, report) {
        (Ok(nix::sys::wait::WaitStatus::Exited(_, 0)), _) => Ok(()),
        (_, Ok(Some(LinkReport::Failed { message }))) if !message.is_empty() => {
            Err(io::Error::other(message))
        }
        (other, _) => Err(io::Error::other(format!(
            "the linking child ended: {other:?}"
        ))),
    }
}

fn link_in_child(
    links: &[Link],
    holder_ns: BorrowedFd<'_>,
    netns: BorrowedFd<'_>,
) -> io::Result<()> {
    use nix::sched::{setns, CloneFlags};
    setns(holder_ns, CloneFlags::CLONE_NEWNET)
        .map_err(|e| io::Error::other(format!("cannot enter the networks' namespace: {e}")))?;
    let mut rt = Rtnl::open()?;
    for l in links {
        let master = rtnl::index(&l.bridge)?;
        let name = format!("veth{}", hex4(&ipam::random_mac()));
        rt.add_veth(&name, master, &l.iface, netns, l.mac, MTU)?;
    }
    setns(netns, CloneFlags::CLONE_NEWNET)
        .map_err(|e| io::Error::other(format!("cannot enter the container's namespace: {e}")))?;
    let mut rt = Rtnl::open()?;
    rt.set_up(rtnl::index("lo")?)?;
    for l in links {
        let index = rtnl::index(&l.iface)?;
        rt.add_addr(index, l.ip, l.prefix)?;
        rt.set_up(index)?;
    }
    Ok(())
}

fn hex4(b: &[u8; 6]) -> String {
    b[2..].iter().map(|x| format!("{x:02x}")).collect()
}
