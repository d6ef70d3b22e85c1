//! `POST /containers/{id}/exec`, `/exec/{id}/start|resize|json`; and what the streaming
//! endpoints share: Docker's multiplexed frames, the container lookup, and `rcon` itself as a
//! child process.
//!
//! An exec session lives on disk (`<runroot>/api/exec/<id>.json`, written whole each time):
//! the create, the start and every inspect are different requests, served by different
//! processes. The start runs `rcon exec` as a child (joining a container's user namespace
//! needs a single-threaded process; ours has threads) with pipes, or with a pseudo-terminal of
//! ours when the session has a TTY, and relays it to the hijacked connection. The child's
//! exit code goes into the record before the client reads the end of the stream, so the
//! inspect that follows (`docker exec` reads the code there) finds it. A detached start hands
//! the session to a waiter (`rcon system service --run-exec ID`, a session of its own): it runs
//! `rcon exec` with no input or output, and records the code when the command ends, however
//! long after the connection and the service are gone.
use super::http::{ApiError, ApiResult, Hijacked, Reply, Req};
use super::routes::segments;
use crate::cli::Context;
use crate::container::record::ContainerRecord;
use crate::container::state::Status;
use hyper::http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Docker's content types of an attached stream.
pub(crate) const MULTIPLEXED: &str = "application/vnd.docker.multiplexed-stream";
pub(crate) const RAW: &str = "application/vnd.docker.raw-stream";

/// The `h` and `w` query parameters of a resize.
pub(crate) fn size_of(req: &Req) -> Result<(u16, u16), ApiError> {
    let get = |k: &str| -> Result<u16, ApiError> {
        let v = req.q_int(k)?.unwrap_or(0);
        u16::try_from(v)
            .map_err(|_| ApiError::bad_request(format!("query parameter {k}={v}: out of range")))
    };
    Ok((get("h")?, get("w")?))
}

/// The poll events of a client that has gone (both directions closed, or an error).
pub(crate) const HUP: libc::c_short = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;

/// One of Docker's multiplexed frames: `[stream, 0, 0, 0, size (u32, big endian)]` + data.
pub(crate) fn mux(stream: u8, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + data.len());
    out.extend_from_slice(&[stream, 0, 0, 0]);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
    out
}

/// The container `id` names: 404 "No such container" as Docker words it.
pub(crate) fn rcon_find(ctx: &Context, id: &str) -> Result<ContainerRecord, ApiError> {
    crate::container::list::find(&ctx.paths, id).map_err(|e| {
        if e.is_not_found() {
            ApiError::not_found(format!("No such container: {id}"))
        } else {
            ApiError::internal(e.to_string())
        }
    })
}

/// The container's state, corrected when its supervisor died.
pub(crate) fn state_of(
    ctx: &Context,
    record: &ContainerRecord,
) -> Result<crate::container::state::State, ApiError> {
    crate::container::list::state_of(&ctx.paths, &record.id)
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// 409, as Docker answers for a container that must run.
pub(crate) fn not_running(record: &ContainerRecord) -> ApiError {
    ApiError::conflict(format!("Container {} is not running", record.id))
}

/// `rcon` itself with this service's store (`--root`, `--runroot` and the other global
/// options that choose where and how).
pub(crate) fn rcon_command(ctx: &Context) -> Command {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("/proc/self/exe"));
    let mut cmd = Command::new(exe);
    cmd.arg("--root").arg(&ctx.paths.root);
    cmd.arg("--runroot").arg(&ctx.paths.runroot);
    let value = |v: &dyn Fn() -> Option<clap::builder::PossibleValue>| {
        v().map(|p| p.get_name().to_string())
    };
    if let Some(d) = ctx.global.storage_driver {
        if let Some(name) = value(&|| clap::ValueEnum::to_possible_value(&d)) {
            cmd.arg("--storage-driver").arg(name);
        }
    }
    if let Some(m) = ctx.global.cgroup_manager {
        if let Some(name) = value(&|| clap::ValueEnum::to_possible_value(&m)) {
            cmd.arg("--cgroup-manager").arg(name);
        }
    }
    if let Some(b) = &ctx.global.events_backend {
        cmd.arg("--events-backend").arg(b);
    }
    cmd
}

/// An exec session, as kept on disk.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
struct Session {
    id: String,
    container_id: String,
    cmd: Vec<String>,
    env: Vec<String>,
    workdir: String,
    user: String,
    privileged: bool,
    tty: bool,
    stdin: bool,
    stdout: bool,
    stderr: bool,
    detach_keys: String,
    /// `[rows, cols]` the client asked for.
    console_size: Option<[u16; 2]>,
    started: bool,
    running: bool,
    exit_code: Option<i32>,
    /// The `rcon exec` child's pid while it runs.
    pid: i32,
    /// The process that waits for the child and records its end (the service, or the waiter
    /// of a detached session).
    #[serde(default)]
    waiter: i32,
    /// Our pseudo-terminal's peer (`/dev/pts/N`) while a TTY session runs.
    tty_path: Option<PathBuf>,
}

fn session_path(ctx: &Context, id: &str) -> PathBuf {
    ctx.paths
        .runroot
        .join("api/exec")
        .join(format!("{id}.json"))
}

fn size_path(ctx: &Context, id: &str) -> PathBuf {
    ctx.paths
        .runroot
        .join("api/exec")
        .join(format!("{id}.size"))
}

fn load(ctx: &Context, id: &str) -> Result<Session, ApiError> {
    let bad = id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit());
    let none = || ApiError::not_found(format!("No such exec instance: {id}"));
    if bad {
        return Err(none());
    }
    match crate::util::fs::read_json::<Session>(&session_path(ctx, id)) {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(none()),
        Err(e) => Err(ApiError::internal(format!(
            "cannot read exec instance {id}: {e}"
        ))),
    }
}

fn save(ctx: &Context, s: &Session) -> io::Result<()> {
    let data = serde_json::to_vec(s).map_err(io::Error::other)?;
    crate::util::fs::atomic_write(&session_path(ctx, &s.id), &data)
}

/// The create request's body (Docker's `ExecConfig`).
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct ExecConfig {
    attach_stdin: bool,
    attach_stdout: bool,
    attach_stderr: bool,
    tty: bool,
    cmd: Option<Vec<String>>,
    env: Option<Vec<String>>,
    working_dir: String,
    user: String,
    privileged: bool,
    detach_keys: String,
    console_size: Option<[u16; 2]>,
}

/// `POST /containers/{id}/exec`.
pub(super) fn create(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let c: ExecConfig = req.json()?;
    let record = rcon_find(ctx, id)?;
    let st = state_of(ctx, &record)?;
    match st.status {
        Status::Running => {}
        Status::Paused => {
            return Err(ApiError::conflict(format!(
                "Container {} is paused, unpause the container before exec",
                record.id
            )))
        }
        _ => return Err(not_running(&record)),
    }
    let cmd = c.cmd.unwrap_or_default();
    if cmd.is_empty() {
        return Err(ApiError::bad_request("No exec command specified"));
    }
    let session = Session {
        id: crate::container::create::new_id()
            .map_err(|e| ApiError::internal(format!("cannot make an exec ID: {e}")))?,
        container_id: record.id.clone(),
        cmd,
        env: c.env.unwrap_or_default(),
        workdir: c.working_dir,
        user: c.user,
        privileged: c.privileged,
        tty: c.tty,
        stdin: c.attach_stdin,
        stdout: c.attach_stdout,
        stderr: c.attach_stderr,
        detach_keys: c.detach_keys,
        console_size: c.console_size.filter(|s| s[0] > 0 && s[1] > 0),
        ..Session::default()
    };
    save(ctx, &session)
        .map_err(|e| ApiError::internal(format!("cannot record the exec instance: {e}")))?;
    Reply::created(json!({ "Id": session.id }))
}

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let segs = segments(&req.path, "/exec")?;
    let m = req.method.clone();
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    Some(match (&m, s.as_slice()) {
        (&Method::POST, [id, "start"]) => start(ctx, req, id),
        (&Method::POST, [id, "resize"]) => resize(ctx, req, id),
        (&Method::GET, [id, "json"]) => inspect(ctx, id),
        _ => return None,
    })
}

/// `GET /exec/{id}/json`.
fn inspect(ctx: &Context, id: &str) -> ApiResult {
    let mut s = load(ctx, id)?;
    // Whoever waited for it was killed before it could record the end: not running, code
    // unknown. While the waiter lives, the end is still being recorded.
    let recording = s.waiter > 0 && alive(s.waiter);
    if s.running && s.pid > 0 && !alive(s.pid) && !recording {
        s.running = false;
        s.pid = 0;
    }
    let (entrypoint, arguments) = match s.cmd.split_first() {
        Some((first, rest)) => (first.clone(), rest.to_vec()),
        None => (String::new(), Vec::new()),
    };
    Reply::ok(json!({
        "ID": s.id,
        "Running": s.running,
        "ExitCode": s.exit_code,
        "ProcessConfig": {
            "entrypoint": entrypoint,
            "arguments": arguments,
            "tty": s.tty,
            "user": s.user,
            "privileged": s.privileged,
        },
        "OpenStdin": s.stdin,
        "OpenStdout": s.stdout,
        "OpenStderr": s.stderr,
        "CanRemove": false,
        "ContainerID": s.container_id,
        "DetachKeys": s.detach_keys,
        "Pid": s.pid,
    }))
}

/// Whether process `pid` still exists.
fn alive(pid: i32) -> bool {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None) != Err(nix::errno::Errno::ESRCH)
}

/// `POST /exec/{id}/resize?h=&w=`: the session's terminal. A session not started yet gets
/// the size when it starts.
fn resize(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let s = load(ctx, id)?;
    let (rows, cols) = size_of(req)?;
    let _ = crate::util::fs::atomic_write(&size_path(ctx, id), format!("{rows} {cols}").as_bytes());
    if let (true, Some(path)) = (s.running, &s.tty_path) {
        apply_size(path, s.pid, rows, cols)
            .map_err(|e| ApiError::internal(format!("cannot resize exec instance {id}: {e}")))?;
    }
    Ok(Reply::Empty(StatusCode::OK))
}

/// Sets the size of our terminal `path` and tells the `rcon exec` on it (`pid`), which copies
/// it to the command's terminal.
fn apply_size(path: &std::path::Path, pid: i32, rows: u16, cols: u16) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(path)?;
    crate::runtime::supervisor::set_winsize(f.as_raw_fd(), rows, cols)?;
    if pid > 0 {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(pid),
            nix::sys::signal::Signal::SIGWINCH,
        );
    }
    Ok(())
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
struct StartConfig {
    detach: bool,
    tty: Option<bool>,
    console_size: Option<[u16; 2]>,
}

/// `POST /exec/{id}/start`: detached (answered once the waiter runs the command), or
/// hijacked.
fn start(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let c: StartConfig = req.json()?;
    let mut s = load(ctx, id)?;
    if s.started {
        return Err(ApiError::conflict(format!(
            "Exec instance {id} has already been started"
        )));
    }
    if let Some(tty) = c.tty {
        s.tty = tty;
    }
    if let Some(size) = c.console_size.filter(|s| s[0] > 0 && s[1] > 0) {
        s.console_size = Some(size);
    }
    let record = rcon_find(ctx, &s.container_id)?;
    let st = state_of(ctx, &record)?;
    if st.status != Status::Running {
        return Err(not_running(&record));
    }
    s.started = true;
    let mut cmd = rcon_command(ctx);
    cmd.args(exec_argv(&s));
    save(ctx, &s).map_err(|e| ApiError::internal(e.to_string()))?;
    if c.detach {
        start_detached(ctx, &s)?;
        return Ok(Reply::Empty(StatusCode::OK));
    }
    let ctype = if s.tty { RAW } else { MULTIPLEXED };
    let ctx = ctx.clone();
    Ok(Reply::Hijack(
        ctype,
        Box::new(move |h: Hijacked| {
            let code = match run_session(&ctx, &mut s, cmd, &h) {
                Ok(code) => code,
                Err(e) => {
                    let msg = format!("cannot run the exec session: {e}\n");
                    let _ = (&h.socket).write_all(&if s.tty {
                        msg.into_bytes()
                    } else {
                        mux(2, msg.as_bytes())
                    });
                    125
                }
            };
            s.running = false;
            s.exit_code = Some(code);
            s.pid = 0;
            s.tty_path = None;
            if let Err(e) = save(&ctx, &s) {
                log::warn!("cannot record the end of exec instance {}: {e}", s.id);
            }
            let _ = std::fs::remove_file(size_path(&ctx, &s.id));
            h.close_write();
        }),
    ))
}

/// Starts the waiter of detached session `s` (`rcon system service --run-exec ID`, in a
/// session of its own so that it outlives this connection and the service) and returns once
/// it has started the command.
fn start_detached(ctx: &Context, s: &Session) -> Result<(), ApiError> {
    let mut cmd = rcon_command(ctx);
    cmd.args(["system", "service", "--run-exec", &s.id])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    crate::sys::userns::before_exec(&mut cmd, 1, crate::sys::userns::ChildSetup::NewSession);
    let mut child = cmd
        .spawn()
        .map_err(|e| ApiError::internal(format!("cannot run exec instance {}: {e}", s.id)))?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = io::BufRead::read_line(&mut io::BufReader::new(out), &mut line);
    }
    if line.trim() == WAITER_STARTED {
        // Reaped by this process while it lives; by init after.
        std::thread::spawn(move || child.wait());
        return Ok(());
    }
    let mut text = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut text);
    }
    let _ = child.wait();
    let msg = text.trim().trim_start_matches("Error: ");
    Err(ApiError::internal(format!(
        "cannot run exec instance {}: {msg}",
        s.id
    )))
}

/// What the waiter of a detached session prints once the command runs.
const WAITER_STARTED: &str = "running";

/// `rcon system service --run-exec ID`: the waiter of a detached exec session. Runs `rcon
/// exec` with the session's command (output to /dev/null), tells the starting request
/// ([`WAITER_STARTED`] on stdout), waits, and writes the exit code into the record, where
/// `GET /exec/{id}/json` finds it.
pub(crate) fn run_detached(ctx: &Context, id: &str) -> anyhow::Result<i32> {
    let mut s = load(ctx, id).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    // Nothing to read from or show on: no input, no terminal.
    let quiet = Session {
        stdin: false,
        tty: false,
        ..s.clone()
    };
    let mut cmd = rcon_command(ctx);
    cmd.args(exec_argv(&quiet))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd
        .spawn()
        .map_err(|e| anyhow::anyhow!("exec instance {id}: cannot run rcon exec: {e}"))?;
    s.running = true;
    s.pid = child.id() as i32;
    s.waiter = std::process::id() as i32;
    let recorded = save(ctx, &s);
    println!("{WAITER_STARTED}");
    let status = child.wait();
    use std::os::unix::process::ExitStatusExt;
    let code = match &status {
        Ok(st) => st.code().or_else(|| st.signal().map(|sig| 128 + sig)),
        Err(_) => None,
    };
    s.running = false;
    s.exit_code = Some(code.unwrap_or(125));
    s.pid = 0;
    recorded
        .and_then(|()| save(ctx, &s))
        .map_err(|e| anyhow::anyhow!("cannot record the end of exec instance {id}: {e}"))?;
    Ok(0)
}

/// `rcon exec`'s arguments for session `s` (attached: a detached session is attached to its
/// waiter).
fn exec_argv(s: &Session) -> Vec<String> {
    let mut a = vec!["exec".to_string(), "--detach-keys=".to_string()];
    if s.stdin {
        a.push("--interactive".into());
    }
    if s.tty {
        a.push("--tty".into());
    }
    if s.privileged {
        a.push("--privileged".into());
    }
    // `NAME` alone would take the service's own value: not the client's to read.
    for e in s.env.iter().filter(|e| e.contains('=')) {
        a.push(format!("--env={e}"));
    }
    if !s.user.is_empty() {
        a.push(format!("--user={}", s.user));
    }
    if !s.workdir.is_empty() {
        a.push(format!("--workdir={}", s.workdir));
    }
    a.push(s.container_id.clone());
    a.push("--".into());
    a.extend(s.cmd.iter().cloned());
    a
}

/// Runs `rcon exec` and relays it to the client until it ends; its exit code.
fn run_session(ctx: &Context, s: &mut Session, mut cmd: Command, h: &Hijacked) -> io::Result<i32> {
    let mut child;
    // Where the client's input goes, and the outputs with their stream numbers.
    let (input, outputs): (Option<OwnedFd>, Vec<(OwnedFd, u8)>);
    if s.tty {
        let (master, slave) = open_pty()?;
        if let Some([rows, cols]) = s.console_size {
            crate::runtime::supervisor::set_winsize(slave.as_raw_fd(), rows, cols)?;
        }
        // Raw from the start: nothing the client types early is echoed by our terminal.
        if let Ok(mut t) = nix::sys::termios::tcgetattr(slave.as_fd()) {
            nix::sys::termios::cfmakeraw(&mut t);
            let _ =
                nix::sys::termios::tcsetattr(slave.as_fd(), nix::sys::termios::SetArg::TCSANOW, &t);
        }
        let tty_path = std::fs::read_link(format!("/proc/self/fd/{}", slave.as_raw_fd()))?;
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        child = cmd.spawn()?;
        // The command holds the terminal's peer until dropped: the end of output is when the
        // child's copies alone are closed.
        drop(cmd);
        s.tty_path = Some(tty_path);
        input = s.stdin.then(|| master.try_clone()).transpose()?;
        outputs = vec![(master, 1)];
    } else {
        cmd.stdin(if s.stdin {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        child = cmd.spawn()?;
        input = child.stdin.take().map(OwnedFd::from);
        let out = child.stdout.take().map(OwnedFd::from);
        let err = child.stderr.take().map(OwnedFd::from);
        outputs = out
            .map(|f| (f, 1))
            .into_iter()
            .chain(err.map(|f| (f, 2)))
            .collect();
    }
    s.running = true;
    s.pid = child.id() as i32;
    s.waiter = std::process::id() as i32;
    save(ctx, s)?;
    // A resize that came before the terminal existed.
    if let (Some(path), Ok(text)) = (&s.tty_path, std::fs::read_to_string(size_path(ctx, &s.id))) {
        let mut it = text
            .split_whitespace()
            .filter_map(|v| v.parse::<u16>().ok());
        if let (Some(rows), Some(cols)) = (it.next(), it.next()) {
            let _ = apply_size(path, s.pid, rows, cols);
        }
    }
    if !h.pending.is_empty() {
        if let Some(fd) = &input {
            let _ = std::fs::File::from(fd.try_clone()?).write_all(&h.pending);
        }
    }
    if let Some(fd) = input {
        // The client's input on a thread of its own: a command that does not read its
        // input never holds its output back.
        let client = h.socket.try_clone()?;
        std::thread::spawn(move || copy_input(client, fd));
    }
    pump_outputs(h, outputs, child.id() as i32, s);
    let status = child.wait()?;
    use std::os::unix::process::ExitStatusExt;
    Ok(status
        .code()
        .or_else(|| status.signal().map(|sig| 128 + sig))
        .unwrap_or(125))
}

/// The client's bytes to the command until the client's end of input (a pipe is closed then;
/// on a terminal, our copy of the master goes and the command reads on).
fn copy_input(mut client: std::fs::File, to: OwnedFd) {
    let mut to = std::fs::File::from(to);
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        match client.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
}

/// Copies the command's outputs to the client (framed, or raw with a TTY) until each ends. A
/// client that has gone stops the copying, not the reading; the command (`pid`) then gets
/// SIGHUP (passed on to the command), as a process whose terminal hung up does.
fn pump_outputs(h: &Hijacked, mut outputs: Vec<(OwnedFd, u8)>, pid: i32, s: &Session) {
    let (raw, show) = (s.tty, [s.stdout, s.stderr]);
    let mut client_ok = true;
    let mut hung_up = false;
    let mut buf = vec![0u8; 32 * 1024];
    while !outputs.is_empty() {
        let mut pfds: Vec<libc::pollfd> = outputs
            .iter()
            .map(|(fd, _)| libc::pollfd {
                fd: fd.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        if client_ok {
            pfds.push(libc::pollfd {
                fd: h.socket.as_raw_fd(),
                events: 0,
                revents: 0,
            });
        }
        if crate::sys::rawio::poll(&mut pfds, -1).is_err() {
            continue;
        }
        let mut done = Vec::new();
        for (i, p) in pfds.iter().enumerate() {
            if p.revents == 0 {
                continue;
            }
            if i == outputs.len() {
                // The client's socket: only its hang-up wakes us.
                client_ok = false;
                continue;
            }
            let (fd, stream) = &outputs[i];
            match nix::unistd::read(fd.as_raw_fd(), &mut buf) {
                Ok(0) | Err(nix::errno::Errno::EIO) => done.push(i),
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                Err(_) => done.push(i),
                Ok(n) => {
                    if client_ok && show[usize::from(*stream - 1)] {
                        let data = &buf[..n];
                        let res = if raw {
                            (&h.socket).write_all(data)
                        } else {
                            (&h.socket).write_all(&mux(*stream, data))
                        };
                        client_ok = res.is_ok();
                    }
                }
            }
        }
        if !client_ok && s.tty && !hung_up && pid > 0 {
            hung_up = true;
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGHUP,
            );
        }
        for i in done.into_iter().rev() {
            outputs.remove(i);
        }
    }
}

/// A pseudo-terminal pair of the host's: the master stays here, the peer is the child's.
fn open_pty() -> io::Result<(OwnedFd, OwnedFd)> {
    use std::os::unix::fs::OpenOptionsExt;
    let master: OwnedFd = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY | libc::O_CLOEXEC)
        .open("/dev/ptmx")?
        .into();
    crate::sys::tty::unlock_pty(master.as_fd())?;
    let slave = crate::sys::tty::open_pty_peer(master.as_fd())?;
    Ok((master, slave))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_stream_and_size() {
        assert_eq!(mux(2, b"ab"), [2, 0, 0, 0, 0, 0, 0, 2, b'a', b'b']);
    }

    #[test]
    fn exec_arguments_end_options_before_the_command() {
        let s = Session {
            container_id: "c".into(),
            cmd: vec!["-x".into(), "y".into()],
            env: vec!["A=1".into(), "HOME".into()],
            user: "1:2".into(),
            stdin: true,
            tty: true,
            ..Session::default()
        };
        let a = exec_argv(&s);
        assert_eq!(
            a,
            [
                "exec",
                "--detach-keys=",
                "--interactive",
                "--tty",
                "--env=A=1",
                "--user=1:2",
                "c",
                "--",
                "-x",
                "y"
            ]
        );
    }
}
