//! The registry client: one lazily built connection pool per (host, TLS mode), the
//! https-then-http probe for insecure registries, authentication on 401, redirects that
//! never carry credentials to another host, retries with backoff, and the manifest calls.
//! Blob downloads live in `blob.rs`.
use super::http::{body_snippet, header, map_ureq_error, refusal, resolve_location, split_url};
use super::manifest::{effective_media_type, parse_manifest, MANIFEST_ACCEPT};
use super::tls::{self, TlsMode};
use super::token::{self, AuthCache, Challenge};
use super::{RegistryError, Result};
use crate::config::auth::{AuthFiles, Credentials};
use crate::config::certs::tls_files;
use crate::config::registries::Endpoint;
use crate::config::Paths;
use crate::util::digest::Digest;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;
use ureq::http::Response;
use ureq::tls::Certificate;
use ureq::{Agent, Body};

/// Manifests larger than this are refused (the distribution spec's own limit).
pub(crate) const MAX_MANIFEST_SIZE: u64 = 4 << 20;
/// How many times a request is tried, and the pauses between the tries.
/// The pauses before retrying a request to `ep`. A mirror is asked once: one that does not
/// answer is passed over for the next location at once, as containers/image does, instead of
/// after seconds of backoff; the primary location gets the retries.
fn backoff(ep: &Endpoint) -> &'static [Duration] {
    if ep.mirror {
        &[]
    } else {
        &BACKOFF
    }
}

pub(super) const BACKOFF: [Duration; 4] = [
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];
const MAX_REDIRECTS: usize = 10;
const MAX_TOKEN_ANSWER: u64 = 1 << 20;

/// What the CLI decided about registries for this invocation.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `--tls-verify`: `Some(false)` allows http and unverified TLS everywhere, `Some(true)`
    /// forces verification even for registries marked insecure.
    pub tls_verify: Option<bool>,
    /// `--cert-dir`: used instead of the certs.d folders.
    pub cert_dir: Option<PathBuf>,
    /// `--authfile`.
    pub authfile: Option<PathBuf>,
    /// `--creds`: used for every registry instead of the auth files.
    pub credentials: Option<Credentials>,
    pub user_agent: String,
}

/// A manifest as the registry sent it.
#[derive(Debug, Clone)]
pub struct FetchedManifest {
    pub bytes: Vec<u8>,
    pub media_type: String,
    /// The sha256 of `bytes`.
    pub digest: Digest,
}

/// The registry client. `Send + Sync`: pull threads share one `&Client`.
pub struct Client {
    paths: Paths,
    opts: ClientOptions,
    auth_files: AuthFiles,
    system_roots: OnceLock<Vec<Certificate<'static>>>,
    agents: Mutex<HashMap<(String, TlsMode), Agent>>,
    schemes: Mutex<HashMap<String, &'static str>>,
    pub(super) auth: AuthCache,
}

/// The registry side of a request: which host, which repository (for scopes and
/// credentials), and whether it may be reached insecurely.
pub(super) struct Target<'a> {
    pub(crate) host: &'a str,
    pub(crate) repository: &'a str,
    pub(crate) insecure: bool,
}

impl<'a> From<&'a Endpoint> for Target<'a> {
    fn from(ep: &'a Endpoint) -> Target<'a> {
        Target {
            host: &ep.host,
            repository: &ep.repository,
            insecure: ep.insecure,
        }
    }
}

/// One HTTP request, before auth and redirects.
pub(super) struct Request<'a> {
    pub(crate) head: bool,
    /// Path and query after the host, starting with `/`.
    pub(crate) path: String,
    pub(crate) accept: Option<&'a str>,
    /// Resume from this byte offset (`Range: bytes=N-`).
    pub(crate) range_from: Option<u64>,
}

impl Client {
    pub fn new(paths: &Paths, opts: ClientOptions) -> Result<Client> {
        let auth_files = AuthFiles::discover(paths, opts.authfile.as_deref());
        Ok(Client {
            paths: paths.clone(),
            opts,
            auth_files,
            system_roots: OnceLock::new(),
            agents: Mutex::new(HashMap::new()),
            schemes: Mutex::new(HashMap::new()),
            auth: AuthCache::default(),
        })
    }

    /// Checks that `ep.host` speaks the v2 API (`GET /v2/`); a 401 counts as yes.
    pub fn ping(&self, ep: &Endpoint) -> Result<()> {
        let t = Target::from(ep);
        self.with_retries(backoff(ep), || {
            let resp = self.follow(&t, &v2_root(), None)?;
            match resp.status().as_u16() {
                200..=299 | 401 => Ok(()),
                _ => Err(self.status_error(&t, resp, "")),
            }
        })
    }

    /// For `rcon login`: authenticates to `host` with exactly these credentials.
    /// A registry that needs no authentication accepts them too.
    pub fn check_login(&self, host: &str, creds: &Credentials, insecure: bool) -> Result<()> {
        let t = Target {
            host,
            repository: "",
            insecure,
        };
        let unauthorized = |said: String| RegistryError::Unauthorized {
            host: host.to_string(),
            repository: String::new(),
            said,
        };
        self.with_retries(&BACKOFF, || {
            let resp = self.follow(&t, &v2_root(), None)?;
            match resp.status().as_u16() {
                200..=299 => return Ok(()),
                401 => {}
                _ => return Err(self.status_error(&t, resp, "")),
            }
            let challenges = challenges(&resp);
            let header = self
                .authenticate(&t, &challenges, None, Some(creds), true)?
                .ok_or_else(|| unauthorized(String::new()))?;
            let resp = self.follow(&t, &v2_root(), Some(&header))?;
            match resp.status().as_u16() {
                200..=299 => Ok(()),
                401 | 403 => Err(unauthorized(refusal(resp))),
                _ => Err(self.status_error(&t, resp, "")),
            }
        })
    }

    /// Fetches a manifest by tag or digest, verifying a digest reference, refusing schema 1,
    /// invalid JSON and manifests over 4 MiB.
    pub fn get_manifest(&self, ep: &Endpoint, reference: &str) -> Result<FetchedManifest> {
        let t = Target::from(ep);
        let name = full_name(ep, reference);
        let expected = digest_reference(reference, &name)?;
        let req = Request {
            head: false,
            path: format!("/v2/{}/manifests/{reference}", ep.repository),
            accept: Some(MANIFEST_ACCEPT),
            range_from: None,
        };
        let (bytes, content_type) = self.with_retries(backoff(ep), || {
            let resp = self.send(&t, &req)?;
            let resp = self.check_status(&t, resp, reference)?;
            let content_type = header(&resp, "content-type");
            let mut bytes = Vec::new();
            resp.into_body()
                .into_reader()
                .take(MAX_MANIFEST_SIZE + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| RegistryError::Connect {
                    host: ep.host.clone(),
                    detail: format!("reading the manifest of {name}: {e}"),
                })?;
            Ok((bytes, content_type))
        })?;
        if bytes.len() as u64 > MAX_MANIFEST_SIZE {
            return Err(RegistryError::TooLarge {
                what: format!("the manifest of {name}"),
                limit: MAX_MANIFEST_SIZE,
            });
        }
        let digest = Digest::of(&bytes);
        if let Some(expected) = expected.filter(|e| *e != digest) {
            return Err(RegistryError::DigestMismatch {
                repository: name,
                expected,
                actual: digest,
            });
        }
        let media_type = effective_media_type(content_type.as_deref(), &bytes);
        parse_manifest(&bytes, &media_type).map_err(|e| e.in_context(&name))?;
        Ok(FetchedManifest {
            bytes,
            media_type,
            digest,
        })
    }

    /// The digest and media type of a manifest without fetching it; `None` when the registry
    /// has no such manifest or does not say its digest.
    pub fn head_manifest(
        &self,
        ep: &Endpoint,
        reference: &str,
    ) -> Result<Option<(Digest, String)>> {
        let t = Target::from(ep);
        let req = Request {
            head: true,
            path: format!("/v2/{}/manifests/{reference}", ep.repository),
            accept: Some(MANIFEST_ACCEPT),
            range_from: None,
        };
        self.with_retries(backoff(ep), || {
            let resp = self.send(&t, &req)?;
            if resp.status().as_u16() == 404 {
                return Ok(None);
            }
            let resp = self.check_status(&t, resp, reference)?;
            let digest = header(&resp, "docker-content-digest")
                .and_then(|d| d.trim().parse::<Digest>().ok());
            let media_type = header(&resp, "content-type")
                .map(|c| c.split(';').next().unwrap_or("").trim().to_string())
                .unwrap_or_default();
            Ok(digest.map(|d| (d, media_type)))
        })
    }

    /// Runs `f` again after each pause of `backoff` while it fails with a transient error.
    pub(super) fn with_retries<T>(
        &self,
        backoff: &[Duration],
        mut f: impl FnMut() -> Result<T>,
    ) -> Result<T> {
        let mut attempt = 0;
        loop {
            match f() {
                Err(e) if e.is_transient() && attempt < backoff.len() => {
                    log::debug!("retrying after: {e}");
                    std::thread::sleep(backoff[attempt]);
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// Sends `req` with the cached authorization for its repository, authenticating once on
    /// a 401. Returns any other answer as is; a second 401 is `Unauthorized`.
    pub(super) fn send(&self, t: &Target, req: &Request) -> Result<Response<Body>> {
        let scope = token::pull_scope(t.repository);
        let mut auth = self.auth.get(t.host, &scope);
        let mut fresh = false;
        loop {
            let resp = self.follow_request(t, req, auth.as_deref())?;
            if resp.status().as_u16() != 401 {
                return Ok(resp);
            }
            if fresh {
                self.auth.remove(t.host, &scope);
                return Err(RegistryError::Unauthorized {
                    host: t.host.into(),
                    repository: t.repository.into(),
                    said: refusal(resp),
                });
            }
            let creds = self.credentials(t.host, t.repository)?;
            let challenges = challenges(&resp);
            auth = self.authenticate(t, &challenges, Some(&scope), creds.as_ref(), false)?;
            if auth.is_none() {
                return Err(RegistryError::Unauthorized {
                    host: t.host.into(),
                    repository: t.repository.into(),
                    said: refusal(resp),
                });
            }
            fresh = true;
        }
    }

    /// Answers `challenges`: fetches a token (Bearer) or builds a Basic header, and caches
    /// it. `None` when Basic is asked for and there are no credentials.
    pub(super) fn authenticate(
        &self,
        t: &Target,
        challenges: &[Challenge],
        scope: Option<&str>,
        creds: Option<&Credentials>,
        login: bool,
    ) -> Result<Option<String>> {
        let cache_scope = scope.unwrap_or("");
        let bearer = challenges.iter().find_map(|c| match c {
            Challenge::Bearer { realm, service, .. } => Some((realm, service)),
            Challenge::Basic => None,
        });
        if let Some((realm, service)) = bearer {
            let account = creds.filter(|_| login).map(|c| c.username.as_str());
            let tok = self.fetch_token(t, realm, service.as_deref(), scope, account, creds)?;
            let header = format!("Bearer {}", tok.token);
            self.auth
                .put(t.host, cache_scope, header.clone(), Some(tok.expires_in));
            return Ok(Some(header));
        }
        if challenges.contains(&Challenge::Basic) {
            let Some(creds) = creds else { return Ok(None) };
            let header = token::basic_header(creds);
            self.auth.put(t.host, cache_scope, header.clone(), None);
            return Ok(Some(header));
        }
        Err(RegistryError::Auth {
            host: t.host.into(),
            detail: "the registry asked for an authentication scheme rcon does not know (only Bearer and Basic)".into(),
        })
    }

    /// Asks the token service for a Bearer token: a GET with Basic credentials (or none), or
    /// the OAuth2 refresh-token POST when the auth file holds an identity token.
    fn fetch_token(
        &self,
        t: &Target,
        realm: &str,
        service: Option<&str>,
        scope: Option<&str>,
        account: Option<&str>,
        creds: Option<&Credentials>,
    ) -> Result<token::Token> {
        let url = realm;
        let (scheme, authority) = split_url(url).ok_or_else(|| RegistryError::Auth {
            host: t.host.into(),
            detail: format!("the token realm {url:?} is not an http(s) URL"),
        })?;
        let same_host = authority.eq_ignore_ascii_case(t.host);
        if scheme == "http" && !same_host && !self.allows_insecure(t.insecure) {
            return Err(RegistryError::Auth {
                host: t.host.into(),
                detail: format!(
                    "the token realm {url:?} is plain http; refusing to send credentials there"
                ),
            });
        }
        let agent = self.agent(authority, self.mode(same_host && t.insecure))?;
        let sent = match creds.and_then(|c| c.identity_token.as_deref()) {
            Some(refresh) => agent
                .post(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(token::oauth_form(service, scope, refresh)),
            None => {
                let mut req = agent.get(token::token_url(realm, service, scope, account));
                if let Some(c) = creds {
                    req = req.header("Authorization", token::basic_header(c));
                }
                req.call()
            }
        };
        let resp = sent.map_err(|e| map_ureq_error(authority, e))?;
        match resp.status().as_u16() {
            200..=299 => {}
            401 | 403 => {
                return Err(RegistryError::Unauthorized {
                    host: t.host.into(),
                    repository: t.repository.into(),
                    said: refusal(resp),
                })
            }
            status @ (429 | 500..=599) => {
                return Err(RegistryError::Http {
                    host: authority.into(),
                    status,
                    body: body_snippet(resp),
                })
            }
            status => {
                return Err(RegistryError::Auth {
                    host: t.host.into(),
                    detail: format!(
                        "the token service {authority} answered HTTP {status}: {}",
                        body_snippet(resp)
                    ),
                })
            }
        }
        let mut body = Vec::new();
        resp.into_body()
            .into_reader()
            .take(MAX_TOKEN_ANSWER)
            .read_to_end(&mut body)
            .map_err(|e| RegistryError::Connect {
                host: authority.into(),
                detail: e.to_string(),
            })?;
        token::parse_token_response(&body).map_err(|e| RegistryError::Auth {
            host: t.host.into(),
            detail: e.to_string(),
        })
    }

    /// `--creds`, else the auth files for the host (and `docker.io` for Docker Hub).
    pub(super) fn credentials(&self, host: &str, repository: &str) -> Result<Option<Credentials>> {
        if let Some(c) = &self.opts.credentials {
            return Ok(Some(c.clone()));
        }
        let mut hosts = vec![host];
        if host == "registry-1.docker.io" {
            hosts.push("docker.io");
        }
        for h in hosts {
            let found =
                self.auth_files
                    .lookup(h, repository)
                    .map_err(|e| RegistryError::Credentials {
                        host: h.into(),
                        detail: e.to_string(),
                    })?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// Sends `req` to the registry and follows redirects itself, so that `auth` goes to the
    /// registry's own host and scheme only, never to the storage a blob is redirected to.
    pub(super) fn follow_request(
        &self,
        t: &Target,
        req: &Request,
        auth: Option<&str>,
    ) -> Result<Response<Body>> {
        let scheme = self.scheme(t)?;
        let mut url = format!("{scheme}://{}{}", t.host, req.path);
        for _ in 0..=MAX_REDIRECTS {
            let (url_scheme, authority) =
                split_url(&url).ok_or_else(|| RegistryError::Redirect {
                    host: t.host.into(),
                    location: url.clone(),
                    reason: "not an http(s) URL".into(),
                })?;
            let to_registry = authority.eq_ignore_ascii_case(t.host);
            let agent = self.agent(authority, self.mode(to_registry && t.insecure))?;
            let mut r = if req.head {
                agent.head(&url)
            } else {
                agent.get(&url)
            };
            if let Some(accept) = req.accept {
                r = r.header("Accept", accept);
            }
            if let Some(from) = req.range_from {
                r = r.header("Range", format!("bytes={from}-"));
            }
            if let Some(auth) = auth.filter(|_| to_registry && url_scheme == scheme) {
                r = r.header("Authorization", auth);
            }
            let resp = r.call().map_err(|e| map_ureq_error(authority, e))?;
            if !matches!(resp.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
                return Ok(resp);
            }
            let location = header(&resp, "location").unwrap_or_default();
            let next =
                resolve_location(&url, &location).ok_or_else(|| RegistryError::Redirect {
                    host: t.host.into(),
                    location: location.clone(),
                    reason: "cannot resolve it".into(),
                })?;
            if next.starts_with("http://")
                && url_scheme == "https"
                && !self.allows_insecure(t.insecure)
            {
                return Err(RegistryError::Redirect {
                    host: t.host.into(),
                    location,
                    reason: "a downgrade from https to plain http".into(),
                });
            }
            url = next;
        }
        Err(RegistryError::Redirect {
            host: t.host.into(),
            location: url,
            reason: "too many redirects".into(),
        })
    }

    fn follow(&self, t: &Target, path: &str, auth: Option<&str>) -> Result<Response<Body>> {
        let req = Request {
            head: false,
            path: path.to_string(),
            accept: None,
            range_from: None,
        };
        self.follow_request(t, &req, auth)
    }

    /// `https`, or for an insecure registry whichever of https (unverified) and http answers
    /// first, as Podman does; remembered per host.
    pub(super) fn scheme(&self, t: &Target) -> Result<&'static str> {
        if !self.allows_insecure(t.insecure) {
            return Ok("https");
        }
        if let Some(s) = self
            .schemes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(t.host)
        {
            return Ok(s);
        }
        let agent = self.agent(t.host, TlsMode::Unverified)?;
        let probe = |scheme: &str| agent.get(format!("{scheme}://{}/v2/", t.host)).call();
        let scheme = match probe("https") {
            Ok(_) => "https",
            Err(https_err) => match probe("http") {
                Ok(_) => "http",
                Err(e) => {
                    log::debug!("https to {} failed too: {https_err}", t.host);
                    return Err(map_ureq_error(t.host, e));
                }
            },
        };
        self.schemes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(t.host.to_string(), scheme);
        Ok(scheme)
    }

    /// Whether http and unverified TLS are allowed for a registry marked `insecure` or not.
    fn allows_insecure(&self, insecure: bool) -> bool {
        self.opts.tls_verify.map_or(insecure, |verify| !verify)
    }

    pub(super) fn mode(&self, insecure: bool) -> TlsMode {
        if self.allows_insecure(insecure) {
            TlsMode::Unverified
        } else {
            TlsMode::Verified
        }
    }

    /// The connection pool for `host` in `mode`, built on first use.
    pub(super) fn agent(&self, host: &str, mode: TlsMode) -> Result<Agent> {
        let key = (host.to_ascii_lowercase(), mode);
        if let Some(a) = self
            .agents
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(a.clone());
        }
        let files = tls_files(&self.paths, self.opts.cert_dir.as_deref(), host);
        files.check().map_err(|source| RegistryError::Certs {
            host: host.into(),
            source,
        })?;
        let roots = self.system_roots.get_or_init(tls::system_roots);
        let tls_config = tls::config(roots, &files, mode)?;
        let mut config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .accept_encoding("identity")
            .timeout_connect(Some(Duration::from_secs(30)))
            .timeout_recv_response(Some(Duration::from_secs(120)))
            .timeout_per_read(Some(Duration::from_secs(120)))
            .tls_config(tls_config);
        if !self.opts.user_agent.is_empty() {
            config = config.user_agent(self.opts.user_agent.as_str());
        }
        let agent = Agent::new_with_config(config.build());
        let mut agents = self.agents.lock().unwrap_or_else(|e| e.into_inner());
        Ok(agents.entry(key).or_insert(agent).clone())
    }

    /// Passes 2xx answers through and turns the others into errors.
    pub(super) fn check_status(
        &self,
        t: &Target,
        resp: Response<Body>,
        reference: &str,
    ) -> Result<Response<Body>> {
        if resp.status().is_success() {
            Ok(resp)
        } else {
            Err(self.status_error(t, resp, reference))
        }
    }

    pub(super) fn status_error(
        &self,
        t: &Target,
        resp: Response<Body>,
        reference: &str,
    ) -> RegistryError {
        match resp.status().as_u16() {
            404 => RegistryError::NotFound {
                host: t.host.into(),
                repository: t.repository.into(),
                reference: reference.into(),
            },
            401 | 403 => RegistryError::Unauthorized {
                host: t.host.into(),
                repository: t.repository.into(),
                said: refusal(resp),
            },
            status => RegistryError::Http {
                host: t.host.into(),
                status,
                body: body_snippet(resp),
            },
        }
    }
}

fn v2_root() -> String {
    "/v2/".to_string()
}

/// `host/repository:tag` or `host/repository@digest`, for messages.
fn full_name(ep: &Endpoint, reference: &str) -> String {
    let sep = if reference.contains(':') { '@' } else { ':' };
    format!("{}/{}{sep}{reference}", ep.host, ep.repository)
}

/// The digest a reference pins, if it is a digest; other algorithms cannot be verified.
fn digest_reference(reference: &str, name: &str) -> Result<Option<Digest>> {
    if !reference.contains(':') {
        return Ok(None);
    }
    reference
        .parse::<Digest>()
        .map(Some)
        .map_err(|_| RegistryError::InvalidManifest {
            name: name.to_string(),
            reason: "the digest cannot be verified: rcon supports sha256 digests only".into(),
        })
}

pub(super) fn challenges(resp: &Response<Body>) -> Vec<Challenge> {
    resp.headers()
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(token::parse_www_authenticate)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_digest_references() {
        let ep = Endpoint {
            host: "r.io".into(),
            repository: "a/b".into(),
            insecure: false,
            mirror: false,
        };
        assert_eq!(full_name(&ep, "v1"), "r.io/a/b:v1");
        let d = Digest::of(b"m");
        assert_eq!(full_name(&ep, &d.to_string()), format!("r.io/a/b@{d}"));
        assert_eq!(digest_reference("latest", "n").unwrap(), None);
        assert_eq!(digest_reference(&d.to_string(), "n").unwrap(), Some(d));
        assert!(digest_reference("sha512:abcd", "n").is_err());
    }

    #[test]
    fn client_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Client>();
    }
}
