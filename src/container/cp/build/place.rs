//! The worker's side of `CpOp::Build`: the tar stream from the builder placed at `dest` inside
//! the process's root (the container's, by chroot), with Docker's rules (see `super`).
//!
//! Entry names are cleaned to relative paths; `..` is refused. The folders on an entry's way
//! may be the image's symlinks (a merged `/usr`'s `/lib`) and are followed, inside the root;
//! a symlink the stream itself made is never written through. Files and symlinks are made
//! under a temporary name and renamed into place, so an existing file or symlink is replaced
//! whole and never written through. Folders get their mtimes last, once their content is in.
//! A file's `user.*` xattrs come as PAX records and are set.
use super::mode::{parse_chmod, ModeError, ModeSpec};
use super::owner::{resolve_in_root, OwnerError};
use nix::errno::Errno;
use std::collections::HashSet;
use std::ffi::CString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Why placing failed; `path` is the path inside the container.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PlaceError {
    #[error("the destination {dest:?} must be an absolute path")]
    NotAbsolute { dest: String },
    #[error(transparent)]
    Owner(#[from] OwnerError),
    #[error(transparent)]
    Mode(#[from] ModeError),
    #[error("cannot create the folder {path}: {what} is in the way")]
    NotDir { path: String, what: String },
    #[error("cannot copy a folder onto the file {path}: remove the file or copy elsewhere")]
    DirOntoFile { path: String },
    #[error("cannot replace the folder {path} with a file: copy into it with a trailing `/`")]
    FileOntoDir { path: String },
    #[error("entry {name} escapes the destination")]
    Escapes { name: String },
    #[error("entry {name} lies under a symlink the same copy made")]
    UnderOwnLink { name: String },
    #[error("unexpected entry {name} for a single file")]
    Unexpected { name: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("reading the archive: {0}")]
    Stream(#[source] io::Error),
}

type Result<T> = std::result::Result<T, PlaceError>;

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> PlaceError + '_ {
    move |source| PlaceError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The owner and mode rules of one placement.
struct Rules {
    owner: Option<(u32, u32)>,
    mode: Option<ModeSpec>,
    /// Symlinks this stream made: never written through.
    made_links: HashSet<PathBuf>,
    /// Folders whose mtime is set once everything is in.
    dir_times: Vec<(PathBuf, SystemTime)>,
}

/// Places the archive `input` at `dest` (see the module doc).
pub(crate) fn place(
    input: impl Read,
    dest: &str,
    single_file: Option<&str>,
    chown: Option<&str>,
    chmod: Option<&str>,
) -> Result<()> {
    if !dest.starts_with('/') {
        return Err(PlaceError::NotAbsolute { dest: dest.into() });
    }
    let mut rules = Rules {
        owner: chown.map(resolve_in_root).transpose()?,
        mode: chmod.map(parse_chmod).transpose()?,
        made_links: HashSet::new(),
        dir_times: Vec::new(),
    };
    // Every mode is set explicitly after creation, so the umask does not narrow any.
    let dest_path = PathBuf::from(dest);
    let into_dir = match single_file {
        None => true,
        Some(_) => dest.ends_with('/') || fs::metadata(&dest_path).is_ok_and(|m| m.is_dir()),
    };
    let base_created = into_dir && fs::symlink_metadata(&dest_path).is_err();
    // Docker: "All new files and directories are created with a UID and GID of 0, unless
    // the optional --chown flag specifies" others; that includes the destination's folders.
    let base = if into_dir {
        mkdir_p(&dest_path, rules.owner)?;
        dest_path.clone()
    } else {
        let parent = dest_path.parent().unwrap_or(Path::new("/")).to_path_buf();
        mkdir_p(&parent, rules.owner)?;
        parent
    };

    let mut input = input;
    let mut archive = tar::Archive::new(&mut input);
    for entry in archive.entries().map_err(PlaceError::Stream)? {
        let mut entry = entry.map_err(PlaceError::Stream)?;
        let raw = entry.path_bytes().into_owned();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let Some(rel) = clean(&raw, &shown)? else {
            // The archive's root folder (an extracted archive's `./`) gives its owner and mode
            // to the destination folder this copy made, as a copied folder does.
            if base_created && into_dir && entry.header().entry_type().is_dir() {
                let header = entry.header().clone();
                let (uid, gid) = rules.owner_of(&header);
                rules.dir(&base, &header, uid, gid)?;
            }
            continue;
        };
        let target = if into_dir {
            base.join(&rel)
        } else if single_file.is_some_and(|f| Path::new(f) == rel) {
            dest_path.clone()
        } else {
            return Err(PlaceError::Unexpected { name: shown });
        };
        rules.parents_of(&base, &rel, &shown)?;
        rules.entry(&mut entry, &base, &target, &shown)?;
    }
    // Leave nothing unread so the writer never fails with a broken pipe.
    io::copy(&mut input, &mut io::sink()).map_err(PlaceError::Stream)?;
    for (path, mtime) in rules.dir_times.iter().rev() {
        if let Ok(dir) = File::open(path) {
            let _ = dir.set_modified(*mtime);
        }
    }
    Ok(())
}

/// An entry's name as a relative path; `None` for the archive's root itself.
fn clean(raw: &[u8], shown: &str) -> Result<Option<PathBuf>> {
    let mut out = PathBuf::new();
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                return Err(PlaceError::Escapes {
                    name: shown.to_string(),
                })
            }
            p => out.push(std::ffi::OsStr::from_bytes(p)),
        }
    }
    Ok((!out.as_os_str().is_empty()).then_some(out))
}

/// Creates `path` and its missing parents as folders (0755, owned by `owner`, else 0:0);
/// existing ones, or symlinks to folders, are left as they are.
fn mkdir_p(path: &Path, owner: Option<(u32, u32)>) -> Result<()> {
    let mut at = PathBuf::from("/");
    for c in path.components() {
        let Component::Normal(name) = c else {
            continue;
        };
        at.push(name);
        match fs::metadata(&at) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => {
                return Err(PlaceError::NotDir {
                    path: path.display().to_string(),
                    what: at.display().to_string(),
                })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_at(&at)(e)),
        }
        if fs::symlink_metadata(&at).is_ok() {
            // A dangling symlink: nothing to create a folder through.
            return Err(PlaceError::NotDir {
                path: path.display().to_string(),
                what: format!("the dangling symlink {}", at.display()),
            });
        }
        fs::create_dir(&at).map_err(io_at(&at))?;
        if let Some((uid, gid)) = owner {
            let dir = File::open(&at).map_err(io_at(&at))?;
            chown_fd(&dir, &at, uid, gid, 0o755)?;
        }
        fs::set_permissions(&at, fs::Permissions::from_mode(0o755)).map_err(io_at(&at))?;
    }
    Ok(())
}

fn mtime_of(header: &tar::Header) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(header.mtime().unwrap_or(0))
}

impl Rules {
    /// Makes sure the folders between `base` and the entry `rel` exist and are not symlinks
    /// this stream made.
    fn parents_of(&self, base: &Path, rel: &Path, shown: &str) -> Result<()> {
        let mut at = base.to_path_buf();
        let parts: Vec<_> = rel.components().collect();
        for c in &parts[..parts.len().saturating_sub(1)] {
            at.push(c);
            if self.made_links.contains(&at) {
                return Err(PlaceError::UnderOwnLink {
                    name: shown.to_string(),
                });
            }
            match fs::metadata(&at) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(PlaceError::NotDir {
                        path: base.join(rel).display().to_string(),
                        what: at.display().to_string(),
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => mkdir_p(&at, self.owner)?,
                Err(e) => return Err(io_at(&at)(e)),
            }
        }
        Ok(())
    }

    fn owner_of(&self, header: &tar::Header) -> (u32, u32) {
        self.owner.unwrap_or_else(|| {
            let id = |v: io::Result<u64>| v.ok().and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
            (id(header.uid()), id(header.gid()))
        })
    }

    fn mode_of(&self, header: &tar::Header, is_dir: bool) -> u32 {
        let old = header.mode().unwrap_or(if is_dir { 0o755 } else { 0o644 }) & 0o7777;
        match &self.mode {
            Some(spec) => spec.apply(old, is_dir),
            None => old,
        }
    }

    fn entry<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        base: &Path,
        target: &Path,
        shown: &str,
    ) -> Result<()> {
        let header = entry.header().clone();
        let kind = header.entry_type();
        let (uid, gid) = self.owner_of(&header);
        if kind.is_dir() {
            return self.dir(target, &header, uid, gid);
        }
        if !(kind.is_file() || kind.is_symlink() || kind.is_hard_link()) {
            log::warn!("COPY skips {shown}: not a file, folder or link");
            return Ok(());
        }
        if let Ok(m) = fs::symlink_metadata(target) {
            if m.is_dir() {
                return Err(PlaceError::FileOntoDir {
                    path: target.display().to_string(),
                });
            }
        }
        self.made_links.remove(target);
        if kind.is_hard_link() {
            let link = entry
                .link_name_bytes()
                .map(|b| b.into_owned())
                .unwrap_or_default();
            let link_shown = String::from_utf8_lossy(&link).into_owned();
            let Some(rel) = clean(&link, &link_shown)? else {
                return Err(PlaceError::Escapes { name: link_shown });
            };
            let source = base.join(&rel);
            if source
                .ancestors()
                .skip(1)
                .any(|a| self.made_links.contains(a))
            {
                return Err(PlaceError::UnderOwnLink { name: link_shown });
            }
            let _ = fs::remove_file(target);
            return fs::hard_link(&source, target).map_err(io_at(target));
        }
        let tmp = temp_beside(target);
        let result = if kind.is_symlink() {
            let link = entry
                .link_name_bytes()
                .map(|b| b.into_owned())
                .unwrap_or_default();
            std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(&link), &tmp)
                .map_err(io_at(target))
                .and_then(|()| self.link_meta(&tmp, uid, gid, mtime_of(&header)))
        } else {
            self.file(entry, &tmp, &header, uid, gid)
        };
        let result = result.and_then(|()| fs::rename(&tmp, target).map_err(io_at(target)));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        } else if kind.is_symlink() {
            self.made_links.insert(target.to_path_buf());
        }
        result
    }

    fn dir(&mut self, target: &Path, header: &tar::Header, uid: u32, gid: u32) -> Result<()> {
        if self.made_links.contains(target) {
            return Err(PlaceError::UnderOwnLink {
                name: target.display().to_string(),
            });
        }
        match fs::symlink_metadata(target) {
            Ok(m) if m.is_dir() => {}
            // The image's symlink to a folder is followed and left as it is.
            Ok(m)
                if m.file_type().is_symlink() && fs::metadata(target).is_ok_and(|t| t.is_dir()) =>
            {
                return Ok(())
            }
            Ok(_) => {
                return Err(PlaceError::DirOntoFile {
                    path: target.display().to_string(),
                })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(target).map_err(io_at(target))?
            }
            Err(e) => return Err(io_at(target)(e)),
        }
        let mode = self.mode_of(header, true);
        let dir = File::open(target).map_err(io_at(target))?;
        chown_fd(&dir, target, uid, gid, mode)?;
        dir.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(io_at(target))?;
        self.dir_times
            .push((target.to_path_buf(), mtime_of(header)));
        Ok(())
    }

    fn file<R: Read>(
        &self,
        entry: &mut tar::Entry<'_, R>,
        tmp: &Path,
        header: &tar::Header,
        uid: u32,
        gid: u32,
    ) -> Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(tmp)
            .map_err(io_at(tmp))?;
        let xattrs = user_xattrs(entry);
        io::copy(entry, &mut file).map_err(PlaceError::Stream)?;
        for (name, value) in &xattrs {
            use std::os::fd::AsFd;
            crate::sys::xattr::fset(file.as_fd(), name, value, 0)
                .map_err(|e| io_at(tmp)(io::Error::from(e)))?;
        }
        let mode = self.mode_of(header, false);
        // The owner first: chown clears the set-id bits the mode then puts back.
        chown_fd(&file, tmp, uid, gid, mode)?;
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(io_at(tmp))?;
        file.set_modified(mtime_of(header)).map_err(io_at(tmp))
    }

    fn link_meta(&self, path: &Path, uid: u32, gid: u32, mtime: SystemTime) -> Result<()> {
        match std::os::unix::fs::lchown(path, Some(uid), Some(gid)) {
            Ok(()) => {}
            // Only the user is mapped: a symlink keeps root as its owner (no xattr on links).
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {}
            Err(e) => return Err(io_at(path)(e)),
        }
        let secs = mtime
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let t = nix::sys::time::TimeSpec::new(secs as libc::time_t, 0);
        nix::sys::stat::utimensat(
            None,
            path,
            &t,
            &t,
            nix::sys::stat::UtimensatFlags::NoFollowSymlink,
        )
        .map_err(|e| io_at(path)(e.into()))
    }
}

/// The `user.*` xattrs an entry's PAX records carry (`SCHILY.xattr.<name>`), but for the
/// overlay's and the store's own.
fn user_xattrs<R: Read>(entry: &mut tar::Entry<'_, R>) -> Vec<(CString, Vec<u8>)> {
    let Ok(Some(ext)) = entry.pax_extensions() else {
        return Vec::new();
    };
    ext.flatten()
        .filter_map(|x| {
            let name = x.key_bytes().strip_prefix(b"SCHILY.xattr.")?;
            // Only user attributes, never the overlay's or the store's own (a copied file
            // must not forge whiteouts or owners that way).
            let text = std::str::from_utf8(name).ok()?;
            if !(text.starts_with("user.") && crate::image::unpack::xattr_allowed(text)) {
                return None;
            }
            Some((CString::new(name).ok()?, x.value_bytes().to_vec()))
        })
        .collect()
}

/// Sets the owner of an open file or folder. When the id is not mapped (a single-uid store),
/// the owner is recorded in `user.containers.override_stat` as image layers record it.
fn chown_fd(file: &File, path: &Path, uid: u32, gid: u32, mode: u32) -> Result<()> {
    use std::os::fd::AsFd;
    match std::os::unix::fs::fchown(file, Some(uid), Some(gid)) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {
            let value = format!("{uid}:{gid}:0{mode:o}");
            let name = CString::new("user.containers.override_stat").unwrap_or_default();
            crate::sys::xattr::fset(file.as_fd(), &name, value.as_bytes(), 0)
                .map_err(|e: Errno| io_at(path)(e.into()))
        }
        Err(e) => Err(io_at(path)(e)),
    }
}

fn temp_beside(target: &Path) -> PathBuf {
    target.with_file_name(format!(
        ".rcon-build-{}-{}",
        std::process::id(),
        crate::util::time::unique_suffix()
    ))
}

#[cfg(test)]
mod tests;
