//! The supervisor's side of a container's network: the network namespace it makes and keeps
//! for the container's whole life (across restarts), and the user-mode helper that connects
//! it to the outside ([`slirp`]: slirp4netns with its API socket for published ports;
//! [`pasta`]). The container's first process joins the namespace (`runtime::init`).
//!
//! Nothing outlives the supervisor: each helper gets an exit descriptor (slirp4netns) or is
//! killed at teardown; a killed supervisor closes the descriptor, and the helper ends.
//!
//! What it needs of the container comes in a [`Plan`] the caller fills from the container's
//! record (and, for `--network container:…`, the other container's state): the network setup
//! reads no container records itself.

use super::{bridge, pasta, slirp, BridgeAttach, NetworkMode, PortMapping};
use crate::config::Paths;
use crate::linux::nsenter::{Init, Namespace, NsenterError, Target};
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the container's network could not be set up.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NetError {
    #[error("cannot create the container's network namespace: {0}")]
    Netns(#[source] io::Error),
    #[error("cannot open the network namespace {path}: {source}")]
    OpenNs {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot start {helper}: {source}; install the {helper} package")]
    Spawn {
        helper: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{helper} ended before the network was ready ({how}): see {log}")]
    Died {
        helper: &'static str,
        how: String,
        log: PathBuf,
    },
    #[error("{helper} did not make the network ready within {secs} s: see {log}")]
    Timeout {
        helper: &'static str,
        secs: u64,
        log: PathBuf,
    },
    #[error(
        "host port {port}/{protocol} is already in use: pick another host port for -p, or give \
         only the container port for a random one"
    )]
    PortTaken { port: u16, protocol: String },
    #[error("cannot publish host port {port}/{protocol}: {message}")]
    Publish {
        port: u16,
        protocol: String,
        message: String,
    },
    #[error("{0}")]
    Bridge(String),
    #[error("cannot share the network of container {name}: {message}")]
    Shared { name: String, message: String },
    #[error("cannot talk to slirp4netns's API socket {path}: {source}")]
    Api {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

pub(crate) type Result<T> = std::result::Result<T, NetError>;

/// What the network setup needs of its container.
pub(crate) struct Plan<'a> {
    /// The container's full ID.
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) mode: &'a NetworkMode,
    /// Published ports, host ports resolved.
    pub(crate) ports: &'a [PortMapping],
    /// With `--network container:…`: the container whose namespace is joined.
    pub(crate) peer: Option<Peer>,
}

/// A running container whose network namespace another container shares.
#[derive(Debug, Clone)]
pub(crate) struct Peer {
    /// Its name (or short ID), for messages.
    pub(crate) name: String,
    pub(crate) target: Target,
}

impl Peer {
    /// Opens namespace `ns` of the container (its first process's), or says why not.
    pub(crate) fn open_ns(&self, ns: Namespace) -> Result<OwnedFd> {
        let shared = |message: String| NetError::Shared {
            name: self.name.clone(),
            message,
        };
        let init = Init::open(&self.target).map_err(|e| match e {
            NsenterError::NotRunning => shared("it is not running: start it first".into()),
            e => shared(e.to_string()),
        })?;
        init.open_ns(ns).map_err(|e| shared(e.to_string()))
    }

    /// Opens the user namespace that owns the container's network namespace: the store's
    /// (or the networks' holder's), where a container that shares it must run, also when the
    /// container's own process runs in a namespace of its own below (`--userns keep-id`).
    pub(crate) fn open_owner_userns(&self) -> Result<OwnedFd> {
        self.open_owner_of(Namespace::Net)
    }

    /// Opens the user namespace that owns the container's namespace `ns` (for a pod member
    /// that joins the infra's IPC or UTS namespace: the infra's own, also when the infra
    /// stays on the host's network).
    pub(crate) fn open_owner_of(&self, ns: Namespace) -> Result<OwnedFd> {
        let fd = self.open_ns(ns)?;
        crate::sys::nsfs::owner_userns(std::os::fd::AsFd::as_fd(&fd)).map_err(|e| {
            NetError::Shared {
                name: self.name.clone(),
                message: format!("cannot find the owner of its {} namespace: {e}", ns.name()),
            }
        })
    }
}

/// The user-mode helper of a network.
enum Helper {
    Slirp(slirp::Slirp),
    Pasta(pasta::Pasta),
}

impl Helper {
    /// Ends the helper and waits for it.
    fn stop(self) {
        match self {
            Helper::Slirp(s) => s.stop(),
            Helper::Pasta(p) => p.stop(),
        }
    }
}

/// A container's network namespace and its helper, owned by the supervisor.
pub(crate) struct Network {
    netns: Arc<OwnedFd>,
    helper: Option<Helper>,
    ready: bool,
    /// Addresses and the holder's lease, on named networks: held until the network ends.
    attached: Option<bridge::Attached>,
    /// With another container's network: this one's names in the hosts file they share.
    _shared_hosts: Option<super::files::SharedHostsEntry>,
    /// On named networks: the store, ID and name of the container, whose /etc/hosts follows
    /// its addresses.
    owner: Option<(Paths, String, String)>,
    /// On named networks: what the way out needs to start again.
    way_out: Option<WayOut>,
}

/// The way out of a container on named networks: slirp4netns in its namespace, for the
/// outside and its published ports, while it is on a network that is not internal. It goes
/// when `network disconnect` leaves none such (and the ports with it, as on Podman), and starts
/// again when `network connect` brings one.
struct WayOut {
    id: String,
    run_dir: PathBuf,
    ports: Vec<PortMapping>,
}

impl Network {
    /// Makes (or opens) the container's network namespace and starts its helper, without
    /// waiting for it: [`Network::ready`] does, so the helper starts while the root
    /// filesystem is mounted. `None` for `none` (the container's clone makes an empty one)
    /// and `host`. Call while single-threaded.
    pub(crate) fn start(paths: &Paths, plan: &Plan<'_>, run_dir: &Path) -> Result<Option<Network>> {
        let helper_log = run_dir.join("supervisor.log");
        let (netns, helper) = match plan.mode {
            NetworkMode::None | NetworkMode::Host => return Ok(None),
            // We run in the target's user namespace (see `supervisor::start`), which owns its
            // network namespace.
            NetworkMode::Container(target) => {
                let peer = plan.peer.as_ref().ok_or_else(|| NetError::Shared {
                    name: target[..target.len().min(12)].to_string(),
                    message: "its state was not read".into(),
                })?;
                let netns = peer.open_ns(Namespace::Net)?;
                // Not fatal: the container runs, only its name is missing from the others'.
                let entry = super::files::SharedHostsEntry::add(paths, plan.id, plan.name, target)
                    .unwrap_or_else(|e| {
                        log::warn!("cannot add {} to the shared /etc/hosts: {e}", plan.name);
                        None
                    });
                return Ok(Some(Network {
                    netns: Arc::new(netns),
                    helper: None,
                    ready: false,
                    attached: None,
                    _shared_hosts: entry,
                    owner: None,
                    way_out: None,
                }));
            }
            NetworkMode::Bridge(nets) => {
                let netns = new_netns().map_err(NetError::Netns)?;
                let attached = bridge::attach(paths, plan.id, plan.name, nets, netns.as_fd())?;
                own_addresses(paths, plan.id, plan.name, &attached);
                let outside = attached.reaches_outside();
                if !outside && !plan.ports.is_empty() {
                    return Err(NetError::Bridge(
                        "ports cannot be published on internal networks only: add a network \
                         that is not internal"
                            .into(),
                    ));
                }
                let way_out = WayOut {
                    id: plan.id.to_string(),
                    run_dir: run_dir.to_path_buf(),
                    ports: plan.ports.to_vec(),
                };
                let helper = match outside {
                    true => Some(Helper::Slirp(way_out.spawn(netns.as_fd())?)),
                    false => None,
                };
                return Ok(Some(Network {
                    netns: Arc::new(netns),
                    helper,
                    ready: false,
                    attached: Some(attached),
                    _shared_hosts: None,
                    owner: Some((paths.clone(), plan.id.to_string(), plan.name.to_string())),
                    way_out: Some(way_out),
                }));
            }
            NetworkMode::Ns(path) => {
                let fd = std::fs::File::open(path).map_err(|source| NetError::OpenNs {
                    path: path.clone(),
                    source,
                })?;
                (OwnedFd::from(fd), None)
            }
            NetworkMode::Slirp4netns(opts) => {
                let netns = new_netns().map_err(NetError::Netns)?;
                let s = slirp::Slirp::spawn(netns.as_fd(), opts, plan.id, run_dir, helper_log)?;
                (netns, Some(Helper::Slirp(s)))
            }
            NetworkMode::Pasta(opts) => {
                let netns = new_netns().map_err(NetError::Netns)?;
                let p = pasta::Pasta::spawn(
                    netns.as_fd(),
                    opts,
                    plan.ports,
                    plan.id,
                    run_dir,
                    helper_log,
                )?;
                (netns, Some(Helper::Pasta(p)))
            }
        };
        Ok(Some(Network {
            netns: Arc::new(netns),
            helper,
            ready: false,
            attached: None,
            _shared_hosts: None,
            owner: None,
            way_out: None,
        }))
    }

    /// The namespace for the container's first process to join.
    pub(crate) fn netns(&self) -> Arc<OwnedFd> {
        Arc::clone(&self.netns)
    }

    /// Links the running container to one more named network (`network connect`). Only a
    /// container on named networks can: its supervisor runs in the holder's user namespace.
    pub(crate) fn connect(
        &mut self,
        paths: &Paths,
        id: &str,
        name: &str,
        attach: BridgeAttach,
    ) -> Result<()> {
        let network = attach.name.clone();
        let attached = self.attached.as_mut().ok_or_else(not_bridged)?;
        bridge::connect(paths, attached, id, name, attach, self.netns.as_fd())?;
        if let Err(e) = self.open_way_out() {
            // Not half-connected: the new interface goes again.
            if let Some(attached) = self.attached.as_mut() {
                let _ = bridge::disconnect(attached, &network, self.netns.as_fd());
            }
            return Err(e);
        }
        if let Some(attached) = &self.attached {
            own_addresses(paths, id, name, attached);
        }
        Ok(())
    }

    /// Unlinks the running container from named network `network` (`network disconnect`).
    pub(crate) fn disconnect(&mut self, network: &str) -> Result<()> {
        let attached = self.attached.as_mut().ok_or_else(not_bridged)?;
        bridge::disconnect(attached, network, self.netns.as_fd())?;
        if let Some((paths, id, name)) = &self.owner {
            own_addresses(paths, id, name, attached);
        }
        if !attached.reaches_outside() {
            if let Some(helper) = self.helper.take() {
                helper.stop();
            }
        }
        Ok(())
    }

    /// Starts the way out of a running container on named networks that has none, when it is
    /// now on a network that is not internal, and publishes its ports there.
    fn open_way_out(&mut self) -> Result<()> {
        let (Some(attached), Some(way_out)) = (&self.attached, &self.way_out) else {
            return Ok(());
        };
        if self.helper.is_some() || !attached.reaches_outside() {
            return Ok(());
        }
        let mut s = way_out.spawn(self.netns.as_fd())?;
        let published = s
            .wait_ready()
            .and_then(|()| way_out.ports.iter().try_for_each(|p| s.add_hostfwd(p)));
        if let Err(e) = published {
            s.stop();
            return Err(e);
        }
        self.helper = Some(Helper::Slirp(s));
        Ok(())
    }

    /// Waits (once) until the helper has configured the namespace, then publishes `ports`.
    pub(crate) fn ready(&mut self, ports: &[PortMapping]) -> Result<()> {
        if self.ready {
            return Ok(());
        }
        match &mut self.helper {
            Some(Helper::Slirp(s)) => {
                s.wait_ready()?;
                for p in ports {
                    s.add_hostfwd(p)?;
                }
            }
            Some(Helper::Pasta(p)) => p.wait_ready(ports)?,
            None => {}
        }
        self.ready = true;
        Ok(())
    }
}

impl Network {
    /// Ends the network at the container's end, as dropping it does, except for a helper that
    /// publishes no port: that one is told to end and returned, to be reaped once the end is
    /// reported ([`pasta::Pasta::end`]).
    pub(crate) fn end(mut self) -> Option<Ending> {
        match self.helper.take()? {
            Helper::Pasta(p) => p.end().map(|p| Ending(Helper::Pasta(p))),
            Helper::Slirp(s) => s.end().map(|s| Ending(Helper::Slirp(s))),
        }
    }
}

impl WayOut {
    fn spawn(&self, netns: std::os::fd::BorrowedFd<'_>) -> Result<slirp::Slirp> {
        let opts = crate::network::SlirpOptions::default();
        let log = self.run_dir.join("supervisor.log");
        slirp::Slirp::spawn(netns, &opts, &self.id, &self.run_dir, log)
    }
}

/// A network helper told to end, not yet reaped ([`Network::end`]).
pub(crate) struct Ending(Helper);

impl Ending {
    /// Waits for the helper's end.
    pub(crate) fn reap(self) {
        self.0.stop();
    }
}

impl Drop for Network {
    fn drop(&mut self) {
        if let Some(helper) = self.helper.take() {
            helper.stop();
        }
    }
}

/// The container's own entry in its /etc/hosts on its addresses; not fatal (the container runs,
/// only its own name resolves elsewhere).
fn own_addresses(paths: &Paths, id: &str, name: &str, attached: &bridge::Attached) {
    let ips: Vec<_> = attached.leases.iter().map(|(_, l)| l.entry.ip).collect();
    if let Err(e) = super::files::set_own_addresses(paths, id, name, &ips) {
        log::warn!("cannot put the addresses of {name} in its /etc/hosts: {e}");
    }
}

fn not_bridged() -> NetError {
    NetError::Bridge(
        "the container is not on named networks: stop it, connect it, and start it again".into(),
    )
}

/// A new network namespace owned by our user namespace, without entering it: a short-lived
/// child is cloned into one, opens its own `/proc/self/ns/net` (ours to open whatever the
/// dumpable flag: we are non-dumpable) and sends the descriptor back over a socket pair.
fn new_netns() -> io::Result<OwnedFd> {
    use nix::sys::socket::{
        recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags,
        SockFlag, SockType,
    };
    use std::os::fd::AsRawFd;
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    let child = crate::sys::process::clone_fork(libc::CLONE_NEWNET as u64)?;
    let Some(pid) = child else {
        drop(ours);
        let code = match std::fs::File::open("/proc/self/ns/net") {
            Ok(ns) => {
                let fds = [ns.as_raw_fd()];
                let iov = [io::IoSlice::new(b"n")];
                let cmsg = [ControlMessage::ScmRights(&fds)];
                match sendmsg::<()>(theirs.as_raw_fd(), &iov, &cmsg, MsgFlags::empty(), None) {
                    Ok(_) => 0,
                    Err(_) => 1,
                }
            }
            Err(_) => 1,
        };
        crate::sys::process::exit_now(code)
    };
    drop(theirs);
    let mut byte = [0u8; 1];
    let mut iov = [io::IoSliceMut::new(&mut byte)];
    let mut space = nix::cmsg_space!([std::os::fd::RawFd; 1]);
    let received = recvmsg::<()>(
        ours.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )
    .map_err(io::Error::from)
    .and_then(|msg| {
        msg.cmsgs()
            .map_err(io::Error::from)?
            .find_map(|c| match c {
                ControlMessageOwned::ScmRights(fds) => fds.first().copied(),
                _ => None,
            })
            .ok_or_else(|| io::Error::other("the namespace's creator sent no descriptor"))
    });
    let _ = nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None);
    Ok(crate::sys::fd::own(received?))
}

/// Waits until `fd` is readable or `timeout` passes; `Ok(false)` on timeout.
pub(crate) fn wait_readable(
    fd: std::os::fd::BorrowedFd<'_>,
    timeout: std::time::Duration,
) -> io::Result<bool> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let ms = PollTimeout::try_from(left.as_millis().min(60_000) as i32 + 1)
            .unwrap_or(PollTimeout::MAX);
        let mut pfd = [PollFd::new(fd, PollFlags::POLLIN)];
        match poll(&mut pfd, ms) {
            Ok(0) if left.is_zero() => return Ok(false),
            Ok(0) => continue,
            Ok(_) => return Ok(true),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Ends a helper child: waits a moment for it to leave by itself (its exit descriptor was
/// closed), then kills it.
pub(crate) fn end_child(child: &mut std::process::Child, grace: std::time::Duration) {
    let deadline = std::time::Instant::now() + grace;
    loop {
        match child.try_wait() {
            // Gone, or already reaped by the supervisor's SIGCHLD handling.
            Ok(Some(_)) | Err(_) => return,
            Ok(None) if std::time::Instant::now() >= deadline => break,
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(1)),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
