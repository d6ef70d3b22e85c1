//! Walking a tar stream header by header, with every size checked before anything is read.
//!
//! The `tar` crate reads a PAX or GNU long-name entry whole into memory, however large its
//! header says it is; a well-compressed layer thus grows to hundreds of MiB inside the helper.
//! Here each 512-byte header is parsed with `tar::Header` and the framing is ours: metadata
//! entries (PAX `x`/`g`, GNU `L`/`K`) larger than [`MAX_META`] are refused from their header
//! alone, and a GNU sparse entry yields its map so the unpacker writes holes, not zeros.
//!
//! Framing: a header block, then the entry's data rounded up to 512 bytes. PAX records and GNU
//! long names describe the next entry that is not itself metadata. A PAX `size` record
//! overrides the header's size (files over 8 GiB). A GNU sparse header may be followed by
//! extension blocks holding more of its map, before its data. The first all-zero block ends the
//! archive; the caller drains what follows.
use std::io::{self, Read};

/// The largest PAX, global PAX or GNU long name/link entry accepted.
pub(crate) const MAX_META: u64 = 1 << 20;
/// The most GNU sparse extension blocks one entry may have (21 map entries each).
const MAX_SPARSE_EXT: usize = 2048;
const BLOCK: u64 = 512;

/// Why the tar stream cannot be walked.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WalkError {
    #[error(
        "its {kind} entry of {size} bytes is too large: metadata entries may have at most \
         1 MiB; the layer is malformed or hostile"
    )]
    MetaTooLarge { kind: &'static str, size: u64 },
    #[error("invalid tar header: {0}")]
    Format(String),
    #[error("reading the layer stream: {0}")]
    Io(#[from] io::Error),
}

fn format(msg: impl Into<String>) -> WalkError {
    WalkError::Format(msg.into())
}

/// A GNU sparse file: where its data chunks go and how long the file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sparse {
    /// `(offset, length)` of each data chunk, in order, not overlapping; the chunks' bytes
    /// follow one another in the stream.
    pub(crate) chunks: Vec<(u64, u64)>,
    /// The file's length, holes included.
    pub(crate) real_size: u64,
}

/// One entry that is not metadata, with its metadata entries applied.
pub(crate) struct Entry {
    pub(crate) header: tar::Header,
    /// Long name, else PAX `path`, else the header's name (ustar prefix joined).
    pub(crate) path: Vec<u8>,
    /// Long link name, else PAX `linkpath`, else the header's link name.
    pub(crate) link: Option<Vec<u8>>,
    /// The PAX records of this entry, raw.
    pub(crate) pax: Option<Vec<u8>>,
    /// Bytes of data the entry carries in the stream.
    pub(crate) size: u64,
    pub(crate) sparse: Option<Sparse>,
}

impl Entry {
    /// The entry's PAX records.
    pub(crate) fn pax_records(&self) -> Option<tar::PaxExtensions<'_>> {
        self.pax.as_deref().map(tar::PaxExtensions::new)
    }
}

/// Reads entries from a tar stream; [`Walker::data`] reads the current entry's bytes.
pub(crate) struct Walker<R> {
    inner: R,
    /// Data bytes of the current entry not read yet.
    left: u64,
    /// Padding after the current entry's data.
    pad: u64,
    done: bool,
}

impl<R: Read> Walker<R> {
    pub(crate) fn new(inner: R) -> Self {
        Walker {
            inner,
            left: 0,
            pad: 0,
            done: false,
        }
    }

    /// The stream, positioned after the end-of-archive block once `next` returned `None`.
    pub(crate) fn into_inner(self) -> R {
        self.inner
    }

    /// Reads the current entry's data (at most what it carries).
    pub(crate) fn data(&mut self) -> Data<'_, R> {
        Data { walker: self }
    }

    /// The next entry, skipping what is left of the current one.
    pub(crate) fn next_entry(&mut self) -> Result<Option<Entry>, WalkError> {
        if self.done {
            return Ok(None);
        }
        let mut long_name: Option<Vec<u8>> = None;
        let mut long_link: Option<Vec<u8>> = None;
        let mut pax: Option<Vec<u8>> = None;
        loop {
            self.skip_rest()?;
            let mut header = tar::Header::new_old();
            if !self.read_block(header.as_mut_bytes())? {
                if long_name.is_some() || long_link.is_some() || pax.is_some() {
                    return Err(format("metadata entries at the end describe no entry"));
                }
                self.done = true;
                return Ok(None);
            }
            if header.as_bytes().iter().all(|b| *b == 0) {
                self.done = true;
                return Ok(None);
            }
            check_sum(&header)?;
            let header_size = header.entry_size().map_err(|e| format(e.to_string()))?;
            let kind = match header.entry_type().as_byte() {
                b'x' => Some(("PAX header", &mut pax)),
                b'L' => Some(("GNU long name", &mut long_name)),
                b'K' => Some(("GNU long link", &mut long_link)),
                b'g' => None,
                _ => {
                    let entry = self.entry(header, header_size, long_name, long_link, pax)?;
                    return Ok(Some(entry));
                }
            };
            let shown = kind.as_ref().map_or("global PAX header", |(k, _)| *k);
            if header_size > MAX_META {
                return Err(WalkError::MetaTooLarge {
                    kind: shown,
                    size: header_size,
                });
            }
            self.start(header_size);
            match kind {
                // Global records are not applied (as before): their data is skipped.
                None => {}
                Some((_, slot)) if slot.is_some() => {
                    return Err(format(format!("two {shown} entries for one entry")))
                }
                Some((_, slot)) => {
                    let mut buf = Vec::with_capacity(header_size as usize);
                    self.data().read_to_end(&mut buf)?;
                    if buf.len() as u64 != header_size {
                        return Err(truncated());
                    }
                    *slot = Some(buf);
                }
            }
        }
    }

    /// Builds the entry from its header and the metadata entries before it.
    fn entry(
        &mut self,
        mut header: tar::Header,
        header_size: u64,
        long_name: Option<Vec<u8>>,
        long_link: Option<Vec<u8>>,
        pax: Option<Vec<u8>>,
    ) -> Result<Entry, WalkError> {
        let mut size = header_size;
        let mut pax_path = None;
        let mut pax_link = None;
        for rec in pax
            .as_deref()
            .map(tar::PaxExtensions::new)
            .into_iter()
            .flatten()
        {
            let rec = rec.map_err(|e| format(format!("bad PAX record: {e}")))?;
            let number = || {
                std::str::from_utf8(rec.value_bytes())
                    .ok()
                    .and_then(|v| v.parse::<u64>().ok())
                    .ok_or_else(|| format(format!("bad PAX {} record", rec.key().unwrap_or("?"))))
            };
            match rec.key_bytes() {
                b"size" => size = number()?,
                b"uid" => header.set_uid(number()?),
                b"gid" => header.set_gid(number()?),
                b"path" => pax_path = Some(rec.value_bytes().to_vec()),
                b"linkpath" => pax_link = Some(rec.value_bytes().to_vec()),
                _ => {}
            }
        }
        let path = long_name
            .map(strip_nul)
            .or(pax_path)
            .unwrap_or_else(|| header.path_bytes().into_owned());
        let link = long_link
            .map(strip_nul)
            .or(pax_link)
            .or_else(|| header.link_name_bytes().map(|l| l.into_owned()));
        let sparse = if header.entry_type().is_gnu_sparse() {
            Some(self.sparse_map(&header, size)?)
        } else {
            None
        };
        self.start(size);
        Ok(Entry {
            header,
            path,
            link,
            pax,
            size,
            sparse,
        })
    }

    /// Reads a GNU sparse map: the header's four slots, then extension blocks while flagged.
    /// The chunks must be in order, within the file, and their lengths must add up to the data
    /// the entry carries.
    fn sparse_map(&mut self, header: &tar::Header, size: u64) -> Result<Sparse, WalkError> {
        let gnu = header
            .as_gnu()
            .ok_or_else(|| format("a sparse entry without a GNU header"))?;
        let real_size = gnu.real_size().map_err(|e| format(e.to_string()))?;
        let mut chunks = Vec::new();
        let mut add = |slots: &[tar::GnuSparseHeader]| -> Result<(), WalkError> {
            for slot in slots.iter().filter(|s| !s.is_empty()) {
                let off = slot.offset().map_err(|e| format(e.to_string()))?;
                let len = slot.length().map_err(|e| format(e.to_string()))?;
                chunks.push((off, len));
            }
            Ok(())
        };
        add(&gnu.sparse)?;
        let mut extended = gnu.is_extended();
        let mut blocks = 0;
        while extended {
            blocks += 1;
            if blocks > MAX_SPARSE_EXT {
                return Err(format("a sparse map of more than 2048 extension blocks"));
            }
            let mut ext = tar::GnuExtSparseHeader::new();
            if !self.read_block(ext.as_mut_bytes())? {
                return Err(truncated());
            }
            add(ext.sparse())?;
            extended = ext.is_extended();
        }
        let mut end = 0u64;
        let mut carried = 0u64;
        for &(off, len) in &chunks {
            if off < end {
                return Err(format("sparse chunks out of order or overlapping"));
            }
            end = off
                .checked_add(len)
                .filter(|e| *e <= real_size)
                .ok_or_else(|| format("a sparse chunk past the end of its file"))?;
            carried = carried.saturating_add(len);
        }
        if carried != size {
            return Err(format(format!(
                "sparse chunks of {carried} bytes but {size} bytes of data"
            )));
        }
        Ok(Sparse { chunks, real_size })
    }

    /// Starts the data of an entry of `size` bytes.
    fn start(&mut self, size: u64) {
        self.left = size;
        self.pad = (BLOCK - size % BLOCK) % BLOCK;
    }

    /// Skips the unread data and the padding of the current entry.
    fn skip_rest(&mut self) -> Result<(), WalkError> {
        let n = self.left + self.pad;
        let skipped = io::copy(&mut (&mut self.inner).take(n), &mut io::sink())?;
        if skipped != n {
            return Err(truncated());
        }
        self.left = 0;
        self.pad = 0;
        Ok(())
    }

    /// Fills one block; `false` at a clean end of stream, an error on a partial block.
    fn read_block(&mut self, buf: &mut [u8; 512]) -> Result<bool, WalkError> {
        let mut got = 0;
        while got < buf.len() {
            match self.inner.read(&mut buf[got..]) {
                Ok(0) if got == 0 => return Ok(false),
                Ok(0) => return Err(truncated()),
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(true)
    }
}

/// The data of the current entry; reads end where the entry's data ends.
pub(crate) struct Data<'a, R> {
    walker: &'a mut Walker<R>,
}

impl<R: Read> Read for Data<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let w = &mut *self.walker;
        let max = buf.len().min(usize::try_from(w.left).unwrap_or(usize::MAX));
        if max == 0 {
            return Ok(0);
        }
        let n = w.inner.read(&mut buf[..max])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the layer stream ends inside an entry",
            ));
        }
        w.left -= n as u64;
        Ok(n)
    }
}

fn truncated() -> WalkError {
    WalkError::Io(io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "the layer stream ends inside an entry",
    ))
}

fn strip_nul(mut v: Vec<u8>) -> Vec<u8> {
    if v.last() == Some(&0) {
        v.pop();
    }
    v
}

/// The header checksum: the sum of its bytes with the checksum field read as spaces.
fn check_sum(header: &tar::Header) -> Result<(), WalkError> {
    let bytes = header.as_bytes();
    let sum: u32 = bytes[..148]
        .iter()
        .chain(&bytes[156..])
        .map(|b| u32::from(*b))
        .sum::<u32>()
        + 8 * u32::from(b' ');
    match header.cksum() {
        Ok(c) if c == sum => Ok(()),
        _ => Err(format("header checksum mismatch")),
    }
}
