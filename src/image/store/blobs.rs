//! Content-addressed blobs: `blobs/sha256/<hex>`, written to `blobs/.tmp/` and renamed into
//! place only once their sha256 (and size, when known) verify.
use super::{Store, StoreError};
use crate::util::digest::{Digest, HashingWriter};
use crate::util::fs::Lock;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Blobs read whole into memory (manifests, configs) are refused above this size.
pub(crate) const MAX_READ: u64 = 64 << 20;

impl Store {
    /// Where blob `digest` lives (whether or not it is there).
    pub(crate) fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.root.join("blobs/sha256").join(digest.hex())
    }

    /// Whether blob `digest` is in the store.
    pub(crate) fn has_blob(&self, digest: &Digest) -> bool {
        self.blob_path(digest).is_file()
    }

    /// The lock a pull holds (shared) on every blob it writes or uses until the image is
    /// recorded; `gc` takes it exclusively, without waiting, before removing the blob.
    pub(crate) fn blob_lock(&self, digest: &Digest) -> Result<Lock, StoreError> {
        let path = self.locks_dir().join(format!("blob-{}.lock", digest.hex()));
        Lock::shared(&path).map_err(|source| StoreError::Io { path, source })
    }

    /// Reads a small blob and checks its digest again: a blob that no longer matches is
    /// removed and reported as corrupt.
    pub(crate) fn read_blob(&self, digest: &Digest) -> Result<Vec<u8>, StoreError> {
        let path = self.blob_path(digest);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::MissingBlob {
                    digest: digest.clone(),
                })
            }
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        // Room for a whole config or manifest (most are a few KiB) in the first `read`.
        let mut data = Vec::with_capacity(16 * 1024);
        file.take(MAX_READ + 1)
            .read_to_end(&mut data)
            .map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
        if data.len() as u64 > MAX_READ {
            return Err(StoreError::TooLarge {
                digest: digest.clone(),
                limit: MAX_READ,
            });
        }
        if Digest::of(&data) != *digest {
            let _ = fs::remove_file(&path);
            return Err(StoreError::Corrupt {
                digest: digest.clone(),
                path,
            });
        }
        Ok(data)
    }

    /// Opens a blob for streaming (a layer); the reader must verify what it reads.
    pub(crate) fn open_blob(&self, digest: &Digest) -> Result<File, StoreError> {
        let path = self.blob_path(digest);
        File::open(&path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => StoreError::MissingBlob {
                digest: digest.clone(),
            },
            _ => StoreError::Io { path, source },
        })
    }

    /// Removes a blob found corrupt while streaming it.
    pub(crate) fn remove_blob(&self, digest: &Digest) -> Result<(), StoreError> {
        let path = self.blob_path(digest);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(StoreError::Io { path, source }),
        }
    }

    /// Stores `data` as blob `digest` after checking that it hashes to `digest`.
    pub(crate) fn put_blob_bytes(&self, digest: &Digest, data: &[u8]) -> Result<(), StoreError> {
        let actual = Digest::of(data);
        if actual != *digest {
            return Err(StoreError::DigestMismatch {
                expected: digest.clone(),
                actual,
            });
        }
        if self.has_blob(digest) {
            return Ok(());
        }
        let mut w = self.blob_writer(digest, Some(data.len() as u64))?;
        w.write_all(data).map_err(|source| StoreError::Io {
            path: w.tmp.clone(),
            source,
        })?;
        w.commit()
    }

    /// A writer for blob `digest` into a temp file; [`BlobWriter::commit`] verifies and
    /// renames it into place, dropping it uncommitted removes the temp file.
    pub(crate) fn blob_writer(
        &self,
        digest: &Digest,
        size: Option<u64>,
    ) -> Result<BlobWriter, StoreError> {
        let tmp = self.root.join("blobs/.tmp").join(format!(
            "{}-{}-{}",
            digest.hex(),
            std::process::id(),
            crate::util::time::unique_suffix()
        ));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&tmp)
            .map_err(|source| StoreError::Io {
                path: tmp.clone(),
                source,
            })?;
        Ok(BlobWriter {
            out: Some(HashingWriter::new(io::BufWriter::with_capacity(
                1 << 20,
                file,
            ))),
            tmp,
            dest: self.blob_path(digest),
            digest: digest.clone(),
            size,
        })
    }
}

/// A blob being written: hashed as it goes, renamed into place by [`BlobWriter::commit`].
pub(crate) struct BlobWriter {
    out: Option<HashingWriter<io::BufWriter<File>>>,
    tmp: PathBuf,
    dest: PathBuf,
    digest: Digest,
    size: Option<u64>,
}

impl BlobWriter {
    /// Commits a blob begun under a placeholder digest (one rcon makes itself, whose digest
    /// is known only once written) as `digest`, verified like [`BlobWriter::commit`]. The
    /// placeholder names the temp file: its blob lock, held by the caller, keeps gc away.
    pub(crate) fn commit_as(mut self, digest: &Digest) -> Result<(), StoreError> {
        self.dest = self.dest.with_file_name(digest.hex());
        self.digest = digest.clone();
        self.commit()
    }

    /// Checks size and digest, syncs, and renames the blob into place.
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        let out = self.out.take().expect("a blob writer is committed once");
        let written = out.written();
        let (actual, buf) = out.finish();
        if let Some(size) = self.size.filter(|s| *s != written) {
            return Err(StoreError::SizeMismatch {
                digest: self.digest.clone(),
                expected: size,
                actual: written,
            });
        }
        if actual != self.digest {
            return Err(StoreError::DigestMismatch {
                expected: self.digest.clone(),
                actual,
            });
        }
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        let file = buf
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(io_err(&self.tmp))?;
        file.sync_all().map_err(io_err(&self.tmp))?;
        fs::rename(&self.tmp, &self.dest).map_err(io_err(&self.dest))?;
        if let Some(dir) = self.dest.parent() {
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(io_err(dir))?;
        }
        Ok(())
    }
}

impl Write for BlobWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            Some(out) => out.write(buf),
            None => Err(io::Error::other("blob writer already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        // Committed or not, nothing stays under the temp name.
        let _ = fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("storage")).unwrap();
        (dir, store)
    }

    #[test]
    fn verified_blobs_are_stored_and_bad_ones_refused() {
        let (_d, s) = store();
        let d = Digest::of(b"config");
        assert!(matches!(
            s.put_blob_bytes(&d, b"other"),
            Err(StoreError::DigestMismatch { .. })
        ));
        assert!(!s.has_blob(&d));
        s.put_blob_bytes(&d, b"config").unwrap();
        assert_eq!(s.read_blob(&d).unwrap(), b"config");
    }

    #[test]
    fn uncommitted_or_wrong_writers_leave_nothing() {
        let (_d, s) = store();
        let d = Digest::of(b"layer");
        let mut w = s.blob_writer(&d, Some(5)).unwrap();
        w.write_all(b"lay").unwrap();
        drop(w);
        let mut w = s.blob_writer(&d, Some(5)).unwrap();
        w.write_all(b"layex").unwrap();
        assert!(matches!(w.commit(), Err(StoreError::DigestMismatch { .. })));
        assert!(!s.has_blob(&d));
        assert_eq!(fs::read_dir(s.root.join("blobs/.tmp")).unwrap().count(), 0);
        let mut w = s.blob_writer(&d, Some(5)).unwrap();
        w.write_all(b"layer").unwrap();
        w.commit().unwrap();
        assert!(s.has_blob(&d));
    }

    #[test]
    fn a_blob_corrupted_on_disk_is_reported_and_removed() {
        let (_d, s) = store();
        let d = Digest::of(b"good");
        s.put_blob_bytes(&d, b"good").unwrap();
        fs::write(s.blob_path(&d), b"evil").unwrap();
        assert!(matches!(s.read_blob(&d), Err(StoreError::Corrupt { .. })));
        assert!(!s.has_blob(&d));
    }
}
