//! The attach socket (`<run>/attach`) and the clients attached to it. Each client gets every
//! byte of output as `Stdout`/`Stderr` frames and may send input, resizes, signals and detach.
//! Sockets are non-blocking; a client that reads slowly holds the container's output back
//! (see [`Client::backlogged`]) rather than losing it or growing without bound.
use super::protocol::{Frame, MAX_FRAME};
use super::stdio::{read_fd, write_fd};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::time::Duration;

/// Past this much unsent output to one client, the container's output is not read.
const BACKLOG: usize = 64 * 1024;

/// The socket's name inside the run folder.
const NAME: &str = "attach";

/// Binds the attach socket in `run_dir`, replacing a stale one. The address goes through the
/// folder's descriptor (`/proc/self/fd/N/attach`): the full path may not fit the 108 bytes of
/// a socket address.
pub(crate) fn listen(run_dir: &Path) -> io::Result<UnixListener> {
    let dir = open_dir(run_dir)?;
    let addr = format!("/proc/self/fd/{}/{NAME}", dir.as_raw_fd());
    match std::fs::remove_file(&addr) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let listener = UnixListener::bind(&addr)?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Connects to the attach socket in `run_dir`.
pub(crate) fn connect(run_dir: &Path) -> io::Result<UnixStream> {
    let dir = open_dir(run_dir)?;
    UnixStream::connect(format!("/proc/self/fd/{}/{NAME}", dir.as_raw_fd()))
}

fn open_dir(dir: &Path) -> io::Result<OwnedFd> {
    let fd = nix::fcntl::open(
        dir,
        nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )?;
    Ok(crate::sys::fd::own(fd))
}

/// What a client asked for, for the supervisor to carry out.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Request {
    Input(Vec<u8>),
    CloseInput,
    Resize { rows: u16, cols: u16 },
    Signal(i32),
}

/// A change of the running container's named networks, asked by a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NetOp {
    Connect {
        network: String,
        aliases: Vec<String>,
    },
    Disconnect {
        network: String,
    },
}

/// One attached client.
#[derive(Debug)]
pub(crate) struct Client {
    sock: UnixStream,
    /// Bytes received, not yet a whole frame.
    inbuf: Vec<u8>,
    /// Frames not yet sent.
    outbuf: Vec<u8>,
    /// Gone (end of stream, detach, error): the supervisor drops it.
    pub(crate) closed: bool,
    /// It left with `Detach` (rather than vanishing).
    pub(crate) detached: bool,
    /// The client the container was started with (`run`, `start -a`): as with Docker's
    /// `StdinOnce`, its going away ends the container's stdin.
    pub(crate) first: bool,
    /// Network changes it asked for, each answered with `NetDone`.
    pub(crate) net_ops: Vec<NetOp>,
}

impl Client {
    /// A connected socket as a client (made non-blocking).
    pub(crate) fn new(sock: UnixStream) -> io::Result<Client> {
        sock.set_nonblocking(true)?;
        Ok(Client {
            sock,
            inbuf: Vec::new(),
            outbuf: Vec::new(),
            closed: false,
            detached: false,
            first: false,
            net_ops: Vec::new(),
        })
    }

    pub(crate) fn fd(&self) -> RawFd {
        self.sock.as_raw_fd()
    }

    /// True when output waits to be sent.
    pub(crate) fn wants_write(&self) -> bool {
        !self.outbuf.is_empty()
    }

    /// True when so much output waits that the container's output should not be read.
    pub(crate) fn backlogged(&self) -> bool {
        self.outbuf.len() >= BACKLOG
    }

    /// Queues one output frame and sends what the socket takes now.
    pub(crate) fn send(&mut self, kind: OutKind, data: &[u8]) {
        if self.closed {
            return;
        }
        for chunk in data.chunks(MAX_FRAME as usize) {
            Frame::append_output(&mut self.outbuf, kind == OutKind::Stderr, chunk);
        }
        self.flush();
    }

    /// Queues one frame (an answer) and sends what the socket takes now.
    pub(crate) fn send_frame(&mut self, frame: &Frame) {
        if self.closed {
            return;
        }
        self.outbuf.extend_from_slice(&frame.encode());
        self.flush();
    }

    /// Sends queued output as far as the socket takes it.
    pub(crate) fn flush(&mut self) {
        while !self.outbuf.is_empty() && !self.closed {
            match write_fd(self.fd(), &self.outbuf) {
                Ok(n) => {
                    self.outbuf.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => self.closed = true,
            }
        }
        if self.outbuf.is_empty() && self.outbuf.capacity() > 64 * 1024 {
            self.outbuf = Vec::new();
        }
    }

    /// Reads what the client sent and returns its requests. A `Detach`, the end of the stream
    /// or a malformed frame closes the client.
    pub(crate) fn receive(&mut self, out: &mut Vec<Request>) {
        let mut buf = [0u8; 8192];
        loop {
            match read_fd(self.fd(), &mut buf) {
                Ok(0) => {
                    self.closed = true;
                    break;
                }
                Ok(n) => self.inbuf.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => {
                    self.closed = true;
                    break;
                }
            }
            if self.inbuf.len() > 2 * MAX_FRAME as usize {
                break;
            }
        }
        let mut used = 0;
        loop {
            match Frame::parse(&self.inbuf[used..]) {
                Ok(Some((frame, n))) => {
                    used += n;
                    match frame {
                        Frame::Stdin(data) => out.push(Request::Input(data)),
                        Frame::StdinClose => out.push(Request::CloseInput),
                        Frame::Resize { rows, cols } => out.push(Request::Resize { rows, cols }),
                        Frame::Signal { signal } => out.push(Request::Signal(signal)),
                        Frame::NetConnect { network, aliases } => {
                            self.net_ops.push(NetOp::Connect { network, aliases })
                        }
                        Frame::NetDisconnect { network } => {
                            self.net_ops.push(NetOp::Disconnect { network })
                        }
                        Frame::Detach => {
                            self.closed = true;
                            self.detached = true;
                        }
                        // Only the supervisor sends the others: a confused client.
                        _ => self.closed = true,
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    self.closed = true;
                    break;
                }
            }
        }
        self.inbuf.drain(..used);
        if self.inbuf.is_empty() && self.inbuf.capacity() > 64 * 1024 {
            self.inbuf = Vec::new();
        }
    }

    /// Sends what is queued and then `last`, waiting up to `timeout` for a slow reader; the
    /// client is done afterwards.
    pub(crate) fn finish(mut self, last: &Frame, timeout: Duration) {
        if self.closed {
            return;
        }
        self.outbuf.extend_from_slice(&last.encode());
        let _ = self.sock.set_nonblocking(false);
        let _ = self.sock.set_write_timeout(Some(timeout));
        let _ = io::Write::write_all(&mut self.sock, &self.outbuf);
    }
}

/// Which stream output came from, as frames name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutKind {
    Stdout,
    Stderr,
}

/// Takes the descriptor `fd` as a client socket if it is one (the supervisor's inherited
/// stdin: the first client, or /dev/null).
pub(crate) fn inherited_client(fd: RawFd) -> Option<Client> {
    let st = nix::sys::stat::fstat(fd).ok()?;
    let is_socket = nix::sys::stat::SFlag::from_bits_truncate(st.st_mode)
        & nix::sys::stat::SFlag::S_IFMT
        == nix::sys::stat::SFlag::S_IFSOCK;
    if !is_socket {
        return None;
    }
    let copy = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(3)).ok()?;
    // F_DUPFD_CLOEXEC just made `copy`, a socket descriptor nothing else owns.
    first_client(crate::sys::fd::own(copy))
}

/// The client the CLI attached before the container started, from its socket.
pub(crate) fn first_client(sock: OwnedFd) -> Option<Client> {
    let mut client = Client::new(UnixStream::from(sock)).ok()?;
    client.first = true;
    Some(client)
}

/// Points `fd` (0 or 1 of the supervisor) at /dev/null, so nothing the CLI passed stays open
/// through it.
pub(crate) fn to_dev_null(fd: RawFd) -> io::Result<()> {
    let null = File::options().read(true).write(true).open("/dev/null")?;
    nix::unistd::dup2(null.as_raw_fd(), fd)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn client_frames_become_requests() {
        let (mut ours, theirs) = UnixStream::pair().unwrap();
        let mut c = Client::new(theirs).unwrap();
        let mut out = Vec::new();
        for f in [
            Frame::Stdin(b"ls\n".to_vec()),
            Frame::Resize { rows: 2, cols: 3 },
            Frame::Signal { signal: 2 },
            Frame::StdinClose,
        ] {
            ours.write_all(&f.encode()).unwrap();
        }
        // Half a frame waits for the rest.
        let detach = Frame::Detach.encode();
        ours.write_all(&Frame::Stdin(b"x".to_vec()).encode()[..3])
            .unwrap();
        c.receive(&mut out);
        assert_eq!(
            out,
            [
                Request::Input(b"ls\n".to_vec()),
                Request::Resize { rows: 2, cols: 3 },
                Request::Signal(2),
                Request::CloseInput
            ]
        );
        assert!(!c.closed);
        ours.write_all(&Frame::Stdin(b"x".to_vec()).encode()[3..])
            .unwrap();
        ours.write_all(&detach).unwrap();
        out.clear();
        c.receive(&mut out);
        assert_eq!(out, [Request::Input(b"x".to_vec())]);
        assert!(c.closed && c.detached, "detach closes the client");
    }

    #[test]
    fn output_is_framed_and_finished_with_exit() {
        let (mut ours, theirs) = UnixStream::pair().unwrap();
        let mut c = Client::new(theirs).unwrap();
        c.send(OutKind::Stdout, b"out");
        c.send(OutKind::Stderr, b"err");
        c.finish(&Frame::Exit { code: 3 }, Duration::from_secs(1));
        let mut got = Vec::new();
        ours.read_to_end(&mut got).unwrap();
        let mut r = &got[..];
        assert_eq!(
            Frame::read_from(&mut r).unwrap(),
            Some(Frame::Stdout(b"out".to_vec()))
        );
        assert_eq!(
            Frame::read_from(&mut r).unwrap(),
            Some(Frame::Stderr(b"err".to_vec()))
        );
        assert_eq!(
            Frame::read_from(&mut r).unwrap(),
            Some(Frame::Exit { code: 3 })
        );
    }

    #[test]
    fn listen_and_connect_through_a_long_path() {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = tmp.path().to_path_buf();
        for _ in 0..6 {
            dir = dir.join("a-rather-long-folder-name-0123456789");
        }
        std::fs::create_dir_all(&dir).unwrap();
        assert!(dir.join(NAME).as_os_str().len() > 108);
        let listener = listen(&dir).unwrap();
        let _client = connect(&dir).unwrap();
        std::thread::sleep(Duration::from_millis(10));
        assert!(listener.accept().is_ok());
        // A second listen replaces the stale socket.
        drop(listener);
        let _again = listen(&dir).unwrap();
    }
}
