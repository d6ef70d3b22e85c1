//! POST /containers/{id}/attach (hijacked) and resize.
//!
//! An attach is a client of the container's supervisor (its attach socket, the protocol of
//! `runtime::supervisor::protocol`) relayed to the hijacked HTTP connection: the supervisor's
//! `Stdout`/`Stderr` frames become Docker's multiplexed frames (or raw bytes with a TTY), the
//! client's bytes become `Stdin` frames, and the supervisor's `Exit` ends the stream.
//!
//! `docker run` attaches before it starts the container, and the container's first output must
//! reach it. A container that does not run yet gets a *pending attach*: a socket under
//! `<runroot>/api/attach/<id>` that the attach's own process listens on. The start (another
//! request, another process) takes it with [`take_pending`] and gives the connected end to
//! `supervisor::start` as its first client, so the client is attached before the container's
//! first process runs. A start that does not take it is noticed (the container runs, nobody
//! connected): the attach then connects to the supervisor's socket as any later client does.
use crate::api::exec::{mux, not_running, rcon_find, size_of, state_of, HUP, MULTIPLEXED, RAW};
use crate::api::http::{ApiError, ApiResult, Hijacked, Reply, Req};
use crate::cli::Context;
use crate::config::Paths;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::Status;
use crate::runtime::supervisor::protocol::Frame;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// What an attached client asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Streams {
    pub(crate) stdin: bool,
    pub(crate) stdout: bool,
    pub(crate) stderr: bool,
    /// Raw bytes (the container has a TTY) rather than multiplexed frames.
    pub(crate) raw: bool,
    /// The client's end of input ends the container's (Docker's `StdinOnce`: the attach that
    /// came before the start).
    pub(crate) stdin_once: bool,
}

pub(super) fn attach(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let stream = req.q_bool("stream", false)?;
    let logs = req.q_bool("logs", false)?;
    let mut streams = Streams {
        stdin: req.q_bool("stdin", false)?,
        stdout: req.q_bool("stdout", false)?,
        stderr: req.q_bool("stderr", false)?,
        raw: record.tty,
        stdin_once: false,
    };
    let ctype = if record.tty { RAW } else { MULTIPLEXED };
    let history = if logs {
        super::logs::history(ctx, &record, streams.stdout, streams.stderr, !record.tty)?
    } else {
        Vec::new()
    };
    if !stream {
        return Ok(Reply::Hijack(
            ctype,
            Box::new(move |h: Hijacked| {
                let _ = (&h.socket).write_all(&history);
                h.close_write();
            }),
        ));
    }
    let st = state_of(ctx, &record)?;
    let source = if matches!(st.status, Status::Running | Status::Paused) {
        let cpaths = ContainerPaths::new(&ctx.paths, &record.id);
        let sock =
            crate::runtime::supervisor::connect(&cpaths.run).map_err(|_| not_running(&record))?;
        Source::Running(sock)
    } else {
        streams.stdin_once = true;
        Source::Pending(Pending::listen(&ctx.paths, &record.id).map_err(|e| {
            ApiError::internal(format!(
                "cannot wait for container {} to start: {e}",
                record.name
            ))
        })?)
    };
    let paths = ctx.paths.clone();
    Ok(Reply::Hijack(
        ctype,
        Box::new(move |h: Hijacked| {
            let _ = (&h.socket).write_all(&history);
            let sup = match source {
                Source::Running(s) => Some(s),
                Source::Pending(p) => p.wait(&paths, &record, &h),
            };
            match sup {
                Some(sup) => relay(h, sup, streams),
                None => h.close_write(),
            }
        }),
    ))
}

enum Source {
    Running(UnixStream),
    Pending(Pending),
}

/// `POST /containers/{id}/resize?h=&w=`: the container's terminal size.
pub(super) fn resize(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let (rows, cols) = size_of(req)?;
    let cpaths = ContainerPaths::new(&ctx.paths, &record.id);
    let mut sock =
        crate::runtime::supervisor::connect(&cpaths.run).map_err(|_| not_running(&record))?;
    let mut msg = Frame::Resize { rows, cols }.encode();
    msg.extend(Frame::Detach.encode());
    sock.write_all(&msg)
        .map_err(|e| ApiError::internal(format!("cannot resize container {}: {e}", record.name)))?;
    Ok(Reply::Empty(hyper::http::StatusCode::OK))
}

/// The folder of pending attaches.
fn pending_dir(paths: &Paths) -> PathBuf {
    paths.runroot.join("api").join("attach")
}

/// For the start of container `id` (`POST /containers/{id}/start`): the supervisor's end of an
/// attach that waits for this start, if one does. Pass it to `supervisor::start` as the first
/// client; the attach's stream then has every byte of output.
pub(crate) fn take_pending(paths: &Paths, id: &str) -> Option<OwnedFd> {
    let dir = pending_dir(paths);
    let dirfd = open_dir(&dir).ok()?;
    let addr = format!("/proc/self/fd/{}/{id}", dirfd.as_raw_fd());
    let sock = UnixStream::connect(&addr);
    // Taken once: a second start (or a stale socket) finds nothing.
    let _ = std::fs::remove_file(&addr);
    sock.ok().map(OwnedFd::from)
}

fn open_dir(dir: &Path) -> io::Result<OwnedFd> {
    let f = std::fs::File::open(dir)?;
    Ok(OwnedFd::from(f))
}

/// An attach to a container that is not running yet.
struct Pending {
    listener: UnixListener,
    path: PathBuf,
}

impl Pending {
    /// Listens at `<runroot>/api/attach/<id>` (bound through the folder's descriptor: the path
    /// may be longer than a socket address holds).
    fn listen(paths: &Paths, id: &str) -> io::Result<Pending> {
        let dir = pending_dir(paths);
        std::os::unix::fs::DirBuilderExt::mode(&mut std::fs::DirBuilder::new(), 0o700)
            .recursive(true)
            .create(&dir)?;
        let dirfd = open_dir(&dir)?;
        let addr = format!("/proc/self/fd/{}/{id}", dirfd.as_raw_fd());
        let _ = std::fs::remove_file(&addr);
        let listener = UnixListener::bind(&addr)?;
        listener.set_nonblocking(true)?;
        Ok(Pending {
            listener,
            path: dir.join(id),
        })
    }

    /// Waits for the start to connect (or for the container to run without it); `None` when
    /// the client left first.
    fn wait(self, paths: &Paths, record: &ContainerRecord, h: &Hijacked) -> Option<UnixStream> {
        let cpaths = ContainerPaths::new(paths, &record.id);
        loop {
            if let Ok((s, _)) = self.listener.accept() {
                let _ = s.set_nonblocking(false);
                return Some(s);
            }
            let mut pfds = [
                pollfd(self.listener.as_raw_fd(), libc::POLLIN),
                pollfd(h.socket.as_raw_fd(), 0),
            ];
            let _ = crate::sys::rawio::poll(&mut pfds, 200);
            if pfds[1].revents & HUP != 0 {
                return None;
            }
            if pfds[0].revents != 0 {
                continue;
            }
            let running = crate::container::list::state_of(paths, &record.id)
                .is_ok_and(|s| s.status == Status::Running);
            if running {
                if let Ok((s, _)) = self.listener.accept() {
                    let _ = s.set_nonblocking(false);
                    return Some(s);
                }
                // Started without taking this attach: join as a later client.
                return crate::runtime::supervisor::connect(&cpaths.run).ok();
            }
            if !cpaths.record().exists() {
                return None;
            }
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn pollfd(fd: i32, events: libc::c_short) -> libc::pollfd {
    libc::pollfd {
        fd,
        events,
        revents: 0,
    }
}

/// Relays between the hijacked client and the supervisor until the container ends (the
/// client reads EOF) or the client leaves (the container goes on: we detach).
pub(crate) fn relay(h: Hijacked, mut sup: UnixStream, s: Streams) {
    let client = &h.socket;
    if s.stdin && !h.pending.is_empty() {
        let _ = sup.write_all(&Frame::Stdin(h.pending.to_vec()).encode());
    }
    let mut input_open = s.stdin;
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        let mut pfds = [
            pollfd(sup.as_raw_fd(), libc::POLLIN),
            pollfd(
                client.as_raw_fd(),
                if input_open { libc::POLLIN } else { 0 },
            ),
        ];
        if crate::sys::rawio::poll(&mut pfds, -1).is_err() {
            continue;
        }
        if pfds[0].revents != 0 {
            match Frame::read_from(&mut sup) {
                Ok(Some(Frame::Stdout(d))) if s.stdout => {
                    if send(client, 1, &d, s.raw).is_err() {
                        break;
                    }
                }
                Ok(Some(Frame::Stderr(d))) if s.stderr => {
                    if send(client, 2, &d, s.raw).is_err() {
                        break;
                    }
                }
                // A start that failed says why in its own answer (`docker run` shows that).
                Ok(Some(Frame::Exit { .. } | Frame::Error { .. })) | Ok(None) | Err(_) => {
                    h.close_write();
                    return;
                }
                Ok(Some(_)) => {}
            }
            continue;
        }
        if pfds[1].revents & libc::POLLIN != 0 {
            match (&h.socket).read(&mut buf) {
                Ok(0) | Err(_) => {
                    input_open = false;
                    if s.stdin_once {
                        let _ = sup.write_all(&Frame::StdinClose.encode());
                    }
                }
                Ok(n) => {
                    let _ = sup.write_all(&Frame::Stdin(buf[..n].to_vec()).encode());
                }
            }
            continue;
        }
        if pfds[1].revents & HUP != 0 {
            break;
        }
    }
    // The client is gone: the container goes on without it.
    let _ = sup.write_all(&Frame::Detach.encode());
}

/// Writes one chunk of output: raw, or as a multiplexed frame of `stream`.
fn send(mut client: &std::fs::File, stream: u8, data: &[u8], raw: bool) -> io::Result<()> {
    if raw {
        client.write_all(data)
    } else {
        client.write_all(&mux(stream, data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_pending_attach_is_taken_once_by_the_start() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            root: tmp.path().join("root"),
            runroot: tmp.path().join("run"),
            config_home: tmp.path().join("config"),
            volume_path: None,
            runtime_dir: None,
            home: tmp.path().to_path_buf(),
        };
        let id = "ab".repeat(32);
        let pending = Pending::listen(&paths, &id).unwrap();
        let fd = take_pending(&paths, &id).expect("the start connects");
        assert!(take_pending(&paths, &id).is_none(), "only once");
        std::thread::sleep(Duration::from_millis(10));
        let (mut ours, _) = pending.listener.accept().unwrap();
        ours.set_nonblocking(false).unwrap();
        let mut theirs = UnixStream::from(fd);
        theirs
            .write_all(&Frame::Stdout(b"hi".to_vec()).encode())
            .unwrap();
        assert_eq!(
            Frame::read_from(&mut ours).unwrap(),
            Some(Frame::Stdout(b"hi".to_vec()))
        );
    }
}
