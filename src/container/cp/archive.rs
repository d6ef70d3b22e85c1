//! The tar side of `rcon cp`, used on both ends: [`pack`] writes a path as an archive whose
//! entries sit under one top name (the path's last component, or `.` for a `dir/.` source), and
//! [`place`] puts such an archive at a destination with Docker's rules (into an existing folder,
//! else as the destination itself, replacing a file atomically).
//!
//! Inside a container both run with the container's root as the process's root (its mount
//! namespace, or a chroot into its root filesystem), so a symlink the container placed can
//! only ever lead to another place inside it. On the host they run as the user. Unpacking
//! goes entry by entry through `tar`'s `unpack_in`, which refuses `..` and any entry whose
//! parent resolves outside the destination; only folders, files, symlinks and hard links are
//! unpacked. Owners are as [`Put`] says: whoever unpacks (the user on the host), the
//! container's user, or the archive's own. An entry never replaces a folder with a file or a
//! file with a folder unless `Put::overwrite`.
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

pub(crate) use crate::ipc::role::{Owners, Put};

/// What every "no such path" error says after the path; the one who reports it adds where
/// (`on the host`, `on container NAME`), as `CpError` does.
pub(crate) const NOT_FOUND: &str = " could not be found";

/// Why an archive could not be written or placed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ArchiveError {
    #[error("\"{path}\"{NOT_FOUND}: no such file or directory")]
    Missing { path: String },
    #[error(
        "\"{path}\"{NOT_FOUND}: it is a symlink to nothing that exists (cp follows a symlink \
         given as the source)"
    )]
    Dangling { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("\"{path}\"{NOT_FOUND}: no such file or directory")]
    NoParent { path: String },
    #[error("cannot copy a folder onto the file {path}: give a folder as the destination")]
    DirOntoFile { path: String },
    #[error("{path} must be a folder to take an archive (`-`)")]
    NotADir { path: String },
    #[error(
        "error creating \"{path}\": a {} is there: file exists (add --overwrite to replace it)",
        if *folder { "folder" } else { "file" }
    )]
    Clash { path: String, folder: bool },
    /// A build's COPY or ADD failed inside the container.
    #[error(transparent)]
    Place(#[from] super::build::PlaceError),
}

type Result<T> = std::result::Result<T, ArchiveError>;

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// True for `dir/.`: the folder's content rather than the folder.
pub(crate) fn is_contents(path: &str) -> bool {
    path.ends_with("/.") || path == "."
}

/// Writes `path` as a tar archive to `out`. A symlink is stored as one unless `follow`.
pub(crate) fn pack(path: &Path, follow: bool, out: impl Write) -> Result<()> {
    let text = path.to_string_lossy();
    let contents = is_contents(&text) || path == Path::new("/");
    let meta = if follow {
        fs::metadata(path)
    } else {
        fs::symlink_metadata(path)
    };
    let meta = match meta {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_ok() => {
            return Err(ArchiveError::Dangling {
                path: text.into_owned(),
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(ArchiveError::Missing {
                path: text.into_owned(),
            })
        }
        Err(e) => return Err(io_at(path)(e)),
    };
    let name: OsString = path
        .components()
        .next_back()
        .and_then(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            _ => None,
        })
        .unwrap_or_else(|| ".".into());
    let mut tar = tar::Builder::new(out);
    tar.follow_symlinks(false);
    tar.mode(tar::HeaderMode::Complete);
    let result = if meta.is_dir() {
        let name = if contents { ".".into() } else { name };
        tar.append_dir_all(&name, path)
    } else if follow && !fs::symlink_metadata(path).map_err(io_at(path))?.is_dir() {
        let mut f = fs::File::open(path).map_err(io_at(path))?;
        tar.append_file(&name, &mut f)
    } else {
        tar.append_path_with_name(path, &name)
    };
    result.map_err(io_at(path))?;
    tar.into_inner()
        .map_err(io_at(path))?
        .flush()
        .map_err(io_at(path))
}

/// What an entry's kind allows: the rest (devices, FIFOs) is skipped.
fn wanted(kind: tar::EntryType) -> bool {
    kind.is_file() || kind.is_dir() || kind.is_symlink() || kind.is_hard_link()
}

/// Unpacks every wanted entry of `archive` into the folder `dir` as `put` says; returns the
/// first component of each entry's path.
fn unpack_into(archive: impl Read, dir: &Path, put: &Put) -> Result<BTreeSet<OsString>> {
    let mut ar = tar::Archive::new(archive);
    ar.set_preserve_ownerships(put.owners == Owners::Archive);
    ar.set_preserve_permissions(true);
    ar.set_preserve_mtime(true);
    ar.set_unpack_xattrs(false);
    ar.set_overwrite(true);
    let mut tops = BTreeSet::new();
    for entry in ar.entries().map_err(io_at(dir))? {
        let mut entry = entry.map_err(io_at(dir))?;
        let kind = entry.header().entry_type();
        if !wanted(kind) {
            log::debug!(
                "cp skips {}: not a file, folder or link",
                String::from_utf8_lossy(&entry.path_bytes())
            );
            continue;
        }
        let path = entry.path().map_err(io_at(dir))?.into_owned();
        let rel: PathBuf = path
            .components()
            .filter_map(|c| match c {
                Component::Normal(n) => Some(n),
                _ => None,
            })
            .collect();
        if let Some(Component::Normal(top)) = rel.components().next() {
            tops.insert(top.to_os_string());
        }
        let at = dir.join(&rel);
        if !rel.as_os_str().is_empty() {
            make_room(dir, &at, kind.is_dir(), put.overwrite)?;
        }
        let placed = entry.unpack_in(dir).map_err(|e| ArchiveError::Io {
            path: dir.join(&path).display().to_string(),
            source: e,
        })?;
        // The destination folder itself (a `dir/.` archive's `.`) keeps its owner. An id
        // this namespace cannot map (a single-uid store) leaves the placer's.
        if let (Owners::Set { uid, gid }, true, false) =
            (put.owners, placed, rel.as_os_str().is_empty())
        {
            match std::os::unix::fs::lchown(&at, Some(uid), Some(gid)) {
                Err(e) if e.raw_os_error() != Some(libc::EINVAL) => return Err(io_at(&at)(e)),
                _ => {}
            }
        }
    }
    Ok(tops)
}

/// Clears the way for an entry at `at`: a folder is never silently replaced by a file nor a
/// file by a folder; with `overwrite` the one in the way is removed, when it lies inside
/// `dir` (no symlink on the way leads out).
fn make_room(dir: &Path, at: &Path, entry_is_dir: bool, overwrite: bool) -> Result<()> {
    let Ok(meta) = fs::symlink_metadata(at) else {
        return Ok(());
    };
    let ty = meta.file_type();
    let clash = if entry_is_dir {
        !ty.is_dir() && !ty.is_symlink()
    } else {
        ty.is_dir()
    };
    if !clash {
        return Ok(());
    }
    if !overwrite {
        return Err(ArchiveError::Clash {
            path: at.display().to_string(),
            folder: ty.is_dir(),
        });
    }
    let inside = match (at.parent().map(fs::canonicalize), fs::canonicalize(dir)) {
        (Some(Ok(p)), Ok(d)) => p.starts_with(d),
        _ => false,
    };
    if !inside {
        return Err(ArchiveError::Io {
            path: at.display().to_string(),
            source: io::Error::new(io::ErrorKind::InvalidInput, "outside the destination"),
        });
    }
    if ty.is_dir() {
        fs::remove_dir_all(at).map_err(io_at(at))
    } else {
        fs::remove_file(at).map_err(io_at(at))
    }
}

/// Unpacks an archive made by [`pack`] at `dst`: into it when it is a folder (and not
/// `contents`), else as `dst` itself (its parent must exist).
pub(crate) fn place(archive: impl Read, dst: &Path, contents: bool, put: &Put) -> Result<()> {
    if dst.to_string_lossy().ends_with('/') && !dst.is_dir() {
        return Err(ArchiveError::NoParent {
            path: dst.display().to_string(),
        });
    }
    let dst = &through_links(dst);
    if dst.is_dir() {
        unpack_into(archive, dst, put)?;
        return Ok(());
    }
    let parent = match dst.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(ArchiveError::NoParent {
            path: parent.display().to_string(),
        });
    }
    let tmp = parent.join(format!(
        ".rcon-cp-{}-{}",
        std::process::id(),
        crate::util::time::unique_suffix()
    ));
    fs::create_dir(&tmp).map_err(io_at(&tmp))?;
    let result = (|| {
        let tops = unpack_into(archive, &tmp, put)?;
        let exists = fs::symlink_metadata(dst).is_ok();
        match tops.iter().next() {
            Some(top) if tops.len() == 1 && !contents => {
                let made = tmp.join(top);
                if exists && fs::symlink_metadata(&made).map_err(io_at(&made))?.is_dir() {
                    return Err(ArchiveError::DirOntoFile {
                        path: dst.display().to_string(),
                    });
                }
                fs::rename(&made, dst).map_err(io_at(dst))
            }
            _ if exists => Err(ArchiveError::DirOntoFile {
                path: dst.display().to_string(),
            }),
            _ => fs::rename(&tmp, dst).map_err(io_at(dst)),
        }
    })();
    let _ = fs::remove_dir_all(&tmp);
    result
}

/// `path` with a symlink at its end followed (also one that leads nowhere yet: the copy
/// lands where it points, as Podman's does).
fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        let Ok(target) = fs::read_link(&path) else {
            break;
        };
        path = match path.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    path
}

/// Unpacks an archive into the folder `dst`, owners as the archive says (`volume import`).
pub(crate) fn place_owned(archive: impl Read, dst: &Path) -> Result<()> {
    let put = Put {
        owners: Owners::Archive,
        overwrite: true,
    };
    place_raw(archive, dst, &put)
}

/// Unpacks a user's archive (`rcon cp - ctr:dir`) into the existing folder `dst`.
pub(crate) fn place_raw(archive: impl Read, dst: &Path, put: &Put) -> Result<()> {
    if !dst.is_dir() {
        return Err(ArchiveError::NotADir {
            path: dst.display().to_string(),
        });
    }
    unpack_into(archive, dst, put).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(src: &Path, dst: &Path) {
        let mut buf = Vec::new();
        pack(src, false, &mut buf).unwrap();
        place(
            &buf[..],
            dst,
            is_contents(&src.to_string_lossy()),
            &Put::default(),
        )
        .unwrap();
    }

    #[test]
    fn docker_placement_rules() {
        let t = tempfile::tempdir().unwrap();
        let src = t.path().join("src");
        fs::create_dir_all(src.join("sub")).unwrap();
        fs::write(src.join("sub/f"), "x").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", src.join("link")).unwrap();
        // Into an existing folder: under the source's name.
        let into = t.path().join("into");
        fs::create_dir(&into).unwrap();
        round_trip(&src, &into);
        assert_eq!(fs::read_to_string(into.join("src/sub/f")).unwrap(), "x");
        assert_eq!(
            fs::read_link(into.join("src/link")).unwrap(),
            Path::new("/etc/passwd")
        );
        // A new name: the folder becomes it.
        let new = t.path().join("new");
        round_trip(&src, &new);
        assert_eq!(fs::read_to_string(new.join("sub/f")).unwrap(), "x");
        // `dir/.` into an existing folder: the content only.
        let flat = t.path().join("flat");
        fs::create_dir(&flat).unwrap();
        round_trip(&t.path().join("src/."), &flat);
        assert!(flat.join("sub/f").is_file());
        // A file replaces a file; a folder onto a file is refused.
        let file = t.path().join("file");
        fs::write(&file, "old").unwrap();
        round_trip(&src.join("sub/f"), &file);
        assert_eq!(fs::read_to_string(&file).unwrap(), "x");
        let mut buf = Vec::new();
        pack(&src, false, &mut buf).unwrap();
        assert!(matches!(
            place(&buf[..], &file, false, &Put::default()),
            Err(ArchiveError::DirOntoFile { .. })
        ));
        // A missing parent is an error, and nothing is left behind.
        assert!(matches!(
            place(&buf[..], &t.path().join("no/such"), false, &Put::default()),
            Err(ArchiveError::NoParent { .. })
        ));
        assert!(matches!(
            pack(&t.path().join("missing"), false, Vec::new()),
            Err(ArchiveError::Missing { .. })
        ));
        let leftovers: Vec<_> = fs::read_dir(t.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".rcon-cp")
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn an_archive_cannot_write_through_its_own_symlink() {
        let t = tempfile::tempdir().unwrap();
        let outside = t.path().join("outside");
        let dst = t.path().join("dst");
        fs::create_dir_all(&outside).unwrap();
        fs::create_dir_all(&dst).unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        h.set_mode(0o777);
        b.append_link(&mut h, "esc", &outside).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(1);
        h.set_mode(0o644);
        b.append_data(&mut h, "esc/owned", &b"x"[..]).unwrap();
        let bytes = b.into_inner().unwrap();
        assert!(place_raw(&bytes[..], &dst, &Put::default()).is_err());
        assert!(!outside.join("owned").exists());
    }
}
