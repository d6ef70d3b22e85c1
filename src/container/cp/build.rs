//! A build's COPY and ADD inside the container: the op `CpOp::Build`, run by the stopped
//! container's cp worker ([`super::stopped::helper_cp`]) with the container's root filesystem
//! as its root, so every path and every symlink the image holds resolves inside that root.
//!
//! The builder packs the selected sources on the host (`build::context`) into a tar stream in
//! Docker's placement form: a file source is one entry under its base name, a folder source
//! is its contents, `--parents` keeps the source's path, an extracted ADD archive its own
//! names. [`feed`] starts the worker for a created, never started container and hands the
//! caller the worker's stdin; [`place`] is the worker's side.
//!
//! Docker's destination rules, with `dest` absolute (the builder resolves WORKDIR):
//! - with `single_file` (one file source) and `dest` neither ending in `/` nor an existing
//!   folder, the file is written as `dest`; otherwise `dest` is a folder (created with its
//!   missing parents, 0755, owned 0:0) and the entries go into it;
//! - everything placed is owned by `chown` (`user[:group]`, names looked up in the container's
//!   own `/etc/passwd` and `/etc/group`; a user alone gives the gid of the same number), else
//!   by what the entry says (0:0 for copied files; an extracted archive's own owners);
//! - `chmod` (octal or symbolic) applies to the files and folders placed, not to symlinks;
//! - modes and mtimes are the entries'; an existing folder is merged into, an existing file
//!   or symlink replaced, a folder is never replaced by a file.
mod mode;
mod owner;
mod place;

pub(crate) use mode::{parse_chmod, ModeError};
pub(crate) use owner::{check_chown, OwnerError};
pub(crate) use place::{place, PlaceError};

use super::{CpError, Op, Side, WorkerFailure};
use crate::config::Paths;
use std::io::Write;

/// What the host side and the worker each made of one transfer.
pub(crate) struct Fed<E> {
    /// The host side's own error (writing the archive), if any.
    pub(crate) host: Option<E>,
    /// The worker's result: the placement inside the container.
    pub(crate) worker: Result<(), CpError>,
}

/// Starts the cp worker for the container `id` (created, not running) with `op`, and runs
/// `write` with the worker's stdin; the worker's end sees end-of-file when `write` returns.
pub(crate) fn feed<E>(
    paths: &Paths,
    id: &str,
    op: &Op,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Fed<E> {
    let mut host = None;
    let side = Side::Write(Box::new(|mut stdin: Box<dyn Write>| {
        if let Err(e) = write(&mut stdin) {
            host = Some(e);
        }
        Ok(())
    }));
    let short: String = id.chars().take(12).collect();
    let worker = match super::in_stopped(paths, id, op, side) {
        Ok((_, Ok(()))) => Ok(()),
        Ok((_, Err(failure))) => Err(CpError::Worker {
            container: short,
            message: match failure {
                WorkerFailure::Said { message } => message,
                other => other.to_string(),
            },
        }),
        Err(e) => Err(e),
    };
    Fed { host, worker }
}
