//! `rcon system service`: the listening socket (bound, or passed by systemd), and the accept
//! loop. The service process stays single-threaded and small: each connection is served by a
//! forked child (its own runtime and threads), so a client that streams or hijacks for hours
//! costs the others nothing, and the service exits once no connection has been open for the
//! idle time.
use super::conn;
use crate::cli::Context;
use anyhow::{bail, Context as _};
use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the service listens.
#[derive(Debug)]
pub(crate) enum Listener {
    Unix(UnixListener, Option<PathBuf>),
    Tcp(std::net::TcpListener),
}

/// The first descriptor systemd passes (`SD_LISTEN_FDS_START`).
const LISTEN_FDS_START: i32 = 3;

/// The default socket: `<runroot>/rcon.sock` (`$XDG_RUNTIME_DIR/rcon/rcon.sock`).
pub(crate) fn default_socket(runroot: &Path) -> PathBuf {
    runroot.join("rcon.sock")
}

/// The socket systemd passed (`LISTEN_PID` is us, `LISTEN_FDS` ≥ 1), if any; the variables
/// are removed so that nothing we start takes them for its own.
pub(crate) fn activated() -> anyhow::Result<Option<Listener>> {
    let pid = std::env::var("LISTEN_PID").ok();
    let fds = std::env::var("LISTEN_FDS").ok();
    std::env::remove_var("LISTEN_PID");
    std::env::remove_var("LISTEN_FDS");
    std::env::remove_var("LISTEN_FDNAMES");
    let (Some(pid), Some(fds)) = (pid, fds) else {
        return Ok(None);
    };
    if pid.parse::<u32>().ok() != Some(std::process::id()) {
        return Ok(None);
    }
    let n: i32 = fds
        .parse()
        .with_context(|| format!("LISTEN_FDS={fds:?}: expected a number"))?;
    if n < 1 {
        return Ok(None);
    }
    if n > 1 {
        log::warn!("systemd passed {n} sockets; rcon serves the first");
    }
    // Ours by the socket-activation protocol; checked to be a socket below.
    let fd = crate::sys::fd::own(LISTEN_FDS_START);
    nix::fcntl::fcntl(
        fd.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )
    .context("the socket systemd passed: cannot set close-on-exec")?;
    let addr = nix::sys::socket::getsockname::<nix::sys::socket::SockaddrStorage>(fd.as_raw_fd())
        .context("the descriptor systemd passed is not a socket")?;
    if addr.as_unix_addr().is_some() {
        Ok(Some(Listener::Unix(UnixListener::from(fd), None)))
    } else {
        Ok(Some(Listener::Tcp(std::net::TcpListener::from(fd))))
    }
}

/// Binds `uri` (`unix://PATH` or `tcp://HOST:PORT`), or the default socket.
pub(crate) fn bind(uri: Option<&str>, runroot: &Path) -> anyhow::Result<Listener> {
    let Some(uri) = uri else {
        return bind_unix(&default_socket(runroot));
    };
    if let Some(path) = uri.strip_prefix("unix://") {
        if path.is_empty() {
            bail!("{uri}: expected unix://PATH");
        }
        return bind_unix(Path::new(path));
    }
    if let Some(addr) = uri.strip_prefix("tcp://") {
        let l = std::net::TcpListener::bind(addr).map_err(|e| match e.kind() {
            io::ErrorKind::AddrInUse => {
                anyhow::anyhow!("{uri}: the address is already in use: pick another port")
            }
            _ => anyhow::anyhow!("{uri}: cannot listen: {e}"),
        })?;
        eprintln!(
            "WARNING: the API is served on {uri} without TLS or authentication: anyone who can \
             reach it controls your containers"
        );
        return Ok(Listener::Tcp(l));
    }
    bail!("{uri}: expected unix://PATH or tcp://HOST:PORT")
}

/// A socket at `path`, mode 0600, in a folder of ours (created 0700). A stale socket left by
/// a killed service is replaced; one another service still answers on is not.
fn bind_unix(path: &Path) -> anyhow::Result<Listener> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    if path.symlink_metadata().is_ok() {
        if UnixStream::connect(path).is_ok() {
            bail!(
                "{}: another service is listening there: stop it, or pass another URI",
                path.display()
            );
        }
        std::fs::remove_file(path)
            .with_context(|| format!("cannot remove the stale socket {}", path.display()))?;
    }
    // Bound under a umask that leaves it 0600 from the start: no moment where others may
    // connect. The service is single-threaded here.
    let old = nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o177));
    let bound = UnixListener::bind(path);
    nix::sys::stat::umask(old);
    let l = bound.with_context(|| format!("cannot listen on {}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("cannot make {} private", path.display()))?;
    Ok(Listener::Unix(l, Some(path.to_path_buf())))
}

/// Serves until no connection has been open for `idle` (never with `None`).
pub(crate) fn run(ctx: Context, listener: Listener, idle: Option<Duration>) -> anyhow::Result<()> {
    // Writes to a client that has gone fail with EPIPE: Rust ignores SIGPIPE from the start.
    let ctx = Arc::new(ctx);
    let fd = match &listener {
        Listener::Unix(l, _) => l.as_fd().try_clone_to_owned(),
        Listener::Tcp(l) => l.as_fd().try_clone_to_owned(),
    }
    .context("cannot duplicate the listening socket")?;
    let mut children: Vec<i32> = Vec::new();
    let mut last_busy = Instant::now();
    // Start-up (parsing every command's flags, binding) touched much code and memory the
    // accept loop never uses again: out of the resident set while idle. A connection's
    // process gets the code back from the page cache as it needs it.
    crate::sys::memory::trim_clean_file_pages();
    crate::sys::memory::trim_heap();
    loop {
        children.retain(|&pid| !reaped(pid));
        if !children.is_empty() {
            last_busy = Instant::now();
        }
        let wait = match idle {
            _ if !children.is_empty() => Some(Duration::from_millis(250)),
            None => None,
            Some(idle) => match idle.checked_sub(last_busy.elapsed()) {
                Some(left) if !left.is_zero() => Some(left),
                _ => break,
            },
        };
        if !readable(&fd, wait)? {
            continue;
        }
        let accepted = match &listener {
            Listener::Unix(l, _) => l.accept().map(|(s, _)| OwnedFd::from(s)),
            Listener::Tcp(l) => l.accept().map(|(s, _)| {
                let _ = s.set_nodelay(true);
                OwnedFd::from(s)
            }),
        };
        let conn = match accepted {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                log::warn!("cannot accept a connection: {e}");
                continue;
            }
        };
        last_busy = Instant::now();
        match crate::sys::fork::fork().context("cannot fork a connection's process")? {
            None => {
                // The connection's process: the listener is the parent's. Closed here, not
                // kept: a child serving a long stream would otherwise hold the socket open
                // after the service is gone (killed), and a new service could not tell it
                // from a live one (clients would connect into a queue nobody accepts from).
                drop(fd);
                let tcp = matches!(listener, Listener::Tcp(_));
                drop(listener);
                serve_child(ctx, conn, tcp);
                crate::sys::process::exit_now(0);
            }
            Some(pid) => children.push(pid),
        }
    }
    if let Listener::Unix(_, Some(path)) = &listener {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}

fn serve_child(ctx: Arc<Context>, conn: OwnedFd, tcp: bool) {
    if tcp {
        conn::serve(ctx, move || {
            let s = std::net::TcpStream::from(conn);
            s.set_nonblocking(true)?;
            tokio::net::TcpStream::from_std(s)
        });
    } else {
        conn::serve(ctx, move || {
            let s = UnixStream::from(conn);
            s.set_nonblocking(true)?;
            tokio::net::UnixStream::from_std(s)
        });
    }
}

/// Whether child `pid` has ended (and is reaped now).
fn reaped(pid: i32) -> bool {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    !matches!(
        waitpid(nix::unistd::Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG)),
        Ok(WaitStatus::StillAlive)
    )
}

/// Waits until `fd` has a connection to accept, or `wait` passes.
fn readable(fd: &OwnedFd, wait: Option<Duration>) -> anyhow::Result<bool> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let timeout = match wait {
        None => PollTimeout::NONE,
        Some(d) => PollTimeout::try_from(d.as_millis().min(i32::MAX as u128) as i32)
            .unwrap_or(PollTimeout::MAX),
    };
    let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, timeout) {
        Ok(n) => Ok(n > 0),
        Err(nix::errno::Errno::EINTR) => Ok(false),
        Err(e) => Err(io::Error::from(e)).context("cannot wait for connections"),
    }
}
