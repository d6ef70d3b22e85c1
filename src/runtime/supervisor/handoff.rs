//! What a starting supervisor finds on its descriptor 0, from the CLI that started it.
//!
//! Usually the first attached client (one end of a stream socketpair) or /dev/null. For
//! `--log-driver passthrough` it is one end of a seqpacket [`Channel`] instead, holding one
//! [`Handoff`] message whose descriptors are, in order: the CLI's stdout, its stderr, its
//! stdin (with `-i`) and the first client's socket (when one is attached). The supervisor
//! keeps the CLI's descriptors for every run of the container ([`stdio::set_passthrough`]),
//! so the container writes to whatever `rcon run` wrote to: a file, a pipe, a unit's journal
//! stream.
use super::server::{self, Client};
use super::stdio::{self, Passthrough};
use crate::ipc::Channel;
use serde::{Deserialize, Serialize};
use std::io;
use std::os::fd::{AsFd, OwnedFd, RawFd};

/// The one message of a passthrough handoff: which optional descriptors came along.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Handoff {
    stdin: bool,
    client: bool,
}

/// Why the CLI cannot hand its descriptors to a passthrough container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HandoffError {
    #[error(
        "--log-driver passthrough: rcon's {0} is a terminal, which a container may not be \
         given (it could push input into it); redirect it, or use another --log-driver"
    )]
    Terminal(&'static str),
    #[error("cannot hand rcon's stdout and stderr to the supervisor: {0}")]
    Send(String),
}

/// In the CLI: the supervisor's stdin for a passthrough container, carrying this process's
/// stdout and stderr (and stdin with `interactive`) and the first client `attach`.
pub(crate) fn passthrough(
    attach: Option<OwnedFd>,
    interactive: bool,
) -> Result<OwnedFd, HandoffError> {
    check(interactive)?;
    let (stdin, stdout, stderr) = (io::stdin(), io::stdout(), io::stderr());
    let mut fds = vec![stdout.as_fd(), stderr.as_fd()];
    if interactive {
        fds.push(stdin.as_fd());
    }
    if let Some(a) = &attach {
        fds.push(a.as_fd());
    }
    let send = |e: &dyn std::fmt::Display| HandoffError::Send(e.to_string());
    let (ours, theirs) = crate::ipc::pair().map_err(|e| send(&e))?;
    let msg = Handoff {
        stdin: interactive,
        client: attach.is_some(),
    };
    // Queued in the socket until the supervisor reads it; our end may close right after.
    ours.send_with_fds(&msg, &fds).map_err(|e| send(&e))?;
    Ok(theirs.into_fd())
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
    let (client, passthrough) = receive(fd);
    if let Some(p) = passthrough {
        stdio::set_passthrough(p);
    }
    client
}

/// The first client and the passthrough descriptors on `fd`.
fn receive(fd: RawFd) -> (Option<Client>, Option<Passthrough>) {
    use nix::sys::socket::{getsockopt, sockopt, SockType};
    let Ok(copy) = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(3)) else {
        return (None, None);
    };
    // F_DUPFD_CLOEXEC just made `copy`; nothing else owns it.
    let copy = crate::sys::fd::own(copy);
    if getsockopt(&copy, sockopt::SockType).ok() != Some(SockType::SeqPacket) {
        drop(copy);
        return (server::inherited_client(fd), None);
    }
    let (msg, mut fds) = match Channel::from_fd(copy).recv_with_fds::<Handoff>(4) {
        Ok(Some(got)) => got,
        _ => return (None, None),
    };
    if fds.len() != 2 + usize::from(msg.stdin) + usize::from(msg.client) {
        return (None, None);
    }
    let client = msg.client.then(|| fds.pop()).flatten();
    let stdin = msg.stdin.then(|| fds.pop()).flatten();
    let (Some(stderr), Some(stdout)) = (fds.pop(), fds.pop()) else {
        return (None, None);
    };
    let passthrough = Passthrough {
        stdout,
        stderr,
        stdin,
    };
    (client.and_then(server::first_client), Some(passthrough))
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
            stdin: false,
            client: true,
        };
        ours.send_with_fds(&msg, &[out_w.as_fd(), err_w.as_fd(), client_theirs.as_fd()])
            .unwrap();
        drop((out_w, err_w, client_theirs));
        let fd = theirs.into_fd();
        let (client, p) = receive(fd.as_raw_fd());
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
