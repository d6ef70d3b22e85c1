//! The networks' holder: one small process per user (`rcon-netns`, the role `Role::Netns`)
//! that owns a user namespace (the store's map, like every supervisor's) and, in it, a
//! network namespace with one bridge per named network in use (its gateway address on it)
//! and the DNS responder bound on each gateway's port 53. Containers on a network run in the
//! holder's user namespace (their supervisor joins it, see `ipc::helper::Userns::Join`), so they may
//! link their own network namespace to a bridge with a veth pair (`bridge`).
//!
//! Files under `<runroot>/networks/`: `holder.sock` (a seqpacket socket: one [`Request`] per
//! connection, one [`Answer`]; `Answer::Ready` carries the holder's user and network
//! namespaces as descriptors), `holder.pid`, `holder.log`, `holder.lock` and `start.lock`.
//! While it starts, the holder tells its parent [`Status::Listening`] over a channel on its
//! stdout; its stdin is the upstream DNS socket, opened in the host's network namespace.
//!
//! Lifetime: "nothing runs when no container runs". Every supervisor of a networked container
//! holds a shared flock on `holder.lock` while it runs (and the CLI while it starts one); the
//! holder waits for the exclusive lock in a thread and exits once it gets it, its socket and
//! pid file removed first. A new container that finds no live holder (nothing answers on the
//! socket) starts one, under `start.lock`. A killed holder, supervisor or CLI leaves no process
//! and nothing that the next start does not replace.
use super::dns::{self, Forwarder, Reply};
use crate::config::Paths;
use crate::ipc::helper::{self, SpawnError, Userns};
use crate::ipc::role::{Role, StorePaths};
use crate::ipc::{Channel, IpcError};
use crate::linux::idmap::IdMap;
use crate::linux::rtnl::{self, Rtnl};
use crate::network::ipam;
use crate::network::networks::{self, Network, NetworkError};
use crate::util::fs::Lock;
use nix::errno::Errno;
use nix::sys::socket::{self as sock, AddressFamily, SockFlag, SockType, UnixAddr};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn dir(paths: &Paths) -> PathBuf {
    paths.runroot.join("networks")
}

/// A client → holder request, one per connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Request {
    /// Set up the bridges and DNS listeners of these networks (by name); drop those of
    /// networks removed meanwhile.
    Ensure { networks: Vec<String> },
}

/// Holder → client, the answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Answer {
    /// Done; the holder's user and network namespaces come along, in that order.
    Ready,
    /// Not done, and why.
    Error { message: String },
}

/// Holder → the process that started it, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Status {
    /// The holder listens on `holder.sock`.
    Listening,
}

/// Why the holder could not be reached, started, or do what it was asked.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HolderError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("{0}")]
    Ipc(#[from] IpcError),
    #[error("{0}")]
    Sys(#[from] Errno),
    /// The holder's own answer.
    #[error("{0}")]
    Refused(String),
    #[error("the holder answered without its namespaces")]
    NoNamespaces,
    #[error("{0}")]
    Spawn(#[from] SpawnError),
    #[error("the networks' holder did not start: {0}")]
    NotStarted(String),
    #[error("cannot create the networks' namespace: {0}")]
    Namespace(#[source] Errno),
    #[error("{path}: {source}")]
    Socket {
        path: PathBuf,
        #[source]
        source: Errno,
    },
    #[error("poll: {0}")]
    Poll(#[source] Errno),
    #[error("{0}")]
    Network(#[from] NetworkError),
    #[error("network {0} does not exist")]
    Missing(String),
    #[error("cannot listen on {addr}:53: {source}")]
    Dns {
        addr: Ipv4Addr,
        #[source]
        source: io::Error,
    },
}

/// The holder's namespaces, as a client receives them.
pub(crate) struct HolderNs {
    pub(crate) userns: OwnedFd,
    pub(crate) netns: OwnedFd,
}

/// A shared lock on `holder.lock`: the holder stays while one is held.
pub(crate) fn lease(paths: &Paths) -> io::Result<Lock> {
    Lock::shared(&dir(paths).join("holder.lock"))
}

/// A seqpacket socket, close-on-exec.
fn seqpacket() -> Result<OwnedFd, Errno> {
    sock::socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
}

/// Gives up on a peer that does not answer within `limit`.
fn set_timeout(chan: &Channel, limit: Duration) -> Result<(), Errno> {
    let tv = nix::sys::time::TimeVal::new(limit.as_secs() as _, 0);
    sock::setsockopt(chan, sock::sockopt::ReceiveTimeout, &tv)
}

/// Asks the running holder to set up `nets` and returns its namespaces; the caller holds a
/// [`lease`]. An error when no holder answers.
pub(crate) fn request(paths: &Paths, nets: &[Network]) -> Result<HolderNs, HolderError> {
    let fd = seqpacket()?;
    let addr = UnixAddr::new(&dir(paths).join("holder.sock"))?;
    sock::connect(fd.as_raw_fd(), &addr)?;
    let chan = Channel::from_fd(fd);
    set_timeout(&chan, Duration::from_secs(20))?;
    let networks = nets.iter().map(|n| n.name.clone()).collect();
    chan.send(&Request::Ensure { networks })?;
    let (answer, fds) = chan.recv_with_fds::<Answer>(2)?.ok_or(IpcError::Closed)?;
    match answer {
        Answer::Error { message } => Err(HolderError::Refused(message)),
        Answer::Ready => {
            let mut it = fds.into_iter();
            match (it.next(), it.next()) {
                (Some(userns), Some(netns)) => Ok(HolderNs { userns, netns }),
                _ => Err(HolderError::NoNamespaces),
            }
        }
    }
}

/// [`request`], starting the holder first when none runs. The caller holds a [`lease`].
pub(crate) fn ensure(paths: &Paths, nets: &[Network]) -> Result<HolderNs, HolderError> {
    if let Ok(ns) = request(paths, nets) {
        return Ok(ns);
    }
    let _start = Lock::exclusive(&dir(paths).join("start.lock"))?;
    if let Ok(ns) = request(paths, nets) {
        return Ok(ns);
    }
    spawn(paths)?;
    request(paths, nets)
}

/// Starts the holder and waits until it listens.
fn spawn(paths: &Paths) -> Result<(), HolderError> {
    // The upstream socket of the DNS forwarder, opened here, in the host's network namespace.
    let upstream = UdpSocket::bind("0.0.0.0:0")?;
    let (status, theirs) = crate::ipc::pair()?;
    let role = Role::Netns {
        store: StorePaths::of(paths),
    };
    helper::spawn_detached(
        Userns::New(&IdMap::detect()),
        &role,
        "rcon-netns",
        Some(OwnedFd::from(upstream)),
        theirs.into_fd(),
        &dir(paths).join("holder.log"),
    )?;
    match status.recv::<Status>() {
        Ok(Some(Status::Listening)) => Ok(()),
        _ => {
            let log = std::fs::read_to_string(dir(paths).join("holder.log")).unwrap_or_default();
            let last = log
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            Err(HolderError::NotStarted(last.to_string()))
        }
    }
}

/// One network the holder runs: its bridge and its DNS listener.
struct Running {
    net: Network,
    dns: UdpSocket,
}

/// Takes descriptor `fd` (0 or 1, inherited from the parent) for this process and puts
/// /dev/null in its place.
fn take_stdio(fd: i32) -> Result<OwnedFd, HolderError> {
    // The parent passed it for this process alone; a copy is ours to own.
    let taken = crate::sys::fd::own(nix::unistd::dup(fd)?);
    let null = File::open("/dev/null")?;
    nix::unistd::dup2(null.as_raw_fd(), fd)?;
    Ok(taken)
}

/// Listens on `path`, a seqpacket socket (replacing a stale one).
fn listen(path: &Path) -> Result<OwnedFd, HolderError> {
    let socket_err = |source| HolderError::Socket {
        path: path.to_path_buf(),
        source,
    };
    let _ = std::fs::remove_file(path);
    let fd = seqpacket().map_err(socket_err)?;
    let addr = UnixAddr::new(path).map_err(socket_err)?;
    sock::bind(fd.as_raw_fd(), &addr).map_err(socket_err)?;
    sock::listen(&fd, sock::Backlog::new(64).map_err(socket_err)?).map_err(socket_err)?;
    Ok(fd)
}

/// The role `netns`: the holder's body. Stdin is the upstream DNS socket, stdout the channel
/// to the process that started it. Runs until no supervisor holds a lease.
pub(crate) fn helper_netns(paths: Paths) -> Result<(), HolderError> {
    let upstream = UdpSocket::from(take_stdio(0)?);
    let status = Channel::from_fd(take_stdio(1)?);
    // Still single-threaded: unshare the network namespace the bridges live in.
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET).map_err(HolderError::Namespace)?;
    let _ = nix::sys::prctl::set_name(c"rcon-netns");
    let mut rt = Rtnl::open()?;
    rt.set_up(rtnl::index("lo")?)?;
    let d = dir(&paths);
    let sock_path = d.join("holder.sock");
    let listener = listen(&sock_path)?;
    let pid = std::process::id();
    let start = crate::linux::proc::process_start_time(pid as i32).unwrap_or(0);
    crate::util::fs::atomic_write(&d.join("holder.pid"), format!("{pid} {start}\n").as_bytes())?;
    let _ = status.send(&Status::Listening);
    drop(status);
    let (lock_path, pid_path) = (d.join("holder.lock"), d.join("holder.pid"));
    std::thread::spawn(move || {
        // Once no supervisor holds a lease, nothing needs the networks: leave.
        if Lock::exclusive(&lock_path).is_ok() {
            let _ = std::fs::remove_file(&sock_path);
            let _ = std::fs::remove_file(&pid_path);
            std::process::exit(0);
        }
    });
    let resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let servers =
        dns::upstream_servers(std::env::var("RCON_DNS_UPSTREAM").ok().as_deref(), &resolv);
    Holder {
        paths,
        rt,
        running: Vec::new(),
        forwarder: Forwarder::new(upstream, servers),
    }
    .serve(listener)
}

struct Holder {
    paths: Paths,
    rt: Rtnl,
    running: Vec<Running>,
    forwarder: Forwarder,
}

impl Holder {
    fn serve(mut self, listener: OwnedFd) -> Result<(), HolderError> {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        let mut buf = vec![0u8; 4096];
        loop {
            let (listen_ready, up_ready, dns_ready) = {
                let mut fds = vec![
                    PollFd::new(listener.as_fd(), PollFlags::POLLIN),
                    PollFd::new(self.forwarder.socket.as_fd(), PollFlags::POLLIN),
                ];
                fds.extend(
                    self.running
                        .iter()
                        .map(|r| PollFd::new(r.dns.as_fd(), PollFlags::POLLIN)),
                );
                match poll(&mut fds, PollTimeout::NONE) {
                    Err(nix::errno::Errno::EINTR) => continue,
                    Err(e) => return Err(HolderError::Poll(e)),
                    Ok(_) => {}
                }
                let hit = |f: &PollFd| f.revents().is_some_and(|r| !r.is_empty());
                (
                    hit(&fds[0]),
                    hit(&fds[1]),
                    fds[2..].iter().map(hit).collect::<Vec<bool>>(),
                )
            };
            for (i, ready) in dns_ready.into_iter().enumerate() {
                if ready {
                    self.query(i, &mut buf);
                }
            }
            if up_ready {
                if let Ok((n, from)) = self.forwarder.socket.recv_from(&mut buf) {
                    if let Some((i, client)) = self.forwarder.relay(from, &mut buf[..n]) {
                        if let Some(r) = self.running.get(i) {
                            let _ = r.dns.send_to(&buf[..n], client);
                        }
                    }
                }
            }
            if listen_ready {
                if let Ok(fd) = sock::accept(listener.as_raw_fd()) {
                    // accept just returned it; nobody else owns it.
                    self.client(Channel::from_fd(crate::sys::fd::own(fd)));
                }
            }
        }
    }

    /// A query on network `i`'s listener.
    fn query(&mut self, i: usize, buf: &mut [u8]) {
        let Ok((n, client)) = self.running[i].dns.recv_from(buf) else {
            return;
        };
        let msg = &buf[..n];
        // A network without DNS (the default one, as Podman's) names no containers; a query
        // sent to its gateway anyway is only forwarded.
        let net = &self.running[i].net;
        let entries: Vec<(Vec<String>, std::net::Ipv4Addr)> = if net.dns_enabled {
            ipam::entries(&self.paths, &net.id)
                .into_iter()
                .map(|e| (e.names(), e.ip))
                .collect()
        } else {
            Vec::new()
        };
        let answer = match dns::respond(msg, &entries) {
            Reply::Answer(a) => Some(a),
            Reply::Forward => self.forwarder.forward(i, client, msg),
            Reply::Ignore => None,
        };
        if let Some(a) = answer {
            let _ = self.running[i].dns.send_to(&a, client);
        }
    }

    /// One [`Request`] on a new connection; a [`Answer::Ready`] carries our namespaces.
    fn client(&mut self, chan: Channel) {
        let _ = set_timeout(&chan, Duration::from_secs(5));
        let names = match chan.recv::<Request>() {
            Ok(Some(Request::Ensure { networks })) => networks,
            _ => return,
        };
        if let Err(e) = self.ensure(&names) {
            let message = e.to_string();
            let _ = chan.send(&Answer::Error { message });
            return;
        }
        let ns = ["/proc/self/ns/user", "/proc/self/ns/net"].map(File::open);
        let [Ok(user), Ok(net)] = ns else {
            return;
        };
        let _ = chan.send_with_fds(&Answer::Ready, &[user.as_fd(), net.as_fd()]);
    }

    /// Bridges and DNS listeners for `names`; bridges of removed networks go.
    fn ensure(&mut self, names: &[String]) -> Result<(), HolderError> {
        let all = networks::list(&self.paths)?;
        // A network removed (or replaced by one of the same bridge name) loses its bridge.
        let mut stale: HashMap<String, bool> = HashMap::new();
        self.running.retain(|r| {
            let keep = all.iter().any(|n| n.id == r.net.id);
            if !keep {
                stale.insert(r.net.network_interface.clone(), true);
            }
            keep
        });
        for bridge in stale.keys() {
            if let Ok(i) = rtnl::index(bridge) {
                let _ = self.rt.del_link(i);
            }
        }
        for name in names {
            let net = all
                .iter()
                .find(|n| &n.name == name)
                .ok_or_else(|| HolderError::Missing(name.clone()))?;
            if self.running.iter().any(|r| r.net.id == net.id) {
                continue;
            }
            self.rt.add_bridge(&net.network_interface)?;
            let index = rtnl::index(&net.network_interface)?;
            let cidr = net.cidr();
            self.rt.add_addr(index, net.gateway(), cidr.prefix)?;
            let dns = UdpSocket::bind(SocketAddr::from((net.gateway(), 53))).map_err(|source| {
                HolderError::Dns {
                    addr: net.gateway(),
                    source,
                }
            })?;
            self.running.push(Running {
                net: net.clone(),
                dns,
            });
        }
        Ok(())
    }
}
