//! `rcon export`: a container's root filesystem (its image's layers and its changes, without
//! volumes and what the runtime mounts) as one tar, owners as the container sees them. The
//! tar is written by the `cp` worker inside the container (running) or in a helper that
//! mounts its root filesystem (stopped): no second tar writer.
use crate::config::Paths;
use crate::container::cp::{self, CpError};
use std::io::{self, Write};

/// Writes the root filesystem of container `name` to `out`.
pub(crate) fn export(paths: &Paths, name: &str, out: &mut dyn Write) -> Result<(), CpError> {
    cp::read_root(paths, name, |data| {
        io::copy(data, out)?;
        out.flush()
    })
}
