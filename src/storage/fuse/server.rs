//! The server process: mounts the overlay with mount(2) on the container's root folder (root
//! of the user namespace may mount FUSE; no fusermount, nothing setuid) and serves it with one
//! thread per channel, each channel on its own clone of the /dev/fuse descriptor.
use super::layers::Overlay;
use super::FuseError;
use fuse_backend_rs::api::server::Server;
use fuse_backend_rs::transport::{FuseChannel, FuseSession};
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::sync::Arc;

/// At most this many serving threads: enough to keep reads, writes and lookups of a busy
/// container going in parallel while the server's memory stays small.
const MAX_THREADS: usize = 4;

fn setup(what: &'static str) -> impl FnOnce(std::io::Error) -> FuseError {
    move |source| FuseError::Setup { what, source }
}

fn session_error(
    what: &'static str,
) -> impl FnOnce(fuse_backend_rs::transport::Error) -> FuseError {
    move |e| FuseError::Setup {
        what,
        source: std::io::Error::other(e.to_string()),
    }
}

/// A mounted overlay, ready to serve.
pub(super) struct Mounted {
    sessions: Vec<FuseSession>,
    server: Arc<Server<Arc<Overlay>>>,
}

/// Mounts `overlay` at `target`: opens /dev/fuse and calls mount(2) with its descriptor.
pub(super) fn mount(overlay: Overlay, target: &Path) -> Result<Mounted, FuseError> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, MAX_THREADS);
    // The sessions resolve the mount point now: after the mount that would need the server.
    let mut sessions = Vec::with_capacity(threads);
    for _ in 0..threads {
        sessions.push(
            FuseSession::new(target, "rcon-overlay", "", false)
                .map_err(session_error("prepare the fuse session"))?,
        );
    }
    let dev = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .map_err(setup("open /dev/fuse"))?;
    let options = format!(
        "fd={},rootmode=40000,user_id=0,group_id=0,default_permissions,allow_other,max_read={}",
        dev.as_raw_fd(),
        sessions[0].bufsize()
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
    set_nonblocking(&dev)?;
    sessions[0].set_fuse_file(dev);
    for i in 1..threads {
        let clone = sessions[0]
            .clone_fuse_file()
            .map_err(session_error("clone the /dev/fuse descriptor"))?;
        set_nonblocking(&clone)?;
        sessions[i].set_fuse_file(clone);
    }
    Ok(Mounted {
        sessions,
        server: Arc::new(Server::new(Arc::new(overlay))),
    })
}

fn set_nonblocking(file: &File) -> Result<(), FuseError> {
    fcntl(file.as_raw_fd(), FcntlArg::F_SETFL(OFlag::O_NONBLOCK))
        .map(drop)
        .map_err(|e| FuseError::Setup {
            what: "make the /dev/fuse descriptor non-blocking",
            source: e.into(),
        })
}

impl Mounted {
    /// Serves requests until the filesystem is unmounted (its namespace ends or the supervisor
    /// detaches it). The sessions are never dropped: dropping one would unmount.
    pub fn serve(self) -> Result<(), FuseError> {
        let mut channels: Vec<FuseChannel> = Vec::with_capacity(self.sessions.len());
        for s in &self.sessions {
            channels.push(
                s.new_channel()
                    .map_err(session_error("open a fuse channel"))?,
            );
        }
        let mut threads = Vec::new();
        for (i, mut channel) in channels.into_iter().enumerate() {
            let server = self.server.clone();
            let thread = std::thread::Builder::new()
                .name(format!("fuse-{i}"))
                .stack_size(256 * 1024)
                .spawn(move || loop {
                    match channel.get_request() {
                        Ok(Some((reader, writer))) => {
                            if let Err(e) = server.handle_message(reader, writer.into(), None, None)
                            {
                                log::debug!("fuse request failed: {e}");
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            log::debug!("fuse channel ended: {e}");
                            break;
                        }
                    }
                })
                .map_err(setup("start a serving thread"))?;
            threads.push(thread);
        }
        for t in threads {
            let _ = t.join();
        }
        std::mem::forget(self.sessions);
        Ok(())
    }
}
