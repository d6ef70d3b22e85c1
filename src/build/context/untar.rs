//! Archives a build reads: a context tar (stdin, a URL) unpacked into a private folder as
//! hostile input, and the compression and tar detection ADD uses.
//!
//! Unpacking, as the user on the host: every entry's name is cleaned to a relative path (an
//! absolute name or a `..` is refused); its parent folder is opened beneath the destination
//! one component at a time with `openat2` (`RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
//! RESOLVE_NO_MAGICLINKS`), so no symlink the archive made (nor any other) is ever followed;
//! the entry is then made relative to that descriptor. Folders, files, symlinks and hard
//! links (to entries already unpacked) are kept; device nodes and FIFOs are skipped.
//! Folders get their modes and mtimes last, once their content is in.
use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::Mode;
use nix::sys::time::TimeSpec;
use nix::unistd::UnlinkatFlags;
use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Why an archive could not be unpacked; `name` is the entry's name in the archive.
#[derive(Debug, thiserror::Error)]
pub(crate) enum UntarError {
    #[error("entry {name} has an absolute name: a build context holds relative names only")]
    Absolute { name: String },
    #[error("entry {name} escapes the archive's root")]
    Escapes { name: String },
    #[error("entry {name} lies under a symlink: archives may not write through symlinks")]
    SymlinkParent { name: String },
    #[error("entry {name} lies under something that is not a folder")]
    NotDir { name: String },
    #[error("entry {name}: {source}")]
    Entry {
        name: String,
        #[source]
        source: io::Error,
    },
    #[error("reading the archive: {0}")]
    Stream(#[source] io::Error),
}

type Result<T> = std::result::Result<T, UntarError>;

/// Compression told by a stream's first bytes (never by a file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

impl Compression {
    pub(crate) fn detect(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(b"BZh") {
            Compression::Bzip2
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0x00]) {
            Compression::Xz
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// `input` decompressed as its first bytes say.
pub(crate) fn decompress<'a>(input: impl Read + 'a) -> io::Result<Box<dyn Read + 'a>> {
    let mut input = io::BufReader::with_capacity(1 << 16, input);
    let head = input.fill_buf()?;
    let head = if head.len() < 6 {
        // A short first read (a pipe): gather the magic bytes before deciding.
        let mut more = head.to_vec();
        input.consume(more.len());
        let mut rest = [0u8; 6];
        let mut got = 0;
        while more.len() + got < 6 {
            match input.read(&mut rest[got..6 - more.len()])? {
                0 => break,
                n => got += n,
            }
        }
        more.extend_from_slice(&rest[..got]);
        let kind = Compression::detect(&more);
        return Ok(wrap(kind, Box::new(io::Cursor::new(more).chain(input))));
    } else {
        head
    };
    let kind = Compression::detect(head);
    Ok(wrap(kind, Box::new(input)))
}

fn wrap<'a>(kind: Compression, input: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
    match kind {
        Compression::None => input,
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(input)),
        Compression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(input)),
        Compression::Xz => Box::new(lzma_rust2::XzReader::new(input, true)),
        Compression::Zstd => match zstd::stream::read::Decoder::new(input) {
            Ok(d) => Box::new(d),
            Err(e) => Box::new(Failing(Some(e))),
        },
    }
}

/// A reader whose first read fails (a decoder that could not start).
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(self.0.take().unwrap_or_else(|| io::ErrorKind::Other.into()))
    }
}

/// Whether `input` is a tar archive, compressed or not: its first header block is whole,
/// not zero and carries a valid checksum.
pub(crate) fn is_tar(input: impl Read) -> bool {
    let Ok(mut data) = decompress(input) else {
        return false;
    };
    let mut block = [0u8; 512];
    let mut got = 0;
    while got < block.len() {
        match data.read(&mut block[got..]) {
            Ok(0) | Err(_) => return false,
            Ok(n) => got += n,
        }
    }
    if block.iter().all(|&b| b == 0) {
        return false;
    }
    let field = &block[148..156];
    let text: String = field
        .iter()
        .take_while(|&&b| b != 0 && b != b' ')
        .skip_while(|&&b| b == b' ')
        .map(|&b| b as char)
        .collect();
    let Ok(stored) = u32::from_str_radix(text.trim(), 8) else {
        return false;
    };
    let sum: u32 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                32
            } else {
                b as u32
            }
        })
        .sum();
    sum == stored
}

/// An entry's name as a relative path; `None` for the root (`./`).
pub(crate) fn clean_name(raw: &[u8]) -> std::result::Result<Option<PathBuf>, NameError> {
    if raw.starts_with(b"/") {
        return Err(NameError::Absolute);
    }
    let mut out = PathBuf::new();
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => return Err(NameError::DotDot),
            p => out.push(OsStr::from_bytes(p)),
        }
    }
    Ok((!out.as_os_str().is_empty()).then_some(out))
}

/// What is wrong with an entry's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameError {
    Absolute,
    DotDot,
}

/// Names in errors are cut to this many bytes.
const MAX_SHOWN: usize = 256;

fn shown(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(&raw[..raw.len().min(MAX_SHOWN)]).into_owned();
    if raw.len() > MAX_SHOWN {
        format!("{text}…")
    } else {
        text
    }
}

/// Unpacks the (possibly compressed) tar `input` into the empty folder `dest`.
pub(crate) fn unpack(input: impl Read, dest: &Path) -> Result<()> {
    let root: OwnedFd = File::open(dest)
        .map_err(|source| UntarError::Entry {
            name: ".".into(),
            source,
        })?
        .into();
    let data = decompress(input).map_err(UntarError::Stream)?;
    let mut archive = tar::Archive::new(data);
    let mut dirs: Vec<(PathBuf, u32, u64)> = Vec::new();
    for entry in archive.entries().map_err(UntarError::Stream)? {
        let mut entry = entry.map_err(UntarError::Stream)?;
        let raw = entry.path_bytes().into_owned();
        let name = shown(&raw);
        let rel = match clean_name(&raw) {
            Ok(Some(rel)) => rel,
            Ok(None) => continue,
            Err(NameError::Absolute) => return Err(UntarError::Absolute { name }),
            Err(NameError::DotDot) => return Err(UntarError::Escapes { name }),
        };
        let kind = entry.header().entry_type();
        let mode = entry.header().mode().unwrap_or(0o644) & 0o7777;
        let mtime = entry.header().mtime().unwrap_or(0);
        let at = |source: io::Error| UntarError::Entry {
            name: name.clone(),
            source,
        };
        let parent_rel = rel.parent().unwrap_or(Path::new(""));
        let last = c_name(rel.file_name().unwrap_or_default());
        if kind.is_dir() {
            let parent = open_dir(&root, parent_rel, true, &name)?;
            make_dir(&parent, &last).map_err(at)?;
            dirs.push((rel, mode, mtime));
            continue;
        }
        if !(kind.is_file() || kind.is_symlink() || kind.is_hard_link()) {
            log::warn!("the build context's entry {name} is skipped: not a file, folder or link");
            continue;
        }
        let parent = open_dir(&root, parent_rel, true, &name)?;
        clear(&parent, &last).map_err(at)?;
        let time = TimeSpec::new(mtime as libc::time_t, 0);
        if kind.is_file() {
            let fd = nix::fcntl::openat(
                Some(parent.as_raw_fd()),
                last.as_c_str(),
                OFlag::O_WRONLY
                    | OFlag::O_CREAT
                    | OFlag::O_EXCL
                    | OFlag::O_NOFOLLOW
                    | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o600),
            )
            .map_err(|e| at(e.into()))?;
            let mut file = File::from(crate::sys::fd::own(fd));
            io::copy(&mut entry, &mut file).map_err(UntarError::Stream)?;
            nix::sys::stat::fchmod(file.as_raw_fd(), Mode::from_bits_truncate(mode))
                .map_err(|e| at(e.into()))?;
            nix::sys::stat::futimens(file.as_raw_fd(), &time, &time).map_err(|e| at(e.into()))?;
        } else if kind.is_symlink() {
            let target = entry.link_name_bytes().unwrap_or_default().into_owned();
            nix::unistd::symlinkat(
                OsStr::from_bytes(&target),
                Some(parent.as_raw_fd()),
                last.as_c_str(),
            )
            .map_err(|e| at(e.into()))?;
            nix::sys::stat::utimensat(
                Some(parent.as_raw_fd()),
                last.as_c_str(),
                &time,
                &time,
                nix::sys::stat::UtimensatFlags::NoFollowSymlink,
            )
            .map_err(|e| at(e.into()))?;
        } else {
            let target = entry.link_name_bytes().unwrap_or_default().into_owned();
            let target_rel = match clean_name(&target) {
                Ok(Some(t)) => t,
                _ => return Err(UntarError::Escapes { name }),
            };
            let target_parent = open_dir(
                &root,
                target_rel.parent().unwrap_or(Path::new("")),
                false,
                &name,
            )?;
            nix::unistd::linkat(
                Some(target_parent.as_raw_fd()),
                c_name(target_rel.file_name().unwrap_or_default()).as_c_str(),
                Some(parent.as_raw_fd()),
                last.as_c_str(),
                AtFlags::empty(),
            )
            .map_err(|e| at(e.into()))?;
        }
    }
    // Deepest first, so a parent's mtime is set after its children's changes.
    for (rel, mode, mtime) in dirs.iter().rev() {
        let name = rel.display().to_string();
        let dir = open_dir(&root, rel, false, &name)?;
        let at = |e: Errno| UntarError::Entry {
            name: name.clone(),
            source: e.into(),
        };
        nix::sys::stat::fchmod(dir.as_raw_fd(), Mode::from_bits_truncate(*mode)).map_err(at)?;
        let t = TimeSpec::new(*mtime as libc::time_t, 0);
        nix::sys::stat::futimens(dir.as_raw_fd(), &t, &t).map_err(at)?;
    }
    Ok(())
}

fn c_name(name: &OsStr) -> CString {
    // Names come from splitting on `/` and never hold NUL (tar names end at one).
    CString::new(name.as_bytes()).unwrap_or_default()
}

/// Opens the folder `rel` beneath `root` without following any symlink, creating missing
/// folders (0700 until their own entry's mode comes) when `create`.
fn open_dir(root: &OwnedFd, rel: &Path, create: bool, name: &str) -> Result<OwnedFd> {
    let resolve = libc::RESOLVE_BENEATH | libc::RESOLVE_NO_SYMLINKS | libc::RESOLVE_NO_MAGICLINKS;
    let flags = libc::O_DIRECTORY | libc::O_RDONLY;
    let mut dir = root.try_clone().map_err(UntarError::Stream)?;
    for part in rel.iter() {
        let c = c_name(part);
        let opened =
            match crate::sys::openat2::open(std::os::fd::AsFd::as_fd(&dir), &c, flags, resolve) {
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) && create => {
                    make_dir(&dir, &c).map_err(|source| UntarError::Entry {
                        name: name.to_string(),
                        source,
                    })?;
                    crate::sys::openat2::open(std::os::fd::AsFd::as_fd(&dir), &c, flags, resolve)
                }
                other => other,
            };
        dir = opened.map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => UntarError::SymlinkParent {
                name: name.to_string(),
            },
            Some(libc::ENOTDIR) => UntarError::NotDir {
                name: name.to_string(),
            },
            Some(libc::EXDEV) => UntarError::Escapes {
                name: name.to_string(),
            },
            _ => UntarError::Entry {
                name: name.to_string(),
                source: e,
            },
        })?;
    }
    Ok(dir)
}

/// Makes the folder `name` in `parent` (keeping one that exists; replacing anything else).
fn make_dir(parent: &OwnedFd, name: &CString) -> io::Result<()> {
    match nix::sys::stat::mkdirat(
        Some(parent.as_raw_fd()),
        name.as_c_str(),
        Mode::from_bits_truncate(0o700),
    ) {
        Ok(()) => Ok(()),
        Err(Errno::EEXIST) => {
            let st = nix::sys::stat::fstatat(
                Some(parent.as_raw_fd()),
                name.as_c_str(),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            )?;
            if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
                return Ok(());
            }
            nix::unistd::unlinkat(
                Some(parent.as_raw_fd()),
                name.as_c_str(),
                UnlinkatFlags::NoRemoveDir,
            )?;
            Ok(nix::sys::stat::mkdirat(
                Some(parent.as_raw_fd()),
                name.as_c_str(),
                Mode::from_bits_truncate(0o700),
            )?)
        }
        Err(e) => Err(e.into()),
    }
}

/// Removes a non-folder at `name` in `parent`, so a later entry replaces an earlier one.
fn clear(parent: &OwnedFd, name: &CString) -> io::Result<()> {
    match nix::unistd::unlinkat(
        Some(parent.as_raw_fd()),
        name.as_c_str(),
        UnlinkatFlags::NoRemoveDir,
    ) {
        Ok(()) | Err(Errno::ENOENT) => Ok(()),
        Err(Errno::EISDIR) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a folder of the same name is in the way",
        )),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
pub(crate) mod tests;
