//! The networks' holder: one small process per user (`rcon-netns`, `rcon __userns-helper
//! netns`) that owns a user namespace (the store's map, like every supervisor's) and, in it, a
//! network namespace with one bridge per named network in use (its gateway address on it)
//! and the DNS responder bound on each gateway's port 53. Containers on a network run in the
//! holder's user namespace (their supervisor joins it, see `userns::Userns::Join`), so they may
//! link their own network namespace to a bridge with a veth pair (`bridge`).
//!
//! Files under `<runroot>/networks/`: `holder.sock` (requests: "ensure these networks", the
//! answer carries the holder's user and network namespaces as descriptors), `holder.pid`,
//! `holder.log`, `holder.lock` and `start.lock`.
//!
//! Lifetime: "nothing runs when no container runs". Every supervisor of a networked container
//! holds a shared flock on `holder.lock` while it runs (and the CLI while it starts one); the
//! holder waits for the exclusive lock in a thread and exits once it gets it, its socket and
//! pid file removed first. A new container that finds no live holder (nothing answers on the
//! socket) starts one, under `start.lock`. A killed holder, supervisor or CLI leaves no process
//! and nothing that the next start does not replace.
use super::dns::{self, Forwarder, Reply};
use crate::config::Paths;
use crate::linux::idmap::IdMap;
use crate::linux::rtnl::{self, Rtnl};
use crate::linux::userns::{self, Userns};
use crate::network::ipam;
use crate::network::networks::{self, Network};
use nix::sys::socket::{recvmsg, sendmsg, ControlMessage, ControlMessageOwned, MsgFlags, UnixAddr};
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, BufRead, BufReader, IoSlice, IoSliceMut, Read, Write};
use std::net::{SocketAddr, UdpSocket};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

/// The helper op that runs the holder.
pub const OP: &str = "netns";

fn dir(paths: &Paths) -> PathBuf {
    paths.runroot.join("networks")
}

/// The holder's namespaces, as a client receives them.
pub struct HolderNs {
    pub userns: OwnedFd,
    pub netns: OwnedFd,
}

/// A shared lock on `holder.lock`: the holder stays while one is held.
pub fn lease(paths: &Paths) -> io::Result<File> {
    let p = dir(paths).join("holder.lock");
    std::fs::create_dir_all(dir(paths))?;
    let f = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&p)?;
    flock(&f, libc::LOCK_SH)?;
    Ok(f)
}

#[allow(unsafe_code)]
fn flock(f: &File, op: libc::c_int) -> io::Result<()> {
    loop {
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(f.as_raw_fd(), op) } == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Asks the running holder to set up `nets` and returns its namespaces; the caller holds a
/// [`lease`]. An error when no holder answers.
pub fn request(paths: &Paths, nets: &[Network]) -> io::Result<HolderNs> {
    let mut s = UnixStream::connect(dir(paths).join("holder.sock"))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    let names: Vec<&str> = nets.iter().map(|n| n.name.as_str()).collect();
    s.write_all(format!("ensure {}\n", names.join(" ")).as_bytes())?;
    let mut buf = [0u8; 1024];
    let mut iov = [IoSliceMut::new(&mut buf)];
    let mut space = nix::cmsg_space!([RawFd; 2]);
    let msg = recvmsg::<()>(
        s.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::MSG_CMSG_CLOEXEC,
    )?;
    let mut fds = Vec::new();
    for c in msg.cmsgs()? {
        if let ControlMessageOwned::ScmRights(r) = c {
            // SAFETY: the kernel just installed these descriptors for us.
            #[allow(unsafe_code)]
            fds.extend(r.into_iter().map(|fd| unsafe { OwnedFd::from_raw_fd(fd) }));
        }
    }
    let n = msg.bytes;
    let text = String::from_utf8_lossy(&buf[..n]).trim().to_string();
    if let Some(e) = text.strip_prefix("error ") {
        return Err(io::Error::other(e.to_string()));
    }
    let mut it = fds.into_iter();
    match (it.next(), it.next()) {
        (Some(userns), Some(netns)) if text == "ok" => Ok(HolderNs { userns, netns }),
        _ => Err(io::Error::other(format!("the holder answered {text:?}"))),
    }
}

/// [`request`], starting the holder first when none runs. The caller holds a [`lease`].
pub fn ensure(paths: &Paths, nets: &[Network]) -> io::Result<HolderNs> {
    if let Ok(ns) = request(paths, nets) {
        return Ok(ns);
    }
    let _start = crate::util::fs::Lock::exclusive(&dir(paths).join("start.lock"))?;
    if let Ok(ns) = request(paths, nets) {
        return Ok(ns);
    }
    spawn(paths)?;
    request(paths, nets)
}

/// Starts the holder and waits until it listens.
fn spawn(paths: &Paths) -> io::Result<()> {
    // The upstream socket of the DNS forwarder, opened here, in the host's network namespace.
    let upstream = UdpSocket::bind("0.0.0.0:0")?;
    let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let args: Vec<OsString> = vec![paths.root.clone().into(), paths.runroot.clone().into()];
    let args: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
    userns::spawn_detached(
        Userns::New(&IdMap::detect()),
        OP,
        "rcon-netns",
        &args,
        Stdio::from(OwnedFd::from(upstream)),
        Stdio::from(ready_w),
        &dir(paths).join("holder.log"),
    )
    .map_err(|e| io::Error::other(e.to_string()))?;
    let mut byte = [0u8; 1];
    match File::from(ready_r).read(&mut byte) {
        Ok(1) => Ok(()),
        _ => {
            let log = std::fs::read_to_string(dir(paths).join("holder.log")).unwrap_or_default();
            let last = log
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            Err(io::Error::other(format!(
                "the networks' holder did not start: {last}"
            )))
        }
    }
}

/// One network the holder runs: its bridge and its DNS listener.
struct Running {
    net: Network,
    dns: UdpSocket,
}

/// Op `netns <root> <runroot>`: the holder's body. Stdin is the upstream DNS socket, stdout
/// the ready pipe. Runs until no supervisor holds a lease.
pub fn helper_netns(args: &[OsString]) -> Result<(), String> {
    let [root, runroot] = args else {
        return Err("usage: netns <root> <runroot>".into());
    };
    let paths = Paths::resolve(Some(root.as_ref()), Some(runroot.as_ref()))
        .map_err(|e| format!("cannot resolve rcon's folders: {e}"))?;
    // SAFETY: descriptor 0 is the upstream socket the parent passed, ours alone.
    #[allow(unsafe_code)]
    let upstream =
        unsafe { UdpSocket::from_raw_fd(nix::unistd::dup(0).map_err(|e| e.to_string())?) };
    let ready = nix::unistd::dup(1).map_err(|e| e.to_string())?;
    for fd in [0, 1] {
        let null = File::open("/dev/null").map_err(|e| e.to_string())?;
        nix::unistd::dup2(null.as_raw_fd(), fd).map_err(|e| e.to_string())?;
    }
    // Still single-threaded: unshare the network namespace the bridges live in.
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET)
        .map_err(|e| format!("cannot create the networks' namespace: {e}"))?;
    let _ = nix::sys::prctl::set_name(c"rcon-netns");
    let mut rt = Rtnl::open().map_err(|e| e.to_string())?;
    rt.set_up(rtnl::index("lo").map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let d = dir(&paths);
    let sock = d.join("holder.sock");
    let _ = std::fs::remove_file(&sock);
    let listener = UnixListener::bind(&sock).map_err(|e| format!("{}: {e}", sock.display()))?;
    let pid = std::process::id();
    let start = crate::container::state::process_start_time(pid as i32).unwrap_or(0);
    crate::util::fs::atomic_write(&d.join("holder.pid"), format!("{pid} {start}\n").as_bytes())
        .map_err(|e| e.to_string())?;
    // SAFETY: `ready` was dup'ed above and is ours alone.
    #[allow(unsafe_code)]
    let mut ready = unsafe { File::from_raw_fd(ready) };
    let _ = ready.write_all(b"r");
    drop(ready);
    let (lock_path, pid_path, sock_path) = (d.join("holder.lock"), d.join("holder.pid"), sock);
    std::thread::spawn(move || {
        // Once no supervisor holds a lease, nothing needs the networks: leave.
        if let Ok(f) = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
        {
            if flock(&f, libc::LOCK_EX).is_ok() {
                let _ = std::fs::remove_file(&sock_path);
                let _ = std::fs::remove_file(&pid_path);
                std::process::exit(0);
            }
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
    fn serve(mut self, listener: UnixListener) -> Result<(), String> {
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
                    Err(e) => return Err(format!("poll: {e}")),
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
                if let Ok((stream, _)) = listener.accept() {
                    self.client(stream);
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
        let entries: Vec<(Vec<String>, std::net::Ipv4Addr)> =
            ipam::entries(&self.paths, &self.running[i].net.id)
                .into_iter()
                .map(|e| (e.names(), e.ip))
                .collect();
        let answer = match dns::respond(msg, &entries) {
            Reply::Answer(a) => Some(a),
            Reply::Forward => self.forwarder.forward(i, client, msg),
            Reply::Ignore => None,
        };
        if let Some(a) = answer {
            let _ = self.running[i].dns.send_to(&a, client);
        }
    }

    /// One request: `ensure NAME…`; the answer carries our namespaces.
    fn client(&mut self, stream: UnixStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut line = String::new();
        let _ = BufReader::new(&stream).read_line(&mut line);
        let names: Vec<String> = line
            .trim()
            .strip_prefix("ensure")
            .unwrap_or("")
            .split_whitespace()
            .map(String::from)
            .collect();
        let answer = match self.ensure(&names) {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("error {e}"),
        };
        let ns = ["/proc/self/ns/user", "/proc/self/ns/net"].map(File::open);
        let [Ok(user), Ok(net)] = ns else {
            return;
        };
        let fds = [user.as_raw_fd(), net.as_raw_fd()];
        let cmsg = [ControlMessage::ScmRights(&fds)];
        let _ = sendmsg::<UnixAddr>(
            stream.as_raw_fd(),
            &[IoSlice::new(answer.as_bytes())],
            &cmsg,
            MsgFlags::empty(),
            None,
        );
    }

    /// Bridges and DNS listeners for `names`; bridges of removed networks go.
    fn ensure(&mut self, names: &[String]) -> Result<(), String> {
        let all = networks::list(&self.paths).map_err(|e| e.to_string())?;
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
                .ok_or_else(|| format!("network {name} does not exist"))?;
            if self.running.iter().any(|r| r.net.id == net.id) {
                continue;
            }
            self.rt
                .add_bridge(&net.network_interface)
                .map_err(|e| e.to_string())?;
            let index = rtnl::index(&net.network_interface).map_err(|e| e.to_string())?;
            let cidr = net.cidr();
            self.rt
                .add_addr(index, net.gateway(), cidr.prefix)
                .map_err(|e| e.to_string())?;
            let dns = UdpSocket::bind(SocketAddr::from((net.gateway(), 53)))
                .map_err(|e| format!("cannot listen on {}:53: {e}", net.gateway()))?;
            self.running.push(Running {
                net: net.clone(),
                dns,
            });
        }
        Ok(())
    }
}
