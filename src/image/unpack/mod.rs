//! Unpacking a layer tarball as hostile input.
//!
//! The parent (`pull`) runs the role `Role::Unpack { dest, single_uid }` inside a user
//! namespace that maps the store's ids, feeds the layer blob (gzip, zstd or plain tar) on its
//! stdin, and reads one [`HelperReply`] frame (`ipc::write_frame`) from its stdout:
//! `{"ok": Report}` or `{"error": "..."}`.
//! [`helper_unpack`] is that helper; [`unpack_layer`] is the core, callable on any folder
//! descriptor (the unit tests run it as root without a namespace); [`parent`] is the side of
//! the process that starts the helper (pull, commit).
//!
//! Every entry's parent folder is opened beneath the layer root with `openat2`
//! (`RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS`); nothing is ever followed.
//! Whiteouts become the forms overlayfs reads with `userxattr`: `.wh.<name>` a 0/0 character
//! device, `.wh..wh..opq` the xattr `user.overlay.opaque=y`.
//!
//! The tar framing is walked here ([`walk`]), not by the `tar` crate's iterator: metadata
//! entries over 1 MiB are refused from their header, GNU sparse files get holes, and no entry
//! writes more bytes than it carries. Names quoted in errors are cut to a few hundred bytes.
pub(crate) mod parent;
mod sys;
mod tree;
pub(crate) mod walk;

pub(crate) use tree::{xattr_allowed, OPAQUE_XATTR, OVERRIDE_STAT_XATTR};

#[cfg(test)]
mod tests;

use crate::util::digest::Digest;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::io::{self, BufRead, BufReader, Read};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::{Path, PathBuf};

/// Why a layer could not be unpacked. `path` is the entry's name inside the layer.
#[derive(Debug, thiserror::Error)]
pub(crate) enum UnpackError {
    #[error("entry {path} escapes the layer root")]
    Escapes { path: String },
    #[error("entry {path} lies under a symlink: layers may not write through symlinks")]
    SymlinkParent { path: String },
    #[error("entry {path} lies under something that is not a folder")]
    NotDir { path: String },
    #[error("hardlink {path} points to {target}, which {reason}")]
    Hardlink {
        path: String,
        target: String,
        reason: &'static str,
    },
    #[error(
        "entry {path} is owned by {uid}:{gid}, which the user namespace cannot map: give your \
         user at least {needed} subordinate ids in /etc/subuid and /etc/subgid"
    )]
    Unmapped {
        path: String,
        uid: u64,
        gid: u64,
        needed: u64,
    },
    #[error("entry {path}: {source}")]
    Entry { path: String, source: io::Error },
    #[error("reading the layer stream: {0}")]
    Stream(io::Error),
    #[error("{0}")]
    Walk(#[from] walk::WalkError),
    #[error("opening the destination folder {path}: {source}")]
    Dest { path: PathBuf, source: io::Error },
    #[error("invalid helper arguments: {0}")]
    Args(String),
}

/// How to unpack.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Only the user is mapped: do not chown; record owners in `user.containers.override_stat`.
    pub(crate) single_uid: bool,
    /// The umask is 0 (the helper clears it): files are created with their mode and need no
    /// `fchmod` unless it has setuid, setgid or sticky bits.
    pub(crate) umask_cleared: bool,
}

/// What the helper reports to the parent.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Report {
    /// sha256 of the decompressed tar stream.
    pub(crate) diff_id: Digest,
    /// Length of the decompressed tar stream, in bytes.
    pub(crate) size: u64,
    /// Device nodes the layer holds that cannot be created rootless.
    #[serde(default)]
    pub(crate) skipped_devices: Vec<String>,
    /// Whether owners were recorded in xattrs instead of applied.
    pub(crate) single_uid: bool,
}

/// The one frame the helper writes on stdout.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum HelperReply {
    Ok(Report),
    Error(String),
}

/// Compression of a layer stream, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    Gzip,
    Zstd,
    Plain,
}

/// Recognises gzip (`1f 8b`) and zstd (`28 b5 2f fd`) magic; anything else is read as tar.
pub(crate) fn detect(head: &[u8]) -> Detected {
    if head.starts_with(&[0x1f, 0x8b]) {
        Detected::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Detected::Zstd
    } else {
        Detected::Plain
    }
}

/// Hashes and counts every byte read through it.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    read: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

/// Unpacks one layer stream (compressed or not) into the folder `root`, returning its diff ID.
pub(crate) fn unpack_layer<R: Read>(
    input: R,
    root: BorrowedFd<'_>,
    opts: Options,
) -> Result<Report, UnpackError> {
    let mut input = BufReader::with_capacity(1 << 20, input);
    let kind = detect(input.fill_buf().map_err(UnpackError::Stream)?);
    let decoded: Box<dyn Read + '_> = match kind {
        Detected::Gzip => Box::new(flate2::read::MultiGzDecoder::new(input)),
        Detected::Zstd => {
            Box::new(zstd::stream::read::Decoder::with_buffer(input).map_err(UnpackError::Stream)?)
        }
        Detected::Plain => Box::new(input),
    };
    let hashing = HashingReader {
        inner: decoded,
        hasher: Sha256::new(),
        read: 0,
    };
    let mut walker = walk::Walker::new(hashing);
    let skipped_devices = tree::Unpacker::new(root, opts).run(&mut walker)?;
    // The diff ID covers the whole stream, with the zero blocks and padding after the last
    // entry that the walker leaves unread.
    let mut hashing = walker.into_inner();
    io::copy(&mut hashing, &mut io::sink()).map_err(UnpackError::Stream)?;
    Ok(Report {
        diff_id: Digest::from_hash(hashing.hasher.finalize().into()),
        size: hashing.read,
        skipped_devices,
        single_uid: opts.single_uid,
    })
}

/// The destination must be an absolute path.
fn check_dest(dest: &Path) -> Result<(), UnpackError> {
    if dest.is_absolute() {
        Ok(())
    } else {
        Err(UnpackError::Args(format!("unexpected argument {dest:?}")))
    }
}

fn run_helper(dest: &Path, opts: Options) -> Result<Report, UnpackError> {
    check_dest(dest)?;
    // Modes are set explicitly on every entry; the umask must not narrow implicit folders.
    nix::sys::stat::umask(nix::sys::stat::Mode::empty());
    let root = std::fs::File::open(dest).map_err(|source| UnpackError::Dest {
        path: dest.to_path_buf(),
        source,
    })?;
    let opts = Options {
        umask_cleared: true,
        ..opts
    };
    let report = unpack_layer(io::stdin().lock(), root.as_fd(), opts)?;
    // Leave nothing unread so the parent's writes never fail with a broken pipe.
    io::copy(&mut io::stdin().lock(), &mut io::sink()).map_err(UnpackError::Stream)?;
    Ok(report)
}

/// Why the unpack role failed, as its process reports it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HelperError {
    /// The layer could not be unpacked; the message (capped) went to the parent already.
    #[error("{0}")]
    Unpack(String),
    #[error("cannot send the report: {0}")]
    Report(#[from] crate::ipc::IpcError),
}

/// The role `unpack`: runs inside the store's user namespace, reads a layer on stdin, unpacks
/// it into `dest` and writes one [`HelperReply`] frame on stdout. The error is also returned
/// so the helper exits non-zero.
pub(crate) fn helper_unpack(dest: &Path, single_uid: bool) -> Result<(), HelperError> {
    let opts = Options {
        single_uid,
        ..Options::default()
    };
    let reply = match run_helper(dest, opts) {
        Ok(report) => HelperReply::Ok(report),
        Err(e) => HelperReply::Error(cap_message(e.to_string())),
    };
    crate::ipc::write_frame(&mut io::stdout().lock(), &reply)?;
    match reply {
        HelperReply::Ok(_) => Ok(()),
        HelperReply::Error(e) => Err(HelperError::Unpack(e)),
    }
}

/// The longest error the helper sends, in bytes. Its stdout reply and its stderr line each
/// fit in a pipe of one page (the smallest the kernel hands out), so the helper never blocks
/// writing them while its parent still writes the layer to it.
const MAX_MESSAGE: usize = 2048;

/// Cuts a message to [`MAX_MESSAGE`] bytes at a character boundary, ending it with an ellipsis.
fn cap_message(mut msg: String) -> String {
    if msg.len() > MAX_MESSAGE {
        let mut end = MAX_MESSAGE;
        while !msg.is_char_boundary(end) {
            end -= 1;
        }
        msg.truncate(end);
        msg.push('…');
    }
    msg
}
