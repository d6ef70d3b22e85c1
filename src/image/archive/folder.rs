//! A folder read as an archive (`oci-dir`, `docker-dir`): its files listed and hashed into a
//! [`Spool`] that reads them where they lie, so the loader treats a folder as it treats a
//! tar. The folder is hostile input like an archive: every file is opened beneath it with
//! `openat2` (no `..` out, no symlink followed by the kernel); a symlink is kept as a name
//! pointing at another name and resolved inside the folder only, one that leaves it refuses
//! the folder. A file is opened again when the loader reads it, and refused when it is no
//! longer a regular file of the size it had; its content is checked against digests again
//! by the loader.
use super::parse::{cut, entry_name};
use super::spool::{link_target, Item, Loc, Spool, Stored, MAX_ENTRIES};
use super::ArchiveError;
use crate::util::digest::HashingWriter;
use nix::fcntl::{openat2, readlinkat, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstat, fstatat, FileStat, SFlag};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Folders below the top one, at most (an OCI layout has two: `blobs/sha256`).
const MAX_DEPTH: usize = 4;

/// Lists and hashes the files of the folder `path`.
pub(crate) fn read(path: &Path) -> Result<Spool, ArchiveError> {
    let root: OwnedFd = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY)
        .open(path)
        .map_err(|source| ArchiveError::Io {
            what: format!("open the folder {}", path.display()),
            source,
        })?
        .into();
    let mut items = BTreeMap::new();
    walk(root.as_fd(), "", 0, &mut items)?;
    if items.is_empty() {
        return Err(ArchiveError::Invalid("the folder is empty".into()));
    }
    Ok(Spool::from_dir(root, items))
}

fn walk(
    root: BorrowedFd<'_>,
    rel: &str,
    depth: usize,
    items: &mut BTreeMap<String, Item>,
) -> Result<(), ArchiveError> {
    let shown = if rel.is_empty() { "." } else { rel };
    let read_err = |e: nix::Error| ArchiveError::Io {
        what: format!("read the folder {}", cut(shown)),
        source: io::Error::from(e),
    };
    let dir = open_beneath(
        root,
        if rel.is_empty() { "." } else { rel },
        OFlag::O_DIRECTORY,
    )
    .map_err(read_err)?;
    let mut names = Vec::new();
    let mut listing =
        nix::dir::Dir::from(dir.try_clone().map_err(ArchiveError::Read)?).map_err(read_err)?;
    for entry in listing.iter() {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "." || name == ".." {
            continue;
        }
        names.push(name);
        if items.len() + names.len() >= MAX_ENTRIES {
            return Err(ArchiveError::Invalid(format!(
                "more than {MAX_ENTRIES} files"
            )));
        }
    }
    names.sort();
    // Nothing is read from a folder that is not an image's (a home, a root file system).
    if depth == 0
        && !names
            .iter()
            .any(|n| n == "index.json" || n == "manifest.json")
    {
        return Err(ArchiveError::Invalid(
            "the folder has neither index.json (oci-dir) nor manifest.json (docker-dir): it \
             is not an image folder"
                .into(),
        ));
    }
    for base in names {
        let name = entry_name(&if rel.is_empty() {
            base.clone()
        } else {
            format!("{rel}/{base}")
        })?;
        let st = fstatat(
            Some(dir.as_raw_fd()),
            base.as_str(),
            nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW,
        )
        .map_err(read_err)?;
        let item = match SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT {
            SFlag::S_IFDIR => {
                if depth >= MAX_DEPTH {
                    return Err(ArchiveError::Invalid(format!(
                        "folder {} is nested more than {MAX_DEPTH} deep",
                        cut(&name)
                    )));
                }
                walk(root, &name, depth + 1, items)?;
                continue;
            }
            SFlag::S_IFLNK => {
                let target = readlinkat(Some(dir.as_raw_fd()), base.as_str()).map_err(read_err)?;
                Item::Link(link_target(rel, &target.to_string_lossy())?)
            }
            SFlag::S_IFREG => Item::File(hash(root, &name)?),
            // Fifos, sockets, devices: nothing an image folder holds.
            _ => continue,
        };
        items.insert(name, item);
    }
    Ok(())
}

/// Opens the file `name` and hashes it.
fn hash(root: BorrowedFd<'_>, name: &str) -> Result<Stored, ArchiveError> {
    let mut file = reopen_any(root, name)?;
    let mut out = HashingWriter::new(io::sink());
    io::copy(&mut file, &mut out).map_err(|source| ArchiveError::Io {
        what: format!("read {} of the folder", cut(name)),
        source,
    })?;
    let size = out.written();
    let (digest, _) = out.finish();
    Ok(Stored {
        at: Loc::Dir(name.to_string()),
        size,
        digest,
    })
}

/// Opens the file `name` of the folder again, refused unless it is still a regular file of
/// `size` bytes.
pub(super) fn reopen(root: BorrowedFd<'_>, name: &str, size: u64) -> Result<File, ArchiveError> {
    let file = reopen_any(root, name)?;
    let st = stat(&file, name)?;
    if st.st_size as u64 != size {
        return Err(ArchiveError::Invalid(format!(
            "{} changed while it was loaded",
            cut(name)
        )));
    }
    Ok(file)
}

fn reopen_any(root: BorrowedFd<'_>, name: &str) -> Result<File, ArchiveError> {
    let file = File::from(open_beneath(root, name, OFlag::empty()).map_err(|e| {
        if e == nix::Error::ELOOP || e == nix::Error::EXDEV {
            ArchiveError::Escapes { name: cut(name) }
        } else {
            ArchiveError::Io {
                what: format!("open {} of the folder", cut(name)),
                source: io::Error::from(e),
            }
        }
    })?);
    let st = stat(&file, name)?;
    if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT != SFlag::S_IFREG {
        return Err(ArchiveError::Invalid(format!(
            "{} is not a regular file",
            cut(name)
        )));
    }
    Ok(file)
}

fn stat(file: &File, name: &str) -> Result<FileStat, ArchiveError> {
    fstat(file.as_raw_fd()).map_err(|e| ArchiveError::Io {
        what: format!("read {} of the folder", cut(name)),
        source: io::Error::from(e),
    })
}

/// Opens `path` beneath `dir`, read-only: no `..` out of `dir`, no symlink anywhere.
fn open_beneath(dir: BorrowedFd<'_>, path: &str, flags: OFlag) -> nix::Result<OwnedFd> {
    let how = OpenHow::new()
        .flags(flags | OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK)
        .resolve(
            ResolveFlag::RESOLVE_BENEATH
                | ResolveFlag::RESOLVE_NO_SYMLINKS
                | ResolveFlag::RESOLVE_NO_MAGICLINKS,
        );
    openat2(dir.as_raw_fd(), path, how).map(crate::sys::fd::own)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_its_files_and_refuses_links_out_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("blobs/sha256")).unwrap();
        std::fs::write(d.join("blobs/sha256/a"), b"first").unwrap();
        std::fs::write(d.join("index.json"), b"{}").unwrap();
        std::os::unix::fs::symlink("../sha256/a", d.join("blobs/sha256/b")).unwrap();
        let spool = read(d).unwrap();
        assert!(spool.is_dir());
        assert_eq!(spool.read_small("blobs/sha256/b", 100).unwrap(), b"first");
        assert_eq!(
            spool.resolve("blobs/sha256/a").unwrap().digest,
            crate::util::digest::Digest::of(b"first")
        );
        // Changed after listing: refused.
        std::fs::write(d.join("blobs/sha256/a"), b"longer now").unwrap();
        assert!(spool.read_small("blobs/sha256/a", 100).is_err());
        // A link out of the folder: refused.
        std::os::unix::fs::symlink("../../../etc/passwd", d.join("blobs/sha256/c")).unwrap();
        assert!(matches!(read(d), Err(ArchiveError::Escapes { .. })));
        std::fs::remove_file(d.join("blobs/sha256/c")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", d.join("blobs/sha256/c")).unwrap();
        assert!(matches!(read(d), Err(ArchiveError::Escapes { .. })));
    }
}
