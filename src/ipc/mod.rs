//! Typed messages between rcon's processes.
//!
//! Every conversation between a parent and a child rcon process, or a client and the network
//! holder, sends serde values, one per frame, never a hand-made byte format:
//!
//! - [`Channel`]: one end of a `SOCK_SEQPACKET` socketpair (or a connected seqpacket socket).
//!   Each message is one packet holding the value as JSON, at most [`MAX_MESSAGE`] bytes, and may
//!   carry descriptors (SCM_RIGHTS), which arrive close-on-exec. A packet of zero bytes is the
//!   peer closing its end.
//! - [`write_frame`] / [`read_frame`]: the same values over a byte stream (a pipe to a helper's
//!   stdout): a 4-byte big-endian length, then the JSON. A length beyond [`MAX_MESSAGE`] is an
//!   error before anything is read or allocated.
//!
//! The message types belong to the conversations that use them (the role that speaks them);
//! this module only frames them.
pub mod helper;
pub(crate) mod role;

use nix::sys::socket::{
    recv, recvmsg, sendmsg, socketpair, AddressFamily, ControlMessage, ControlMessageOwned,
    MsgFlags, SockFlag, SockType,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{self, IoSlice, IoSliceMut, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};

/// The most one message may take, encoded.
pub(crate) const MAX_MESSAGE: usize = 256 * 1024;

/// The most descriptors one message may carry.
pub(crate) const MAX_FDS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum IpcError {
    #[error("cannot talk to the other rcon process: {0}")]
    Io(#[from] io::Error),
    #[error(
        "a message to another rcon process is {size} bytes, more than the {MAX_MESSAGE} allowed"
    )]
    TooLarge { size: usize },
    #[error("another rcon process sent a message that does not parse: {0}")]
    Malformed(#[from] serde_json::Error),
    #[error("another rcon process sent {0} descriptors with one message, more than expected")]
    TooManyFds(usize),
    #[error("the other rcon process ended before it answered")]
    Closed,
}

pub(crate) type Result<T, E = IpcError> = std::result::Result<T, E>;

/// One end of a seqpacket conversation.
#[derive(Debug)]
pub(crate) struct Channel {
    fd: OwnedFd,
}

/// A connected pair of [`Channel`]s, both close-on-exec; clear the flag on the end a child must
/// keep across execve.
pub(crate) fn pair() -> io::Result<(Channel, Channel)> {
    let (a, b) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )?;
    Ok((Channel { fd: a }, Channel { fd: b }))
}

impl Channel {
    /// Wraps a descriptor that is one end of a seqpacket socket.
    pub(crate) fn from_fd(fd: OwnedFd) -> Channel {
        Channel { fd }
    }

    pub(crate) fn into_fd(self) -> OwnedFd {
        self.fd
    }

    /// Sends `msg` as one packet.
    pub(crate) fn send<T: Serialize>(&self, msg: &T) -> Result<()> {
        self.send_with_fds(msg, &[])
    }

    /// Sends `msg` as one packet with `fds` attached; the receiver gets its own copies.
    pub(crate) fn send_with_fds<T: Serialize>(
        &self,
        msg: &T,
        fds: &[BorrowedFd<'_>],
    ) -> Result<()> {
        let bytes = encode(msg)?;
        let raw: Vec<RawFd> = fds.iter().map(|f| f.as_raw_fd()).collect();
        let cmsgs: Vec<ControlMessage<'_>> = if raw.is_empty() {
            Vec::new()
        } else {
            vec![ControlMessage::ScmRights(&raw)]
        };
        let iov = [IoSlice::new(&bytes)];
        loop {
            match sendmsg::<()>(
                self.fd.as_raw_fd(),
                &iov,
                &cmsgs,
                MsgFlags::MSG_NOSIGNAL,
                None,
            ) {
                Ok(_) => return Ok(()),
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EPIPE) => return Err(IpcError::Closed),
                Err(e) => return Err(IpcError::Io(e.into())),
            }
        }
    }

    /// The next message; `Ok(None)` when the peer closed its end.
    pub(crate) fn recv<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        match self.recv_with_fds(0)? {
            Some((msg, _)) => Ok(Some(msg)),
            None => Ok(None),
        }
    }

    /// The next message and up to `max_fds` descriptors that came with it (more is an error,
    /// and the extra ones are closed).
    pub(crate) fn recv_with_fds<T: DeserializeOwned>(
        &self,
        max_fds: usize,
    ) -> Result<Option<(T, Vec<OwnedFd>)>> {
        // The packet's size first (MSG_TRUNC reports it whole), so the buffer is as large as the
        // message and no larger: a long-lived process (the supervisor) keeps no big free block.
        let size = loop {
            match recv(
                self.fd.as_raw_fd(),
                &mut [],
                MsgFlags::MSG_PEEK | MsgFlags::MSG_TRUNC,
            ) {
                Ok(n) => break n,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::ECONNRESET) => return Ok(None),
                Err(e) => return Err(IpcError::Io(e.into())),
            }
        };
        let mut buf = vec![0u8; size.clamp(1, MAX_MESSAGE + 1)];
        let mut cmsg = nix::cmsg_space!([RawFd; MAX_FDS]);
        let (len, fds) = loop {
            let mut iov = [IoSliceMut::new(&mut buf)];
            match recvmsg::<()>(
                self.fd.as_raw_fd(),
                &mut iov,
                Some(&mut cmsg),
                MsgFlags::MSG_CMSG_CLOEXEC,
            ) {
                Ok(m) => {
                    let mut fds = Vec::new();
                    for c in m.cmsgs().map_err(io::Error::from)? {
                        if let ControlMessageOwned::ScmRights(list) = c {
                            fds.extend(list.into_iter().map(crate::sys::fd::own));
                        }
                    }
                    break (m.bytes, fds);
                }
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::ECONNRESET) => return Ok(None),
                Err(e) => return Err(IpcError::Io(e.into())),
            }
        };
        if len == 0 {
            return Ok(None);
        }
        if size > MAX_MESSAGE {
            return Err(IpcError::TooLarge { size });
        }
        if fds.len() > max_fds {
            return Err(IpcError::TooManyFds(fds.len()));
        }
        Ok(Some((serde_json::from_slice(&buf[..len])?, fds)))
    }

    /// Like [`Channel::recv`], but the peer closing first is [`IpcError::Closed`].
    #[cfg(test)]
    pub(crate) fn expect<T: DeserializeOwned>(&self) -> Result<T> {
        self.recv()?.ok_or(IpcError::Closed)
    }
}

impl AsFd for Channel {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl AsRawFd for Channel {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

fn encode<T: Serialize>(msg: &T) -> Result<Vec<u8>> {
    let bytes = serde_json::to_vec(msg)?;
    if bytes.len() > MAX_MESSAGE {
        return Err(IpcError::TooLarge { size: bytes.len() });
    }
    Ok(bytes)
}

/// Writes `msg` as one length-prefixed frame.
pub(crate) fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<()> {
    let bytes = encode(msg)?;
    let mut frame = Vec::with_capacity(4 + bytes.len());
    frame.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    frame.extend_from_slice(&bytes);
    w.write_all(&frame)?;
    w.flush()?;
    Ok(())
}

/// Reads one length-prefixed frame; `Ok(None)` at a clean end of stream (before a frame).
pub(crate) fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> Result<Option<T>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < len.len() {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(IpcError::Closed),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let size = u32::from_be_bytes(len) as usize;
    if size > MAX_MESSAGE {
        return Err(IpcError::TooLarge { size });
    }
    let mut buf = vec![0u8; size];
    r.read_exact(&mut buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => IpcError::Closed,
        _ => IpcError::Io(e),
    })?;
    Ok(Some(serde_json::from_slice(&buf)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::io::Seek;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Msg {
        Ready,
        Failed { stage: String, errno: i32 },
    }

    #[test]
    fn messages_cross_a_pair_in_order_and_close_reads_as_none() {
        let (a, b) = pair().unwrap();
        a.send(&Msg::Ready).unwrap();
        a.send(&Msg::Failed {
            stage: "mount".into(),
            errno: 13,
        })
        .unwrap();
        drop(a);
        assert_eq!(b.recv::<Msg>().unwrap(), Some(Msg::Ready));
        assert_eq!(
            b.recv::<Msg>().unwrap(),
            Some(Msg::Failed {
                stage: "mount".into(),
                errno: 13
            })
        );
        assert_eq!(b.recv::<Msg>().unwrap(), None);
        assert!(matches!(b.expect::<Msg>(), Err(IpcError::Closed)));
    }

    #[test]
    fn descriptors_travel_with_a_message() {
        let (a, b) = pair().unwrap();
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(b"shared").unwrap();
        a.send_with_fds(&Msg::Ready, &[file.as_fd()]).unwrap();
        let (msg, fds) = b.recv_with_fds::<Msg>(1).unwrap().unwrap();
        assert_eq!(msg, Msg::Ready);
        let mut got = std::fs::File::from(fds.into_iter().next().unwrap());
        got.rewind().unwrap();
        let mut text = String::new();
        got.read_to_string(&mut text).unwrap();
        assert_eq!(text, "shared");
    }

    #[test]
    fn more_descriptors_than_expected_are_refused() {
        let (a, b) = pair().unwrap();
        let f = tempfile::tempfile().unwrap();
        a.send_with_fds(&Msg::Ready, &[f.as_fd(), f.as_fd()])
            .unwrap();
        assert!(matches!(
            b.recv_with_fds::<Msg>(1),
            Err(IpcError::TooManyFds(2))
        ));
    }

    #[test]
    fn a_message_that_does_not_parse_is_malformed() {
        let (a, b) = pair().unwrap();
        a.send(&"not a Msg").unwrap();
        assert!(matches!(b.recv::<Msg>(), Err(IpcError::Malformed(_))));
    }

    #[test]
    fn stream_frames_round_trip_and_bound_their_length() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &Msg::Ready).unwrap();
        write_frame(
            &mut buf,
            &Msg::Failed {
                stage: "x".into(),
                errno: 2,
            },
        )
        .unwrap();
        let mut r = io::Cursor::new(buf);
        assert_eq!(read_frame::<Msg>(&mut r).unwrap(), Some(Msg::Ready));
        assert!(read_frame::<Msg>(&mut r).unwrap().is_some());
        assert_eq!(read_frame::<Msg>(&mut r).unwrap(), None);

        let mut huge = io::Cursor::new(u32::MAX.to_be_bytes().to_vec());
        assert!(matches!(
            read_frame::<Msg>(&mut huge),
            Err(IpcError::TooLarge { .. })
        ));
        let mut cut = io::Cursor::new(vec![0, 0, 0, 9, b'{']);
        assert!(matches!(read_frame::<Msg>(&mut cut), Err(IpcError::Closed)));
    }

    #[test]
    fn a_large_message_arrives_whole_after_a_small_one() {
        let (a, b) = pair().unwrap();
        let large = "x".repeat(100 * 1024);
        a.send(&Msg::Ready).unwrap();
        a.send(&large).unwrap();
        assert_eq!(b.recv::<Msg>().unwrap(), Some(Msg::Ready));
        assert_eq!(b.recv::<String>().unwrap(), Some(large));
    }

    #[test]
    fn an_oversized_message_is_refused_before_sending() {
        let (a, _b) = pair().unwrap();
        let big = "x".repeat(MAX_MESSAGE + 1);
        assert!(matches!(a.send(&big), Err(IpcError::TooLarge { .. })));
    }
}
