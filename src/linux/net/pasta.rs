//! pasta (from passt), started by the supervisor on the container's network namespace. pasta
//! copies the host's addresses and routes into the namespace (`--config-net`) and forwards the
//! published ports itself (`-t`/`-u`). It runs in the background once the namespace is
//! configured: its own exit status says it is ready, its pid file says whom to end at
//! teardown.
use super::{NetError, Result};
use crate::container::net::PortMapping;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PID_FILE: &str = "pasta.pid";

/// A started pasta.
pub struct Pasta {
    /// The foreground pasta that configures, then leaves a daemon behind.
    starter: Option<Child>,
    run_dir: PathBuf,
    log: PathBuf,
}

/// pasta's port options for `ports`: `-t`/`-u` with `[ADDR/]HOST:CONTAINER`, `none` when the
/// protocol has none; nothing is forwarded from the container to the host's ports.
pub fn port_args(ports: &[PortMapping]) -> Vec<String> {
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
    pub fn spawn(
        netns: BorrowedFd<'_>,
        opts: &[String],
        ports: &[PortMapping],
        run_dir: &Path,
        log: PathBuf,
    ) -> Result<Pasta> {
        let spawn_err = |source| NetError::Spawn {
            helper: "pasta",
            source,
        };
        let ns = nix::unistd::dup(netns.as_raw_fd()).map_err(|e| spawn_err(e.into()))?;
        let ns = crate::linux::process::own(ns);
        let _ = std::fs::remove_file(run_dir.join(PID_FILE));
        let starter = Command::new("pasta")
            .args(["--config-net", "--quiet"])
            .args(port_args(ports))
            .args(opts)
            .arg("--pid")
            .arg(run_dir.join(PID_FILE))
            .arg("--netns")
            .arg(format!("/proc/self/fd/{}", ns.as_raw_fd()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(spawn_err)?;
        drop(ns);
        Ok(Pasta {
            starter: Some(starter),
            run_dir: run_dir.to_path_buf(),
            log,
        })
    }

    /// Waits until the starting pasta has configured the namespace and gone to the background.
    pub fn wait_ready(&mut self) -> Result<()> {
        let Some(mut starter) = self.starter.take() else {
            return Ok(());
        };
        match starter.wait() {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(NetError::Died {
                helper: "pasta",
                how: s.to_string(),
                log: self.log.clone(),
            }),
            // Reaped by the supervisor's SIGCHLD handling: the pid file tells.
            Err(_) if self.daemon().is_some() => Ok(()),
            Err(e) => Err(NetError::Died {
                helper: "pasta",
                how: e.to_string(),
                log: self.log.clone(),
            }),
        }
    }

    fn daemon(&self) -> Option<i32> {
        std::fs::read_to_string(self.run_dir.join(PID_FILE))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// Ends pasta's daemon.
    pub fn stop(mut self) {
        if let Some(mut s) = self.starter.take() {
            super::end_child(&mut s, Duration::from_millis(500));
        }
        if let Some(pid) = self.daemon().filter(|p| *p > 0) {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
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
