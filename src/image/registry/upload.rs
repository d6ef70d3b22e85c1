//! The push side of the distribution API: blob existence (HEAD), cross-repository mounts,
//! upload sessions (monolithic `PUT ?digest=` and chunked `PATCH` with `Content-Range`,
//! resumed from the offset the registry reports in `Range` after a failed chunk), and the
//! manifest `PUT`.
//!
//! Every request asks for the push scope (`pull,push` on the destination, plus `pull` on the
//! repository a blob is mounted from). Bodies are in memory (one chunk at most), so a request
//! refused with 401 (a token that expired mid-push) is sent again after authenticating.
//! Upload sessions are never redirected: the registry's `Location` is followed only on its
//! own host and scheme, and credentials go nowhere else.
use super::client::{challenges, Client, Target, BACKOFF};
use super::http::{header, map_ureq_error, refusal, resolve_location, split_url};
use super::token;
use super::{RegistryError, Result};
use crate::config::registries::Endpoint;
use crate::util::digest::Digest;
use ureq::http::Response;
use ureq::Body;

/// One open upload session: where to send the next request, and how many bytes the registry
/// holds.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    location: String,
    offset: u64,
}

impl Upload {
    /// Bytes the registry has received in this session.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }
}

/// What `POST /blobs/uploads/` gave.
#[derive(Debug)]
pub(crate) enum Started {
    /// The registry mounted the blob from the other repository: nothing to upload.
    Mounted,
    /// An upload session to send the blob in.
    Upload(Upload),
}

enum Method {
    Head,
    Get,
    Post,
    Patch,
    Put,
}

/// One request of a push: method, absolute URL or path, extra headers, body.
struct PushRequest<'a> {
    method: Method,
    /// `/v2/…` on the registry, or an absolute URL the registry gave in `Location`.
    url: String,
    headers: Vec<(&'static str, String)>,
    body: &'a [u8],
}

impl Client {
    /// The size of blob `digest` in `ep`'s repository, `None` when it is not there.
    pub(crate) fn blob_size(&self, ep: &Endpoint, digest: &Digest) -> Result<Option<u64>> {
        let t = Target::from(ep);
        let req = PushRequest {
            method: Method::Head,
            url: format!("/v2/{}/blobs/{digest}", ep.repository),
            headers: Vec::new(),
            body: &[],
        };
        self.with_retries(&BACKOFF, || {
            let resp = self.send_push(&t, None, &req)?;
            match resp.status().as_u16() {
                404 => Ok(None),
                // Redirected to the storage that holds it: present, size not said.
                300..=399 => Ok(Some(0)),
                200..=299 => Ok(Some(
                    header(&resp, "content-length")
                        .and_then(|l| l.trim().parse().ok())
                        .unwrap_or(0),
                )),
                _ => Err(self.status_error(&t, resp, &digest.to_string())),
            }
        })
    }

    /// Opens an upload session; with `mount`, first asks the registry to mount blob
    /// `digest` from repository `from` of the same registry.
    pub(crate) fn start_upload(
        &self,
        ep: &Endpoint,
        mount: Option<(&Digest, &str)>,
    ) -> Result<Started> {
        let t = Target::from(ep);
        let mut url = format!("/v2/{}/blobs/uploads/", ep.repository);
        if let Some((digest, from)) = mount {
            url.push_str(&format!("?mount={digest}&from={from}"));
        }
        let req = PushRequest {
            method: Method::Post,
            url,
            headers: Vec::new(),
            body: &[],
        };
        let from = mount.map(|(_, from)| from);
        self.with_retries(&BACKOFF, || {
            let resp = self.send_push(&t, from, &req)?;
            match resp.status().as_u16() {
                201 if mount.is_some() => Ok(Started::Mounted),
                202 => Ok(Started::Upload(self.session(&t, &resp, 0)?)),
                _ => Err(self.status_error(&t, resp, "")),
            }
        })
    }

    /// Sends `data` as the next chunk of `up` (`PATCH` with `Content-Range`). A failed try is
    /// resumed from the offset the registry then reports, as long as that lies within this
    /// chunk; otherwise the error is returned and the caller starts the blob again.
    pub(crate) fn upload_chunk(&self, ep: &Endpoint, up: &mut Upload, data: &[u8]) -> Result<()> {
        let t = Target::from(ep);
        let start = up.offset;
        let end = start + data.len() as u64;
        let mut attempt = 0;
        while up.offset < end {
            let sent = (up.offset - start) as usize;
            let part = &data[sent..];
            let req = PushRequest {
                method: Method::Patch,
                url: up.location.clone(),
                headers: vec![
                    ("Content-Type", "application/octet-stream".into()),
                    (
                        "Content-Range",
                        format!("{}-{}", up.offset, up.offset + part.len() as u64 - 1),
                    ),
                ],
                body: part,
            };
            let result = self.send_push(&t, None, &req).and_then(|resp| {
                if resp.status().as_u16() == 202 {
                    self.session(&t, &resp, up.offset + part.len() as u64)
                } else {
                    Err(self.status_error(&t, resp, "a blob upload"))
                }
            });
            match result {
                Ok(next) => {
                    *up = next;
                    attempt = 0;
                }
                Err(e) if e.is_transient() && attempt < BACKOFF.len() => {
                    log::debug!("upload chunk at {}: {e}; asking where to resume", up.offset);
                    std::thread::sleep(BACKOFF[attempt]);
                    attempt += 1;
                    // A registry that cannot say (or lost the chunk's start) gets the blob
                    // again from the beginning: the caller retries the whole upload.
                    match self.upload_status(&t, up) {
                        Ok(status) if (start..=end).contains(&status.offset) => *up = status,
                        other => {
                            log::debug!("cannot resume the upload: {other:?}");
                            return Err(e);
                        }
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Closes `up` with its last bytes `data` (all of a monolithic upload, or none after
    /// chunks): `PUT ?digest=`. The registry checks the digest of everything it received.
    pub(crate) fn finish_upload(
        &self,
        ep: &Endpoint,
        up: &Upload,
        digest: &Digest,
        data: &[u8],
    ) -> Result<()> {
        let t = Target::from(ep);
        let sep = if up.location.contains('?') { '&' } else { '?' };
        let headers = vec![("Content-Type", "application/octet-stream".into())];
        let req = PushRequest {
            method: Method::Put,
            url: format!("{}{sep}digest={digest}", up.location),
            headers,
            body: data,
        };
        // Not retried: a session whose PUT failed may be closed; the caller starts the blob
        // again, and a blob the registry did take is then found by HEAD.
        let resp = self.send_push(&t, None, &req)?;
        match resp.status().as_u16() {
            201 | 204 => Ok(()),
            _ => Err(self.status_error(&t, resp, &digest.to_string())),
        }
    }

    /// Asks where an upload session stands (`GET` on its location; `Range: 0-<last byte>`).
    fn upload_status(&self, t: &Target, up: &Upload) -> Result<Upload> {
        let req = PushRequest {
            method: Method::Get,
            url: up.location.clone(),
            headers: Vec::new(),
            body: &[],
        };
        let resp = self.send_push(t, None, &req)?;
        match resp.status().as_u16() {
            204 | 200 | 202 => self.session(t, &resp, up.offset),
            _ => Err(self.status_error(t, resp, "a blob upload")),
        }
    }

    /// The session an answer describes: its `Location` (resolved against the registry) and
    /// its `Range`, or `offset` when it sends none.
    fn session(&self, t: &Target, resp: &Response<Body>, offset: u64) -> Result<Upload> {
        let scheme = self.scheme(t)?;
        let base = format!("{scheme}://{}/v2/", t.host);
        let location = header(resp, "location").unwrap_or_default();
        let location =
            resolve_location(&base, &location).ok_or_else(|| RegistryError::Redirect {
                host: t.host.into(),
                location: location.clone(),
                reason: "the upload location cannot be resolved".into(),
            })?;
        let offset = header(resp, "range")
            .and_then(|r| range_received(&r))
            .unwrap_or(offset);
        Ok(Upload { location, offset })
    }

    /// Puts a manifest under `reference` (a tag or its digest); returns its digest.
    pub(crate) fn put_manifest(
        &self,
        ep: &Endpoint,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<Digest> {
        let t = Target::from(ep);
        let req = PushRequest {
            method: Method::Put,
            url: format!("/v2/{}/manifests/{reference}", ep.repository),
            headers: vec![("Content-Type", media_type.to_string())],
            body: bytes,
        };
        self.with_retries(&BACKOFF, || {
            let resp = self.send_push(&t, None, &req)?;
            match resp.status().as_u16() {
                200..=299 => Ok(Digest::of(bytes)),
                _ => Err(self.status_error(&t, resp, reference)),
            }
        })
    }

    /// Sends one push request with the push scope's authorization, authenticating once on a
    /// 401; a second 401 is `Unauthorized`. Redirects are not followed.
    fn send_push(
        &self,
        t: &Target,
        mount_from: Option<&str>,
        req: &PushRequest,
    ) -> Result<Response<Body>> {
        let scope = token::push_scope(t.repository, mount_from);
        let scheme = self.scheme(t)?;
        let url = if req.url.starts_with('/') {
            format!("{scheme}://{}{}", t.host, req.url)
        } else {
            req.url.clone()
        };
        let (url_scheme, authority) = split_url(&url).ok_or_else(|| RegistryError::Redirect {
            host: t.host.into(),
            location: url.clone(),
            reason: "not an http(s) URL".into(),
        })?;
        let to_registry = authority.eq_ignore_ascii_case(t.host) && url_scheme == scheme;
        let agent = self.agent(authority, self.mode(to_registry && t.insecure))?;
        let mut auth = self.auth.get(t.host, &scope);
        let mut fresh = false;
        loop {
            let a = auth.as_deref().filter(|_| to_registry);
            let sent = match req.method {
                Method::Head => with_headers(agent.head(&url), req, a).call(),
                Method::Get => with_headers(agent.get(&url), req, a).call(),
                Method::Post => with_headers(agent.post(&url), req, a).send(req.body),
                Method::Patch => with_headers(agent.patch(&url), req, a).send(req.body),
                Method::Put => with_headers(agent.put(&url), req, a).send(req.body),
            };
            let resp = sent.map_err(|e| map_ureq_error(authority, e))?;
            if resp.status().as_u16() != 401 {
                return Ok(resp);
            }
            if fresh || !to_registry {
                self.auth.remove(t.host, &scope);
                return Err(RegistryError::Unauthorized {
                    host: t.host.into(),
                    repository: t.repository.into(),
                    said: refusal(resp),
                });
            }
            let creds = self.credentials(t.host, t.repository)?;
            let found = challenges(&resp);
            let said = refusal(resp);
            auth = self.authenticate(t, &found, Some(&scope), creds.as_ref(), false)?;
            if auth.is_none() {
                return Err(RegistryError::Unauthorized {
                    host: t.host.into(),
                    repository: t.repository.into(),
                    said,
                });
            }
            fresh = true;
        }
    }
}

fn with_headers<B>(
    mut b: ureq::RequestBuilder<B>,
    req: &PushRequest,
    auth: Option<&str>,
) -> ureq::RequestBuilder<B> {
    for (k, v) in &req.headers {
        b = b.header(*k, v.as_str());
    }
    if let Some(a) = auth {
        b = b.header("Authorization", a);
    }
    b
}

/// Bytes received according to an upload's `Range: 0-<last>` header. `0-0` is read as
/// nothing received (the distribution registry's answer for a fresh session); a session that
/// really holds one byte then fails its next chunk and the blob is started again.
fn range_received(v: &str) -> Option<u64> {
    let v = v.trim();
    let v = v.strip_prefix("bytes=").unwrap_or(v);
    let (start, end) = v.split_once('-')?;
    if start.trim() != "0" {
        return None;
    }
    let end: i64 = end.trim().parse().ok()?;
    Some(if end <= 0 { 0 } else { end as u64 + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_range_header_gives_bytes_received() {
        assert_eq!(range_received("0-0"), Some(0));
        assert_eq!(range_received("0--1"), Some(0));
        assert_eq!(range_received("0-1023"), Some(1024));
        assert_eq!(range_received("bytes=0-9"), Some(10));
        assert_eq!(range_received("5-9"), None);
        assert_eq!(range_received("junk"), None);
    }
}
