//! A selection as the tar stream the cp worker places ([`Selection::write_archive`]) and as
//! the content checksum the build cache keys on ([`Selection::checksum`]).
//!
//! The stream: entries under the names the selection gave them, modes and mtimes kept, owned
//! 0:0 (owners are not taken from the host); symlinks as symlinks; a file sent under two names
//! of one hardlinked inode as a file and a hard link to it; a file's `user.*` xattrs as PAX
//! records; a downloaded file with
//! mode 0600. An archive ADD extracts is read on the host (decompressed as its first bytes
//! say) and its entries are passed on with their own names (cleaned; `..` refused), modes,
//! owners and mtimes; only folders, files, symlinks and hard links are.
//!
//! The checksum: one sha256 over every entry's name, kind, permission bits, symlink target
//! and content (files read streaming), then the single-file name and `--chown`/`--chmod`.
//! Mtimes, owners and inode numbers are left out, so touching a file changes nothing and
//! changing one byte changes it.
use super::select::{Entry, Kind, Selection};
use super::untar::{clean_name, decompress, NameError};
use super::ContextError;
use crate::util::digest::Digest;
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, ContextError>;

fn read_err(path: &Path) -> impl FnOnce(io::Error) -> ContextError + '_ {
    move |source| ContextError::Read {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens a file of the selection without following a symlink put in its place.
fn open_file(path: &Path) -> Result<File> {
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(read_err(path))
}

fn base_header(kind: tar::EntryType, mode: u32, mtime: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode & 0o7777);
    h.set_mtime(mtime);
    h.set_uid(0);
    h.set_gid(0);
    h.set_size(0);
    h
}

impl Selection {
    /// Writes the selection as a tar stream to `out`.
    pub(crate) fn write_archive(&self, out: &mut dyn Write) -> Result<()> {
        let sent = |source: io::Error| ContextError::Send { source };
        let mut tar = tar::Builder::new(out);
        // Files with more than one name in this selection: the first name sent, by inode.
        let mut first_names: HashMap<(u64, u64), &Path> = HashMap::new();
        for entry in &self.entries {
            let host = entry.host.as_path();
            match &entry.kind {
                Kind::Dir => {
                    let meta = fs::symlink_metadata(host).map_err(read_err(host))?;
                    let mut h =
                        base_header(tar::EntryType::Directory, meta.mode(), mtime_of(&meta));
                    tar.append_data(&mut h, dir_name(&entry.name), io::empty())
                        .map_err(sent)?;
                }
                Kind::Symlink => {
                    let meta = fs::symlink_metadata(host).map_err(read_err(host))?;
                    let target = fs::read_link(host).map_err(read_err(host))?;
                    let mut h = base_header(tar::EntryType::Symlink, 0o777, mtime_of(&meta));
                    tar.append_link(&mut h, &entry.name, &target)
                        .map_err(sent)?;
                }
                Kind::File | Kind::Download { .. } => {
                    let file = open_file(host)?;
                    let meta = file.metadata().map_err(read_err(host))?;
                    if matches!(entry.kind, Kind::File) && meta.nlink() > 1 {
                        // A hard link to a file this copy already sent stays a hard link.
                        let key = (meta.dev(), meta.ino());
                        if let Some(first) = first_names.get(&key) {
                            let mut h =
                                base_header(tar::EntryType::Link, meta.mode(), mtime_of(&meta));
                            tar.append_link(&mut h, &entry.name, first).map_err(sent)?;
                            continue;
                        }
                        first_names.insert(key, &entry.name);
                    }
                    let xattrs = user_xattrs(&file);
                    if !xattrs.is_empty() {
                        tar.append_pax_extensions(
                            xattrs.iter().map(|(k, v)| (k.as_str(), v.as_slice())),
                        )
                        .map_err(sent)?;
                    }
                    let (mode, mtime) = match entry.kind {
                        Kind::Download { mtime } => (0o600, mtime.unwrap_or(mtime_of(&meta))),
                        _ => (meta.mode(), mtime_of(&meta)),
                    };
                    let mut h = base_header(tar::EntryType::Regular, mode, mtime);
                    h.set_size(meta.len());
                    let mut data = ExactReader {
                        inner: file.take(meta.len()),
                        left: meta.len(),
                        path: host,
                    };
                    tar.append_data(&mut h, &entry.name, &mut data)
                        .map_err(|e| match e.kind() {
                            io::ErrorKind::UnexpectedEof => read_err(host)(e),
                            _ => sent(e),
                        })?;
                }
                Kind::Extract => extract_into(&mut tar, entry)?,
            }
        }
        tar.into_inner().map_err(sent)?.flush().map_err(sent)
    }

    /// The content checksum of the selection with `chown` and `chmod` (see the module doc).
    pub(crate) fn checksum(&self, chown: Option<&str>, chmod: Option<&str>) -> Result<Digest> {
        let mut h = Sha256::new();
        let field = |h: &mut Sha256, bytes: &[u8]| {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        };
        field(&mut h, b"rcon build context checksum 1");
        for entry in &self.entries {
            let host = entry.host.as_path();
            let name = entry.name.as_os_str().as_encoded_bytes();
            match &entry.kind {
                Kind::Dir => {
                    let meta = fs::symlink_metadata(host).map_err(read_err(host))?;
                    field(&mut h, b"dir");
                    field(&mut h, name);
                    field(&mut h, &(meta.mode() & 0o7777).to_le_bytes());
                }
                Kind::Symlink => {
                    let target = fs::read_link(host).map_err(read_err(host))?;
                    field(&mut h, b"symlink");
                    field(&mut h, name);
                    field(&mut h, target.as_os_str().as_encoded_bytes());
                }
                kind => {
                    let file = open_file(host)?;
                    let meta = file.metadata().map_err(read_err(host))?;
                    let (tag, mode): (&[u8], u32) = match kind {
                        Kind::Extract => (b"extract", 0),
                        Kind::Download { .. } => (b"download", 0o600),
                        _ => (b"file", meta.mode() & 0o7777),
                    };
                    field(&mut h, tag);
                    field(&mut h, name);
                    field(&mut h, &mode.to_le_bytes());
                    field(&mut h, &meta.len().to_le_bytes());
                    let mut reader = file.take(meta.len());
                    let mut buf = vec![0u8; 1 << 16];
                    loop {
                        let n = reader.read(&mut buf).map_err(read_err(host))?;
                        if n == 0 {
                            break;
                        }
                        h.update(&buf[..n]);
                    }
                }
            }
        }
        field(&mut h, b"single");
        field(&mut h, self.single_file.as_deref().unwrap_or("").as_bytes());
        field(&mut h, b"chown");
        field(&mut h, chown.unwrap_or("").as_bytes());
        field(&mut h, b"chmod");
        field(&mut h, chmod.unwrap_or("").as_bytes());
        Ok(Digest::from_hash(h.finalize().into()))
    }
}

/// The `user.*` extended attributes of a context file as PAX records
/// (`SCHILY.xattr.<name>`), as Docker's COPY keeps them; none where the file system has none.
fn user_xattrs(file: &File) -> Vec<(String, Vec<u8>)> {
    use std::os::fd::AsFd;
    let fd = file.as_fd();
    let mut names = vec![0u8; 1024];
    match crate::sys::xattr::flist(fd, &mut names) {
        Ok(n) => names.truncate(n),
        Err(_) => return Vec::new(),
    }
    let mut out = Vec::new();
    let wanted = |n: &&[u8]| {
        n.starts_with(b"user.")
            && !n.starts_with(b"user.overlay.")
            && !n.starts_with(b"user.containers.")
    };
    for name in names.split(|b| *b == 0).filter(wanted) {
        let Ok(cname) = std::ffi::CString::new(name) else {
            continue;
        };
        let mut value = vec![0u8; 4096];
        if let Ok(n) = crate::sys::xattr::fget(fd, &cname, &mut value) {
            value.truncate(n);
            out.push((
                format!("SCHILY.xattr.{}", String::from_utf8_lossy(name)),
                value,
            ));
        }
    }
    out
}

fn mtime_of(meta: &fs::Metadata) -> u64 {
    u64::try_from(meta.mtime()).unwrap_or(0)
}

fn dir_name(name: &Path) -> PathBuf {
    let mut s = name.as_os_str().to_owned();
    s.push("/");
    PathBuf::from(s)
}

/// A file's bytes, failing when it is shorter than its size said (it changed meanwhile).
struct ExactReader<'a, R> {
    inner: R,
    left: u64,
    path: &'a Path,
}

impl<R: Read> Read for ExactReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.left > 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{} shrank while it was sent", self.path.display()),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Passes the entries of the archive `entry` on, as ADD extracts them.
fn extract_into<W: Write>(tar: &mut tar::Builder<W>, entry: &Entry) -> Result<()> {
    let host = entry.host.as_path();
    let archive_name = entry.name.display().to_string();
    let bad = |message: String| ContextError::Archive {
        archive: archive_name.clone(),
        message,
    };
    let file = open_file(host)?;
    let data = decompress(file).map_err(read_err(host))?;
    let mut archive = tar::Archive::new(data);
    for item in archive.entries().map_err(|e| bad(e.to_string()))? {
        let mut item = item.map_err(|e| bad(e.to_string()))?;
        let raw = item.path_bytes().into_owned();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        // Docker makes absolute names relative to the destination; `..` is refused.
        let trimmed: &[u8] = {
            let mut r = &raw[..];
            while let [b'/', rest @ ..] = r {
                r = rest;
            }
            r
        };
        let name = match clean_name(trimmed) {
            Ok(Some(n)) => n,
            // The archive's root folder: its owner and mode go to a destination folder the
            // extraction makes (Docker's untar gives them to the destination).
            Ok(None) if item.header().entry_type().is_dir() => PathBuf::from("."),
            Ok(None) => continue,
            Err(NameError::DotDot | NameError::Absolute) => {
                return Err(bad(format!("entry {shown} escapes the destination")))
            }
        };
        let header = item.header();
        let kind = header.entry_type();
        let mode = header.mode().unwrap_or(0o644);
        let mtime = header.mtime().unwrap_or(0);
        let (uid, gid) = (header.uid().unwrap_or(0), header.gid().unwrap_or(0));
        let mut h = base_header(tar::EntryType::Regular, mode, mtime);
        h.set_uid(uid);
        h.set_gid(gid);
        // A broken pipe is the worker's end; anything else is this archive's.
        let sent = |source: io::Error| match source.kind() {
            io::ErrorKind::BrokenPipe => ContextError::Send { source },
            _ => bad(source.to_string()),
        };
        if kind.is_dir() {
            h.set_entry_type(tar::EntryType::Directory);
            tar.append_data(&mut h, dir_name(&name), io::empty())
                .map_err(sent)?;
        } else if kind.is_symlink() || kind.is_hard_link() {
            let target = item.link_name_bytes().unwrap_or_default().into_owned();
            let target = if kind.is_hard_link() {
                match clean_name(&target) {
                    Ok(Some(t)) => t,
                    _ => return Err(bad(format!("hard link {shown} points outside the archive"))),
                }
            } else {
                PathBuf::from(
                    <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&target),
                )
            };
            h.set_entry_type(if kind.is_hard_link() {
                tar::EntryType::Link
            } else {
                tar::EntryType::Symlink
            });
            tar.append_link(&mut h, &name, &target).map_err(sent)?;
        } else if kind.is_file() {
            let size = item.size();
            h.set_size(size);
            tar.append_data(&mut h, &name, &mut item).map_err(sent)?;
        } else {
            log::warn!("ADD skips {shown} in {archive_name}: not a file, folder or link");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
