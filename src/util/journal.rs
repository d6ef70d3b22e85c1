//! A writer of the systemd journal's native protocol, without libsystemd: one datagram per
//! entry to `/run/systemd/journal/socket`, each field either `KEY=value\n` or, for a value
//! with a newline or bytes that are not UTF-8, `KEY\n<length: u64 little endian><value>\n`.
//!
//! An entry too large for one datagram (the kernel answers EMSGSIZE) goes the way the
//! protocol defines for it: the same bytes in a sealed memfd, whose descriptor travels alone
//! (SCM_RIGHTS) in an empty datagram.
//!
//! Field names are the journal's: upper-case letters, digits and `_`, not starting with `_`
//! (those are the journal's own trusted fields) nor a digit, at most 64 bytes.
use nix::sys::socket::{sendmsg, ControlMessage, MsgFlags, UnixAddr};
use std::io::{self, IoSlice, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

/// Where journald listens for native entries.
pub(crate) const SOCKET: &str = "/run/systemd/journal/socket";

/// The longest field name the journal takes.
const MAX_KEY: usize = 64;

/// True when the journal's socket exists on this host.
pub(crate) fn available() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(SOCKET).is_ok_and(|m| m.file_type().is_socket())
}

/// Sends one entry of `fields` to the journal (for a writer of single entries, such as events).
pub(crate) fn send(fields: &[(&str, &[u8])]) -> io::Result<()> {
    Journal::connect()?.send(fields)
}

/// An unbound datagram socket for sending entries, kept by a writer of many of them.
#[derive(Debug)]
pub(crate) struct Journal {
    sock: UnixDatagram,
    path: PathBuf,
}

impl Journal {
    /// A socket for the system's journal.
    pub(crate) fn connect() -> io::Result<Journal> {
        Journal::at(Path::new(SOCKET))
    }

    /// A socket for the journal listening at `path` (tests give their own).
    pub(crate) fn at(path: &Path) -> io::Result<Journal> {
        Ok(Journal {
            sock: UnixDatagram::unbound()?,
            path: path.to_path_buf(),
        })
    }

    /// Sends one entry; a datagram too large goes through a memfd.
    pub(crate) fn send(&self, fields: &[(&str, &[u8])]) -> io::Result<()> {
        let entry = encode(fields)?;
        match self.sock.send_to(&entry, &self.path) {
            Ok(_) => Ok(()),
            Err(e) if matches!(e.raw_os_error(), Some(libc::EMSGSIZE | libc::ENOBUFS)) => {
                self.send_memfd(&entry)
            }
            Err(e) => Err(e),
        }
    }

    /// Waits until journald has read every entry sent on this socket (so a reader of the
    /// journal finds them), at most `limit`.
    pub(crate) fn flush(&self, limit: std::time::Duration) {
        let start = std::time::Instant::now();
        while crate::sys::sockq::unread(self.sock.as_raw_fd()).is_ok_and(|n| n > 0)
            && start.elapsed() < limit
        {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// The entry in a sealed memfd, its descriptor in an otherwise empty datagram.
    fn send_memfd(&self, entry: &[u8]) -> io::Result<()> {
        use nix::fcntl::{fcntl, FcntlArg, SealFlag};
        use nix::sys::memfd::{memfd_create, MemFdCreateFlag};
        let fd = memfd_create(
            c"rcon-journal",
            MemFdCreateFlag::MFD_CLOEXEC | MemFdCreateFlag::MFD_ALLOW_SEALING,
        )?;
        let mut file = std::fs::File::from(fd);
        file.write_all(entry)?;
        // journald takes a memfd only when it cannot change any more.
        fcntl(
            file.as_raw_fd(),
            FcntlArg::F_ADD_SEALS(
                SealFlag::F_SEAL_SHRINK
                    | SealFlag::F_SEAL_GROW
                    | SealFlag::F_SEAL_WRITE
                    | SealFlag::F_SEAL_SEAL,
            ),
        )?;
        let addr = UnixAddr::new(&self.path)?;
        let fds = [file.as_raw_fd()];
        let cmsg = [ControlMessage::ScmRights(&fds)];
        let iov: [IoSlice<'_>; 0] = [];
        loop {
            match sendmsg(
                self.sock.as_raw_fd(),
                &iov,
                &cmsg,
                MsgFlags::MSG_NOSIGNAL,
                Some(&addr),
            ) {
                Ok(_) => return Ok(()),
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// True for a field name the journal accepts from a client.
pub(crate) fn valid_key(key: &str) -> bool {
    let b = key.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_KEY
        && !b[0].is_ascii_digit()
        && b[0] != b'_'
        && b.iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
}

/// The datagram for one entry: every field in the plain form where the value allows it, else
/// in the length-prefixed form. An invalid field name is an error (journald would drop it).
pub(crate) fn encode(fields: &[(&str, &[u8])]) -> io::Result<Vec<u8>> {
    let size: usize = fields.iter().map(|(k, v)| k.len() + v.len() + 10).sum();
    let mut out = Vec::with_capacity(size);
    for (key, value) in fields {
        if !valid_key(key) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("invalid journal field name {key:?}"),
            ));
        }
        out.extend_from_slice(key.as_bytes());
        if value.contains(&b'\n') || std::str::from_utf8(value).is_err() {
            out.push(b'\n');
            out.extend_from_slice(&(value.len() as u64).to_le_bytes());
        } else {
            out.push(b'=');
        }
        out.extend_from_slice(value);
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nix::sys::socket::{recvmsg, ControlMessageOwned};
    use std::io::{IoSliceMut, Read, Seek};
    use std::os::fd::RawFd;

    /// Parses a datagram back into fields, as journald reads it.
    fn decode(mut d: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        while !d.is_empty() {
            let nl = d.iter().position(|&b| b == b'\n').unwrap();
            let line = &d[..nl];
            if let Some(eq) = line.iter().position(|&b| b == b'=') {
                out.push((
                    String::from_utf8(line[..eq].to_vec()).unwrap(),
                    line[eq + 1..].to_vec(),
                ));
                d = &d[nl + 1..];
            } else {
                let key = String::from_utf8(line.to_vec()).unwrap();
                let len = u64::from_le_bytes(d[nl + 1..nl + 9].try_into().unwrap()) as usize;
                let value = d[nl + 9..nl + 9 + len].to_vec();
                assert_eq!(d[nl + 9 + len], b'\n', "a binary field ends in a newline");
                out.push((key, value));
                d = &d[nl + 10 + len..];
            }
        }
        out
    }

    #[test]
    fn plain_values_are_key_equals_value_lines() {
        let d = encode(&[("MESSAGE", b"hello world"), ("PRIORITY", b"6")]).unwrap();
        assert_eq!(d, b"MESSAGE=hello world\nPRIORITY=6\n");
    }

    #[test]
    fn an_empty_value_is_still_a_field() {
        assert_eq!(encode(&[("MESSAGE", b"")]).unwrap(), b"MESSAGE=\n");
    }

    #[test]
    fn values_with_newlines_use_the_length_prefixed_form() {
        let d = encode(&[("MESSAGE", b"two\nlines"), ("X", b"y")]).unwrap();
        let mut want = b"MESSAGE\n".to_vec();
        want.extend_from_slice(&9u64.to_le_bytes());
        want.extend_from_slice(b"two\nlines\nX=y\n");
        assert_eq!(d, want);
        assert_eq!(
            decode(&d),
            [
                ("MESSAGE".to_string(), b"two\nlines".to_vec()),
                ("X".to_string(), b"y".to_vec())
            ]
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_travel_binary_safe() {
        let value = [0xff, 0x00, b'=', 0xfe];
        let d = encode(&[("DATA", &value)]).unwrap();
        assert!(d.starts_with(b"DATA\n"));
        assert_eq!(decode(&d), [("DATA".to_string(), value.to_vec())]);
    }

    #[test]
    fn an_equals_sign_in_a_value_stays_plain() {
        let d = encode(&[("MESSAGE", b"a=b")]).unwrap();
        assert_eq!(d, b"MESSAGE=a=b\n");
        assert_eq!(decode(&d), [("MESSAGE".to_string(), b"a=b".to_vec())]);
    }

    #[test]
    fn field_names_are_checked() {
        for good in [
            "MESSAGE",
            "CONTAINER_ID_FULL",
            "PODMAN_EVENT",
            "A1",
            &"K".repeat(64),
        ] {
            assert!(valid_key(good), "{good}");
        }
        for bad in [
            "",
            "message",
            "_PID",
            "1ABC",
            "WITH SPACE",
            "A=B",
            "Ä",
            &"K".repeat(65),
        ] {
            assert!(!valid_key(bad), "{bad}");
            assert!(encode(&[(bad, b"x")]).is_err(), "{bad}");
        }
    }

    fn listener() -> (tempfile::TempDir, UnixDatagram, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("socket");
        let sock = UnixDatagram::bind(&path).unwrap();
        (dir, sock, path)
    }

    #[test]
    fn an_entry_arrives_as_one_datagram() {
        let (_dir, rx, path) = listener();
        let j = Journal::at(&path).unwrap();
        j.send(&[("MESSAGE", b"hi"), ("PRIORITY", b"3")]).unwrap();
        let mut buf = [0u8; 256];
        let n = rx.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"MESSAGE=hi\nPRIORITY=3\n");
    }

    #[test]
    fn an_entry_too_large_for_a_datagram_goes_in_a_sealed_memfd() {
        let (_dir, rx, path) = listener();
        let j = Journal::at(&path).unwrap();
        // Far above the largest datagram the kernel sends (net.core.wmem_max).
        let big = vec![b'x'; 8 << 20];
        j.send(&[("MESSAGE", &big)]).unwrap();
        let mut buf = [0u8; 16];
        let mut iov = [IoSliceMut::new(&mut buf)];
        let mut space = nix::cmsg_space!([RawFd; 1]);
        let msg = recvmsg::<()>(
            rx.as_raw_fd(),
            &mut iov,
            Some(&mut space),
            MsgFlags::MSG_CMSG_CLOEXEC,
        )
        .unwrap();
        assert_eq!(msg.bytes, 0, "the datagram carries only the descriptor");
        let fd = msg
            .cmsgs()
            .unwrap()
            .find_map(|c| match c {
                ControlMessageOwned::ScmRights(fds) => fds.first().copied(),
                _ => None,
            })
            .expect("a descriptor");
        let mut file = std::fs::File::from(crate::sys::fd::own(fd));
        let seals = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GET_SEALS).unwrap();
        assert_ne!(seals & libc::F_SEAL_WRITE, 0, "sealed against writes");
        // The descriptor shares the sender's file offset (at the end): read from the start.
        let mut got = Vec::new();
        file.seek(std::io::SeekFrom::Start(0)).unwrap();
        file.read_to_end(&mut got).unwrap();
        assert_eq!(got.len(), "MESSAGE=".len() + big.len() + 1);
        assert_eq!(decode(&got), [("MESSAGE".to_string(), big)]);
    }

    #[test]
    fn a_missing_journal_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::at(&dir.path().join("none")).unwrap();
        assert!(j.send(&[("MESSAGE", b"x")]).is_err());
    }
}
