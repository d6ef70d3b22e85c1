//! systemd's readiness protocol (sd_notify): one datagram to `$NOTIFY_SOCKET`, so a
//! `Type=notify` unit that runs `rcon run` becomes active once the container runs.
use std::io;
use std::os::unix::net::{SocketAddr, UnixDatagram};

/// `--sdnotify`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum SdNotify {
    /// rcon says READY=1 once the container's first process runs (Podman's default).
    #[default]
    Conmon,
    /// The container says it, through a socket rcon relays ([`Relay`]).
    Container,
    /// Nobody says it.
    Ignore,
}

impl SdNotify {
    /// Parses `--sdnotify`.
    pub(crate) fn parse(s: &str) -> Option<SdNotify> {
        match s {
            "conmon" => Some(SdNotify::Conmon),
            "container" => Some(SdNotify::Container),
            "ignore" => Some(SdNotify::Ignore),
            _ => None,
        }
    }
}

/// The socket address in `$NOTIFY_SOCKET` (a path, or `@name` in the abstract namespace).
fn address(socket: &str) -> io::Result<SocketAddr> {
    match socket.strip_prefix('@') {
        Some(name) => {
            use std::os::linux::net::SocketAddrExt;
            SocketAddr::from_abstract_name(name.as_bytes())
        }
        None => SocketAddr::from_pathname(socket),
    }
}

/// Sends `state` (e.g. `READY=1`) when `$NOTIFY_SOCKET` is set; a no-op otherwise.
pub(crate) fn notify(state: &str) -> io::Result<()> {
    let Some(socket) = std::env::var_os("NOTIFY_SOCKET") else {
        return Ok(());
    };
    let socket = socket.to_string_lossy().into_owned();
    let sock = UnixDatagram::unbound()?;
    sock.send_to_addr(state.as_bytes(), &address(&socket)?)?;
    Ok(())
}

/// Where the container finds the relay's socket (`--sdnotify=container`).
pub(crate) const CONTAINER_DIR: &str = "/run/notify";
/// `$NOTIFY_SOCKET` inside the container.
pub(crate) const CONTAINER_SOCKET: &str = "/run/notify/notify.sock";

/// `--sdnotify=container`: a socket bound into the container whose datagrams rcon passes on
/// to `$NOTIFY_SOCKET`. systemd counts a notification only from a process of the unit, and the
/// container runs in a scope of its own; rcon, the unit's main process, is in the unit.
/// `MAINPID=` is dropped (rcon stays the main process). The folder goes on drop.
#[derive(Debug)]
pub(crate) struct Relay {
    dir: std::path::PathBuf,
    socket: Option<UnixDatagram>,
}

impl Relay {
    /// Binds the relay's socket in a fresh folder under `parent` (the runroot).
    pub(crate) fn bind(parent: &std::path::Path) -> io::Result<Relay> {
        use std::os::unix::fs::PermissionsExt;
        let dir = parent.join(format!("notify-{}", crate::util::time::unique_suffix()));
        std::fs::create_dir_all(&dir)?;
        // Any user of the container may write to it, as to systemd's own socket.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))?;
        let path = dir.join("notify.sock");
        // From here on the folder goes with `relay`, on success or not.
        let mut relay = Relay { dir, socket: None };
        let socket = UnixDatagram::bind(&path)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777))?;
        relay.socket = Some(socket);
        Ok(relay)
    }

    /// The folder to bind at [`CONTAINER_DIR`].
    pub(crate) fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Passes every datagram on, from a thread of its own, for as long as rcon runs.
    pub(crate) fn start(&mut self) {
        let Some(socket) = self.socket.take() else {
            return;
        };
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 4096];
            while let Ok(n) = socket.recv(&mut buf) {
                let text = String::from_utf8_lossy(&buf[..n]);
                let kept = relayed(&text);
                if !kept.is_empty() {
                    if let Err(e) = notify(&kept) {
                        log::warn!("cannot pass the container's notification to systemd: {e}");
                    }
                }
            }
        });
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A container's notification as rcon passes it on: without `MAINPID=`.
fn relayed(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("MAINPID=") && !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn relayed_messages_lose_mainpid() {
        assert_eq!(
            relayed("READY=1\nMAINPID=7\nSTATUS=up"),
            "READY=1\nSTATUS=up"
        );
        assert_eq!(relayed("MAINPID=7"), "");
    }

    use super::*;

    #[test]
    fn modes_parse_by_podmans_names() {
        assert_eq!(SdNotify::parse("conmon"), Some(SdNotify::Conmon));
        assert_eq!(SdNotify::parse("container"), Some(SdNotify::Container));
        assert_eq!(SdNotify::parse("ignore"), Some(SdNotify::Ignore));
        assert_eq!(SdNotify::parse("healthy"), None);
    }

    #[test]
    fn a_datagram_reaches_a_path_socket() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let server = UnixDatagram::bind(&path).unwrap();
        let addr = address(path.to_str().unwrap()).unwrap();
        UnixDatagram::unbound()
            .unwrap()
            .send_to_addr(b"READY=1", &addr)
            .unwrap();
        let mut buf = [0u8; 16];
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1");
    }
}
