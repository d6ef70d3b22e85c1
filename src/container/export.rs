//! `rcon export`: a container's root filesystem (its image's layers and its changes, without
//! volumes and what the runtime mounts) as one tar, owners as the container sees them. The
//! tar is written by the `cp` worker inside the container (running) or in a helper that
//! mounts its root filesystem (stopped): no second tar writer. What rcon made in the writable
//! layer for the container's mounts (the /run of /run/.containerenv, /run/secrets, empty
//! mount points, the /etc/mtab link), where the image has nothing, is left out, as `diff`
//! and `commit` leave it out.
use crate::config::Paths;
use crate::container::cp::{self, CpError};
use crate::container::list;
use crate::container::record::ContainerPaths;
use crate::image::diff::changes::{Below, Layers};
use std::io::{self, Write};

/// Writes the root filesystem of container `name` to `out`.
pub(crate) fn export(paths: &Paths, name: &str, out: &mut dyn Write) -> Result<(), CpError> {
    let excluded = made_for_mounts(paths, name);
    cp::read_root(paths, name, excluded, |data| {
        io::copy(data, out)?;
        out.flush()
    })
}

/// The paths rcon made in the writable layer of `name` for its mounts that its image does not
/// have; none when the container or its layers cannot be read (the export then says why).
fn made_for_mounts(paths: &Paths, name: &str) -> Vec<String> {
    let Ok(record) = list::find(paths, name) else {
        return Vec::new();
    };
    let cpaths = ContainerPaths::new(paths, &record.id);
    let targets = cpaths.mount_targets();
    let Ok(store) = crate::image::store::Store::open(paths) else {
        return Vec::new();
    };
    let lowers: Vec<_> = record.layers.iter().map(|c| store.layer_dir(c)).collect();
    let below = Layers::new(&lowers);
    crate::image::diff::made_in_upper(&cpaths.upper(), &targets, |p| below.exists(p))
}
