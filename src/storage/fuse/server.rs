//! The server process: mounts the overlay with mount(2) on the container's root folder (root
//! of the user namespace may mount FUSE; no fusermount, nothing setuid) and serves it with one
//! thread per channel, each channel on its own clone of the /dev/fuse descriptor. Big writes
//! go through each thread's pipe (splice.rs).
use super::layers::Overlay;
use super::splice::{self, InHeader, Pipe, SpliceMode, WriteIn};
use super::stats::Stats;
use super::sys;
use super::FuseError;
use fuse_backend_rs::abi::fuse_abi;
use fuse_backend_rs::api::server::{MetricsHook, Server};
use fuse_backend_rs::transport::{FuseBuf, FuseDevWriter, Reader};
use nix::errno::Errno;
use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::sync::Arc;

/// At most this many serving threads: enough to keep reads, writes and lookups of a busy
/// container going in parallel while the server's memory stays small.
const MAX_THREADS: usize = 4;

/// The most pages one request carries (fuse-backend-rs answers INIT with this max_pages).
const MAX_PAGES: usize = fuse_backend_rs::api::server::MAX_REQ_PAGES as usize;

fn setup(what: &'static str) -> impl FnOnce(std::io::Error) -> FuseError {
    move |source| FuseError::Setup { what, source }
}

/// A mounted overlay, ready to serve: one /dev/fuse descriptor per serving thread, and a pipe
/// for each thread that can splice.
pub(super) struct Mounted {
    devs: Vec<(File, Option<Pipe>)>,
    bufsize: usize,
    /// The pages of a request when the pipes hold fewer than the server's default.
    request_pages: Option<usize>,
    overlay: Arc<Overlay>,
    server: Arc<Server<Arc<Overlay>>>,
    stats: Option<Arc<Stats>>,
}

/// Mounts `overlay` at `target`: opens /dev/fuse and calls mount(2) with its descriptor.
pub(super) fn mount(overlay: Overlay, target: &Path) -> Result<Mounted, FuseError> {
    // Two per core by default (a thread blocked on the disk leaves the core to another);
    // `RCON_FUSE_THREADS` sets the count, for measuring.
    let threads = std::env::var("RCON_FUSE_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get() * 2)
                .unwrap_or(4)
        })
        .clamp(1, MAX_THREADS);
    let dev = open_dev()?;
    // Room for the largest request: a header page and max_pages (256) of data.
    let bufsize = (MAX_PAGES + 1) * page_size();
    let options = format!(
        "fd={},rootmode=40000,user_id=0,group_id=0,default_permissions,allow_other,max_read={}",
        dev.as_raw_fd(),
        bufsize
    );
    nix::mount::mount(
        Some("rcon-overlay"),
        target,
        Some("fuse.rcon-overlay"),
        nix::mount::MsFlags::MS_NODEV,
        Some(options.as_str()),
    )
    .map_err(|e| FuseError::Setup {
        what: "mount the fuse filesystem",
        source: e.into(),
    })?;
    let mut files = Vec::with_capacity(threads);
    for _ in 1..threads {
        files.push(sys::clone_fuse_dev(&dev, open_dev()?).map_err(setup("clone /dev/fuse"))?);
    }
    files.push(dev);
    // The first pipe sets the size of a request; a thread whose pipe cannot hold as much reads.
    let splicing = std::env::var_os("RCON_FUSE_SPLICE").is_none_or(|v| v != "0");
    let first = splicing
        .then(|| Pipe::new(None, page_size()).ok())
        .flatten()
        .filter(|p| splice::request_pages(p.pages()) >= 64);
    let pipe_pages = first.as_ref().map(Pipe::pages);
    let request_pages = pipe_pages
        .map(splice::request_pages)
        .filter(|&p| p < MAX_PAGES);
    let mut pipes = vec![first];
    for _ in 1..threads {
        pipes.push(pipe_pages.and_then(|p| Pipe::new(Some(p), page_size()).ok()));
    }
    let overlay = Arc::new(overlay);
    Ok(Mounted {
        devs: files.into_iter().zip(pipes).collect(),
        bufsize,
        request_pages,
        server: Arc::new(Server::new(overlay.clone())),
        overlay,
        stats: Stats::from_env().map(Arc::new),
    })
}

fn open_dev() -> Result<File, FuseError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .map_err(setup("open /dev/fuse"))
}

fn page_size() -> usize {
    nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .map_or(4096, |n| n as usize)
}

/// One serving thread's state: its channel, its pipe, and its buffers.
struct Channel<'a> {
    dev: File,
    pipe: Option<Pipe>,
    request: Vec<u8>,
    reply: Vec<u8>,
    mode: &'a SpliceMode,
    overlay: &'a Overlay,
    server: &'a Server<Arc<Overlay>>,
    hook: Option<&'a dyn MetricsHook>,
}

impl Channel<'_> {
    /// Serves requests: blocking reads of its own descriptor (no epoll: each thread sleeps in
    /// the kernel's queue until a request comes), until the mount goes.
    fn serve(mut self) {
        loop {
            let splicing = self.pipe.is_some() && self.mode.wanted();
            let got = match &self.pipe {
                Some(pipe) if splicing => pipe.fill(&self.dev, self.request.len()),
                _ => nix::unistd::read(self.dev.as_raw_fd(), &mut self.request),
            };
            let len = match got {
                Ok(len) => len,
                // Interrupted or taken back by the kernel before it was read.
                Err(Errno::EINTR | Errno::ENOENT | Errno::EAGAIN) => continue,
                // Unmounted.
                Err(Errno::ENODEV) => return,
                Err(e) => {
                    log::debug!("fuse channel ended: {e}");
                    return;
                }
            };
            if splicing {
                if !self.take_from_pipe(len) {
                    continue;
                }
            } else {
                let size = WriteIn::of_request(&self.request[..len]).map_or(0, |w| w.size);
                self.mode.saw(size);
            }
            self.handle(len);
        }
    }

    /// Takes the request of `len` bytes just spliced into the pipe: serves a write from there
    /// (false), or reads any other request into `request` (true: to be handled). The pipe is
    /// empty after.
    fn take_from_pipe(&mut self, len: usize) -> bool {
        let Some(pipe) = &self.pipe else {
            return false;
        };
        let mut scratch = [0u8; 4096];
        let head = splice::IN_HEADER;
        if len < head
            || len > self.request.len()
            || pipe.read_exact(&mut self.request[..head]).is_err()
        {
            pipe.drain(&mut scratch);
            return false;
        }
        let h = InHeader::parse(&self.request[..head]);
        if h.opcode == splice::FUSE_WRITE {
            self.mode.saw(u32::try_from(len).unwrap_or(u32::MAX));
            self.spliced_write(pipe, &h, &mut scratch);
            return false;
        }
        self.mode.saw(0);
        // The pipe held `len` bytes: once they are read it is empty.
        if pipe.read_exact(&mut self.request[head..len]).is_err() {
            pipe.drain(&mut scratch);
            return false;
        }
        true
    }

    /// Serves the write whose header `h` was read from `pipe`, and answers it.
    fn spliced_write(&self, pipe: &Pipe, h: &InHeader, scratch: &mut [u8]) {
        if let Some(hook) = self.hook {
            hook.collect(&fuse_abi::InHeader {
                len: h.len,
                opcode: h.opcode,
                unique: h.unique,
                nodeid: h.nodeid,
                ..Default::default()
            });
        }
        let result = splice::write(pipe, h, scratch, |ino, flags| {
            self.overlay.writable_file(ino, flags)
        });
        let reply = splice::write_reply(h.unique, &result);
        // The kernel may have taken the request back (ENOENT): nothing waits for the answer.
        if let Err(e) = nix::unistd::write(&self.dev, &reply) {
            log::debug!("cannot answer a fuse write: {e}");
        }
        if let Some(hook) = self.hook {
            hook.release(Some(&fuse_abi::OutHeader {
                len: reply.len() as u32,
                error: result
                    .as_ref()
                    .map_or_else(|e| -e.raw_os_error().unwrap_or(libc::EIO), |_| 0),
                unique: h.unique,
            }));
        }
    }

    /// Serves the request of `len` bytes in `request`.
    fn handle(&mut self, len: usize) {
        let fd = self.dev.as_raw_fd();
        let Ok(reader) = Reader::from_fuse_buffer(FuseBuf::new(&mut self.request[..len])) else {
            return;
        };
        let Ok(writer) = FuseDevWriter::<()>::new(fd, &mut self.reply) else {
            return;
        };
        if let Err(e) = self
            .server
            .handle_message(reader, writer.into(), None, self.hook)
        {
            log::debug!("fuse request failed: {e}");
        }
    }
}

impl Mounted {
    /// Serves requests until the filesystem is unmounted (its namespace ends or the supervisor
    /// detaches it).
    pub(crate) fn serve(self) -> Result<(), FuseError> {
        let mode = Arc::new(SpliceMode::default());
        if let (Some(pages), Some((dev, _))) = (self.request_pages, self.devs.first()) {
            self.answer_init(dev, pages)?;
        }
        let mut threads = Vec::new();
        for (i, (dev, pipe)) in self.devs.into_iter().enumerate() {
            let server = self.server.clone();
            let overlay = self.overlay.clone();
            let stats = self.stats.clone();
            let mode = mode.clone();
            let bufsize = self.bufsize;
            let thread = std::thread::Builder::new()
                .name(format!("fuse-{i}"))
                .stack_size(256 * 1024)
                .spawn(move || {
                    Channel {
                        dev,
                        pipe,
                        request: vec![0u8; bufsize],
                        reply: vec![0u8; bufsize],
                        mode: &mode,
                        overlay: &overlay,
                        server: &server,
                        hook: stats.as_deref().map(|s| s as &dyn MetricsHook),
                    }
                    .serve()
                })
                .map_err(setup("start a serving thread"))?;
            threads.push(thread);
        }
        for t in threads {
            let _ = t.join();
        }
        if let Some(stats) = &self.stats {
            stats.write();
        }
        Ok(())
    }

    /// Answers the kernel's first request, INIT (queued by mount(2)), with requests of at
    /// most `pages` pages, which the pipes hold (splice.rs): the server's answer is caught in
    /// a pipe, lowered and sent on.
    fn answer_init(&self, dev: &File, pages: usize) -> Result<(), FuseError> {
        let mut request = vec![0u8; self.bufsize];
        let len = loop {
            match nix::unistd::read(dev.as_raw_fd(), &mut request) {
                Err(Errno::EINTR | Errno::EAGAIN | Errno::ENOENT) => {}
                other => break other,
            }
        }
        .map_err(|e| FuseError::Setup {
            what: "read the kernel's fuse INIT",
            source: e.into(),
        })?;
        if InHeader::parse(&request[..len.max(splice::IN_HEADER)]).opcode != splice::FUSE_INIT {
            return Err(FuseError::Server(
                "got another request before fuse INIT".into(),
            ));
        }
        let (caught, into) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
            .map_err(|e| setup("create a pipe")(e.into()))?;
        let mut reply = vec![0u8; page_size()];
        let reader = Reader::from_fuse_buffer(FuseBuf::new(&mut request[..len]))
            .map_err(|e| FuseError::Server(format!("cannot read fuse INIT: {e}")))?;
        let writer = FuseDevWriter::<()>::new(into.as_raw_fd(), &mut reply)
            .map_err(|e| FuseError::Server(format!("cannot answer fuse INIT: {e}")))?;
        let hook = self.stats.as_deref().map(|s| s as &dyn MetricsHook);
        self.server
            .handle_message(reader, writer.into(), None, hook)
            .map_err(|e| FuseError::Server(format!("cannot answer fuse INIT: {e}")))?;
        drop(into);
        let mut answer = vec![0u8; page_size()];
        let n = nix::unistd::read(caught.as_raw_fd(), &mut answer)
            .map_err(|e| setup("read the fuse INIT answer")(e.into()))?;
        splice::limit_init_reply(&mut answer[..n], pages, page_size());
        nix::unistd::write(dev, &answer[..n]).map_err(|e| setup("answer fuse INIT")(e.into()))?;
        Ok(())
    }
}
