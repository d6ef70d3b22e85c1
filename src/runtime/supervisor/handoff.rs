//! What a starting supervisor finds on its descriptor 0, from the CLI that started it.
//!
//! Usually the first attached client (one end of a stream socketpair) or /dev/null. For
//! `--log-driver passthrough` or `run --preserve-fds N` it is one end of a seqpacket
//! [`Channel`] instead, holding one [`Handoff`] message whose descriptors are, in order: the
//! CLI's stdout, its stderr, its stdin (with `-i`) (passthrough), its descriptors 3 to 3+N-1
//! (preserved), and the first client's socket (when one is attached). The supervisor keeps
//! the CLI's descriptors for every run of the container ([`stdio::set_passthrough`],
//! [`preserved`]), so the container writes to whatever `rcon run` wrote to (a file, a pipe,
//! a unit's journal stream) and gets the descriptors `rcon run` was given.
use super::server::{self, Client};
use super::stdio::{self, Passthrough};
use crate::ipc::Channel;
use serde::{Deserialize, Serialize};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::sync::OnceLock;

/// The one message of a handoff: which optional descriptors came along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Handoff {
    passthrough: bool,
    stdin: bool,
    /// The numbers the preserved descriptors had in the CLI (those of 3.. that were open).
    preserved: Vec<RawFd>,
    client: bool,
}

/// The least number the supervisor keeps a preserved descriptor at: above every descriptor
/// of its own, and above 3+N for any N `--preserve-fds` allows, so the container's first
/// process can put them at 3.. without overwriting one with another.
const PRESERVED_AT: RawFd = 512;

/// The most descriptors `--preserve-fds` passes (one message carries 253 at most).
pub(crate) const MAX_PRESERVED: u32 = 240;

/// The supervisor's copies of the CLI's preserved descriptors and their numbers there.
static PRESERVED: OnceLock<Vec<(OwnedFd, RawFd)>> = OnceLock::new();

/// The descriptors the container's first process gets (`--preserve-fds`): each copy and the
/// number it takes.
pub(crate) fn preserved() -> Vec<(RawFd, RawFd)> {
    PRESERVED
        .get()
        .map(|v| v.iter().map(|(fd, to)| (fd.as_raw_fd(), *to)).collect())
        .unwrap_or_default()
}

/// Why the CLI cannot hand its descriptors to a passthrough container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HandoffError {
    #[error(
        "--log-driver passthrough: rcon's {0} is a terminal, which a container may not be \
         given (it could push input into it); redirect it, or use another --log-driver"
    )]
    Terminal(&'static str),
    #[error("cannot hand rcon's descriptors to the supervisor: {0}")]
    Send(String),
}

/// In the CLI: the supervisor's stdin carrying, with `passthrough` (`Some(interactive)`),
/// this process's stdout and stderr (and stdin when interactive), then its descriptors 3 to
/// 3+`preserved`-1, and the first client `attach`.
pub(crate) fn send(
    attach: Option<OwnedFd>,
    passthrough: Option<bool>,
    preserved: &PreservedFds,
) -> Result<OwnedFd, HandoffError> {
    let interactive = passthrough.unwrap_or(false);
    if passthrough.is_some() {
        check(interactive)?;
    }
    let (stdin, stdout, stderr) = (io::stdin(), io::stdout(), io::stderr());
    let mut fds = Vec::new();
    if passthrough.is_some() {
        fds.extend([stdout.as_fd(), stderr.as_fd()]);
        if interactive {
            fds.push(stdin.as_fd());
        }
    }
    // The kernel passes the open files, not the numbers: those go in the message.
    fds.extend(preserved.0.iter().map(|(fd, _)| fd.as_fd()));
    let numbers = preserved.0.iter().map(|(_, n)| *n).collect();
    if let Some(a) = &attach {
        fds.push(a.as_fd());
    }
    let send = |e: &dyn std::fmt::Display| HandoffError::Send(e.to_string());
    let (ours, theirs) = crate::ipc::pair().map_err(|e| send(&e))?;
    let msg = Handoff {
        passthrough: passthrough.is_some(),
        stdin: interactive,
        preserved: numbers,
        client: attach.is_some(),
    };
    // Queued in the socket until the supervisor reads it; our end may close right after.
    ours.send_with_fds(&msg, &fds).map_err(|e| send(&e))?;
    Ok(theirs.into_fd())
}

/// This process's descriptors 3 to 3+N-1 that were open when [`PreservedFds::capture`] ran
/// (copies, and the numbers they had): taken before rcon opens files of its own there.
#[derive(Debug, Default)]
pub(crate) struct PreservedFds(Vec<(OwnedFd, RawFd)>);

impl PreservedFds {
    /// Copies of those of 3 to 3+`n`-1 that are open; one that is not stays closed inside too.
    pub(crate) fn capture(n: u32) -> PreservedFds {
        let mut copies = Vec::new();
        for fd in 3..3 + n.min(MAX_PRESERVED) as RawFd {
            if let Ok(copy) = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(3)) {
                // F_DUPFD_CLOEXEC just made `copy`; nothing else owns it.
                copies.push((crate::sys::fd::own(copy), fd));
            }
        }
        PreservedFds(copies)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Refuses to pass a terminal: this process's stdout, stderr, and stdin with `interactive`.
pub(crate) fn check(interactive: bool) -> Result<(), HandoffError> {
    let fds = [(1, "stdout"), (2, "stderr"), (0, "stdin")];
    for (fd, name) in &fds[..if interactive { 3 } else { 2 }] {
        if nix::unistd::isatty(*fd).unwrap_or(false) {
            return Err(HandoffError::Terminal(name));
        }
    }
    Ok(())
}

/// In the supervisor: takes descriptor `fd` (its stdin) as the CLI left it; returns the first
/// client, and keeps passthrough descriptors where [`stdio::prepare`] finds them.
pub(crate) fn take(fd: RawFd) -> Option<Client> {
    let (client, passthrough, preserved) = receive(fd);
    if let Some(p) = passthrough {
        stdio::set_passthrough(p);
    }
    let lifted = preserved
        .iter()
        .filter_map(|(p, to)| Some((lift(p.as_fd())?, *to)))
        .collect::<Vec<_>>();
    if lifted.len() == preserved.len() && !lifted.is_empty() {
        let _ = PRESERVED.set(lifted);
    }
    client
}

/// A copy of `fd` at [`PRESERVED_AT`] or above, closed at execve.
fn lift(fd: BorrowedFd<'_>) -> Option<OwnedFd> {
    let copy = nix::fcntl::fcntl(
        fd.as_raw_fd(),
        nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(PRESERVED_AT),
    )
    .ok()?;
    // F_DUPFD_CLOEXEC just made `copy`; nothing else owns it.
    Some(crate::sys::fd::own(copy))
}

/// What came on `fd`: the first client, the passthrough descriptors, the preserved ones.
type Preserved = Vec<(OwnedFd, RawFd)>;

fn receive(fd: RawFd) -> (Option<Client>, Option<Passthrough>, Preserved) {
    use nix::sys::socket::{getsockopt, sockopt, SockType};
    let Ok(copy) = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(3)) else {
        return (None, None, Vec::new());
    };
    // F_DUPFD_CLOEXEC just made `copy`; nothing else owns it.
    let copy = crate::sys::fd::own(copy);
    if getsockopt(&copy, sockopt::SockType).ok() != Some(SockType::SeqPacket) {
        drop(copy);
        return (server::inherited_client(fd), None, Vec::new());
    }
    let most = 4 + MAX_PRESERVED as usize;
    let (msg, mut fds) = match Channel::from_fd(copy).recv_with_fds::<Handoff>(most) {
        Ok(Some(got)) => got,
        _ => return (None, None, Vec::new()),
    };
    let first = if msg.passthrough {
        2 + usize::from(msg.stdin)
    } else {
        0
    };
    let numbers_ok = msg.preserved.len() <= MAX_PRESERVED as usize
        && msg
            .preserved
            .iter()
            .all(|n| (3..3 + MAX_PRESERVED as RawFd).contains(n));
    if !numbers_ok || fds.len() != first + msg.preserved.len() + usize::from(msg.client) {
        return (None, None, Vec::new());
    }
    let client = msg.client.then(|| fds.pop()).flatten();
    let preserved = fds
        .split_off(first)
        .into_iter()
        .zip(msg.preserved)
        .collect();
    let stdin = msg.stdin.then(|| fds.pop()).flatten();
    let passthrough = match (fds.pop(), fds.pop()) {
        (Some(stderr), Some(stdout)) if msg.passthrough => Some(Passthrough {
            stdout,
            stderr,
            stdin,
        }),
        _ => None,
    };
    (
        client.and_then(server::first_client),
        passthrough,
        preserved,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;

    #[test]
    fn handoff_message_carries_its_descriptors_in_order() {
        // The supervisor side, fed by hand as `passthrough` sends.
        let (ours, theirs) = crate::ipc::pair().unwrap();
        let (out_r, out_w) = nix::unistd::pipe().unwrap();
        let (err_r, err_w) = nix::unistd::pipe().unwrap();
        let (client_ours, client_theirs) = std::os::unix::net::UnixStream::pair().unwrap();
        let msg = Handoff {
            passthrough: true,
            stdin: false,
            preserved: Vec::new(),
            client: true,
        };
        ours.send_with_fds(&msg, &[out_w.as_fd(), err_w.as_fd(), client_theirs.as_fd()])
            .unwrap();
        drop((out_w, err_w, client_theirs));
        let fd = theirs.into_fd();
        let (client, p, preserved) = receive(fd.as_raw_fd());
        assert!(preserved.is_empty());
        assert!(client.is_some(), "the attached client comes through");
        let p = p.expect("passthrough descriptors");
        assert!(p.stdin.is_none());
        let mut out = std::fs::File::from(p.stdout.try_clone().unwrap());
        out.write_all(b"to stdout").unwrap();
        let mut err = std::fs::File::from(p.stderr.try_clone().unwrap());
        err.write_all(b"to stderr").unwrap();
        let mut buf = [0u8; 16];
        let n = std::fs::File::from(out_r).read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"to stdout");
        let n = std::fs::File::from(err_r).read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"to stderr");
        drop(client_ours);
    }
}
