//! systemd's readiness protocol (sd_notify): one datagram to `$NOTIFY_SOCKET`, so a
//! `Type=notify` unit that runs `rcon run` becomes active once the container runs, and one that
//! runs `rcon kube play --service-container` follows the play's service container (`MAINPID=`).
use std::ffi::OsStr;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::time::Duration;

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

/// The longest socket address: `sun_path` less its terminating (path) or leading (abstract)
/// NUL.
const MAX_ADDRESS: usize = 107;

/// Why systemd could not be told.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NotifyError {
    #[error(
        "NOTIFY_SOCKET {value:?}: expected an absolute path, or @NAME for an abstract socket, \
         as systemd sets it"
    )]
    NotAbsolute { value: String },
    #[error("NOTIFY_SOCKET {value:?}: longer than a socket address can be ({MAX_ADDRESS} bytes)")]
    TooLong { value: String },
    #[error("cannot send {what} to NOTIFY_SOCKET {value}: {source}")]
    Send {
        what: String,
        value: String,
        #[source]
        source: io::Error,
    },
}

/// The socket `$NOTIFY_SOCKET` names (a path, or `@name` in the abstract namespace).
#[derive(Debug)]
pub(crate) struct Socket {
    value: String,
    addr: SocketAddr,
}

impl Socket {
    /// `$NOTIFY_SOCKET`, checked; `None` when it is unset or empty (systemd did not ask).
    pub(crate) fn from_env() -> Result<Option<Socket>, NotifyError> {
        Socket::parse(&std::env::var_os("NOTIFY_SOCKET").unwrap_or_default())
    }

    fn parse(value: &OsStr) -> Result<Option<Socket>, NotifyError> {
        let bytes = value.as_bytes();
        let shown = || value.to_string_lossy().into_owned();
        let (name, abstract_name) = match bytes {
            [] => return Ok(None),
            [b'@', name @ ..] => (name, true),
            [b'/', ..] => (bytes, false),
            _ => return Err(NotifyError::NotAbsolute { value: shown() }),
        };
        if name.len() > MAX_ADDRESS {
            return Err(NotifyError::TooLong { value: shown() });
        }
        let addr = if abstract_name {
            use std::os::linux::net::SocketAddrExt;
            SocketAddr::from_abstract_name(name)
        } else {
            SocketAddr::from_pathname(std::path::Path::new(value))
        };
        // (Only a NUL inside the value is left to refuse, which no environment holds.)
        let addr = addr.map_err(|_| NotifyError::NotAbsolute { value: shown() })?;
        Ok(Some(Socket {
            value: shown(),
            addr,
        }))
    }

    /// Sends `state` (e.g. `READY=1`, or `MAINPID=…\nREADY=1`) as one datagram.
    pub(crate) fn send(&self, state: &str) -> Result<(), NotifyError> {
        let sent =
            UnixDatagram::unbound().and_then(|s| s.send_to_addr(state.as_bytes(), &self.addr));
        sent.map(drop).map_err(|source| NotifyError::Send {
            what: state.replace('\n', " "),
            value: self.value.clone(),
            source,
        })
    }
}

/// Sends `state` (e.g. `READY=1`) when `$NOTIFY_SOCKET` is set; a no-op otherwise.
pub(crate) fn notify(state: &str) -> Result<(), NotifyError> {
    match Socket::from_env()? {
        Some(socket) => socket.send(state),
        None => Ok(()),
    }
}

/// Whether this process runs in a systemd service (systemd sets `$INVOCATION_ID` for every
/// process a unit starts), as Podman asks before it moves conmon out of the unit.
pub(crate) fn in_systemd_unit() -> bool {
    std::env::var_os("INVOCATION_ID").is_some_and(|v| !v.is_empty())
}

/// Whether a notification says `READY=1` (one of its lines).
pub(crate) fn says_ready(datagram: &[u8]) -> bool {
    datagram.split(|b| *b == b'\n').any(|l| l == b"READY=1")
}

/// Where the container finds the relay's socket (`--sdnotify=container`).
pub(crate) const CONTAINER_DIR: &str = "/run/notify";
/// `$NOTIFY_SOCKET` inside the container.
pub(crate) const CONTAINER_SOCKET: &str = "/run/notify/notify.sock";

/// `--sdnotify=container`: a socket bound into the container whose datagrams rcon passes on
/// to `$NOTIFY_SOCKET`. systemd counts a notification only from a process of the unit, and the
/// container runs in a scope of its own; rcon, the unit's main process, is in the unit.
/// `MAINPID=` is dropped (rcon stays the main process). The folder goes on drop, unless
/// [`Relay::keep`] was called.
#[derive(Debug)]
pub(crate) struct Relay {
    dir: std::path::PathBuf,
    socket: Option<UnixDatagram>,
    keep: bool,
}

/// The folder of the socket `kube play` binds into container `name` ([`Relay::bind_for`]),
/// under `runroot`: named by a digest of the name, so that its path stays short enough for a
/// socket address whatever the name's length.
pub(crate) fn kept_dir(runroot: &std::path::Path, name: &str) -> std::path::PathBuf {
    let digest = crate::util::digest::Digest::of(name.as_bytes());
    runroot.join("notify").join(digest.short())
}

impl Relay {
    /// Binds the relay's socket in a fresh folder under `parent` (the runroot).
    pub(crate) fn bind(parent: &std::path::Path) -> io::Result<Relay> {
        let dir = parent.join(format!("notify-{}", crate::util::time::unique_suffix()));
        Relay::bind_in(dir)
    }

    /// `kube play`'s socket for container `name` (policy `container`), in [`kept_dir`], made
    /// afresh.
    pub(crate) fn bind_for(runroot: &std::path::Path, name: &str) -> io::Result<Relay> {
        let dir = kept_dir(runroot, name);
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        Relay::bind_in(dir)
    }

    /// Once the container that binds it was made: the folder stays when the relay goes, so
    /// that the container, started again after the play, still finds it (its notifications
    /// are refused from then on, as Podman's are once the play's proxy closed). It goes with
    /// the container.
    pub(crate) fn keep(&mut self) {
        self.keep = true;
    }

    fn bind_in(dir: std::path::PathBuf) -> io::Result<Relay> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(&dir)?;
        // Any user of the container may write to it, as to systemd's own socket.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))?;
        let path = dir.join("notify.sock");
        // From here on the folder goes with `relay`, on success or not.
        let mut relay = Relay {
            dir,
            socket: None,
            keep: false,
        };
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

    /// `kube play`'s wait for a container whose policy is `container`: true once the
    /// container sent `READY=1`, false when `running` says it stopped first (asked between
    /// reads, a few times a second). Nothing is passed on to systemd; from READY=1 on, a thread
    /// reads and drops whatever else comes for as long as rcon runs, so that a container that
    /// keeps notifying never blocks on a full socket (Podman's proxy does the same).
    pub(crate) fn wait_ready(&mut self, mut running: impl FnMut() -> bool) -> io::Result<bool> {
        let Some(socket) = self.socket.take() else {
            return Ok(true);
        };
        socket.set_read_timeout(Some(Duration::from_millis(250)))?;
        let mut buf = vec![0u8; 4096];
        let mut last_look = false;
        loop {
            match socket.recv(&mut buf) {
                Ok(n) if says_ready(&buf[..n]) => break,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    if last_look {
                        return Ok(false);
                    }
                    // Stopped: what it sent before it ended is read once more, without waiting.
                    if !running() {
                        socket.set_nonblocking(true)?;
                        last_look = true;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        socket.set_nonblocking(false)?;
        socket.set_read_timeout(None)?;
        std::thread::spawn(move || while socket.recv(&mut buf).is_ok() {});
        Ok(true)
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
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
        let socket = Socket::parse(path.as_os_str()).unwrap().unwrap();
        socket.send("MAINPID=7\nREADY=1").unwrap();
        let mut buf = [0u8; 32];
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"MAINPID=7\nREADY=1");
    }

    #[test]
    fn notify_socket_values_are_checked_before_use() {
        use std::os::linux::net::SocketAddrExt;
        let parse = |v: &str| Socket::parse(OsStr::new(v));
        assert!(parse("").unwrap().is_none(), "empty is unset");
        let abs = parse("@/org/freedesktop/systemd1/notify").unwrap().unwrap();
        assert_eq!(
            abs.addr.as_abstract_name(),
            Some(&b"/org/freedesktop/systemd1/notify"[..])
        );
        let path = parse("/run/user/1000/systemd/notify").unwrap().unwrap();
        assert_eq!(
            path.addr.as_pathname(),
            Some(std::path::Path::new("/run/user/1000/systemd/notify"))
        );
        for bad in ["notify.sock", "./n", "vsock:2:1234"] {
            let e = parse(bad).unwrap_err();
            assert!(matches!(e, NotifyError::NotAbsolute { .. }), "{bad}: {e}");
            assert!(e.to_string().starts_with("NOTIFY_SOCKET \""), "{e}");
        }
        let long = format!("/{}", "n".repeat(MAX_ADDRESS));
        assert!(matches!(parse(&long), Err(NotifyError::TooLong { .. })));
        assert!(parse(&long[..MAX_ADDRESS]).is_ok());
        assert!(parse(&format!("@{}", "n".repeat(MAX_ADDRESS))).is_ok());
    }

    #[test]
    fn a_send_to_nobody_names_the_socket() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone");
        let socket = Socket::parse(path.as_os_str()).unwrap().unwrap();
        let e = socket.send("MAINPID=7\nREADY=1").unwrap_err().to_string();
        assert!(
            e.starts_with(&format!(
                "cannot send MAINPID=7 READY=1 to NOTIFY_SOCKET {}: ",
                path.display()
            )),
            "{e}"
        );
    }

    #[test]
    fn ready_is_a_line_of_its_own() {
        assert!(says_ready(b"READY=1"));
        assert!(says_ready(b"STATUS=up\nREADY=1\n"));
        assert!(!says_ready(b"READY=10"));
        assert!(!says_ready(b"STATUS=READY=1"));
    }

    #[test]
    fn a_relay_waits_for_ready_or_the_containers_end() {
        let dir = tempfile::tempdir().unwrap();
        let mut relay = Relay::bind(dir.path()).unwrap();
        let path = relay.dir().join("notify.sock");
        let client = UnixDatagram::unbound().unwrap();
        // A relay that stopped reading would fail the sends below instead of hanging them.
        client
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        client.send_to(b"STATUS=warming up", &path).unwrap();
        client.send_to(b"MAINPID=1\nREADY=1", &path).unwrap();
        assert!(relay.wait_ready(|| true).unwrap());
        // Later notifications are read and dropped: none blocks or fails.
        for _ in 0..2000 {
            client.send_to(b"WATCHDOG=1", &path).unwrap();
        }
        let mut silent = Relay::bind(dir.path()).unwrap();
        assert!(!silent.wait_ready(|| false).unwrap());
        // What a container sent just before it ended still counts.
        let mut last = Relay::bind(dir.path()).unwrap();
        client
            .send_to(b"READY=1", last.dir().join("notify.sock"))
            .unwrap();
        assert!(last.wait_ready(|| false).unwrap());
    }

    #[test]
    fn a_kept_relays_folder_outlives_it_and_is_made_afresh_by_the_next_play() {
        let dir = tempfile::tempdir().unwrap();
        let name = "a-pod-with-a-rather-long-name-".repeat(8) + "and-its-container";
        let kept = kept_dir(dir.path(), &name);
        assert_eq!(kept.parent(), Some(dir.path().join("notify").as_path()));
        assert_eq!(kept.file_name().unwrap().len(), 12);
        // Its container could not be made: it goes.
        drop(Relay::bind_for(dir.path(), &name).unwrap());
        assert!(!kept.exists());
        let mut made = Relay::bind_for(dir.path(), &name).unwrap();
        made.keep();
        drop(made);
        assert!(kept.join("notify.sock").exists());
        // The next play of that name binds again over what the last one left.
        let again = Relay::bind_for(dir.path(), &name).unwrap();
        assert_eq!(again.dir(), kept);
        drop(Relay::bind(dir.path()).unwrap());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the kept folder's parent is left");
    }
}
