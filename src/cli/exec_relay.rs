//! The relay between the user and a command `rcon exec` started: our stdin to the command
//! (`-i`), its stdout and stderr (or its pty) to ours, the user's signals to the command,
//! terminal resizes to the pty, and the detach keys, after which a small holder process keeps
//! the pty open so the command goes on without us.
use anyhow::Context as _;
use nix::errno::Errno;
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::termios::{self, SetArg, Termios};
use nix::sys::wait::{WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

/// How long output is still copied after the command ended, for what a background process of
/// it keeps writing into the same pipe.
const DRAIN: Duration = Duration::from_millis(500);

/// Copies our terminal's size (stdin's, else stdout's) to the pty.
pub(super) fn copy_window_size(master: BorrowedFd<'_>) {
    for fd in [0, 1] {
        if let Ok(ws) = crate::sys::term::window_size(fd) {
            let _ = crate::sys::term::set_window_size(master.as_raw_fd(), &ws);
            return;
        }
    }
}

/// The signals rcon handles through a signalfd while the command runs.
pub(super) struct Signals {
    pub(crate) fd: SignalFd,
}

/// Signals forwarded to the command.
pub(super) const FORWARDED: [Signal; 6] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
];

impl Signals {
    pub(crate) fn block() -> anyhow::Result<Signals> {
        let mut set = SigSet::empty();
        for s in FORWARDED {
            set.add(s);
        }
        set.add(Signal::SIGCHLD);
        set.add(Signal::SIGWINCH);
        set.thread_block().context("cannot block signals")?;
        let fd = SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
            .context("cannot create a signalfd")?;
        Ok(Signals { fd })
    }
}

/// Our terminal in raw mode until dropped.
pub(super) struct RawMode {
    saved: Termios,
}

impl RawMode {
    /// Raw mode on stdin when it is a terminal.
    pub(crate) fn enter() -> Option<RawMode> {
        let stdin = std::io::stdin();
        let saved = termios::tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        termios::tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(std::io::stdin().as_fd(), SetArg::TCSANOW, &self.saved);
    }
}

/// The exit code of a reaped child, as shells report it.
pub(super) fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, code) => Some(code),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}

/// Reaps `child` if it ended.
pub(super) fn try_reap(child: Pid) -> Option<i32> {
    loop {
        match nix::sys::wait::waitpid(child, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) => return None,
            Ok(st) => {
                if let Some(code) = exit_code(st) {
                    return Some(code);
                }
            }
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return Some(125),
        }
    }
}

/// Our side of the command's descriptors, and the loop that serves them.
pub(super) struct Relay {
    to_child: Option<OwnedFd>,
    from_child: Vec<(OwnedFd, RawFd)>,
    master: Option<OwnedFd>,
    keys: Vec<u8>,
    /// How many bytes of `keys` the input has matched so far (held back meanwhile).
    matched: usize,
    pending: Vec<u8>,
}

impl Relay {
    /// `to_child`: where our stdin goes (`None`: stdin is not read); `from_child`: sources
    /// and our descriptor each is copied to; `master`: the pty with `-t`; `keys`: the detach
    /// sequence (empty: none).
    pub(crate) fn new(
        to_child: Option<OwnedFd>,
        from_child: Vec<(OwnedFd, RawFd)>,
        master: Option<OwnedFd>,
        keys: Vec<u8>,
    ) -> Relay {
        Relay {
            to_child,
            from_child,
            master,
            keys,
            matched: 0,
            pending: Vec::new(),
        }
    }

    /// Relays until `child` ended and its output is drained (its exit code), or the user
    /// detached (0).
    pub(crate) fn run(mut self, child: Pid, signals: &Signals) -> io::Result<i32> {
        let tty = self.master.is_some();
        let _raw = if tty && self.to_child.is_some() {
            RawMode::enter()
        } else {
            None
        };
        for fd in self
            .to_child
            .iter()
            .chain(self.from_child.iter().map(|(f, _)| f))
        {
            set_nonblocking(fd.as_raw_fd())?;
        }
        let mut stdin_open = self.to_child.is_some();
        let mut code: Option<i32> = None;
        let mut deadline: Option<Instant> = None;
        let mut buf = vec![0u8; 32 * 1024];
        loop {
            if code.is_some() && self.from_child.is_empty() {
                break;
            }
            let mut fds = vec![pollfd(signals.fd.as_raw_fd(), libc::POLLIN)];
            let stdin_at = (stdin_open && self.pending.is_empty() && code.is_none()).then(|| {
                fds.push(pollfd(0, libc::POLLIN));
                fds.len() - 1
            });
            let to_child_at = match (&self.to_child, self.pending.is_empty()) {
                (Some(fd), false) => {
                    fds.push(pollfd(fd.as_raw_fd(), libc::POLLOUT));
                    Some(fds.len() - 1)
                }
                _ => None,
            };
            let outputs_at = fds.len();
            for (fd, _) in &self.from_child {
                fds.push(pollfd(fd.as_raw_fd(), libc::POLLIN));
            }
            let timeout = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()).as_millis() as i32,
                None => -1,
            };
            if poll(&mut fds, timeout)? == 0 && deadline.is_some() {
                break;
            }
            if fds[0].revents != 0 {
                while let Ok(Some(info)) = signals.fd.read_signal() {
                    match Signal::try_from(info.ssi_signo as i32) {
                        Ok(Signal::SIGCHLD) if code.is_none() => {
                            code = try_reap(child);
                            if code.is_some() {
                                deadline = Some(Instant::now() + DRAIN);
                            }
                        }
                        Ok(Signal::SIGWINCH) => {
                            if let Some(m) = &self.master {
                                copy_window_size(m.as_fd());
                            }
                        }
                        Ok(sig) if code.is_none() => {
                            let _ = nix::sys::signal::kill(child, sig);
                        }
                        _ => {}
                    }
                }
            }
            if let Some(i) = stdin_at {
                if fds[i].revents != 0 {
                    match read(0, &mut buf) {
                        Ok(0) | Err(_) => {
                            stdin_open = false;
                            if !tty {
                                // End of input: the command sees end of file on its stdin.
                                self.to_child = None;
                            }
                        }
                        Ok(n) => {
                            let (data, detached) = self.filter_keys(&buf[..n]);
                            self.pending.extend_from_slice(&data);
                            if detached && tty {
                                self.hold_pty();
                                return Ok(0);
                            }
                        }
                    }
                }
            }
            if let (Some(i), Some(fd)) = (to_child_at, &self.to_child) {
                if fds[i].revents != 0 {
                    match write(fd.as_raw_fd(), &self.pending) {
                        Ok(n) => {
                            self.pending.drain(..n);
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                        Err(_) => {
                            self.pending.clear();
                            self.to_child = None;
                            stdin_open = false;
                        }
                    }
                }
            }
            let mut closed = Vec::new();
            for (k, (fd, dest)) in self.from_child.iter().enumerate() {
                if fds[outputs_at + k].revents == 0 {
                    continue;
                }
                match read(fd.as_raw_fd(), &mut buf) {
                    Ok(0) => closed.push(k),
                    Ok(n) => {
                        // Our stdout may be gone (a closed pipe): keep draining the command.
                        let _ = write_all(*dest, &buf[..n]);
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => closed.push(k), // EIO: the pty's last terminal closed
                }
            }
            for k in closed.into_iter().rev() {
                self.from_child.remove(k);
            }
        }
        if code.is_none() {
            code = Some(wait_blocking(child));
        }
        Ok(code.unwrap_or(125))
    }

    /// Passes `input` on, holding back a prefix of the detach keys; true when they all came.
    fn filter_keys(&mut self, input: &[u8]) -> (Vec<u8>, bool) {
        if self.keys.is_empty() || self.master.is_none() {
            return (input.to_vec(), false);
        }
        let mut out = Vec::with_capacity(input.len());
        for &b in input {
            if b == self.keys[self.matched] {
                self.matched += 1;
                if self.matched == self.keys.len() {
                    self.matched = 0;
                    return (out, true);
                }
                continue;
            }
            out.extend_from_slice(&self.keys[..self.matched]);
            self.matched = 0;
            if b == self.keys[0] {
                self.matched = 1;
            } else {
                out.push(b);
            }
        }
        (out, false)
    }

    /// After the detach keys: a holder process, in a session of its own, keeps the pty
    /// master open (reading and dropping what the command writes) until the command's last
    /// terminal closes; without it the command would get SIGHUP when we exit.
    fn hold_pty(&mut self) {
        let Some(master) = self.master.take() else {
            return;
        };
        if let Err(e) = crate::sys::term::spawn_pty_holder(master) {
            log::warn!("cannot keep the pty open after detaching: {e}");
        }
    }
}

fn wait_blocking(child: Pid) -> i32 {
    loop {
        match nix::sys::wait::waitpid(child, None) {
            Err(Errno::EINTR) => continue,
            Ok(st) => {
                if let Some(code) = exit_code(st) {
                    return code;
                }
            }
            Err(_) => return 125,
        }
    }
}

fn set_nonblocking(fd: RawFd) -> io::Result<()> {
    use nix::fcntl::{fcntl, FcntlArg, OFlag};
    let flags = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL)?);
    fcntl(fd, FcntlArg::F_SETFL(flags | OFlag::O_NONBLOCK))?;
    Ok(())
}

fn pollfd(fd: RawFd, events: libc::c_short) -> libc::pollfd {
    libc::pollfd {
        fd,
        events,
        revents: 0,
    }
}

fn poll(fds: &mut [libc::pollfd], timeout: i32) -> io::Result<usize> {
    loop {
        match crate::sys::rawio::poll(fds, timeout) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

fn read(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match nix::unistd::read(fd, buf) {
            Err(Errno::EINTR) => {}
            other => return Ok(other?),
        }
    }
}

fn write(fd: RawFd, buf: &[u8]) -> io::Result<usize> {
    loop {
        match crate::sys::rawio::write(fd, buf) {
            Err(Errno::EINTR) => {}
            other => return Ok(other?),
        }
    }
}

/// Writes everything, waiting when `fd` is non-blocking and full.
fn write_all(fd: RawFd, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        match write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                poll(&mut [pollfd(fd, libc::POLLOUT)], 100)?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relay(keys: &[u8]) -> Relay {
        let (r, _w) = nix::unistd::pipe().unwrap();
        Relay::new(None, Vec::new(), Some(r), keys.to_vec())
    }

    #[test]
    fn detach_keys_are_held_back_then_passed_or_taken() {
        let mut r = relay(&[0x10, 0x11]);
        assert_eq!(r.filter_keys(b"ab\x10"), (b"ab".to_vec(), false));
        assert_eq!(r.filter_keys(b"c"), (b"\x10c".to_vec(), false));
        assert_eq!(r.filter_keys(b"x\x10\x10\x11"), (b"x\x10".to_vec(), true));
        let mut none = relay(&[]);
        assert_eq!(none.filter_keys(b"\x10\x11"), (b"\x10\x11".to_vec(), false));
    }

    #[test]
    fn exit_codes_are_the_shells() {
        let pid = Pid::from_raw(1);
        assert_eq!(exit_code(WaitStatus::Exited(pid, 3)), Some(3));
        assert_eq!(
            exit_code(WaitStatus::Signaled(pid, Signal::SIGKILL, false)),
            Some(137)
        );
    }
}
