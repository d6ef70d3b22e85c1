//! systemd's readiness protocol (sd_notify): one datagram to `$NOTIFY_SOCKET`, so a
//! `Type=notify` unit that runs `rcon run` becomes active once the container runs.
use std::io;
use std::os::unix::net::{SocketAddr, UnixDatagram};

/// `--sdnotify`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SdNotify {
    /// rcon says READY=1 once the container's first process runs (Podman's default).
    #[default]
    Conmon,
    /// The container says it: `$NOTIFY_SOCKET` is passed into the container.
    Container,
    /// Nobody says it.
    Ignore,
}

impl SdNotify {
    /// Parses `--sdnotify`.
    pub fn parse(s: &str) -> Option<SdNotify> {
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
pub fn notify(state: &str) -> io::Result<()> {
    let Some(socket) = std::env::var_os("NOTIFY_SOCKET") else {
        return Ok(());
    };
    let socket = socket.to_string_lossy().into_owned();
    let sock = UnixDatagram::unbound()?;
    sock.send_to_addr(state.as_bytes(), &address(&socket)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
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
