//! A selection placed into a step's container: the archive streamed on the host as the user
//! to the stopped container's cp worker, which places it inside the container's root
//! (`container::cp::build`).
use super::select::Selection;
use super::ContextError;
use crate::config::Paths;
use crate::container::cp::build::{self as cp_build, parse_chmod};
use crate::ipc::role::CpOp;

/// Where and how a COPY or ADD places its selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Absolute, WORKDIR already applied; a trailing `/` makes it a folder.
    pub(crate) dest: String,
    pub(crate) chown: Option<String>,
    pub(crate) chmod: Option<String>,
}

impl Placement {
    /// Checks the destination and the forms of `--chown` and `--chmod` before anything runs.
    pub(crate) fn new(
        dest: &str,
        chown: Option<&str>,
        chmod: Option<&str>,
    ) -> Result<Placement, ContextError> {
        if !dest.starts_with('/') {
            return Err(ContextError::Dest { dest: dest.into() });
        }
        if let Some(c) = chown {
            cp_build::check_chown(c)?;
        }
        if let Some(m) = chmod {
            parse_chmod(m)?;
        }
        Ok(Placement {
            dest: dest.to_string(),
            chown: chown.map(str::to_string),
            chmod: chmod.map(str::to_string),
        })
    }

    /// The cp worker's op for `selection`.
    pub(crate) fn op(&self, selection: &Selection) -> CpOp {
        CpOp::Build {
            dest: self.dest.clone(),
            single_file: selection.single_file.clone(),
            chown: self.chown.clone(),
            chmod: self.chmod.clone(),
        }
    }
}

/// Places `selection` into the container `container_id` (created, not started) at
/// `placement`. The container's root is mounted by the worker alone; nothing on the host
/// side follows a path inside it.
pub(crate) fn copy_into(
    paths: &Paths,
    container_id: &str,
    selection: &Selection,
    placement: &Placement,
) -> Result<(), ContextError> {
    let op = placement.op(selection);
    let fed = cp_build::feed(paths, container_id, &op, |stdin| {
        selection.write_archive(stdin)
    });
    match (fed.host, fed.worker) {
        // The host's own failure (a file it could not read) comes first; a broken pipe only
        // means the worker stopped, and the worker says why.
        (Some(e), _) if !matches!(&e, ContextError::Send { .. }) => Err(e),
        (_, Err(worker)) => Err(worker.into()),
        (Some(e), Ok(())) => Err(e),
        (None, Ok(())) => Ok(()),
    }
}
