//! slirp4netns, started by the supervisor on the container's network namespace, as Podman
//! starts it: `--configure --mtu=65520 --disable-host-loopback --enable-sandbox
//! --enable-seccomp`, a ready descriptor (it writes once `tap0` is configured), an exit
//! descriptor (it ends when our end closes: at teardown, or when the supervisor dies) and an
//! API socket in the container's run folder, through which ports are published
//! (`add_hostfwd`: libslirp accepts on the host and connects in the namespace, so the
//! container sees the client's own address).
use super::setup::{end_child, wait_readable, NetError, Result};
use crate::network::{PortMapping, SlirpOptions};
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The API socket's name in the container's run folder (passed relative to it: the full path
/// may not fit a socket address).
const API_SOCKET: &str = "slirp4netns.sock";
/// How long slirp4netns may take to configure the namespace.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// A running slirp4netns.
pub(crate) struct Slirp {
    child: Child,
    ready: Option<OwnedFd>,
    /// Closing it ends slirp4netns.
    exit: Option<OwnedFd>,
    run_dir: PathBuf,
    log: PathBuf,
    /// It forwards published ports, which must be free again once the container's end is
    /// reported.
    publishes: bool,
}

/// The slirp4netns arguments for `opts` (without the descriptors and the namespace).
pub(crate) fn args(opts: &SlirpOptions) -> Vec<String> {
    let mut a = vec![
        "--configure".to_string(),
        format!("--mtu={}", opts.mtu),
        "--enable-sandbox".into(),
        "--enable-seccomp".into(),
    ];
    if !opts.allow_host_loopback {
        a.push("--disable-host-loopback".into());
    }
    if opts.enable_ipv6 {
        a.push("--enable-ipv6".into());
    }
    if let Some(cidr) = &opts.cidr {
        a.push(format!("--cidr={cidr}"));
    }
    a
}

/// A pipe whose `keep` end is close-on-exec (ours) and whose other end is inherited.
fn pipe_for_child() -> io::Result<(OwnedFd, OwnedFd)> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::empty())?;
    Ok((r, w))
}

fn set_cloexec(fd: &OwnedFd) -> io::Result<()> {
    nix::fcntl::fcntl(
        fd.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )?;
    Ok(())
}

impl Slirp {
    /// Starts slirp4netns on `netns`. The descriptors it inherits are made without
    /// close-on-exec and closed here right after the spawn, so no other child gets them.
    pub(crate) fn spawn(
        netns: BorrowedFd<'_>,
        opts: &SlirpOptions,
        id: &str,
        run_dir: &Path,
        log: PathBuf,
    ) -> Result<Slirp> {
        let spawn_err = |source| NetError::Spawn {
            helper: "slirp4netns",
            source,
        };
        let (ready_r, ready_w) = pipe_for_child().map_err(spawn_err)?;
        let (exit_r, exit_w) = pipe_for_child().map_err(spawn_err)?;
        set_cloexec(&ready_r).map_err(spawn_err)?;
        set_cloexec(&exit_w).map_err(spawn_err)?;
        let ns = nix::unistd::dup(netns.as_raw_fd()).map_err(|e| spawn_err(e.into()))?;
        let ns = crate::sys::fd::own(ns);
        let _ = std::fs::remove_file(run_dir.join(API_SOCKET));
        let child = Command::new("slirp4netns")
            .args(args(opts))
            .arg(format!("--ready-fd={}", ready_w.as_raw_fd()))
            .arg(format!("--exit-fd={}", exit_r.as_raw_fd()))
            .arg(format!("--api-socket={API_SOCKET}"))
            .arg("--netns-type=path")
            .arg(format!("/proc/self/fd/{}", ns.as_raw_fd()))
            .arg("tap0")
            .current_dir(run_dir)
            // Which container it serves, for whoever looks at the process.
            .env("RCON_CONTAINER_ID", id)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(spawn_err)?;
        drop((ready_w, exit_r, ns));
        Ok(Slirp {
            child,
            ready: Some(ready_r),
            exit: Some(exit_w),
            run_dir: run_dir.to_path_buf(),
            log,
            publishes: false,
        })
    }

    /// Waits until slirp4netns says the namespace is configured.
    pub(crate) fn wait_ready(&mut self) -> Result<()> {
        let Some(ready) = self.ready.take() else {
            return Ok(());
        };
        let readable =
            wait_readable(std::os::fd::AsFd::as_fd(&ready), READY_TIMEOUT).unwrap_or(true);
        if !readable {
            return Err(NetError::Timeout {
                helper: "slirp4netns",
                secs: READY_TIMEOUT.as_secs(),
                log: self.log.clone(),
            });
        }
        let mut b = [0u8; 1];
        match std::fs::File::from(ready).read(&mut b) {
            Ok(1) => Ok(()),
            _ => {
                let how = match self.child.wait() {
                    Ok(status) => status.to_string(),
                    Err(e) => e.to_string(),
                };
                Err(NetError::Died {
                    helper: "slirp4netns",
                    how,
                    log: self.log.clone(),
                })
            }
        }
    }

    /// Publishes one port through the API socket. A taken host port says so plainly.
    pub(crate) fn add_hostfwd(&mut self, p: &PortMapping) -> Result<()> {
        self.publishes = true;
        let host_addr = if p.host_ip.is_empty() {
            "0.0.0.0"
        } else {
            &p.host_ip
        };
        let request = serde_json::json!({
            "execute": "add_hostfwd",
            "arguments": {
                "proto": p.protocol,
                "host_addr": host_addr,
                "host_port": p.host_port,
                "guest_port": p.container_port,
            }
        });
        let reply = self.call(&request)?;
        if reply.get("return").is_some() {
            return Ok(());
        }
        if port_taken(p) {
            return Err(NetError::PortTaken {
                port: p.host_port,
                protocol: p.protocol.clone(),
            });
        }
        Err(NetError::Publish {
            port: p.host_port,
            protocol: p.protocol.clone(),
            message: reply["error"]["desc"]
                .as_str()
                .unwrap_or("slirp4netns refused it")
                .to_string(),
        })
    }

    /// One request on a fresh connection; slirp4netns answers and closes.
    fn call(&self, request: &serde_json::Value) -> Result<serde_json::Value> {
        let path = self.run_dir.join(API_SOCKET);
        let api_err = |source| NetError::Api {
            path: path.clone(),
            source,
        };
        let dir = std::fs::File::open(&self.run_dir).map_err(api_err)?;
        let mut sock =
            UnixStream::connect(format!("/proc/self/fd/{}/{API_SOCKET}", dir.as_raw_fd()))
                .map_err(api_err)?;
        sock.set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(api_err)?;
        sock.write_all(request.to_string().as_bytes())
            .map_err(api_err)?;
        sock.shutdown(std::net::Shutdown::Write).map_err(api_err)?;
        let mut reply = Vec::new();
        sock.read_to_end(&mut reply).map_err(api_err)?;
        serde_json::from_slice(&reply)
            .map_err(|e| api_err(io::Error::new(io::ErrorKind::InvalidData, e)))
    }

    /// Ends slirp4netns: its exit descriptor closes, then it is waited for (killed if slow).
    /// Ends slirp4netns at the container's end, as [`crate::network::pasta::Pasta::end`] ends
    /// pasta: waited for when it forwards ports, else told to end and returned to be reaped.
    pub(crate) fn end(mut self) -> Option<Slirp> {
        if self.publishes {
            self.stop();
            return None;
        }
        self.exit = None;
        Some(self)
    }

    pub(crate) fn stop(mut self) {
        self.exit = None;
        end_child(&mut self.child, Duration::from_secs(1));
        let _ = std::fs::remove_file(self.run_dir.join(API_SOCKET));
    }
}

/// Whether the host port of `p` is taken by someone else (we can bind it ourselves when not).
pub(crate) fn port_taken(p: &PortMapping) -> bool {
    let addr = std::net::SocketAddr::new(p.listen_ip(), p.host_port);
    let taken = |e: io::Error| e.kind() == io::ErrorKind::AddrInUse;
    if p.protocol == "udp" {
        std::net::UdpSocket::bind(addr).err().is_some_and(taken)
    } else {
        std::net::TcpListener::bind(addr).err().is_some_and(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_like_arguments() {
        let a = args(&SlirpOptions::default());
        assert_eq!(
            a,
            [
                "--configure",
                "--mtu=65520",
                "--enable-sandbox",
                "--enable-seccomp",
                "--disable-host-loopback"
            ]
        );
        let a = args(&SlirpOptions {
            allow_host_loopback: true,
            mtu: 1500,
            cidr: Some("10.5.0.0/24".into()),
            enable_ipv6: true,
        });
        assert!(!a.contains(&"--disable-host-loopback".to_string()));
        assert!(a.contains(&"--enable-ipv6".to_string()));
        assert!(a.contains(&"--cidr=10.5.0.0/24".to_string()));
        assert!(a.contains(&"--mtu=1500".to_string()));
    }
}
