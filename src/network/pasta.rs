//! pasta (from passt), started by the supervisor on the container's network namespace. pasta
//! copies the host's addresses and routes into the namespace (`--config-net`) and forwards the
//! published ports itself (`-t`/`-u`). It stays in the foreground as the supervisor's child,
//! with a parent-death signal (so a killed supervisor takes it along); it writes its pid file
//! once the namespace is configured, which is how we know it is ready.
use super::setup::{NetError, Result};
use crate::network::PortMapping;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PID_FILE: &str = "pasta.pid";

/// How long pasta may take to configure the namespace.
const READY_TIMEOUT: Duration = Duration::from_secs(10);

/// A started pasta.
pub(crate) struct Pasta {
    child: Child,
    run_dir: PathBuf,
    log: PathBuf,
    ready: bool,
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

impl Pasta {
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
        let ns = nix::unistd::dup(netns.as_raw_fd()).map_err(|e| spawn_err(e.into()))?;
        let ns = crate::sys::fd::own(ns);
        let _ = std::fs::remove_file(run_dir.join(PID_FILE));
        let mut cmd = Command::new("pasta");
        cmd.args(["--foreground", "--config-net", "--quiet"])
            .args(port_args(ports))
            .args(opts)
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
        })
    }

    /// Waits until pasta has configured the namespace (its pid file is there).
    pub(crate) fn wait_ready(&mut self) -> Result<()> {
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
            std::thread::sleep(Duration::from_millis(2));
        }
        Ok(())
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
}
