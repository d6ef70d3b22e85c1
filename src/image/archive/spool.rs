//! An archive read once from its stream (file or stdin, plain, gzip or zstd) into one
//! anonymous temporary file beside the store's blobs, each entry remembered by its normalised
//! name with its offset, size and sha256; a plain tar in a regular file is indexed where it
//! lies instead ([`Spool::read_file`]), which saves writing the whole archive a second time. Nothing is written under a name the archive chose,
//! so no entry can land outside anything; the file has no name and goes when it is closed,
//! whatever ends the process.
//!
//! The tar framing is the unpacker's own walker (metadata entries size-capped from their
//! header). Folders are skipped; a symlink or hardlink is kept as a name pointing at another
//! name and resolved inside the archive only ([`Spool::resolve`]), never on disk.
use super::parse::{cut, entry_name};
use super::ArchiveError;
use crate::image::unpack::walk::Walker;
use crate::image::unpack::{detect, Detected};
use crate::util::digest::{Digest, HashingWriter};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::Path;
use std::rc::Rc;

/// At most this many entries are remembered.
pub(super) const MAX_ENTRIES: usize = 1 << 20;
/// Symlinks followed inside the archive for one name, at most.
const MAX_HOPS: usize = 16;

/// A regular file of the archive, in the spool.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub(super) at: Loc,
    pub(crate) size: u64,
    pub(crate) digest: Digest,
}

/// Where a file's bytes are.
#[derive(Debug, Clone)]
pub(super) enum Loc {
    /// At this offset of the spool's file.
    Offset(u64),
    /// The file of this name (normalised, relative) inside the loaded folder.
    Dir(String),
}

#[derive(Debug, Clone)]
pub(super) enum Item {
    File(Stored),
    /// A symlink, its target as a name inside the archive (already joined and normalised).
    Link(String),
}

/// The archive's files, spooled.
pub(crate) struct Spool {
    file: Backing,
    items: BTreeMap<String, Item>,
}

/// What a spool's files are read from.
enum Backing {
    /// One file: the anonymous spool or the plain tar itself.
    File(File),
    /// A folder (oci-dir, docker-dir), its files opened beneath it without following links.
    Dir(OwnedFd),
}

impl Spool {
    /// Reads the whole archive from `input` into an anonymous file in `dir`.
    pub(crate) fn read(input: impl Read, dir: &Path) -> Result<Spool, ArchiveError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_TMPFILE)
            .open(dir)
            .map_err(|source| ArchiveError::Io {
                what: format!("make a temporary file in {}", dir.display()),
                source,
            })?;
        let mut input = BufReader::with_capacity(1 << 20, input);
        let head = input.fill_buf().map_err(ArchiveError::Read)?;
        if head.is_empty() {
            return Err(ArchiveError::Invalid("the archive is empty".into()));
        }
        let decoded: Box<dyn Read + '_> = match detect(head) {
            Detected::Gzip => Box::new(flate2::read::MultiGzDecoder::new(input)),
            Detected::Zstd => Box::new(
                zstd::stream::read::Decoder::with_buffer(input).map_err(ArchiveError::Read)?,
            ),
            Detected::Plain => Box::new(input),
        };
        let mut spool = Spool {
            file: Backing::File(file),
            items: BTreeMap::new(),
        };
        spool.fill(decoded, None)?;
        Ok(spool)
    }

    /// An archive in the regular file `file`: a plain tar is indexed where it lies (its
    /// files read, hashed and remembered by their offsets in `file`, nothing copied; what is
    /// read from it later is checked against digests again, by the loader); a compressed one
    /// is spooled into `dir` as [`Spool::read`] does.
    pub(crate) fn read_file(mut file: File, dir: &Path) -> Result<Spool, ArchiveError> {
        let mut head = [0u8; 8];
        let n = file.read(&mut head).map_err(ArchiveError::Read)?;
        file.seek(SeekFrom::Start(0)).map_err(ArchiveError::Read)?;
        let regular = file.metadata().is_ok_and(|m| m.is_file());
        if n == 0 || !regular || !matches!(detect(&head[..n]), Detected::Plain) {
            return Spool::read(file, dir);
        }
        let at = Rc::new(Cell::new(0u64));
        let counted = Counted {
            inner: BufReader::with_capacity(1 << 20, file.try_clone().map_err(ArchiveError::Read)?),
            at: Rc::clone(&at),
        };
        let mut spool = Spool {
            file: Backing::File(file),
            items: BTreeMap::new(),
        };
        spool.fill(counted, Some(at))?;
        Ok(spool)
    }

    /// Walks the archive `decoded`, remembering its files: copied into the spool file, or,
    /// with `in_place` (the position `decoded` has reached in the spool's own file), where
    /// they are.
    fn fill(
        &mut self,
        decoded: impl Read,
        in_place: Option<Rc<Cell<u64>>>,
    ) -> Result<(), ArchiveError> {
        let mut walker = Walker::new(decoded);
        let Backing::File(copy_to) = &self.file else {
            return Err(ArchiveError::Invalid(
                "a folder is not a tar archive".into(),
            ));
        };
        let sink: Box<dyn Write + '_> = match in_place {
            Some(_) => Box::new(io::sink()),
            None => Box::new(io::BufWriter::with_capacity(1 << 20, copy_to)),
        };
        let mut out = Counting {
            inner: sink,
            written: 0,
        };
        let mut seen_any = false;
        while let Some(entry) = walker.next_entry().map_err(|e| {
            ArchiveError::Invalid(format!(
                "payload does not match any of the supported image formats: not a tar \
                     archive (docker-archive, oci-archive), or truncated: {e}"
            ))
        })? {
            seen_any = true;
            if self.items.len() >= MAX_ENTRIES {
                return Err(ArchiveError::Invalid(format!(
                    "more than {MAX_ENTRIES} entries"
                )));
            }
            let raw = String::from_utf8_lossy(&entry.path).into_owned();
            let kind = entry.header.entry_type();
            if kind.is_dir() {
                continue;
            }
            let name = entry_name(&raw)?;
            let item = if kind.is_symlink() || kind.is_hard_link() {
                let target = entry
                    .link
                    .as_deref()
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                    .unwrap_or_default();
                let base = match (kind.is_symlink(), name.rsplit_once('/')) {
                    (true, Some((dir, _))) => dir,
                    _ => "",
                };
                Item::Link(link_target(base, &target)?)
            } else if kind.is_file() || kind == tar::EntryType::Continuous {
                if entry.sparse.is_some() {
                    return Err(ArchiveError::Invalid(format!(
                        "entry {} is a sparse file",
                        cut(&name)
                    )));
                }
                let offset = Loc::Offset(match &in_place {
                    Some(at) => at.get(),
                    None => out.written,
                });
                let before = HashingWriter::new(io::sink());
                let mut both = Both {
                    spool: &mut out,
                    hash: before,
                };
                let copied = io::copy(&mut walker.data(), &mut both).map_err(|e| {
                    ArchiveError::Invalid(format!("truncated at entry {}: {e}", cut(&name)))
                })?;
                if copied != entry.size {
                    return Err(ArchiveError::Invalid(format!(
                        "truncated at entry {}",
                        cut(&name)
                    )));
                }
                let (digest, _) = both.hash.finish();
                Item::File(Stored {
                    at: offset,
                    size: copied,
                    digest,
                })
            } else {
                // Devices, fifos: nothing an image archive holds.
                continue;
            };
            if self.items.insert(name.clone(), item).is_some() {
                return Err(ArchiveError::Invalid(format!(
                    "entry {} appears twice",
                    cut(&name)
                )));
            }
        }
        if !seen_any {
            return Err(ArchiveError::Invalid("the archive has no entries".into()));
        }
        out.flush().map_err(|source| ArchiveError::Io {
            what: "write the temporary copy of the archive".into(),
            source,
        })?;
        Ok(())
    }

    /// Whether the archive has `name` (after links).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.resolve(name).is_ok()
    }

    /// The file `name` names, following links inside the archive.
    pub(crate) fn resolve(&self, name: &str) -> Result<&Stored, ArchiveError> {
        let mut current = entry_name(name)?;
        for _ in 0..MAX_HOPS {
            match self.items.get(&current) {
                Some(Item::File(s)) => return Ok(s),
                Some(Item::Link(t)) => current = t.clone(),
                None => {
                    return Err(ArchiveError::Missing { name: cut(name) });
                }
            }
        }
        Err(ArchiveError::Invalid(format!(
            "entry {} is a loop of links",
            cut(name)
        )))
    }

    /// A spool of the files `items` of the folder `dir` (see [`super::folder`]).
    pub(super) fn from_dir(dir: OwnedFd, items: BTreeMap<String, Item>) -> Spool {
        Spool {
            file: Backing::Dir(dir),
            items,
        }
    }

    /// Whether the spool reads a folder rather than a tar.
    pub(crate) fn is_dir(&self) -> bool {
        matches!(self.file, Backing::Dir(_))
    }

    /// A reader of the file `name`.
    pub(crate) fn open(&self, name: &str) -> Result<(SpoolReader<'_>, &Stored), ArchiveError> {
        let s = self.resolve(name)?;
        let reader = match (&s.at, &self.file) {
            (Loc::Offset(o), Backing::File(f)) => SpoolReader {
                file: Source::Borrowed(f),
                pos: *o,
                end: o + s.size,
            },
            (Loc::Dir(rel), Backing::Dir(dir)) => SpoolReader {
                file: Source::Owned(super::folder::reopen(dir.as_fd(), rel, s.size)?),
                pos: 0,
                end: s.size,
            },
            _ => return Err(ArchiveError::Invalid("the spool is inconsistent".into())),
        };
        Ok((reader, s))
    }

    /// The file `name`, read whole, refused above `limit` bytes.
    pub(crate) fn read_small(&self, name: &str, limit: u64) -> Result<Vec<u8>, ArchiveError> {
        let (mut r, s) = self.open(name)?;
        if s.size > limit {
            return Err(ArchiveError::Invalid(format!(
                "{} is {} bytes, more than the {limit} a metadata file may have",
                cut(name),
                s.size
            )));
        }
        let mut data = Vec::with_capacity(s.size as usize);
        r.read_to_end(&mut data)
            .map_err(|source| ArchiveError::Io {
                what: "read the temporary copy of the archive".into(),
                source,
            })?;
        Ok(data)
    }
}

/// A link's target as a name inside the archive: `target` read from the folder `base`
/// (symlinks; the root for hardlinks), `..` taken lexically. A target that climbs above the
/// archive's root, or is absolute, is refused.
pub(super) fn link_target(base: &str, target: &str) -> Result<String, ArchiveError> {
    if target.starts_with('/') {
        return Err(ArchiveError::Escapes { name: cut(target) });
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(ArchiveError::Escapes { name: cut(target) });
                }
            }
            p => parts.push(p),
        }
    }
    entry_name(&parts.join("/"))
}

/// Writes to the spool and to a hasher (the entry's own digest).
struct Both<'a, W: Write> {
    spool: &'a mut Counting<W>,
    hash: HashingWriter<io::Sink>,
}

/// A writer that counts what it took: the spool's offsets.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Write for Both<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.spool.write(buf)?;
        self.hash.write_all(&buf[..n])?;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.spool.flush()
    }
}

/// A reader that counts what was read from it: the offset the walker has reached.
struct Counted<R> {
    inner: R,
    at: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.at.set(self.at.get() + n as u64);
        Ok(n)
    }
}

/// Reads one file out of the spool.
pub(crate) struct SpoolReader<'a> {
    file: Source<'a>,
    pos: u64,
    end: u64,
}

enum Source<'a> {
    Borrowed(&'a File),
    Owned(File),
}

impl Read for SpoolReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.end - self.pos;
        let max = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        if max == 0 {
            return Ok(0);
        }
        let file = match &self.file {
            Source::Borrowed(f) => f,
            Source::Owned(f) => f,
        };
        let n = file.read_at(&mut buf[..max], self.pos)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the temporary copy of the archive is short",
            ));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_inside_the_archive_only() {
        assert_eq!(link_target("a", "../b.tar").unwrap(), "b.tar");
        assert_eq!(link_target("a/b", "./c").unwrap(), "a/b/c");
        assert!(link_target("a", "../../etc/passwd").is_err());
        assert!(link_target("", "/etc/passwd").is_err());
        assert!(link_target("", "..").is_err());
    }

    #[test]
    fn a_spooled_archive_gives_its_files_and_follows_links() {
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, "x.tar", &b"abc"[..]).unwrap();
        let mut l = tar::Header::new_gnu();
        l.set_entry_type(tar::EntryType::Symlink);
        l.set_size(0);
        l.set_cksum();
        b.append_link(&mut l, "d/layer.tar", "../x.tar").unwrap();
        let data = b.into_inner().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::read(&data[..], dir.path()).unwrap();
        assert_eq!(spool.read_small("d/layer.tar", 10).unwrap(), b"abc");
        assert_eq!(spool.resolve("./x.tar").unwrap().digest, Digest::of(b"abc"));
        assert!(spool.read_small("x.tar", 2).is_err());
        assert!(matches!(
            spool.resolve("y"),
            Err(ArchiveError::Missing { .. })
        ));
        // Cut short: refused.
        assert!(Spool::read(&data[..600], dir.path()).is_err());
    }

    #[test]
    fn a_plain_archive_in_a_file_is_read_where_it_lies() {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in [("a", &b"first"[..]), ("long/name/b", &b"second file"[..])] {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, data).unwrap();
        }
        let data = b.into_inner().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.tar");
        std::fs::write(&path, &data).unwrap();
        let spool = Spool::read_file(File::open(&path).unwrap(), dir.path()).unwrap();
        assert_eq!(spool.read_small("a", 100).unwrap(), b"first");
        assert_eq!(
            spool.read_small("long/name/b", 100).unwrap(),
            b"second file"
        );
        assert_eq!(
            spool.resolve("long/name/b").unwrap().digest,
            Digest::of(b"second file")
        );
        // Compressed: spooled as from a stream, the same files.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&data).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let spool = Spool::read_file(File::open(&path).unwrap(), dir.path()).unwrap();
        assert_eq!(
            spool.read_small("long/name/b", 100).unwrap(),
            b"second file"
        );
        // Cut short: refused.
        std::fs::write(&path, &data[..700]).unwrap();
        assert!(Spool::read_file(File::open(&path).unwrap(), dir.path()).is_err());
    }
}
