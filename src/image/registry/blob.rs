//! Blob downloads: streamed to the caller's sink while hashed, resumed with `Range` after
//! an interrupted transfer (or re-read and skipped when the server ignores the range), and
//! verified for size and sha256 at the end.
use super::client::{Client, Request, Target, BACKOFF};
use super::{RegistryError, Result};
use crate::config::registries::Endpoint;
use crate::util::digest::{Digest, HashingWriter};
use std::io::{self, Read, Write};

const CHUNK: usize = 64 * 1024;

impl Client {
    /// Streams blob `digest` of `ep` into `sink`, calling `progress` with the bytes written
    /// so far. `sink` sees every byte exactly once, in order, also across resumed transfers;
    /// the size (when given) and the digest are verified at the end.
    pub fn get_blob(
        &self,
        ep: &Endpoint,
        digest: &Digest,
        size: Option<u64>,
        sink: &mut dyn Write,
        progress: &dyn Fn(u64),
    ) -> Result<()> {
        fetch(self, ep, digest, size, None, sink, progress)
    }

    /// A small blob (an image config) in memory; refused when larger than `max`.
    pub fn get_blob_bytes(
        &self,
        ep: &Endpoint,
        digest: &Digest,
        size: Option<u64>,
        max: u64,
    ) -> Result<Vec<u8>> {
        if size.is_some_and(|s| s > max) {
            return Err(RegistryError::TooLarge {
                what: format!("blob {digest}"),
                limit: max,
            });
        }
        let mut out = Vec::new();
        fetch(self, ep, digest, size, Some(max), &mut out, &|_| {})?;
        Ok(out)
    }
}

fn fetch(
    client: &Client,
    ep: &Endpoint,
    digest: &Digest,
    size: Option<u64>,
    limit: Option<u64>,
    sink: &mut dyn Write,
    progress: &dyn Fn(u64),
) -> Result<()> {
    let t = Target::from(ep);
    let path = format!("/v2/{}/blobs/{digest}", ep.repository);
    let mut out = HashingWriter::new(sink);
    let mut attempt = 0;
    loop {
        let before = out.written();
        match fetch_once(client, &t, &path, digest, size, limit, &mut out, progress) {
            Ok(()) => break,
            Err(e) if e.is_transient() => {
                // A try that moved the transfer forward does not count against the limit.
                if out.written() > before {
                    attempt = 0;
                }
                if attempt >= BACKOFF.len() {
                    return Err(e);
                }
                log::debug!("blob {digest}: {e}; resuming at byte {}", out.written());
                std::thread::sleep(BACKOFF[attempt]);
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
    let written = out.written();
    let (actual, _) = out.finish();
    if let Some(expected) = size.filter(|s| *s != written) {
        return Err(RegistryError::SizeMismatch {
            repository: ep.repository.clone(),
            digest: digest.clone(),
            expected,
            actual: written,
        });
    }
    if actual != *digest {
        return Err(RegistryError::DigestMismatch {
            repository: ep.repository.clone(),
            expected: digest.clone(),
            actual,
        });
    }
    Ok(())
}

/// One GET of the blob, continuing after the `out.written()` bytes already delivered.
#[allow(clippy::too_many_arguments)]
fn fetch_once(
    client: &Client,
    t: &Target,
    path: &str,
    digest: &Digest,
    size: Option<u64>,
    limit: Option<u64>,
    out: &mut HashingWriter<&mut dyn Write>,
    progress: &dyn Fn(u64),
) -> Result<()> {
    let offset = out.written();
    let req = Request {
        head: false,
        path: path.to_string(),
        accept: None,
        range_from: (offset > 0).then_some(offset),
    };
    let resp = client.send(t, &req)?;
    let short = |detail: String| RegistryError::Connect {
        host: t.host.into(),
        detail,
    };
    let skip = match resp.status().as_u16() {
        200 => offset,
        206 if offset > 0 => {
            let start = resp
                .headers()
                .get("content-range")
                .and_then(|v| v.to_str().ok())
                .and_then(content_range_start);
            if start != Some(offset) {
                return Err(short(format!(
                    "blob {digest}: asked to resume at byte {offset}, got {start:?}"
                )));
            }
            0
        }
        // Everything had arrived; only the end of the last answer was lost.
        416 if offset > 0 && size == Some(offset) => return Ok(()),
        _ => return Err(client.status_error(t, resp, &digest.to_string())),
    };
    // With a Content-Length or chunked framing, ureq reports a cut connection as a read error,
    // so a clean end is the whole answer; without framing, a short end may be a cut.
    let framed = resp.headers().contains_key("content-length")
        || resp
            .headers()
            .get("transfer-encoding")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let mut reader = resp.into_body().into_reader();
    let skipped = io::copy(&mut (&mut reader).take(skip), &mut io::sink())
        .map_err(|e| short(format!("reading blob {digest}: {e}")))?;
    if skipped < skip {
        return Err(short(format!(
            "blob {digest}: connection closed after {skipped} of {skip} bytes"
        )));
    }
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(short(format!("reading blob {digest}: {e}"))),
        };
        let total = out.written() + n as u64;
        if let Some(expected) = size.filter(|s| total > *s) {
            return Err(RegistryError::SizeMismatch {
                repository: t.repository.into(),
                digest: digest.clone(),
                expected,
                actual: total,
            });
        }
        if let Some(max) = limit.filter(|m| total > *m) {
            return Err(RegistryError::TooLarge {
                what: format!("blob {digest}"),
                limit: max,
            });
        }
        out.write_all(&buf[..n])
            .map_err(|source| RegistryError::Write {
                digest: digest.clone(),
                source,
            })?;
        progress(out.written());
    }
    if let Some(expected) = size.filter(|s| out.written() < *s && !framed) {
        return Err(short(format!(
            "blob {digest}: connection closed after {} of {expected} bytes",
            out.written()
        )));
    }
    Ok(())
}

/// The first byte of `Content-Range: bytes START-END/TOTAL`.
fn content_range_start(v: &str) -> Option<u64> {
    v.trim()
        .strip_prefix("bytes")?
        .trim_start()
        .split('-')
        .next()?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_gives_the_start() {
        assert_eq!(content_range_start("bytes 100-199/200"), Some(100));
        assert_eq!(content_range_start("bytes 0-0/*"), Some(0));
        assert_eq!(content_range_start("items 1-2/3"), None);
        assert_eq!(content_range_start("bytes */200"), None);
    }
}
