//! Root filesystem drivers: how a container's image layers and its writable layer become one
//! tree at `containers/<id>/rootfs`.
//!
//! [`choose`] picks the driver once, at create time (the CLI records its name); the supervisor
//! calls [`mount_rootfs`] inside its own user and mount namespaces, so every mount is private to
//! the container and disappears with the supervisor.
//! - [`Driver::Overlay`]: the kernel's overlayfs with `userxattr`, mountable by root of a user
//!   namespace since Linux 5.11 (Debian 12's 6.1 has it). Layers are read in place.
//! - [`Driver::Vfs`]: a full copy of the layers, made once per container; works everywhere.
//! - [`Driver::FuseOverlay`]: rcon's own overlay served over FUSE by a process the supervisor
//!   forks (see [`fuse`]); needs only /dev/fuse. Reads the same layers as the kernel overlay.
mod fuse;
mod overlay;
mod vfs;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Why a root filesystem could not be prepared. `path` names the folder involved.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StorageError {
    #[error("unknown storage driver {name:?}: use overlay, fuse-overlay or vfs")]
    Unknown { name: String },
    #[error(
        "--userns keep-id, nomap and auto need the fuse-overlay storage driver (the {driver} \
         driver cannot show the image's owners under another id map): use --storage-driver \
         fuse-overlay"
    )]
    KeepIdDriver { driver: &'static str },
    #[error(
        "cannot serve the fuse-overlay root filesystem at {path}: {source}; /dev/fuse must be \
         usable in the user namespace, else use --storage-driver overlay or vfs"
    )]
    Fuse {
        path: PathBuf,
        #[source]
        source: fuse::FuseError,
    },
    #[error(
        "cannot mount the overlay root filesystem at {path}: {source}; the kernel must allow \
         overlayfs in a user namespace (Linux 5.11 or later), else use --storage-driver vfs"
    )]
    Overlay {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot copy the image layers into {path}: {source}")]
    Copy {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot unmount the root filesystem at {path}: {source}")]
    Unmount {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// A storage driver. The names are containers/storage's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Driver {
    /// Kernel overlayfs in the user namespace (`userxattr`).
    Overlay,
    /// rcon's FUSE overlay.
    FuseOverlay,
    /// A copy of the layers.
    Vfs,
}

impl Driver {
    /// The name recorded in `container.json` and shown by `inspect`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Driver::Overlay => "overlay",
            Driver::FuseOverlay => "fuse-overlay",
            Driver::Vfs => "vfs",
        }
    }

    /// Parses a recorded or requested name.
    pub(crate) fn from_name(name: &str) -> Result<Driver, StorageError> {
        match name {
            "overlay" | "overlay2" => Ok(Driver::Overlay),
            "fuse-overlay" | "fuse-overlayfs" => Ok(Driver::FuseOverlay),
            "vfs" => Ok(Driver::Vfs),
            other => Err(StorageError::Unknown {
                name: other.to_string(),
            }),
        }
    }
}

/// The driver for a new container: the requested one when given (`auto` is none), else the
/// kernel overlay when this kernel lets a user namespace mount it, else the FUSE overlay when
/// /dev/fuse can be opened, else vfs. The kernel is probed once per process.
pub(crate) fn choose(requested: Option<&str>) -> Result<Driver, StorageError> {
    if let Some(name) = requested.filter(|n| !n.is_empty() && *n != "auto") {
        return Driver::from_name(name);
    }
    static PROBED: OnceLock<bool> = OnceLock::new();
    if *PROBED.get_or_init(overlay::probe) {
        Ok(Driver::Overlay)
    } else if fuse_usable() {
        Ok(Driver::FuseOverlay)
    } else {
        Ok(Driver::Vfs)
    }
}

/// The driver for a new container with a user namespace of its own (`--userns keep-id`,
/// `nomap`, `auto`): only the FUSE overlay can show the image's owners under the container's
/// own id map, so `auto` means it here.
pub(crate) fn choose_for_own_userns(requested: Option<&str>) -> Result<Driver, StorageError> {
    let driver = match requested.filter(|n| !n.is_empty() && *n != "auto") {
        Some(name) => Driver::from_name(name)?,
        None if fuse_usable() => Driver::FuseOverlay,
        None => Driver::Vfs,
    };
    match driver {
        Driver::FuseOverlay => Ok(driver),
        other => Err(StorageError::KeepIdDriver {
            driver: other.name(),
        }),
    }
}

/// The driver named in the user's `storage.conf` (`[storage]` `driver = "…"`), read where
/// Podman reads it: `$XDG_CONFIG_HOME/containers/storage.conf`. Used when no
/// `--storage-driver` was given; an empty or missing setting means `auto`.
pub(crate) fn configured(paths: &crate::config::paths::Paths) -> Option<String> {
    let text = std::fs::read_to_string(paths.containers_config().join("storage.conf")).ok()?;
    let value: toml::Value = toml::from_str(&text).ok()?;
    let driver = value.get("storage")?.get("driver")?.as_str()?.trim();
    (!driver.is_empty()).then(|| driver.to_string())
}

/// Whether this user may open /dev/fuse (what the FUSE overlay needs besides a user namespace).
fn fuse_usable() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .is_ok()
}

/// Makes the container's root filesystem at `target` from `layers` (the layers' `diff`
/// folders, bottom layer first) and its writable layer `upper` with overlay's `work` folder.
/// Runs as root of the container's user namespace, inside the supervisor's mount namespace.
/// vfs copies the layers into `target` once (a later start finds the copy complete and keeps
/// it); `upper` stays unused and `work` holds the copy's completion mark.
pub(crate) fn mount_rootfs(
    driver: Driver,
    layers: &[PathBuf],
    upper: &Path,
    work: &Path,
    target: &Path,
    ids: &crate::linux::keepid::IdShift,
) -> Result<(), StorageError> {
    if !ids.is_identity() && driver != Driver::FuseOverlay {
        return Err(StorageError::KeepIdDriver {
            driver: driver.name(),
        });
    }
    match driver {
        Driver::Overlay => {
            for dir in [upper, work, target] {
                std::fs::create_dir_all(dir).map_err(|source| StorageError::Overlay {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            match_top_layer_root(layers, upper).map_err(|source| StorageError::Overlay {
                path: upper.to_path_buf(),
                source,
            })?;
            overlay::mount(layers, upper, work, target)
        }
        Driver::Vfs => vfs::materialize(layers, work, target),
        Driver::FuseOverlay => {
            let fail = |source| StorageError::Fuse {
                path: target.to_path_buf(),
                source,
            };
            for dir in [upper, work, target] {
                std::fs::create_dir_all(dir).map_err(|source| {
                    fail(fuse::FuseError::Layer {
                        path: dir.to_path_buf(),
                        source,
                    })
                })?;
            }
            match_top_layer_root(layers, upper).map_err(|source| {
                fail(fuse::FuseError::Layer {
                    path: upper.to_path_buf(),
                    source,
                })
            })?;
            fuse::mount(layers, upper, work, target, ids.clone()).map_err(fail)
        }
    }
}

/// The container's `/` is overlay's upper folder: while it is still empty (first start), it
/// takes the mode and owner of the top layer's root, as containers/storage does, so a folder
/// made with a strict umask does not lock other users out of `/`.
fn match_top_layer_root(layers: &[PathBuf], upper: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(top) = layers.last() else {
        return Ok(());
    };
    if std::fs::read_dir(upper)?.next().is_some() {
        return Ok(());
    }
    let root = std::fs::metadata(top)?;
    let own = std::fs::metadata(upper)?;
    if (own.uid(), own.gid()) != (root.uid(), root.gid()) {
        std::os::unix::fs::chown(upper, Some(root.uid()), Some(root.gid()))?;
    }
    if own.mode() & 0o7777 != root.mode() & 0o7777 {
        std::fs::set_permissions(upper, std::fs::Permissions::from_mode(root.mode() & 0o7777))?;
    }
    Ok(())
}

/// Mounts the layers of an image (bottom first) read-only at `target`, the kernel overlay of
/// them with no upper folder; `empty` (an empty folder) is the second layer of an image of one
/// or none. Runs as root of the store's user namespace (`rcon image mount` in `rcon unshare`).
pub(crate) fn mount_image(
    layers: &[PathBuf],
    empty: &Path,
    target: &Path,
) -> Result<(), StorageError> {
    let fail = |source: io::Error| StorageError::Overlay {
        path: target.to_path_buf(),
        source,
    };
    for dir in [empty, target] {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut all = layers.to_vec();
    while all.len() < 2 {
        all.insert(0, empty.to_path_buf());
    }
    overlay::mount_read_only(&all, target).map_err(fail)
}

/// Binds `target` onto itself, so a vfs copy is a mount point in this mount namespace (what
/// `rcon mount` lists and `umount` undoes) like the other drivers' roots.
pub(crate) fn bind_in_place(target: &Path) -> Result<(), StorageError> {
    nix::mount::mount(
        Some(target),
        target,
        None::<&str>,
        nix::mount::MsFlags::MS_BIND,
        None::<&str>,
    )
    .map_err(|e| StorageError::Copy {
        path: target.to_path_buf(),
        source: e.into(),
    })
}

/// Undoes [`mount_rootfs`]: detaches whatever is mounted at `target` (nothing for vfs, whose
/// copy is removed with the container). A target with nothing mounted is fine.
pub(crate) fn unmount_rootfs(target: &Path) -> Result<(), StorageError> {
    match nix::mount::umount2(target, nix::mount::MntFlags::MNT_DETACH) {
        // EINVAL: not a mount point (vfs); ENOENT: already gone.
        Ok(()) | Err(nix::errno::Errno::EINVAL) | Err(nix::errno::Errno::ENOENT) => Ok(()),
        Err(e) => Err(StorageError::Unmount {
            path: target.to_path_buf(),
            source: e.into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn driver_names_round_trip_and_unknown_names_are_refused() {
        for d in [Driver::Overlay, Driver::FuseOverlay, Driver::Vfs] {
            assert_eq!(Driver::from_name(d.name()).unwrap(), d);
        }
        assert_eq!(Driver::from_name("overlay2").unwrap(), Driver::Overlay);
        let err = Driver::from_name("btrfs").unwrap_err().to_string();
        assert!(err.contains("\"btrfs\""), "{err}");
    }

    #[test]
    fn a_requested_driver_is_taken_as_asked() {
        assert_eq!(choose(Some("fuse-overlay")).unwrap(), Driver::FuseOverlay);
        assert_eq!(choose(Some("vfs")).unwrap(), Driver::Vfs);
        assert!(choose(Some("zfs")).is_err());
    }
}
