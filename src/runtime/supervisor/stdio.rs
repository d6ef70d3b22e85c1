//! The container's stdio as the supervisor holds it: with `-t` a pseudo-terminal (the slave
//! goes to the container, the master stays here), else pipes for stdout and stderr and, with
//! `-i`, stdin. With `--log-driver passthrough`, the descriptors `rcon run` was given
//! ([`Passthrough`]) instead. Plus the few terminal and descriptor calls the supervisor and the
//! CLI share.
use nix::fcntl::{fcntl, FcntlArg, FdFlag, OFlag};
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::OnceLock;

/// `--log-driver passthrough`: the stdout and stderr (and with `-i` the stdin) of the rcon
/// process that started the supervisor. Every run of the container gets them.
#[derive(Debug)]
pub(crate) struct Passthrough {
    pub(crate) stdout: OwnedFd,
    pub(crate) stderr: OwnedFd,
    pub(crate) stdin: Option<OwnedFd>,
}

/// The supervisor's passthrough descriptors, once taken from the CLI.
static PASSTHROUGH: OnceLock<Passthrough> = OnceLock::new();

/// Keeps `p` for every run of the container (the first call wins).
pub(crate) fn set_passthrough(p: Passthrough) {
    let _ = PASSTHROUGH.set(p);
}

/// The descriptors the container's first process gets as 0, 1 and 2.
#[derive(Debug)]
pub(crate) struct ChildStdio {
    pub(crate) stdin: OwnedFd,
    pub(crate) stdout: OwnedFd,
    pub(crate) stderr: OwnedFd,
    pub(crate) tty: bool,
}

/// The supervisor's ends of one run's stdio. Every descriptor is close-on-exec and
/// non-blocking; `None` once closed (end of output, stdin closed).
#[derive(Debug, Default)]
pub(crate) struct Io {
    /// The pty master: output and input of a `-t` container.
    pub(crate) master: Option<OwnedFd>,
    pub(crate) stdout: Option<OwnedFd>,
    pub(crate) stderr: Option<OwnedFd>,
    /// The write end of the container's stdin pipe (`-i` without `-t`).
    pub(crate) stdin: Option<OwnedFd>,
    /// Input not yet written to the container.
    pub(crate) pending: Vec<u8>,
    /// Close `stdin` once `pending` is written (a client sent `StdinClose`).
    pub(crate) close_stdin: bool,
}

impl Io {
    /// True when no output descriptor is open any more.
    pub(crate) fn output_done(&self) -> bool {
        self.master.is_none() && self.stdout.is_none() && self.stderr.is_none()
    }

    /// Where input goes: the pty master or the stdin pipe.
    pub(crate) fn input_fd(&self) -> Option<RawFd> {
        self.master
            .as_ref()
            .or(self.stdin.as_ref())
            .map(AsRawFd::as_raw_fd)
    }

    /// Queues input for the container; dropped when it has no stdin.
    pub(crate) fn queue_input(&mut self, data: &[u8]) {
        if self.input_fd().is_some() {
            self.pending.extend_from_slice(data);
        }
    }

    /// Writes as much pending input as the container takes now.
    pub(crate) fn flush_input(&mut self) {
        while let Some(fd) = self.input_fd().filter(|_| !self.pending.is_empty()) {
            match write_fd(fd, &self.pending) {
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(_) => {
                    // The container closed its stdin: nobody will read the rest.
                    self.pending = Vec::new();
                    self.stdin = None;
                }
            }
        }
        if self.pending.capacity() > 64 * 1024 && self.pending.is_empty() {
            self.pending = Vec::new();
        }
        if self.close_stdin && self.pending.is_empty() {
            self.stdin = None;
        }
    }
}

/// Makes the container's stdio for one run: a pty of size `size` with `tty`, else pipes
/// (stdin from /dev/null unless `interactive`).
pub(crate) fn prepare(
    tty: bool,
    interactive: bool,
    size: Option<(u16, u16)>,
) -> io::Result<(Io, ChildStdio)> {
    if let Some(p) = PASSTHROUGH.get() {
        // Nothing to read here: the container writes to rcon's caller directly.
        let stdin = match (&p.stdin, interactive) {
            (Some(fd), true) => fd.try_clone()?,
            _ => OwnedFd::from(std::fs::File::open("/dev/null")?),
        };
        let child = ChildStdio {
            stdin,
            stdout: p.stdout.try_clone()?,
            stderr: p.stderr.try_clone()?,
            tty: false,
        };
        return Ok((Io::default(), child));
    }
    if tty {
        let ws = size.map(|(rows, cols)| nix::pty::Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        });
        // A devpts instance of the container's own: the command sees /dev/pts/0, no host terminal.
        let pty = crate::runtime::init::open_pty(ws.as_ref())?;
        prepare_fd(&pty.master)?;
        set_cloexec(&pty.slave)?;
        let child = ChildStdio {
            stdin: pty.slave.try_clone()?,
            stdout: pty.slave.try_clone()?,
            stderr: pty.slave,
            tty: true,
        };
        let io = Io {
            master: Some(pty.master),
            ..Io::default()
        };
        return Ok((io, child));
    }
    let (out_r, out_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)?;
    let (err_r, err_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)?;
    prepare_fd(&out_r)?;
    prepare_fd(&err_r)?;
    let (stdin_child, stdin_ours) = if interactive {
        let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC)?;
        prepare_fd(&w)?;
        (r, Some(w))
    } else {
        let null = std::fs::File::open("/dev/null")?;
        (OwnedFd::from(null), None)
    };
    let io = Io {
        stdout: Some(out_r),
        stderr: Some(err_r),
        stdin: stdin_ours,
        ..Io::default()
    };
    let child = ChildStdio {
        stdin: stdin_child,
        stdout: out_w,
        stderr: err_w,
        tty: false,
    };
    Ok((io, child))
}

/// Close-on-exec and non-blocking.
pub(crate) fn prepare_fd(fd: &impl AsRawFd) -> io::Result<()> {
    set_cloexec(fd)?;
    let flags = OFlag::from_bits_truncate(fcntl(fd.as_raw_fd(), FcntlArg::F_GETFL)?);
    fcntl(fd.as_raw_fd(), FcntlArg::F_SETFL(flags | OFlag::O_NONBLOCK))?;
    Ok(())
}

fn set_cloexec(fd: &impl AsRawFd) -> io::Result<()> {
    fcntl(fd.as_raw_fd(), FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC))?;
    Ok(())
}

/// One read(2); `Ok(0)` at end of input. A pty master whose slave is closed everywhere reads
/// EIO: that is its end of input too.
pub(crate) fn read_fd(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match nix::unistd::read(fd, buf) {
            Ok(n) => return Ok(n),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(nix::errno::Errno::EIO) => return Ok(0),
            Err(e) => return Err(e.into()),
        }
    }
}

/// One write(2), retried on EINTR.
pub(crate) fn write_fd(fd: RawFd, data: &[u8]) -> io::Result<usize> {
    loop {
        match crate::sys::rawio::write(fd, data) {
            Err(nix::errno::Errno::EINTR) => {}
            other => return Ok(other?),
        }
    }
}

/// The window size of the terminal on `fd`.
pub(crate) fn get_winsize(fd: RawFd) -> io::Result<libc::winsize> {
    crate::sys::term::window_size(fd)
}

/// Sets the window size of the terminal on `fd` (the kernel sends SIGWINCH to its foreground
/// process group).
pub(crate) fn set_winsize(fd: RawFd, rows: u16, cols: u16) -> io::Result<()> {
    let ws = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    crate::sys::term::set_window_size(fd, &ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pty_carries_size_and_output() {
        let (io, child) = prepare(true, false, Some((33, 101))).unwrap();
        assert!(child.tty);
        let master = io.master.as_ref().unwrap().as_raw_fd();
        let ws = get_winsize(child.stdout.as_raw_fd()).unwrap();
        assert_eq!((ws.ws_row, ws.ws_col), (33, 101));
        set_winsize(master, 40, 120).unwrap();
        let ws = get_winsize(child.stdin.as_raw_fd()).unwrap();
        assert_eq!((ws.ws_row, ws.ws_col), (40, 120));
        write_fd(child.stdout.as_raw_fd(), b"hi\n").unwrap();
        drop(child);
        let mut buf = [0u8; 64];
        let mut got = Vec::new();
        for _ in 0..100 {
            match read_fd(master, &mut buf) {
                Ok(0) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    std::thread::sleep(std::time::Duration::from_millis(5))
                }
                Err(e) => panic!("{e}"),
            }
        }
        // The terminal turns "\n" into "\r\n"; a closed slave reads as the end.
        assert_eq!(got, b"hi\r\n");
    }

    #[test]
    fn pipes_without_interactive_read_dev_null() {
        let (mut io, child) = prepare(false, false, None).unwrap();
        assert!(io.stdin.is_none() && io.master.is_none());
        io.queue_input(b"dropped");
        assert!(io.pending.is_empty());
        let mut buf = [0u8; 8];
        assert_eq!(read_fd(child.stdin.as_raw_fd(), &mut buf).unwrap(), 0);
        write_fd(child.stderr.as_raw_fd(), b"e").unwrap();
        let n = read_fd(io.stderr.as_ref().unwrap().as_raw_fd(), &mut buf).unwrap();
        assert_eq!(&buf[..n], b"e");
    }

    #[test]
    fn interactive_input_is_written_then_closed() {
        let (mut io, child) = prepare(false, true, None).unwrap();
        io.queue_input(b"abc");
        io.close_stdin = true;
        io.flush_input();
        assert!(io.stdin.is_none(), "closed after the pending input");
        let mut buf = [0u8; 8];
        assert_eq!(read_fd(child.stdin.as_raw_fd(), &mut buf).unwrap(), 3);
        assert_eq!(read_fd(child.stdin.as_raw_fd(), &mut buf).unwrap(), 0);
    }
}
