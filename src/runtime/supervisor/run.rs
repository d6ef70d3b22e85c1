//! The supervisor's body, the role `Role::Supervise` (`rcon __userns-helper <role>`): root of
//! the store's user namespace, in a session of its own, owning one container until it ends.
//!
//! Setup, in order: take the descriptors the CLI passed (0: the first client, 1: the status
//! pipe), name the process `rcon-sup <short-id>`, become a child subreaper and non-dumpable,
//! take the container's supervisor lock (one supervisor per container), a mount namespace of
//! our own with `/` made private (so the root filesystem mount never reaches the host), the
//! root filesystem from the storage driver, the attach socket and the log. Then, once per run:
//! stdio, the container's first process, state.json → running, `Started` to the CLI, and the
//! poll loop ([`Supervisor::pump`], which also runs the healthchecks: [`super::health`]) until
//! the process has ended and its output is drained;
//! state.json → exited, restart policy, `--rm`, `Exit` to the clients.
use super::errors::{sys_err, SetupError};
use super::exit;
use super::health::Health;
use super::log::{Sink, Stream};
use super::protocol::Frame;
use super::server::{self, Client, NetOp, OutKind, Request};
use super::stdio::{self, Io};
use super::sys;
use crate::config::Paths;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::{self, Status};
use crate::linux::cgroup::{self, ContainerCgroup, Placement};
use crate::network::setup::Network;
use crate::runtime::init::{SpawnOptions, StdioFds};
use crate::util::fs::Lock;
use nix::sys::signal::Signal;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

mod policy;

/// Why the supervisor could not even take the descriptors the CLI handed it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StartError {
    #[error("cannot take the status pipe: {source}")]
    StatusPipe {
        #[source]
        source: nix::errno::Errno,
    },
    #[error("cannot reopen {what}: {source}")]
    Reopen {
        what: &'static str,
        #[source]
        source: io::Error,
    },
}

/// How long the output of an ended container may take to drain.
const DRAIN: Duration = Duration::from_secs(2);
/// How long a slow client may take to read its last output and the `Exit` frame.
const CLIENT_FINISH: Duration = Duration::from_secs(2);
/// How long after the first start the supervisor gives back the pages it needed only to start
/// (reading /proc/self/smaps of a large program costs about half a millisecond): a container
/// that ends sooner is reaped at once, one that runs on gets a lean supervisor.
const TRIM_AFTER: Duration = Duration::from_millis(100);

/// Runs the supervisor of container `id`; exits the process when the container has ended.
pub(super) fn main(paths: Paths, id: &str, size: Option<(u16, u16)>) -> Result<(), StartError> {
    // Whatever else the CLI's caller left open (a shell's pipe, a terminal) must not stay open
    // in us for the container's lifetime: `x=$(rcon run -d …)` would never see its end.
    sys::close_inherited();
    // Descriptors from the CLI (see the module doc of `supervisor`): the first client on 0 (or a
    // passthrough handoff, `handoff`), the status pipe on 1; both are pointed at /dev/null once taken, so nothing we start gets them.
    let first = super::handoff::take(0);
    let status = nix::fcntl::fcntl(1, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(3))
        .map_err(|source| StartError::StatusPipe { source })?;
    // F_DUPFD_CLOEXEC just made this descriptor and nothing else owns it.
    let status = File::from(crate::sys::fd::own(status));
    let reopen = |what| move |source| StartError::Reopen { what, source };
    server::to_dev_null(0).map_err(reopen("stdin"))?;
    server::to_dev_null(1).map_err(reopen("stdout"))?;
    let mut reporter = Reporter {
        status: Some(status),
    };
    let code = match Supervisor::setup(paths, id, size, first) {
        Ok(mut sup) => sup.serve(&mut reporter),
        Err(e) => {
            note(&format!("container {id}: {e}"));
            reporter.report(&Frame::Error {
                code: e.exit_code(),
                message: e.to_string(),
            });
            1
        }
    };
    std::process::exit(code)
}

/// One line on the supervisor's stderr (`<run>/supervisor.log`), time-stamped.
pub(super) fn note(message: &str) {
    eprintln!(
        "{} rcon-sup[{}]: {message}",
        crate::util::time::now_rfc3339_nano(),
        std::process::id()
    );
}

/// The status pipe to the CLI that started us: one frame, then closed.
struct Reporter {
    status: Option<File>,
}

impl Reporter {
    fn report(&mut self, frame: &Frame) {
        if let Some(mut f) = self.status.take() {
            // The CLI may be gone (killed): then nobody needs to know.
            let _ = f.write_all(&frame.encode());
        }
    }
}

/// Where a polled descriptor belongs.
#[derive(Debug, Clone, Copy)]
enum Src {
    Signals,
    Listener,
    Master,
    Stdout,
    Stderr,
    Input,
    Health,
    Client(usize),
}

struct Supervisor {
    paths: Paths,
    cpaths: ContainerPaths,
    record: ContainerRecord,
    spec: oci_spec::runtime::Spec,
    /// The container's compiled seccomp filter, read once for every start.
    seccomp: Option<std::sync::Arc<crate::linux::seccomp::Filter>>,
    listener: Option<UnixListener>,
    log: Option<Sink>,
    clients: Vec<Client>,
    /// The current run's stdio.
    io: Io,
    signals: File,
    /// The terminal size a `-t` container gets (the CLI's, then the last resize).
    size: Option<(u16, u16)>,
    /// SIGTERM, SIGINT or SIGHUP reached us: the container is killed and not restarted.
    stop: bool,
    /// Restarts by the policy since this supervisor started.
    restarts: u32,
    /// The container's cgroup leaf (cgroup v2 with a delegated subtree), and its limits.
    cgroup: Option<ContainerCgroup>,
    placement: Option<Placement>,
    /// Held while we live: one supervisor per container.
    _lock: Lock,
    /// Shared use locks of the image layers: `image prune` and `rmi` cannot remove them.
    _layers: Vec<Lock>,
    /// The container's network namespace and its slirp4netns or pasta, for all runs.
    net: Option<Network>,
    /// The healthcheck, when the container has one.
    health: Option<Health>,
    /// `--health-on-failure restart`: this run ends in a restart, whatever the policy.
    health_restart: bool,
    /// When a container the healthcheck stopped is killed (its stop timeout).
    health_kill_at: Option<Instant>,
    /// `--timeout`: when this run is killed, and whether it was.
    timeout_at: Option<Instant>,
    timed_out: bool,
    /// When the resident set is trimmed ([`TRIM_AFTER`]), once.
    trim_at: Option<Instant>,
    /// `--userns keep-id`: the container's own user namespace, entered by its process.
    userns: Option<std::sync::Arc<crate::linux::keepid::Userns>>,
}

impl Supervisor {
    fn setup(
        paths: Paths,
        id: &str,
        size: Option<(u16, u16)>,
        first: Option<Client>,
    ) -> Result<Supervisor, SetupError> {
        sys::name_process(id);
        nix::sys::prctl::set_child_subreaper(true).map_err(sys_err("become a child subreaper"))?;
        // Non-dumpable: no process in the container may open our /proc/PID/exe (the user's rcon
        // binary) or our memory.
        nix::sys::prctl::set_dumpable(false).map_err(sys_err("become non-dumpable"))?;
        nix::unistd::chdir("/").map_err(sys_err("change to /"))?;

        let cpaths = ContainerPaths::new(&paths, id);
        let lock_path = cpaths.run.join("supervisor.lock");
        // A previous supervisor that recorded the exit (no supervisor pid in the state) may
        // still be finishing (`stop` then `start`, `restart`): it lets go within moments.
        let mut lock = None;
        for _ in 0..300 {
            lock = Lock::try_exclusive(&lock_path).map_err(|source| SetupError::Read {
                path: lock_path.clone(),
                source,
            })?;
            let ending = state::read(&cpaths.state()).is_ok_and(|s| s.supervisor_pid == 0);
            if lock.is_some() || !ending {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let lock = lock.ok_or_else(|| SetupError::Running {
            id: id.to_string(),
            path: lock_path.clone(),
        })?;
        let record: ContainerRecord = crate::util::fs::read_json(&cpaths.record())
            .and_then(|r| r.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound)))
            .map_err(|source| SetupError::Read {
                path: cpaths.record(),
                source,
            })?;
        let mut spec =
            oci_spec::runtime::Spec::load(cpaths.spec()).map_err(|e| SetupError::Spec {
                path: cpaths.spec(),
                message: e.to_string(),
            })?;
        crate::container::secrets::add_env(&cpaths.dir, &mut spec).map_err(|source| {
            SetupError::Read {
                path: cpaths.dir.join("secrets"),
                source,
            }
        })?;
        let seccomp =
            crate::linux::seccomp::Filter::for_spec(&spec, &cpaths.dir)?.map(std::sync::Arc::new);
        // Before any thread (a FUSE server) exists: the systemd manager runs busctl.
        let placement = super::pod::placement(&record)?;
        let pod = super::pod::infra_cgroup(&paths, &record);
        let cgroup = match &placement {
            Some(p) => ContainerCgroup::setup(id, p, pod.as_deref())?,
            None => None,
        };
        let signals = sys::install_signal_pipe().map_err(|source| SetupError::Sys {
            what: "install the signal handlers",
            source,
        })?;

        // The root filesystem is mounted in a mount namespace of our own, made private first
        // so the mount never propagates to the host's namespace.
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)
            .map_err(sys_err("create a mount namespace"))?;
        nix::mount::mount(
            None::<&str>,
            "/",
            None::<&str>,
            nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_PRIVATE,
            None::<&str>,
        )
        .map_err(sys_err("make / private"))?;
        let store = crate::image::store::Store::open(&paths).map_err(|e| SetupError::Layers {
            id: id.to_string(),
            message: e.to_string(),
        })?;
        let mut layer_locks = Vec::with_capacity(record.layers.len());
        let mut layers = Vec::with_capacity(record.layers.len());
        for chain in &record.layers {
            layer_locks.push(
                store
                    .layer_use_lock(chain)
                    .map_err(|e| SetupError::Layers {
                        id: id.to_string(),
                        message: e.to_string(),
                    })?,
            );
            layers.push(store.layer_dir(chain));
        }
        let driver = crate::storage::Driver::from_name(&record.storage_driver)?;
        let rootfs = cpaths.rootfs();
        std::fs::create_dir_all(&rootfs).map_err(|source| SetupError::Read {
            path: rootfs.clone(),
            source,
        })?;
        let ids = super::keepid::ids(&record)?;
        crate::storage::mount_rootfs(
            driver,
            &layers,
            &cpaths.upper(),
            &cpaths.work(),
            &rootfs,
            &ids,
        )?;
        let userns = super::keepid::prepare(&record, &spec, &rootfs, &ids)?;
        super::keepid::add_host_users(&record, &rootfs)?;
        // After the mount: a FUSE server forked by it must not hold slirp4netns's exit pipe.
        // Waited for at the first start.
        let plan = crate::container::list::network_plan(&paths, &record)?;
        let net = Network::start(&paths, &plan, &cpaths.run)?;
        crate::container::volumes::prepare::run(&paths, &record, &spec, &rootfs, &ids)?;

        let listener = server::listen(&cpaths.run).map_err(|source| SetupError::Sys {
            what: "listen on the attach socket",
            source,
        })?;
        let log = Sink::open(&record, &cpaths.log()).map_err(|source| SetupError::Sys {
            what: "open the container's log",
            source,
        })?;
        let health = Health::new(&paths, &record, cpaths.run.clone());
        Ok(Supervisor {
            paths,
            cpaths,
            record,
            spec,
            seccomp,
            listener: Some(listener),
            log,
            clients: first.into_iter().collect(),
            io: Io::default(),
            signals,
            size,
            stop: false,
            restarts: 0,
            cgroup,
            placement,
            _lock: lock,
            _layers: layer_locks,
            net,
            health,
            health_restart: false,
            health_kill_at: None,
            timeout_at: None,
            timed_out: false,
            trim_at: None,
            userns,
        })
    }

    /// Runs the container, again as the restart policy says; returns the supervisor's exit code.
    fn serve(&mut self, reporter: &mut Reporter) -> i32 {
        let mut attempt: u32 = 0;
        loop {
            let init = match self.start_once() {
                Ok(pid) => pid,
                Err((code, message)) => {
                    note(&format!("the container did not start: {message}"));
                    self.write_exit(code, &message, false);
                    // `--rm` is done before the CLI hears of it: when `run` returns, the
                    // container is gone.
                    return self.finish(&Frame::Error { code, message }, reporter);
                }
            };
            for status in ["init", "start"] {
                self.record.note(&self.paths, status);
            }
            // Before the CLI returns: `inspect` right after `run -d` finds `starting`.
            self.health_begin();
            self.timeout_begin();
            reporter.report(&Frame::Started { pid: init });
            if self.restarts == 0 {
                self.trim_at = Some(Instant::now() + TRIM_AFTER);
            }
            let began = Instant::now();
            let code = self.pump(init);
            let code = self.timeout_code(code);
            // A rename while it ran: the events name the container as it is called now.
            if let Ok(Some(now)) = crate::container::list::load(&self.paths, &self.record.id) {
                self.record.name = now.name;
            }
            let died = self.record.event("died").with_exit_code(code);
            self.record.note_event(&self.paths, died);
            if began.elapsed() >= exit::STABLE_RUN {
                attempt = 0;
            }
            let last = Frame::Exit { code };
            if !self.write_exit(code, "", !self.stop) {
                return self.finish(&last, reporter);
            }
            // Restarting: the attached clients saw this run end, as after any run.
            for c in self.clients.drain(..) {
                c.finish(&last, CLIENT_FINISH);
            }
            self.sleep(exit::backoff(attempt));
            // `stop` (or a signal to us) during the backoff wins over the policy.
            if self.stop || !self.still_wanted() {
                self.write_exit(code, "", false);
                return self.finish(&last, reporter);
            }
            self.restarts += 1;
            attempt += 1;
            self.record.note(&self.paths, "restart");
        }
    }

    /// Starts the container's first process and records it running; returns its host pid,
    /// or the exit code and message of a failure.
    fn start_once(&mut self) -> Result<i32, (i32, String)> {
        let restart = self.restarts > 0;
        let (io, child) = stdio::prepare(self.record.tty, self.record.interactive, self.size)
            .map_err(|source| (125, SetupError::Stdio { source }.to_string()))?;
        if let Some(net) = &mut self.net {
            net.ready(&self.record.ports)
                .map_err(|e| (125, e.to_string()))?;
        }
        let opts = SpawnOptions {
            user: self.record.user.clone(),
            init: self.record.init,
            container_id: self.record.id.clone(),
            // `--group-add`, kept by `create` in the record: the spec has no place for names.
            group_add: self.record.group_add.clone(),
            cgroup: self.cgroup.as_ref().map(ContainerCgroup::fd),
            netns: self.net.as_ref().map(|n| n.netns()),
            joins: super::ipc::joins(&self.paths, &self.record)?,
            pause: super::pod::pauses(&self.record),
            seccomp: self.seccomp.clone(),
            userns: self.userns.clone(),
            preserved: super::handoff::preserved(),
        };
        let fds = StdioFds {
            stdin: child.stdin,
            stdout: child.stdout,
            stderr: child.stderr,
            tty: child.tty,
        };
        // Our copies of the container's ends are closed when `spawn` returns (it owns them).
        // --oom-score-adj: the clone inherits ours, which goes back right after.
        let oom = self
            .placement
            .as_ref()
            .and_then(|p| p.resources.oom_score_adj);
        let old_oom = oom
            .map(cgroup::set_oom_score_adj)
            .transpose()
            .map_err(|e| (125, format!("--oom-score-adj: cannot set it: {e}")))?;
        let init = crate::runtime::init::spawn(&self.spec, &self.cpaths.rootfs(), fds, &opts)
            .map_err(|e| (e.code, e.message));
        if let Some(old) = old_oom {
            let _ = cgroup::set_oom_score_adj(old);
        }
        let init = init?;
        self.io = io;
        let me = std::process::id() as i32;
        let written = state::update(&self.cpaths.state(), &self.cpaths.lock(), |s| {
            s.status = Status::Running;
            s.stopping_pid = 0;
            s.stopping_start = 0;
            s.supervisor_pid = me;
            s.supervisor_start = state::process_start_time(me).unwrap_or(0);
            s.boot_id = state::boot_id();
            s.init_pid = init;
            s.started_at = crate::util::time::now_rfc3339_nano();
            s.finished_at.clear();
            s.exit_code = 0;
            s.oom_killed = false;
            s.error.clear();
            if restart {
                s.restart_count += 1;
            } else {
                s.stopped_by_user = false;
            }
        });
        if let Err(e) = written {
            // The container runs; only readers of the state miss it. Kill it rather than leave
            // a container nobody can see.
            let _ = nix::sys::signal::kill(Pid::from_raw(init), Signal::SIGKILL);
            return Err((
                125,
                format!("cannot write {}: {e}", self.cpaths.state().display()),
            ));
        }
        Ok(init)
    }
}

impl Supervisor {
    /// Serves the running container until its first process (`init`) has ended and its output
    /// is drained (or [`DRAIN`] has passed); returns the exit code.
    fn pump(&mut self, init: i32) -> i32 {
        let mut pfds: Vec<libc::pollfd> = Vec::with_capacity(8);
        let mut srcs: Vec<Src> = Vec::with_capacity(8);
        let mut requests: Vec<Request> = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        let mut code: Option<i32> = None;
        let mut deadline: Option<Instant> = None;
        loop {
            if let Some(c) = code {
                if self.io.output_done() || deadline.is_some_and(|d| Instant::now() >= d) {
                    self.io = Io::default();
                    return c;
                }
            }
            pfds.clear();
            srcs.clear();
            let mut add = |fd: RawFd, events: libc::c_short, src: Src| {
                pfds.push(libc::pollfd {
                    fd,
                    events,
                    revents: 0,
                });
                srcs.push(src);
            };
            add(self.signals.as_raw_fd(), libc::POLLIN, Src::Signals);
            if let Some(l) = &self.listener {
                add(l.as_raw_fd(), libc::POLLIN, Src::Listener);
            }
            // A client that does not keep up holds the output back (the container blocks on
            // a full pipe) instead of losing it.
            if !self.clients.iter().any(Client::backlogged) {
                for (fd, src) in [
                    (&self.io.master, Src::Master),
                    (&self.io.stdout, Src::Stdout),
                    (&self.io.stderr, Src::Stderr),
                ] {
                    if let Some(fd) = fd {
                        add(fd.as_raw_fd(), libc::POLLIN, src);
                    }
                }
            }
            if let Some(fd) = self.health.as_ref().and_then(Health::output_fd) {
                add(fd, libc::POLLIN, Src::Health);
            }
            if let Some(fd) = self.io.input_fd().filter(|_| !self.io.pending.is_empty()) {
                add(fd, libc::POLLOUT, Src::Input);
            }
            let take_input = self.io.pending.len() < 64 * 1024;
            for (i, c) in self.clients.iter().enumerate() {
                let mut events = 0;
                if take_input {
                    events |= libc::POLLIN;
                }
                if c.wants_write() {
                    events |= libc::POLLOUT;
                }
                add(c.fd(), events, Src::Client(i));
            }
            if sys::poll(&mut pfds, self.poll_timeout(deadline)).is_err() {
                continue;
            }
            for (pfd, src) in pfds.iter().zip(srcs.iter()) {
                if pfd.revents == 0 {
                    continue;
                }
                match *src {
                    Src::Signals => {
                        // Once reaped, the pid may be anyone's: no more signals to it.
                        let live = if code.is_some() { 0 } else { init };
                        if let Some(c) = self.on_signals(live) {
                            code = Some(c);
                            deadline = Some(Instant::now() + DRAIN);
                            self.health.as_mut().map(Health::end);
                        }
                    }
                    Src::Listener => self.accept(),
                    Src::Master => self.read_output(Src::Master, &mut buf),
                    Src::Stdout => self.read_output(Src::Stdout, &mut buf),
                    Src::Stderr => self.read_output(Src::Stderr, &mut buf),
                    Src::Input => self.io.flush_input(),
                    Src::Health => self.health.as_mut().map_or((), Health::read_output),
                    Src::Client(i) => {
                        let c = &mut self.clients[i];
                        if pfd.revents & libc::POLLOUT != 0 {
                            c.flush();
                        }
                        if pfd.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
                            c.receive(&mut requests);
                        }
                    }
                }
            }
            if self
                .clients
                .iter()
                .any(|c| c.closed && c.first && !c.detached)
            {
                // The `run -i` that started the container is gone (killed): nobody else
                // will write its input, so the container sees the end of it.
                requests.push(Request::CloseInput);
                if self.record.build && init > 0 && !self.stop {
                    // A build step lives only as long as its builder.
                    note("the builder is gone: killing and removing the build step");
                    self.stop = true;
                    self.record.auto_remove = true;
                    let _ = nix::sys::signal::kill(Pid::from_raw(init), Signal::SIGKILL);
                }
            }
            for r in requests.drain(..) {
                self.on_request(r, init, code.is_some());
            }
            self.net_ops(code.is_some());
            if code.is_none() {
                self.timeout_tick(init);
                self.health_tick(init);
            }
            if self.trim_at.is_some_and(|t| Instant::now() >= t) {
                self.trim_at = None;
                sys::trim_resident();
            }
            self.clients.retain(|c| !c.closed);
        }
    }

    /// Reads what the signal handler wrote; reaps every child that ended (we are a subreaper:
    /// orphans of `exec` sessions come to us too). Returns the exit code once `init` ended;
    /// `init` is 0 when no container process runs.
    fn on_signals(&mut self, init: i32) -> Option<i32> {
        let mut sigs = [0u8; 64];
        let mut code = None;
        while let Ok(n) = self.signals.read(&mut sigs) {
            if n == 0 {
                break;
            }
            for &sig in &sigs[..n] {
                let sig = i32::from(sig);
                if sig == libc::SIGTERM || sig == libc::SIGINT || sig == libc::SIGHUP {
                    note(&format!("signal {sig}: killing the container; no restart"));
                    self.stop = true;
                    // 0 (no process running) must never reach kill(2): it means our group.
                    if init > 0 {
                        let _ = nix::sys::signal::kill(Pid::from_raw(init), Signal::SIGKILL);
                    }
                }
            }
        }
        loop {
            match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) | Err(nix::errno::Errno::ECHILD) => break,
                Ok(status) => {
                    if status.pid() == Some(Pid::from_raw(init)) {
                        code = crate::runtime::process::exit_code(status).or(code);
                    } else if let Some(h) = &mut self.health {
                        h.reaped(status);
                    }
                }
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => break,
            }
        }
        code
    }

    fn accept(&mut self) {
        let Some(listener) = &self.listener else {
            return;
        };
        while let Ok((sock, _)) = listener.accept() {
            match Client::new(sock) {
                Ok(c) => self.clients.push(c),
                Err(e) => note(&format!("cannot take an attach client: {e}")),
            }
        }
    }

    /// One read of container output: to the log and to every client.
    fn read_output(&mut self, src: Src, buf: &mut [u8]) {
        let slot = match src {
            Src::Master => &mut self.io.master,
            Src::Stdout => &mut self.io.stdout,
            _ => &mut self.io.stderr,
        };
        let Some(fd) = slot.as_ref().map(AsRawFd::as_raw_fd) else {
            return;
        };
        let stream = [Stream::Stdout, Stream::Stderr][matches!(src, Src::Stderr) as usize];
        let n = match stdio::read_fd(fd, buf) {
            Ok(0) => {
                *slot = None;
                // The stream's unfinished line, if the log keeps one back.
                let _ = self.log.as_mut().map(|log| log.end(stream));
                return;
            }
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
            Err(e) => {
                note(&format!("cannot read the container's output: {e}"));
                *slot = None;
                return;
            }
        };
        let kind = [OutKind::Stdout, OutKind::Stderr][stream as usize];
        if let Some(log) = &mut self.log {
            if let Err(e) = log.write(stream, &buf[..n]) {
                note(&format!("{e}; logging stops"));
                self.log = None;
            }
        }
        for c in &mut self.clients {
            c.send(kind, &buf[..n]);
        }
    }

    fn on_request(&mut self, request: Request, init: i32, ended: bool) {
        match request {
            Request::Input(data) => {
                self.io.queue_input(&data);
                self.io.flush_input();
            }
            Request::CloseInput => {
                // A terminal has no end of input; a pipe is closed once the input is written.
                if self.io.master.is_none() {
                    self.io.close_stdin = true;
                    self.io.flush_input();
                }
            }
            Request::Resize { rows, cols } => {
                if let Some(m) = &self.io.master {
                    let _ = stdio::set_winsize(m.as_raw_fd(), rows, cols);
                    self.size = Some((rows, cols));
                }
            }
            Request::Signal(sig) => {
                if ended || init <= 0 {
                    return;
                }
                if let Ok(sig) = Signal::try_from(sig) {
                    let _ = nix::sys::signal::kill(Pid::from_raw(init), sig);
                }
            }
        }
    }

    /// Carries out the network changes clients asked for and answers each.
    fn net_ops(&mut self, ended: bool) {
        for i in 0..self.clients.len() {
            for op in std::mem::take(&mut self.clients[i].net_ops) {
                let result = match (&mut self.net, ended) {
                    (_, true) => Err("the container has ended".to_string()),
                    (None, _) => Err("the container is not on named networks".to_string()),
                    (Some(net), _) => match op {
                        NetOp::Connect { network, aliases } => {
                            let attach = crate::network::BridgeAttach {
                                name: network,
                                aliases,
                            };
                            let id = &self.record.id;
                            net.connect(&self.paths, id, &self.record.name, attach)
                        }
                        NetOp::Disconnect { network } => net.disconnect(&network),
                    }
                    .map_err(|e| e.to_string()),
                };
                let error = result.err().unwrap_or_default();
                self.clients[i].send_frame(&Frame::NetDone { error });
            }
        }
    }

    /// The end: the attach socket goes, every client (and a CLI still waiting for the start)
    /// gets `last`. With `--rm` the container is unlisted first (record, name, state: when
    /// `run` returns, it is gone), its files removed after the clients heard (unmounting an
    /// overlay syncs it: that wait is ours, not the user's).
    fn finish(&mut self, last: &Frame, reporter: &mut Reporter) -> i32 {
        self.listener = None;
        // The network ends before anyone hears of the end (but see `Network::end`).
        let ending = self.net.take().and_then(Network::end);
        if let Some(cg) = self.cgroup.take() {
            if let Err(e) = cg.remove() {
                note(&e.to_string());
            }
        }
        self.record.note(&self.paths, "cleanup");
        let mut code = 0;
        let mut doomed = None;
        if self.record.auto_remove {
            match exit::unlist_container(&self.paths, &self.cpaths, &self.record) {
                Ok(None) => {} // Removed by another meanwhile (`rm -f`): done.
                Ok(Some(d)) => {
                    self.record.note(&self.paths, "remove");
                    // Before the clients hear: `run --rm` returns with its volumes gone.
                    let anonymous = crate::container::volumes::volumes_of(&self.record);
                    if let Err(e) =
                        crate::container::volumes::remove_anonymous(&self.paths, &anonymous)
                    {
                        note(&format!("--rm: {e}"));
                    }
                    doomed = Some(d)
                }
                Err(e) => {
                    note(&format!("--rm: {e}"));
                    let _ = state::update(&self.cpaths.state(), &self.cpaths.lock(), |s| {
                        s.error = format!("--rm failed: {e}");
                        s.supervisor_pid = 0;
                        s.supervisor_start = 0;
                    });
                    code = 1;
                }
            }
        } else {
            let _ = std::fs::remove_file(self.cpaths.attach());
        }
        super::pod::after_exit(&self.paths, &self.record);
        for c in self.clients.drain(..) {
            c.finish(last, CLIENT_FINISH);
        }
        // A start failure goes to the CLI that waits in `start` (a no-op once reported).
        reporter.report(last);
        if let Some(helper) = ending {
            helper.reap();
        }
        if let Some(doomed) = doomed {
            if let Err(e) = exit::remove_files(&doomed, &self.record.id) {
                // The run folder (and our log in it) is gone: say it where the user may see
                // it, the sweep of `.removing-*` folders finishes the job.
                note(&format!("--rm: {e}"));
                code = 1;
            }
        }
        code
    }
}
