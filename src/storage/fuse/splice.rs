//! Big writes with one copy instead of two: a serving thread moves a request from /dev/fuse
//! into a pipe of its own with splice(2) (for a WRITE the kernel hands over references to the
//! page cache's pages, nothing is copied), reads the request's header from the pipe and
//! splices a WRITE's data from the pipe into the upper file (the one copy, into that file's
//! page cache, as on the kernel overlay). Any other request is read from the pipe whole and
//! served as a request read from /dev/fuse is.
//!
//! A pipe must hold a whole request: the kernel fails a request that does not fit in the pipe
//! it is spliced into (the writer would see EIO). An unprivileged pipe holds at most
//! fs.pipe-max-size (1 MiB, 256 pages, by default), so with splicing on the server answers
//! INIT with requests of at most [`request_pages`] pages (one page fewer for the header, one for
//! a direct write's data that starts mid-page), and a thread whose pipe cannot grow to the
//! size of the first reads instead.
//!
//! Splicing takes a second and third call per request, which only a big write pays back: a
//! thread splices while big writes come (one in the last [`CREDITS`] requests) and reads
//! otherwise ([`SpliceMode`]). `RCON_FUSE_SPLICE=0` in the supervisor's environment turns
//! splicing off, for measuring.
use super::sys::splice;
use nix::errno::Errno;
use nix::fcntl::{FcntlArg, OFlag};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicU32, Ordering};

/// FUSE_WRITE's opcode.
pub(super) const FUSE_WRITE: u32 = 16;
/// FUSE_INIT's opcode.
pub(super) const FUSE_INIT: u32 = 26;
/// fuse_in_header: len, opcode, unique, nodeid, uid, gid, pid, extension length, padding.
pub(super) const IN_HEADER: usize = 40;
/// fuse_write_in: fh, offset, size, write_flags, lock_owner, flags, padding.
const WRITE_IN: usize = 40;
/// A write of at least this many bytes turns splicing on.
const BIG_WRITE: u32 = 128 * 1024;
/// Requests spliced after the last big write before the threads read again.
pub(super) const CREDITS: u32 = 32;
/// The pipe sizes tried, largest first: below the smallest, splicing is not worth it.
const PIPE_SIZES: [usize; 2] = [1 << 20, 1 << 19];

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes(b[at..at + 4].try_into().unwrap_or_default())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_ne_bytes(b[at..at + 8].try_into().unwrap_or_default())
}

/// The fields of a request's fuse_in_header the server needs to route it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct InHeader {
    pub(super) len: u32,
    pub(super) opcode: u32,
    pub(super) unique: u64,
    pub(super) nodeid: u64,
}

impl InHeader {
    /// The header at the start of `b` (at least [`IN_HEADER`] bytes).
    pub(super) fn parse(b: &[u8]) -> InHeader {
        InHeader {
            len: u32_at(b, 0),
            opcode: u32_at(b, 4),
            unique: u64_at(b, 8),
            nodeid: u64_at(b, 16),
        }
    }
}

/// The fields of fuse_write_in the overlay's write needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WriteIn {
    pub(super) offset: u64,
    pub(super) size: u32,
    pub(super) write_flags: u32,
}

impl WriteIn {
    fn parse(b: &[u8]) -> WriteIn {
        WriteIn {
            offset: u64_at(b, 8),
            size: u32_at(b, 16),
            write_flags: u32_at(b, 20),
        }
    }

    /// The write of a whole request read into `request` (header first), if it is one.
    pub(super) fn of_request(request: &[u8]) -> Option<WriteIn> {
        let h = InHeader::parse(request.get(..IN_HEADER)?);
        let body = request.get(IN_HEADER..IN_HEADER + WRITE_IN)?;
        (h.opcode == FUSE_WRITE).then(|| WriteIn::parse(body))
    }
}

/// Whether the threads splice: the number of requests they still splice since the last big
/// write, shared by all threads.
#[derive(Default)]
pub(super) struct SpliceMode(AtomicU32);

impl SpliceMode {
    /// Whether the next request should be spliced.
    pub(super) fn wanted(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }

    /// Counts a request of `size` bytes of write data (0 for any other request).
    pub(super) fn saw(&self, size: u32) {
        if size >= BIG_WRITE {
            self.0.store(CREDITS, Ordering::Relaxed);
        } else {
            let _ = self
                .0
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| c.checked_sub(1));
        }
    }
}

/// How many pages a request may carry to fit in a pipe of `pipe_pages` pages.
pub(super) fn request_pages(pipe_pages: usize) -> usize {
    pipe_pages.saturating_sub(2)
}

/// A serving thread's pipe: requests go in from /dev/fuse, out by read or into a file.
pub(super) struct Pipe {
    read: OwnedFd,
    write: OwnedFd,
    /// Its capacity in pages.
    pages: usize,
}

impl Pipe {
    /// A pipe that holds `pages` pages, or the largest of [`PIPE_SIZES`] when `pages` is None.
    /// Both ends are non-blocking: the pipe is only ever read while it holds a request, and a
    /// request that is not all there must not stall the thread.
    pub(super) fn new(pages: Option<usize>, page_size: usize) -> io::Result<Pipe> {
        let (read, write) = nix::unistd::pipe2(OFlag::O_CLOEXEC | OFlag::O_NONBLOCK)?;
        let sizes: Vec<usize> = match pages {
            Some(p) => vec![p * page_size],
            None => PIPE_SIZES.to_vec(),
        };
        let mut last = Errno::EINVAL;
        for size in sizes {
            let Ok(arg) = i32::try_from(size) else {
                continue;
            };
            match nix::fcntl::fcntl(write.as_raw_fd(), FcntlArg::F_SETPIPE_SZ(arg)) {
                Ok(got) if got as usize >= size => {
                    let pages = got as usize / page_size;
                    return Ok(Pipe { read, write, pages });
                }
                Ok(_) => last = Errno::EINVAL,
                Err(e) => last = e,
            }
        }
        Err(last.into())
    }

    /// Its capacity in pages.
    pub(super) fn pages(&self) -> usize {
        self.pages
    }

    /// Moves the next request from `dev` into the pipe (which must be empty); its length.
    pub(super) fn fill(&self, dev: &File, max: usize) -> nix::Result<usize> {
        splice(dev, &self.write, None, max, false)
    }

    /// Reads exactly `buf.len()` bytes of the request in the pipe.
    pub(super) fn read_exact(&self, buf: &mut [u8]) -> io::Result<()> {
        let mut done = 0;
        while done < buf.len() {
            match nix::unistd::read(self.read.as_raw_fd(), &mut buf[done..]) {
                Ok(0) => return Err(Errno::EPIPE.into()),
                Ok(n) => done += n,
                Err(Errno::EINTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Empties the pipe (the rest of a request that could not be served), with `scratch` as
    /// the bin.
    pub(super) fn drain(&self, scratch: &mut [u8]) {
        loop {
            match nix::unistd::read(self.read.as_raw_fd(), scratch) {
                Ok(0) | Err(Errno::EAGAIN) => return,
                Ok(_) | Err(Errno::EINTR) => {}
                Err(e) => {
                    log::debug!("cannot empty a fuse pipe: {e}");
                    return;
                }
            }
        }
    }

    /// Moves up to `len` bytes from the pipe into `to` at `offset`; the bytes moved, which
    /// are fewer than `len` only with the error that stopped it.
    fn splice_to(&self, to: &File, offset: u64, len: usize) -> (usize, Option<io::Error>) {
        let Ok(mut off) = i64::try_from(offset) else {
            return (0, Some(Errno::EFBIG.into()));
        };
        let mut done = 0;
        while done < len {
            let moved = splice(&self.read, to, Some(&mut off), len - done, true);
            match moved {
                Ok(0) => return (done, Some(Errno::EPIPE.into())),
                Ok(n) => done += n,
                Err(Errno::EINTR) => {}
                Err(e) => return (done, Some(e.into())),
            }
        }
        (done, None)
    }
}

/// Serves the WRITE whose header `h` has just been read from `pipe`: reads its fuse_write_in,
/// asks `file_for` for the file to write (by node and write flags) and splices the data into
/// it. Leaves the pipe empty. The bytes written, or the error to answer.
pub(super) fn write(
    pipe: &Pipe,
    h: &InHeader,
    scratch: &mut [u8],
    file_for: impl FnOnce(u64, u32) -> io::Result<std::sync::Arc<File>>,
) -> io::Result<usize> {
    let result = write_inner(pipe, h, scratch, file_for);
    // A write that took all its data left the pipe empty; any other left some behind.
    let whole = (h.len as usize).checked_sub(IN_HEADER + WRITE_IN);
    if !matches!((&result, whole), (Ok(n), Some(data)) if *n == data) {
        pipe.drain(scratch);
    }
    result
}

fn write_inner(
    pipe: &Pipe,
    h: &InHeader,
    scratch: &mut [u8],
    file_for: impl FnOnce(u64, u32) -> io::Result<std::sync::Arc<File>>,
) -> io::Result<usize> {
    let data = (h.len as usize)
        .checked_sub(IN_HEADER + WRITE_IN)
        .ok_or(Errno::EINVAL)?;
    let head = scratch.get_mut(..WRITE_IN).ok_or(Errno::EINVAL)?;
    pipe.read_exact(head)?;
    let w = WriteIn::parse(head);
    if w.size as usize != data {
        return Err(Errno::EINVAL.into());
    }
    let file = file_for(h.nodeid, w.write_flags)?;
    match pipe.splice_to(&file, w.offset, data) {
        (0, Some(e)) => Err(e),
        (n, _) => Ok(n),
    }
}

/// The answer to request `unique`: `size` bytes written, or the error.
pub(super) fn write_reply(unique: u64, result: &io::Result<usize>) -> Vec<u8> {
    let mut out = Vec::with_capacity(24);
    match result {
        Ok(size) => {
            out.extend_from_slice(&24u32.to_ne_bytes());
            out.extend_from_slice(&0i32.to_ne_bytes());
            out.extend_from_slice(&unique.to_ne_bytes());
            out.extend_from_slice(&(*size as u32).to_ne_bytes());
            out.extend_from_slice(&0u32.to_ne_bytes());
        }
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(libc::EIO);
            out.extend_from_slice(&16u32.to_ne_bytes());
            out.extend_from_slice(&(-errno).to_ne_bytes());
            out.extend_from_slice(&unique.to_ne_bytes());
        }
    }
    out
}

/// Lowers the request size in the server's INIT answer `reply` (fuse_out_header, then
/// fuse_init_out) to `pages` pages of `page_size`, where it asks for more.
pub(super) fn limit_init_reply(reply: &mut [u8], pages: usize, page_size: usize) {
    // fuse_out_header is 16 bytes; fuse_init_out has max_write at 20 and max_pages at 28.
    const MAX_WRITE: usize = 16 + 20;
    const MAX_PAGES: usize = 16 + 28;
    if reply.len() < MAX_PAGES + 2 || u32_at(reply, 4) != 0 {
        return;
    }
    let max_write = (pages * page_size) as u32;
    if u32_at(reply, MAX_WRITE) > max_write {
        reply[MAX_WRITE..MAX_WRITE + 4].copy_from_slice(&max_write.to_ne_bytes());
    }
    let asked = u16::from_ne_bytes([reply[MAX_PAGES], reply[MAX_PAGES + 1]]) as usize;
    if asked > pages {
        reply[MAX_PAGES..MAX_PAGES + 2].copy_from_slice(&(pages as u16).to_ne_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_request_is_told_from_its_header() {
        let mut req = vec![0u8; IN_HEADER + WRITE_IN + 8];
        req[0..4].copy_from_slice(&((IN_HEADER + WRITE_IN + 8) as u32).to_ne_bytes());
        req[4..8].copy_from_slice(&FUSE_WRITE.to_ne_bytes());
        req[8..16].copy_from_slice(&7u64.to_ne_bytes());
        req[16..24].copy_from_slice(&42u64.to_ne_bytes());
        req[IN_HEADER + 8..IN_HEADER + 16].copy_from_slice(&4096u64.to_ne_bytes());
        req[IN_HEADER + 16..IN_HEADER + 20].copy_from_slice(&8u32.to_ne_bytes());
        let h = InHeader::parse(&req);
        assert_eq!((h.opcode, h.unique, h.nodeid), (FUSE_WRITE, 7, 42));
        let w = WriteIn::of_request(&req).unwrap();
        assert_eq!((w.offset, w.size), (4096, 8));
        req[4..8].copy_from_slice(&FUSE_INIT.to_ne_bytes());
        assert_eq!(WriteIn::of_request(&req), None);
    }

    #[test]
    fn splicing_lasts_a_few_requests_past_the_last_big_write() {
        let mode = SpliceMode::default();
        assert!(!mode.wanted());
        mode.saw(4096);
        assert!(!mode.wanted());
        mode.saw(BIG_WRITE);
        for _ in 0..CREDITS {
            assert!(mode.wanted());
            mode.saw(0);
        }
        assert!(!mode.wanted());
    }

    #[test]
    fn the_init_answer_asks_for_no_more_pages_than_a_pipe_holds() {
        let mut reply = vec![0u8; 16 + 64];
        reply[36..40].copy_from_slice(&(256u32 * 4096).to_ne_bytes());
        reply[44..46].copy_from_slice(&256u16.to_ne_bytes());
        limit_init_reply(&mut reply, 254, 4096);
        assert_eq!(u32_at(&reply, 36), 254 * 4096);
        assert_eq!(u16::from_ne_bytes([reply[44], reply[45]]), 254);
        // An error answer is left alone.
        let mut error = reply.clone();
        error[4..8].copy_from_slice(&(-libc::EPROTO).to_ne_bytes());
        let before = error.clone();
        limit_init_reply(&mut error, 100, 4096);
        assert_eq!(error, before);
    }

    #[test]
    fn write_replies_carry_the_size_or_the_negated_errno() {
        let ok = write_reply(9, &Ok(5));
        assert_eq!(ok.len(), 24);
        assert_eq!(u32_at(&ok, 0), 24);
        assert_eq!(u64_at(&ok, 8), 9);
        assert_eq!(u32_at(&ok, 16), 5);
        let err = write_reply(9, &Err(io::Error::from_raw_os_error(libc::ENOSPC)));
        assert_eq!(err.len(), 16);
        assert_eq!(u32_at(&err, 4) as i32, -libc::ENOSPC);
    }

    #[test]
    fn a_pipe_carries_a_request_into_a_file_at_its_offset() {
        let pipe = Pipe::new(None, 4096).unwrap();
        assert!(pipe.pages() >= 128);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut req = [0u8; IN_HEADER + WRITE_IN];
        let total = (req.len() + data.len()) as u32;
        req[0..4].copy_from_slice(&total.to_ne_bytes());
        req[4..8].copy_from_slice(&FUSE_WRITE.to_ne_bytes());
        req[IN_HEADER + 8..IN_HEADER + 16].copy_from_slice(&10u64.to_ne_bytes());
        req[IN_HEADER + 16..IN_HEADER + 20].copy_from_slice(&(data.len() as u32).to_ne_bytes());
        let w = File::from(pipe.write.try_clone().unwrap());
        let mut at = 0;
        for part in [&req[..], &data[..]] {
            let mut done = 0;
            while done < part.len() {
                done += nix::unistd::write(&w, &part[done..]).unwrap();
            }
            at += part.len();
        }
        assert_eq!(at, req.len() + data.len());
        let mut head = [0u8; IN_HEADER];
        pipe.read_exact(&mut head).unwrap();
        let h = InHeader::parse(&head);
        let mut scratch = vec![0u8; 4096];
        let file = std::sync::Arc::new(file);
        let n = write(&pipe, &h, &mut scratch, |_, _| Ok(file.clone())).unwrap();
        assert_eq!(n, data.len());
        let back = std::fs::read(&path).unwrap();
        assert_eq!(&back[..10], &[0u8; 10]);
        assert_eq!(&back[10..], &data[..]);
    }
}
