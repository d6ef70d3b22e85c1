//! pasta (from passt), the default rootless network where it is installed, started by the
//! supervisor on the container's network namespace. pasta copies the host's addresses and
//! routes into the namespace (`--config-net`) and forwards the published ports itself
//! (`-t`/`-u`): a connection arrives in the container from the client's own address (from the
//! host's own address it arrives from the gateway's, the container having that address). As
//! Podman starts it, the gateway is not mapped to the host's loopback (`--no-map-gw`, the
//! counterpart of slirp4netns's `--disable-host-loopback`) unless the options say `--map-gw`;
//! DNS queries to [`DNS_FORWARD`] go to the host's first resolver (which may be a loopback one
//! the container could not reach). It stays in the foreground as the supervisor's child, with
//! a parent-death signal (so a killed supervisor takes it along); it writes its pid file once
//! the namespace is configured, which is how we know it is ready.
//!
//! pasta says nothing when it cannot listen on a published port: the port is checked free
//! before it starts and taken by it once it is ready.
use super::setup::{NetError, Result};
use crate::network::PortMapping;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsRawFd, BorrowedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PID_FILE: &str = "pasta.pid";

/// The nameserver address pasta answers in the container (`--dns-forward`), forwarding to the
/// host's first resolver.
pub(crate) const DNS_FORWARD: IpAddr = IpAddr::V4(Ipv4Addr::new(169, 254, 1, 1));

/// How long pasta may take to configure the namespace.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// A started pasta.
pub(crate) struct Pasta {
    child: Child,
    run_dir: PathBuf,
    log: PathBuf,
    ready: bool,
    /// It listens on published ports, which must be free again once the container's end is
    /// reported.
    publishes: bool,
}

/// pasta's port options for `ports`: `-t`/`-u` with `[ADDR/]HOST:CONTAINER`, `none` when the
/// protocol has none; nothing is forwarded from the container to the host's ports.
pub(crate) fn port_args(ports: &[PortMapping]) -> Vec<String> {
    let mut a = Vec::new();
    for (flag, proto) in [("-t", "tcp"), ("-u", "udp")] {
        let specs: Vec<String> = ports
            .iter()
            .filter(|p| p.protocol == proto)
            .map(|p| {
                let addr = if p.host_ip.is_empty() {
                    String::new()
                } else {
                    format!("{}/", p.host_ip)
                };
                format!("{addr}{}:{}", p.host_port, p.container_port)
            })
            .collect();
        a.push(flag.to_string());
        a.push(if specs.is_empty() {
            "none".to_string()
        } else {
            specs.join(",")
        });
    }
    a.extend(["-T", "none", "-U", "none"].map(String::from));
    a
}

/// Whether pasta's extra options ask for the gateway to be mapped to the host (`--map-gw`,
/// Podman's option: pasta itself only knows `--no-map-gw`).
pub(crate) fn maps_gateway(opts: &[String]) -> bool {
    opts.iter().any(|o| o == "--map-gw")
}

/// The options rcon adds to the user's: `--no-map-gw` unless they say `--map-gw`, and the DNS
/// forwarder unless they give one.
fn default_args(opts: &[String]) -> Vec<String> {
    let mut a = Vec::new();
    if !maps_gateway(opts) && !opts.iter().any(|o| o == "--no-map-gw") {
        a.push("--no-map-gw".to_string());
    }
    if !opts.iter().any(|o| o == "--dns-forward") {
        a.extend(["--dns-forward".to_string(), DNS_FORWARD.to_string()]);
    }
    a
}

impl Pasta {
    /// Starts pasta on `netns`, each published port checked free first.
    pub(crate) fn spawn(
        netns: BorrowedFd<'_>,
        opts: &[String],
        ports: &[PortMapping],
        id: &str,
        run_dir: &Path,
        log: PathBuf,
    ) -> Result<Pasta> {
        let spawn_err = |source| NetError::Spawn {
            helper: "pasta",
            source,
        };
        if let Some(p) = super::ports::taken_after(ports, super::ports::PORT_GRACE) {
            return Err(NetError::PortTaken {
                port: p.host_port,
                protocol: p.protocol.clone(),
            });
        }
        let ns = nix::unistd::dup(netns.as_raw_fd()).map_err(|e| spawn_err(e.into()))?;
        let ns = crate::sys::fd::own(ns);
        let _ = std::fs::remove_file(run_dir.join(PID_FILE));
        let mut cmd = Command::new("pasta");
        cmd.args(["--foreground", "--config-net", "--quiet"])
            .args(port_args(ports))
            .args(default_args(opts))
            // `--map-gw` is Podman's and ours (pasta maps unless told --no-map-gw).
            .args(opts.iter().filter(|o| *o != "--map-gw"))
            .arg("--pid")
            .arg(run_dir.join(PID_FILE))
            .arg("--netns")
            .arg(format!("/proc/self/fd/{}", ns.as_raw_fd()))
            // Which container it serves, for whoever looks at the process.
            .env("RCON_CONTAINER_ID", id)
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        // pasta has no exit descriptor like slirp4netns: make it die with us.
        crate::sys::pdeathsig::kill_with_parent(&mut cmd);
        let child = cmd.spawn().map_err(spawn_err)?;
        drop(ns);
        Ok(Pasta {
            child,
            run_dir: run_dir.to_path_buf(),
            log,
            ready: false,
            publishes: !ports.is_empty(),
        })
    }

    /// Waits until pasta has configured the namespace (its pid file is there), then checks
    /// that it listens on each of `ports` (it goes on silently without one it could not bind).
    pub(crate) fn wait_ready(&mut self, ports: &[PortMapping]) -> Result<()> {
        self.wait_pid_file()?;
        match ports.iter().find(|p| !super::slirp::port_taken(p)) {
            Some(p) => Err(NetError::Publish {
                port: p.host_port,
                protocol: p.protocol.clone(),
                message: format!(
                    "pasta could not listen on it (a port below \
                     /proc/sys/net/ipv4/ip_unprivileged_port_start, or taken meanwhile): see {}",
                    self.log.display()
                ),
            }),
            None => Ok(()),
        }
    }

    fn wait_pid_file(&mut self) -> Result<()> {
        let deadline = std::time::Instant::now() + READY_TIMEOUT;
        while !self.ready {
            if std::fs::metadata(self.run_dir.join(PID_FILE)).is_ok_and(|m| m.len() > 0) {
                self.ready = true;
                break;
            }
            match self.child.try_wait() {
                Ok(None) => {}
                Ok(Some(status)) => {
                    return Err(NetError::Died {
                        helper: "pasta",
                        how: status.to_string(),
                        log: self.log.clone(),
                    })
                }
                // Reaped by the supervisor's SIGCHLD handling.
                Err(e) => {
                    return Err(NetError::Died {
                        helper: "pasta",
                        how: e.to_string(),
                        log: self.log.clone(),
                    })
                }
            }
            if std::time::Instant::now() >= deadline {
                return Err(NetError::Timeout {
                    helper: "pasta",
                    secs: READY_TIMEOUT.as_secs(),
                    log: self.log.clone(),
                });
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        Ok(())
    }

    /// Ends pasta at the container's end: waited for when it publishes ports (they are free
    /// again when this returns); else only killed, and returned to be reaped with
    /// [`Pasta::stop`] once the end is reported. Its exit tears its device down, which waits
    /// for the kernel (tens of milliseconds) and holds nothing anyone waits for.
    pub(crate) fn end(mut self) -> Option<Pasta> {
        if self.publishes {
            self.stop();
            return None;
        }
        let _ = self.child.kill();
        Some(self)
    }

    /// Ends pasta.
    pub(crate) fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(self.run_dir.join(PID_FILE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_become_pasta_options() {
        let p = |ip: &str, h, c, proto: &str| PortMapping {
            host_ip: ip.into(),
            host_port: h,
            container_port: c,
            protocol: proto.into(),
        };
        assert_eq!(
            port_args(&[p("", 8080, 80, "tcp"), p("127.0.0.1", 5353, 53, "udp")]),
            [
                "-t",
                "8080:80",
                "-u",
                "127.0.0.1/5353:53",
                "-T",
                "none",
                "-U",
                "none"
            ]
        );
        assert_eq!(port_args(&[])[1], "none");
    }

    #[test]
    fn the_gateway_stays_unmapped_and_dns_is_forwarded_unless_the_options_say_otherwise() {
        assert_eq!(
            default_args(&[]),
            ["--no-map-gw", "--dns-forward", "169.254.1.1"]
        );
        let own = |o: &[&str]| default_args(&o.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            own(&["--map-gw", "--dns-forward", "10.0.0.1"]),
            Vec::<String>::new()
        );
        assert!(maps_gateway(&["--map-gw".into()]));
    }
}
