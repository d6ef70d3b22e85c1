//! The server process: mounts the overlay with mount(2) on the container's root folder (root
//! of the user namespace may mount FUSE; no fusermount, nothing setuid) and serves it with one
//! thread per channel, each channel on its own clone of the /dev/fuse descriptor.
use super::layers::Overlay;
use super::stats::Stats;
use super::sys;
use super::FuseError;
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

/// A mounted overlay, ready to serve: one /dev/fuse descriptor per serving thread.
pub(super) struct Mounted {
    devs: Vec<File>,
    bufsize: usize,
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
    let mut devs = Vec::with_capacity(threads);
    for _ in 1..threads {
        devs.push(sys::clone_fuse_dev(&dev, open_dev()?).map_err(setup("clone /dev/fuse"))?);
    }
    devs.push(dev);
    Ok(Mounted {
        devs,
        bufsize,
        server: Arc::new(Server::new(Arc::new(overlay))),
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

/// One serving thread: blocking reads of requests from its own descriptor (no epoll: each
/// thread sleeps in the kernel's queue until a request comes), until the mount goes.
fn serve_channel(dev: File, bufsize: usize, server: &Server<Arc<Overlay>>, stats: Option<&Stats>) {
    let fd = dev.as_raw_fd();
    let mut request = vec![0u8; bufsize];
    let mut reply = vec![0u8; bufsize];
    let hook = stats.map(|s| s as &dyn MetricsHook);
    loop {
        let len = match nix::unistd::read(fd, &mut request) {
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
        let Ok(reader) = Reader::from_fuse_buffer(FuseBuf::new(&mut request[..len])) else {
            continue;
        };
        let Ok(writer) = FuseDevWriter::<()>::new(fd, &mut reply) else {
            continue;
        };
        if let Err(e) = server.handle_message(reader, writer.into(), None, hook) {
            log::debug!("fuse request failed: {e}");
        }
    }
}

impl Mounted {
    /// Serves requests until the filesystem is unmounted (its namespace ends or the supervisor
    /// detaches it).
    pub(crate) fn serve(self) -> Result<(), FuseError> {
        let mut threads = Vec::new();
        for (i, dev) in self.devs.into_iter().enumerate() {
            let server = self.server.clone();
            let stats = self.stats.clone();
            let bufsize = self.bufsize;
            let thread = std::thread::Builder::new()
                .name(format!("fuse-{i}"))
                .stack_size(256 * 1024)
                .spawn(move || serve_channel(dev, bufsize, &server, stats.as_deref()))
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
}
