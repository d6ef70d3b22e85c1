//! Diff: a container's writable layer as an uncompressed OCI layer tar.
//!
//! The kernel overlay and rcon's FUSE overlay both keep a container's changes in its `upper`
//! folder, in the store's form (whiteouts as 0/0 character devices, opaque folders marked
//! `user.overlay.opaque=y`); the overlays' own work folders lie beside it and are never read.
//! [`write_layer`] turns that folder into the tar an image layer is: the OCI whiteout files,
//! owners as the container sees them, modes with their setuid/setgid/sticky bits, times
//! (optionally clamped or set, for reproducible builds: [`Mtimes`]), symlinks, hardlinks,
//! fifos, and the xattrs a layer may carry as PAX `SCHILY.xattr.*` records
//! (`security.capability` and `user.*`, without the overlay's `user.overlay.*` and the store's
//! `user.containers.*`). Entries come sorted, so one tree gives one diff ID.
//!
//! The files belong to the container's ids, so the walk runs as the role `Role::Diff` in the
//! store's user namespace ([`helper_diff`]): there `stat` gives the ids the container sees. The
//! parent reads the tar from the helper's stdout (`image::commit::diff_upper`). A failure is
//! the helper's exit status and its one stderr line; the tar is then cut short and unusable.
//!
//! A running container may change files while they are read: a name gone meanwhile is left
//! out, a file that shrinks is padded with zeros, one that grows is cut at the size it had.
//! Pause the container (`rcon commit -p`) for a consistent layer. The FUSE overlay caches
//! writes (writeback): what a running process wrote but has not closed or synced may not be
//! in the upper folder yet.
pub(crate) mod changes;
mod prune;
mod tar;
mod tree;

#[cfg(test)]
mod tests;

pub(crate) use crate::ipc::role::Mtimes;
use nix::errno::Errno;
pub(crate) use prune::made_in_upper;
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

/// Why a layer could not be written. `path` is the name inside the layer.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DiffError {
    #[error("cannot open the writable layer {path}: {source}")]
    Upper {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: {source}")]
    Entry {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("writing the layer ({path}): {source}")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },
}

impl DiffError {
    fn at(path: &[u8], e: Errno) -> DiffError {
        DiffError::Entry {
            path: shown(path),
            source: e.into(),
        }
    }

    fn write(path: &[u8], source: io::Error) -> DiffError {
        DiffError::Write {
            path: shown(path),
            source,
        }
    }
}

/// A name as messages show it: `/` then the path, lossy, at most 256 bytes.
fn shown(path: &[u8]) -> String {
    let cut = &path[..path.len().min(256)];
    format!("/{}", String::from_utf8_lossy(cut))
}

/// How to write the layer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// The store maps one id: owners recorded in `user.containers.override_stat` are the real
    /// ones.
    pub(crate) single_uid: bool,
    pub(crate) mtimes: Mtimes,
    /// Names inside the layer (no leading `/`) of the container's mount destinations: an
    /// empty file or folder there is the mount point rcon made (`/etc/hosts` of an image
    /// without one, a volume's folder), not a change, and is left out, with a folder around
    /// destinations that holds nothing else (the `/run` of `/run/.containerenv`).
    pub(crate) mount_targets: BTreeSet<Vec<u8>>,
    /// Names inside the layer left out with all they hold, whatever they are.
    pub(crate) excluded: BTreeSet<Vec<u8>>,
    /// A folder around mount destinations stays even when it holds nothing else (a build
    /// step's layer, as Podman's builds keep it).
    pub(crate) keep_folders: bool,
}

impl Options {
    /// These options leaving out the absolute paths `paths` (with all they hold).
    pub(crate) fn excluding(mut self, paths: &[String]) -> Options {
        self.excluded = paths.iter().filter_map(|p| layer_name(p)).collect();
        self
    }

    /// Options from the role's arguments; `mount_targets` as absolute paths.
    pub(crate) fn new(single_uid: bool, mtimes: Mtimes, mount_targets: &[String]) -> Options {
        Options {
            single_uid,
            mtimes,
            mount_targets: mount_targets.iter().filter_map(|t| layer_name(t)).collect(),
            excluded: BTreeSet::new(),
            keep_folders: false,
        }
    }
}

/// An absolute path as a name inside the layer: no leading, trailing or doubled `/`, no `.`;
/// `None` for the root and for a path with `..`.
fn layer_name(path: &str) -> Option<Vec<u8>> {
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/").into_bytes())
}

/// Writes the contents of `upper` (not the folder itself) to `out` as a layer tar, the
/// end-of-archive blocks included. A missing `upper` (a container never started) is an empty
/// layer.
pub(crate) fn write_layer<W: Write>(upper: &Path, out: W, opts: &Options) -> Result<W, DiffError> {
    let mut tar = tar::TarWriter::new(out);
    match std::fs::File::open(upper) {
        Ok(root) => tree::write_tree(root.as_fd(), &mut tar, opts)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(DiffError::Upper {
                path: upper.to_path_buf(),
                source,
            })
        }
    }
    tar.finish().map_err(|source| DiffError::Write {
        path: "end of archive".into(),
        source,
    })
}

/// The role `diff`: runs in the store's user namespace and writes the layer of `upper` to
/// stdout; with `adopt`, the mount points are first removed from `upper` (a build step's
/// writable layer become a layer's tree: [`prune`]). The error is returned so the helper
/// exits non-zero with it on stderr.
pub(crate) fn helper_diff(upper: &Path, opts: Options, adopt: bool) -> Result<(), DiffError> {
    if !upper.is_absolute() {
        return Err(DiffError::Upper {
            path: upper.to_path_buf(),
            source: io::Error::other("not an absolute path"),
        });
    }
    // Straight to the descriptor: std's stdout would look for line ends in every write.
    let stdout = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|source| DiffError::Write {
            path: "standard output".into(),
            source,
        })?;
    if adopt {
        let root = std::fs::File::open(upper).map_err(|source| DiffError::Upper {
            path: upper.to_path_buf(),
            source,
        })?;
        prune::prune_mount_points(root.as_fd(), &opts)?;
    }
    let out = io::BufWriter::with_capacity(1 << 20, std::fs::File::from(stdout));
    write_layer(upper, out, &opts)?;
    Ok(())
}
