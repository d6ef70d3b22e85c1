//! The client side of attaching to a container ([`attach_stream`], used by `run`, `start -a`
//! and `attach`) and the `attach` command.
//!
//! The client relays the user's stdin (raw mode on a terminal with `-t`, restored on every way
//! out), terminal resizes (SIGWINCH), the detach keys (`ctrl-p,ctrl-q` by default: the client
//! leaves, the container goes on) and, with `--sig-proxy`, the signals the user sends rcon
//! (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2) as `Signal` frames: the supervisor,
//! the container's parent inside its user namespace, delivers them to the first process. The
//! container's output goes to our stdout and stderr; the `Exit` frame gives the exit code, and
//! a supervisor that dies without one leaves the code in the corrected state.json.
use super::Context;
use crate::config::Paths;
use crate::container::list;
use crate::container::record::ContainerPaths;
use crate::container::state;
use crate::runtime::supervisor::protocol::Frame;
use clap::{ArgAction, Args};
use nix::sys::signal::Signal;
use nix::sys::termios::{self, SetArg, Termios};
use std::io::{self, Write};
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

/// Why attaching failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AttachError {
    #[error("container {name} is not running: start it with `rcon start {name}`")]
    NotRunning { name: String },
    #[error(
        "invalid --detach-keys {keys:?}: expected keys such as ctrl-p,ctrl-q: a character or \
         ctrl-<letter>, comma-separated"
    )]
    DetachKeys { keys: String },
    #[error("cannot attach to the container: {source}")]
    Io {
        #[from]
        source: io::Error,
    },
    #[error("the supervisor ended without an exit code and the container's state says {status}")]
    NoExitCode { status: String },
}

/// How to attach.
#[derive(Debug, Clone)]
pub(crate) struct AttachOpts {
    /// Relay our stdin to the container.
    pub(crate) stdin: bool,
    /// The container has a terminal: raw mode on ours, resizes, detach keys.
    pub(crate) tty: bool,
    /// Forward the signals we get to the container.
    pub(crate) sig_proxy: bool,
    /// `ctrl-p,ctrl-q` style; empty: detaching is off.
    pub(crate) detach_keys: String,
    /// Which of the container's stdout and stderr are shown (`run --attach`).
    pub(crate) outputs: (bool, bool),
}

// `rcon attach`.
#[derive(Debug, Args)]
pub(crate) struct AttachArgs {
    /// Keys that detach from the container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub(crate) detach_keys: String,
    /// Do not attach stdin
    #[arg(long)]
    pub(crate) no_stdin: bool,
    /// Forward the signals rcon receives to the container
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true",
          default_value = "true", action = ArgAction::Set)]
    pub(crate) sig_proxy: bool,
    /// The container, by name or ID
    #[arg(value_name = "CONTAINER")]
    pub(crate) container: String,
}

/// `rcon attach [--detach-keys K] [--no-stdin] [--sig-proxy] CONTAINER`.
pub(super) fn attach(ctx: &Context, a: &AttachArgs) -> anyhow::Result<i32> {
    detach_sequence(&a.detach_keys)?;
    let record = list::find(&ctx.paths, &a.container)?;
    let st = list::state_of(&ctx.paths, &record.id)?;
    if st.status != state::Status::Running {
        return Err(AttachError::NotRunning { name: record.name }.into());
    }
    let stream = connect(&ctx.paths, &record.id).map_err(|e| match e {
        AttachError::Io { .. } => AttachError::NotRunning {
            name: record.name.clone(),
        },
        other => other,
    })?;
    record.note(&ctx.paths, "attach");
    let opts = AttachOpts {
        outputs: (true, true),
        stdin: record.interactive && !a.no_stdin && record.log_driver != "passthrough",
        tty: record.tty,
        sig_proxy: a.sig_proxy,
        detach_keys: a.detach_keys.clone(),
    };
    Ok(attach_stream(stream, &opts)?)
}

/// Connects to the attach socket of container `id` (through its run folder's descriptor: the
/// path may be longer than a socket address holds).
pub(crate) fn connect(paths: &Paths, id: &str) -> Result<UnixStream, AttachError> {
    let cpaths = ContainerPaths::new(paths, id);
    let stream = crate::runtime::supervisor::connect(&cpaths.run)?;
    crate::runtime::supervisor::note_attached(&cpaths);
    Ok(stream)
}

/// Follows an attached container until it ends (its exit code) or the user detaches (0).
pub(crate) fn attach_stream(stream: UnixStream, opts: &AttachOpts) -> Result<i32, AttachError> {
    let keys = detach_sequence(&opts.detach_keys)?;
    let stdin_is_tty = nix::unistd::isatty(0).unwrap_or(false);
    // Raw mode only when our keystrokes go to the container's terminal.
    let _raw = if opts.tty && opts.stdin && stdin_is_tty {
        Some(RawMode::enter()?)
    } else {
        None
    };
    let signals = SignalRelay::install(opts)?;
    stream.set_nonblocking(true)?;
    let mut client = AttachClient {
        sock: stream,
        inbuf: Vec::new(),
        outq: Vec::new(),
        // Detach keys are a terminal's thing: piped input passes through untouched.
        keys: if opts.tty { keys } else { Vec::new() },
        matched: 0,
        outputs: opts.outputs,
    };
    if opts.tty {
        if let Some((rows, cols)) = crate::runtime::supervisor::terminal_size(&io::stdout())
            .or_else(|| crate::runtime::supervisor::terminal_size(&io::stdin()))
        {
            client.queue(&Frame::Resize { rows, cols });
        }
    }
    let outcome = client.run(opts.stdin, &signals);
    drop(signals);
    match outcome? {
        Outcome::Exit(code) => Ok(code),
        Outcome::Detached => Ok(0),
        Outcome::Lost => code_from_state(),
        Outcome::Killed(sig) => {
            // Without --sig-proxy a terminating signal ends us (and a broken stdout, as SIGPIPE
            // would): the terminal is restored first and we end the way the signal asks.
            drop(_raw);
            die_by(sig);
            Ok(128 + sig as i32)
        }
    }
}

/// Ends the process by `sig`, as if its default action had run.
fn die_by(sig: Signal) {
    let _ = crate::sys::sigpipe::set_default(sig);
    let _ = nix::sys::signal::raise(sig);
}

/// The supervisor's end came without an `Exit` frame: the container's code is in state.json,
/// corrected if the supervisor died.
fn code_from_state() -> Result<i32, AttachError> {
    let Some(cpaths) = crate::runtime::supervisor::attached() else {
        return Err(AttachError::NoExitCode {
            status: "nothing (unknown container)".into(),
        });
    };
    let end = Instant::now() + Duration::from_secs(3);
    loop {
        let st = state::read(&cpaths.state())?;
        if st.supervisor_pid > 0 {
            // We may have started it: then it is our child, a zombie until reaped, and a zombie
            // still looks alive to the state's check.
            let _ = nix::sys::wait::waitpid(
                nix::unistd::Pid::from_raw(st.supervisor_pid),
                Some(nix::sys::wait::WaitPidFlag::WNOHANG),
            );
        }
        let st = state::read_corrected(&cpaths.state(), &cpaths.lock())?;
        if st.status == state::Status::Exited {
            return Ok(st.exit_code);
        }
        if Instant::now() >= end {
            return Err(AttachError::NoExitCode {
                status: st.status.as_str().to_string(),
            });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

enum Outcome {
    Exit(i32),
    Detached,
    /// The stream ended without an exit code.
    Lost,
    /// A terminating signal reached us without `--sig-proxy`, or our stdout broke (SIGPIPE).
    Killed(Signal),
}

struct AttachClient {
    sock: UnixStream,
    inbuf: Vec<u8>,
    /// Frames for the supervisor not yet sent (the socket is non-blocking, so we always read
    /// the container's output while input waits: no deadlock with a container that writes
    /// before it reads).
    outq: Vec<u8>,
    keys: Vec<u8>,
    /// How many bytes of `keys` the last input ended with (held back until it is clear
    /// whether they detach).
    matched: usize,
    /// Show the container's stdout, stderr.
    outputs: (bool, bool),
}

const MAX_QUEUE: usize = 64 * 1024;

impl AttachClient {
    fn queue(&mut self, f: &Frame) {
        self.outq.extend_from_slice(&f.encode());
    }

    fn run(&mut self, mut stdin_open: bool, signals: &SignalRelay) -> Result<Outcome, AttachError> {
        let mut buf = vec![0u8; 32 * 1024];
        loop {
            self.flush()?;
            let mut pfds = vec![
                pollfd(signals.fd(), libc::POLLIN),
                pollfd(
                    self.sock.as_raw_fd(),
                    libc::POLLIN
                        | if self.outq.is_empty() {
                            0
                        } else {
                            libc::POLLOUT
                        },
                ),
            ];
            let read_stdin = stdin_open && self.outq.len() < MAX_QUEUE;
            if read_stdin {
                pfds.push(pollfd(0, libc::POLLIN));
            }
            if poll(&mut pfds, -1).is_err() {
                continue;
            }
            if pfds[0].revents != 0 {
                for sig in signals.drain() {
                    match sig {
                        Signal::SIGWINCH => {
                            if let Some((rows, cols)) = crate::runtime::supervisor::terminal_size(
                                &io::stdout(),
                            )
                            .or_else(|| crate::runtime::supervisor::terminal_size(&io::stdin()))
                            {
                                self.queue(&Frame::Resize { rows, cols });
                            }
                        }
                        sig if signals.proxy => self.queue(&Frame::Signal { signal: sig as i32 }),
                        sig => return Ok(Outcome::Killed(sig)),
                    }
                }
            }
            if pfds[1].revents != 0 {
                if let Some(outcome) = self.read_socket(&mut buf)? {
                    return Ok(outcome);
                }
            }
            if read_stdin && pfds[2].revents != 0 {
                let n = match nix::unistd::read(0, &mut buf) {
                    Ok(n) => n,
                    Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => continue,
                    Err(_) => 0,
                };
                if n == 0 {
                    stdin_open = false;
                    let held = self.keys[..self.matched].to_vec();
                    if !held.is_empty() {
                        self.queue(&Frame::Stdin(held));
                    }
                    self.queue(&Frame::StdinClose);
                    continue;
                }
                let (data, detach) = filter_detach(&self.keys, &mut self.matched, &buf[..n]);
                if !data.is_empty() {
                    self.queue(&Frame::Stdin(data));
                }
                if detach {
                    self.queue(&Frame::Detach);
                    let _ = self.sock.set_nonblocking(false);
                    let _ = self.sock.set_write_timeout(Some(Duration::from_secs(2)));
                    let _ = self.sock.write_all(&self.outq);
                    return Ok(Outcome::Detached);
                }
            }
        }
    }

    /// Sends what the socket takes now.
    fn flush(&mut self) -> Result<(), AttachError> {
        while !self.outq.is_empty() {
            match self.sock.write(&self.outq) {
                Ok(n) => {
                    self.outq.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // The supervisor is gone; reading tells how it ended.
                Err(_) => {
                    self.outq.clear();
                    break;
                }
            }
        }
        Ok(())
    }

    /// Reads what the supervisor sent and shows it; the outcome once the stream says how the
    /// container ended.
    fn read_socket(&mut self, buf: &mut [u8]) -> Result<Option<Outcome>, AttachError> {
        // The end of the stream counts only after the frames before it: `Exit` comes last.
        let mut ended = false;
        loop {
            match io::Read::read(&mut self.sock, buf) {
                Ok(0) => {
                    ended = true;
                    break;
                }
                Ok(n) => self.inbuf.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    ended = true;
                    break;
                }
            }
        }
        let mut used = 0;
        let mut outcome = None;
        while let Some((frame, n)) = Frame::parse(&self.inbuf[used..])? {
            used += n;
            let shown = match frame {
                Frame::Stdout(d) if self.outputs.0 => write_out(1, &d),
                Frame::Stderr(d) if self.outputs.1 => write_out(2, &d),
                Frame::Stdout(_) | Frame::Stderr(_) => Ok(()),
                Frame::Exit { code } => {
                    outcome = Some(Outcome::Exit(code));
                    break;
                }
                Frame::Error { code, message } => {
                    eprintln!("Error: {message}");
                    outcome = Some(Outcome::Exit(code));
                    break;
                }
                _ => Ok(()),
            };
            match shown {
                Ok(()) => {}
                // Our reader went away (`rcon run … | head -1`): end as a program writing to a
                // closed pipe does, quietly; the container goes on like after a detach.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                    outcome = Some(Outcome::Killed(Signal::SIGPIPE));
                    break;
                }
                Err(e) => return Err(e.into()),
            }
        }
        self.inbuf.drain(..used);
        if outcome.is_none() && ended {
            return Ok(Some(Outcome::Lost));
        }
        Ok(outcome)
    }
}

/// Writes all of `data` to `fd`, waiting while a non-blocking descriptor is full.
fn write_out(fd: RawFd, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        match crate::sys::rawio::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(nix::errno::Errno::EINTR) => {}
            Err(nix::errno::Errno::EAGAIN) => {
                let mut p = [pollfd(fd, libc::POLLOUT)];
                let _ = poll(&mut p, -1);
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Passes input through, holding back a partial detach sequence. Returns the bytes to send and
/// whether the whole sequence was typed.
fn filter_detach(keys: &[u8], matched: &mut usize, input: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(input.len());
    if keys.is_empty() {
        out.extend_from_slice(input);
        return (out, false);
    }
    for &b in input {
        if b == keys[*matched] {
            *matched += 1;
            if *matched == keys.len() {
                *matched = 0;
                return (out, true);
            }
            continue;
        }
        out.extend_from_slice(&keys[..*matched]);
        *matched = 0;
        if b == keys[0] {
            *matched = 1;
            if keys.len() == 1 {
                *matched = 0;
                return (out, true);
            }
        } else {
            out.push(b);
        }
    }
    (out, false)
}

/// `ctrl-p,ctrl-q` → `[0x10, 0x11]`; empty → no detach keys.
pub(crate) fn detach_sequence(spec: &str) -> Result<Vec<u8>, AttachError> {
    let bad = || AttachError::DetachKeys {
        keys: spec.to_string(),
    };
    if spec.is_empty() {
        return Ok(Vec::new());
    }
    spec.split(',')
        .map(|key| match key.strip_prefix("ctrl-") {
            Some(c) if c.len() == 1 => {
                let c = c.as_bytes()[0].to_ascii_uppercase();
                match c {
                    b'@'..=b'_' => Ok(c - b'@'),
                    _ => Err(bad()),
                }
            }
            None if key.len() == 1 && key.as_bytes()[0].is_ascii_graphic() => Ok(key.as_bytes()[0]),
            _ => Err(bad()),
        })
        .collect()
}

/// The user's terminal (stdin's) in raw mode until dropped.
struct RawMode {
    saved: Termios,
}

impl RawMode {
    fn enter() -> io::Result<RawMode> {
        let stdin = io::stdin();
        let b = stdin.as_fd();
        let saved = termios::tcgetattr(b)?;
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        termios::tcsetattr(b, SetArg::TCSANOW, &raw)?;
        Ok(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(io::stdin().as_fd(), SetArg::TCSADRAIN, &self.saved);
    }
}

/// The signals we forward (`--sig-proxy`), as Podman does.
const PROXIED: [Signal; 6] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
];

/// Handlers for SIGWINCH and the forwarded signals, writing to a self-pipe; the previous
/// dispositions come back on drop.
struct SignalRelay {
    read: std::fs::File,
    _write: std::os::fd::OwnedFd,
    proxy: bool,
    installed: crate::sys::sigpipe::Installed,
}

impl SignalRelay {
    fn install(opts: &AttachOpts) -> io::Result<SignalRelay> {
        use nix::fcntl::OFlag;
        let (r, w) = nix::unistd::pipe2(OFlag::O_CLOEXEC | OFlag::O_NONBLOCK)?;
        let mut sigs = vec![Signal::SIGWINCH];
        if opts.sig_proxy {
            sigs.extend(PROXIED);
        } else if opts.tty && opts.stdin {
            // Raw mode must be undone before these end us.
            sigs.extend([Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP]);
        }
        let installed =
            crate::sys::sigpipe::install(w.as_fd(), &sigs, nix::sys::signal::SaFlags::SA_RESTART)?;
        Ok(SignalRelay {
            read: std::fs::File::from(r),
            _write: w,
            proxy: opts.sig_proxy,
            installed,
        })
    }

    fn fd(&self) -> RawFd {
        self.read.as_raw_fd()
    }

    /// The signals received since the last call.
    fn drain(&self) -> Vec<Signal> {
        let mut out = Vec::new();
        let mut buf = [0u8; 64];
        while let Ok(n) = io::Read::read(&mut &self.read, &mut buf) {
            if n == 0 {
                break;
            }
            out.extend(
                buf[..n]
                    .iter()
                    .filter_map(|&b| Signal::try_from(i32::from(b)).ok()),
            );
        }
        out
    }
}

impl Drop for SignalRelay {
    fn drop(&mut self) {
        self.installed.restore();
    }
}

fn pollfd(fd: RawFd, events: libc::c_short) -> libc::pollfd {
    libc::pollfd {
        fd,
        events,
        revents: 0,
    }
}

fn poll(fds: &mut [libc::pollfd], timeout: i32) -> io::Result<usize> {
    crate::sys::rawio::poll(fds, timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys_parse_like_podmans() {
        assert_eq!(detach_sequence("ctrl-p,ctrl-q").unwrap(), [0x10, 0x11]);
        assert_eq!(detach_sequence("ctrl-a,x").unwrap(), [1, b'x']);
        assert_eq!(
            detach_sequence("ctrl-@,ctrl-_,ctrl-[").unwrap(),
            [0, 31, 27]
        );
        assert!(detach_sequence("").unwrap().is_empty());
        assert!(detach_sequence("ctrl-pq").is_err());
        assert!(detach_sequence("ctrl-1").is_err());
        assert!(detach_sequence("ab").is_err());
    }

    #[test]
    fn detach_sequence_is_held_back_then_passed_or_taken() {
        let keys = [0x10, 0x11];
        let mut m = 0;
        assert_eq!(
            filter_detach(&keys, &mut m, b"ab\x10"),
            (b"ab".to_vec(), false)
        );
        assert_eq!(m, 1);
        // Not the second key: the held byte goes through with the rest.
        assert_eq!(
            filter_detach(&keys, &mut m, b"c"),
            (b"\x10c".to_vec(), false)
        );
        assert_eq!(
            filter_detach(&keys, &mut m, b"x\x10\x10\x11"),
            (b"x\x10".to_vec(), true)
        );
        assert_eq!(m, 0);
        assert_eq!(
            filter_detach(&[], &mut m, b"\x10\x11"),
            (b"\x10\x11".to_vec(), false)
        );
    }
}
