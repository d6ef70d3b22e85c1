//! One blob into the destination repository, uploading only what the registry lacks: HEAD
//! first, then a cross-repository mount from a repository of the same registry known to hold
//! it, then an upload streamed from the store, compressed on the way when the layer is
//! uncompressed (or recompressed with `--force-compression`). A blob whose upload fails
//! transiently is started again a few times; within one upload, chunks resume by themselves.
use super::{PushError, Pusher};
use crate::config::registries::Endpoint;
use crate::image::registry::manifest::Compression;
use crate::image::registry::upload::{Started, Upload};
use crate::image::registry::{Descriptor, RegistryError};
use crate::image::store::blob_info::Variant;
use crate::util::digest::Digest;
use sha2::{Digest as _, Sha256};
use std::io::{self, Read, Write};

/// Upload chunk size: the most a push holds in memory per layer being uploaded.
pub(crate) const CHUNK: usize = 8 << 20;
/// Tries of a whole blob upload.
const BLOB_TRIES: usize = 3;

/// How a blob reached the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The registry had it, or mounted it from another repository.
    Present,
    Uploaded,
}

/// What [`Pusher::find_or_mount`] found.
pub(crate) enum Found {
    Present,
    Missing(Option<Upload>),
}

/// What a layer's upload reads from the store: the blob as is, or its content recompressed.
pub(crate) struct Source<'a> {
    /// The stored blob.
    pub(crate) blob: &'a Digest,
    /// How the stored blob is compressed.
    pub(crate) stored: Compression,
    /// `Some` to compress (after decompressing `stored`) with this; `None` sends as is.
    pub(crate) recompress: Option<(Compression, i32)>,
    /// The digest of the uncompressed content, checked while recompressing.
    pub(crate) diff_id: &'a Digest,
    /// The layer in the store (its chain ID), for a layer kept as a tree without a blob (a
    /// build step's): its tar is made again from the tree (`image::layer_tar`).
    pub(crate) chain: Option<&'a Digest>,
}

impl Pusher<'_> {
    /// Whether the destination has blob `digest`, or has it now by a mount from another
    /// repository of its registry; when not, the session a refused mount opened, if any.
    pub(crate) fn find_or_mount(&self, digest: &Digest) -> Result<Found, PushError> {
        if self.client.blob_size(self.ep, digest)?.is_some() {
            return Ok(Found::Present);
        }
        if let Some(from) = self.mount_source(digest) {
            match self.client.start_upload(self.ep, Some((digest, &from)))? {
                Started::Mounted => {
                    log::debug!("mounted {digest} from {from}");
                    return Ok(Found::Present);
                }
                // A registry that would not mount opened a plain session instead.
                Started::Upload(up) => return Ok(Found::Missing(Some(up))),
            }
        }
        Ok(Found::Missing(None))
    }

    /// Makes blob `digest` present in the destination, uploading it with `upload` only when
    /// the registry neither has it nor can mount it.
    pub(crate) fn ensure_blob(
        &self,
        digest: &Digest,
        upload: &dyn Fn(Upload) -> Result<(Digest, u64), PushError>,
    ) -> Result<Outcome, PushError> {
        let session = match self.find_or_mount(digest)? {
            Found::Present => return Ok(Outcome::Present),
            Found::Missing(session) => session,
        };
        self.retry_blob(session, &|up| {
            let (got, _) = upload(up)?;
            if got != *digest {
                return Err(PushError::Layer {
                    digest: digest.clone(),
                    detail: format!(
                        "the stored blob hashes to {got}; it was not uploaded, pull or build the image again"
                    ),
                });
            }
            Ok(())
        })?;
        Ok(Outcome::Uploaded)
    }

    /// Runs `f` with a fresh upload session (the first time with `session` if given) until
    /// it succeeds or fails for good.
    fn retry_blob<T>(
        &self,
        mut session: Option<Upload>,
        f: &dyn Fn(Upload) -> Result<T, PushError>,
    ) -> Result<T, PushError> {
        let mut tries = 0;
        loop {
            let up = match session.take() {
                Some(up) => up,
                None => match self.client.start_upload(self.ep, None)? {
                    Started::Upload(up) => up,
                    Started::Mounted => unreachable!("no mount was asked for"),
                },
            };
            match f(up) {
                Err(PushError::Registry(e)) if e.is_transient() && tries + 1 < BLOB_TRIES => {
                    log::debug!("blob upload failed: {e}; starting it again");
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(500 << tries));
                }
                other => return other,
            }
        }
    }

    /// Uploads a layer read from the store as `src` says into a fresh session; returns the
    /// digest and size of what was sent. Recompressed uploads are never held whole: the
    /// compressor writes into chunks as it goes.
    pub(crate) fn upload_layer(
        &self,
        src: &Source<'_>,
        progress: &dyn Fn(u64),
    ) -> Result<(Digest, u64), PushError> {
        self.retry_blob(None, &|up| self.stream(src, up, progress))
    }

    /// Copies blob `d` of another repository (maybe of another registry) into `up`, streamed:
    /// the GET resumes by itself, the chunks go out as they fill.
    pub(crate) fn copy_from(
        &self,
        src: &Endpoint,
        d: &Descriptor,
        up: Upload,
    ) -> Result<(Digest, u64), PushError> {
        let bar = self.progress.blob(&d.digest, d.size);
        let progress = |n: u64| bar.set(n);
        let mut sink = Uploader::new(self, up, &progress);
        let fetched = self
            .client
            .get_blob(src, &d.digest, Some(d.size), &mut sink, &|_| {});
        if let Some(e) = sink.error.take() {
            bar.fail();
            return Err(e.into());
        }
        if let Err(e) = fetched {
            bar.fail();
            return Err(e.into());
        }
        let r = sink.finish();
        match &r {
            Ok(_) => bar.done(),
            Err(_) => bar.fail(),
        }
        r
    }

    /// Sends one stored blob, as is or recompressed, into `up`.
    pub(crate) fn stream(
        &self,
        src: &Source<'_>,
        up: Upload,
        progress: &dyn Fn(u64),
    ) -> Result<(Digest, u64), PushError> {
        if let (false, Some(chain)) = (self.store.has_blob(src.blob), src.chain) {
            return self.stream_tree(src, chain, up, progress);
        }
        let file = self.store.open_blob(src.blob)?;
        let mut sink = Uploader::new(self, up, progress);
        let copied = match src.recompress {
            None => {
                let mut hashing = HashingReader::new(file);
                let r = copy(&mut hashing, &mut sink).map(|_| ());
                if r.is_ok() && hashing.finish() != *src.blob {
                    return Err(corrupt(src.blob));
                }
                r
            }
            Some((to, level)) => {
                let raw: Box<dyn Read> = match src.stored {
                    Compression::None => Box::new(file),
                    Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
                    Compression::Zstd => Box::new(
                        zstd::stream::read::Decoder::new(file)
                            .map_err(|e| layer_io(src.blob, e))?,
                    ),
                };
                let mut hashing = HashingReader::new(raw);
                let r = compress(&mut hashing, &mut sink, to, level);
                if r.is_ok() && hashing.finish() != *src.diff_id {
                    return Err(corrupt(src.blob));
                }
                r
            }
        };
        if let Some(e) = sink.error.take() {
            return Err(e.into());
        }
        copied.map_err(|e| layer_io(src.blob, e))?;
        sink.finish()
    }

    /// Sends a layer kept as a tree: its tar, walked again and checked against the diff ID as
    /// it passes, compressed as asked (or as is).
    fn stream_tree(
        &self,
        src: &Source<'_>,
        chain: &Digest,
        up: Upload,
        progress: &dyn Fn(u64),
    ) -> Result<(Digest, u64), PushError> {
        let idmap = crate::linux::idmap::IdMap::detect();
        let tar = crate::image::layer_tar::open(self.store, &idmap, chain)
            .map_err(|e| layer_io(src.blob, io::Error::other(e)))?;
        let mut sink = Uploader::new(self, up, progress);
        let mut hashing = HashingReader::new(tar);
        let copied = match src.recompress {
            None => copy(&mut hashing, &mut sink).map(|_| ()),
            Some((to, level)) => compress(&mut hashing, &mut sink, to, level),
        };
        if copied.is_ok() && hashing.finish() != *src.diff_id {
            return Err(corrupt(src.blob));
        }
        if let Some(e) = sink.error.take() {
            return Err(e.into());
        }
        copied.map_err(|e| layer_io(src.blob, e))?;
        sink.finish()
    }

    /// The repository of the destination's registry, other than the destination, most
    /// recently known to hold `digest`: the `from=` of a mount.
    fn mount_source(&self, digest: &Digest) -> Option<String> {
        let prefix = format!("{}/", self.dest.registry);
        let info = self.blob_info.lock().unwrap_or_else(|p| p.into_inner());
        info.locations(digest)
            .iter()
            .chain(self.image_repositories.iter())
            .filter_map(|loc| loc.strip_prefix(&prefix))
            .find(|repo| *repo != self.ep.repository)
            .map(str::to_string)
    }

    /// Remembers a compressed variant made by this push, in the store at once so a push
    /// killed later still knows it.
    pub(crate) fn remember_variant(&self, diff_id: &Digest, compression: Compression, v: Variant) {
        let name = compression_name(compression);
        self.blob_info
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .add_variant(diff_id, name, v.clone());
        let location = self.dest.name();
        if let Err(e) = self.store.update_blob_info(|i| {
            i.add_variant(diff_id, name, v.clone());
            i.add_location(&v.digest, &location);
        }) {
            log::warn!("cannot record the compressed layer {}: {e}", v.digest);
        }
    }
}

/// `gzip`, `zstd` (or `none`), as `blob-info.json` names them.
pub(crate) fn compression_name(c: Compression) -> &'static str {
    match c {
        Compression::None => "none",
        Compression::Gzip => "gzip",
        Compression::Zstd => "zstd",
    }
}

fn corrupt(digest: &Digest) -> PushError {
    PushError::Layer {
        digest: digest.clone(),
        detail: "the stored blob does not match its digest; it was not uploaded, pull or build the image again".into(),
    }
}

fn layer_io(digest: &Digest, e: io::Error) -> PushError {
    PushError::Layer {
        digest: digest.clone(),
        detail: format!("reading it from the store: {e}"),
    }
}

fn copy(from: &mut impl Read, to: &mut impl Write) -> io::Result<u64> {
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let got = match from.read(&mut buf) {
            Ok(0) => return Ok(n),
            Ok(got) => got,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        to.write_all(&buf[..got])?;
        n += got as u64;
    }
}

fn compress(
    from: &mut impl Read,
    to: &mut impl Write,
    c: Compression,
    level: i32,
) -> io::Result<()> {
    match c {
        Compression::None => copy(from, to).map(|_| ()),
        Compression::Gzip => {
            let level = flate2::Compression::new(level.clamp(0, 9) as u32);
            let mut enc = flate2::write::GzEncoder::new(to, level);
            copy(from, &mut enc)?;
            enc.finish().map(|_| ())
        }
        Compression::Zstd => {
            let mut enc = zstd::stream::write::Encoder::new(to, level)?;
            copy(from, &mut enc)?;
            enc.finish().map(|_| ())
        }
    }
}

/// Hashes what is read through it.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
        }
    }
    fn finish(self) -> Digest {
        Digest::from_hash(self.hasher.finalize().into())
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// A `Write` into an upload session: bytes are hashed and gathered into chunks of [`CHUNK`],
/// each sent with `PATCH`; [`Uploader::finish`] sends what is left with the closing `PUT`
/// (the whole blob, for one smaller than a chunk: a monolithic upload).
struct Uploader<'a, 'p> {
    pusher: &'a Pusher<'p>,
    up: Upload,
    buf: Vec<u8>,
    hasher: Sha256,
    total: u64,
    progress: &'a dyn Fn(u64),
    /// The registry error behind a failed write.
    error: Option<RegistryError>,
}

impl<'a, 'p> Uploader<'a, 'p> {
    fn new(pusher: &'a Pusher<'p>, up: Upload, progress: &'a dyn Fn(u64)) -> Self {
        Uploader {
            pusher,
            up,
            buf: Vec::with_capacity(CHUNK),
            hasher: Sha256::new(),
            total: 0,
            progress,
            error: None,
        }
    }

    fn flush_chunk(&mut self) -> io::Result<()> {
        let r = self
            .pusher
            .client
            .upload_chunk(self.pusher.ep, &mut self.up, &self.buf);
        self.buf.clear();
        match r {
            Ok(()) => {
                (self.progress)(self.up.offset());
                Ok(())
            }
            Err(e) => {
                self.error = Some(e);
                Err(io::Error::other("the upload failed"))
            }
        }
    }

    fn finish(self) -> Result<(Digest, u64), PushError> {
        let digest = Digest::from_hash(self.hasher.finalize().into());
        self.pusher
            .client
            .finish_upload(self.pusher.ep, &self.up, &digest, &self.buf)?;
        (self.progress)(self.total);
        Ok((digest, self.total))
    }
}

impl Write for Uploader<'_, '_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.error.is_some() {
            return Err(io::Error::other("the upload failed"));
        }
        let room = CHUNK - self.buf.len();
        let n = data.len().min(room);
        self.buf.extend_from_slice(&data[..n]);
        self.hasher.update(&data[..n]);
        self.total += n as u64;
        if self.buf.len() == CHUNK {
            self.flush_chunk()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recompression_is_deterministic_and_round_trips() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for c in [Compression::Gzip, Compression::Zstd] {
            let mut a = Vec::new();
            compress(&mut &data[..], &mut a, c, 3).unwrap();
            let mut b = Vec::new();
            compress(&mut &data[..], &mut b, c, 3).unwrap();
            assert_eq!(a, b, "{c:?} output must not depend on the run");
            let mut back = Vec::new();
            match c {
                Compression::Gzip => {
                    flate2::read::MultiGzDecoder::new(&a[..]).read_to_end(&mut back)
                }
                _ => zstd::stream::read::Decoder::new(&a[..])
                    .unwrap()
                    .read_to_end(&mut back),
            }
            .unwrap();
            assert_eq!(back, data);
        }
    }

    #[test]
    fn hashing_reader_hashes_what_passes() {
        let mut r = HashingReader::new(&b"abc"[..]);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(r.finish(), Digest::of(b"abc"));
    }
}
