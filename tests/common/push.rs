//! A small registry client for the harness: pushes blobs, manifests and whole images with the
//! distribution API (`POST /v2/<name>/blobs/uploads/` then `PUT <location>?digest=`), reads
//! manifests and blobs back, and answers Bearer challenges with the credentials it was given.
//!
//! It is the harness's own client, independent of rcon's, so a bug in rcon's registry code cannot
//! hide itself by being used to set up its own test.
use super::image::{sha256_digest, Image, Index};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use ureq::http;

/// A response, fully read.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A client for one registry (`http://127.0.0.1:PORT` or `https://…`).
pub struct Client {
    agent: ureq::Agent,
    base: String,
    creds: Option<(String, String)>,
    tokens: Mutex<HashMap<String, String>>,
}

impl Client {
    /// A client for `base`, trusting `ca_pem` for TLS, answering Bearer challenges with `creds`.
    pub fn new(base: &str, ca_pem: Option<&[u8]>, creds: Option<(String, String)>) -> Client {
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(std::time::Duration::from_secs(60)));
        if let Some(pem) = ca_pem {
            let cert = ureq::tls::Certificate::from_pem(pem)
                .expect("parse the test CA")
                .to_owned();
            let tls = ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![cert])))
                .build();
            config = config.tls_config(tls);
        }
        Client {
            agent: config.build().new_agent(),
            base: base.trim_end_matches('/').to_string(),
            creds,
            tokens: Mutex::new(HashMap::new()),
        }
    }

    /// The registry's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends one request (`path` relative to the base, or an absolute URL), answering one Bearer
    /// challenge for `scope` if the registry asks; panics only on transport errors.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
        scope: &str,
    ) -> Resp {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        };
        let token = self.tokens.lock().unwrap().get(scope).cloned();
        let resp = self.send(method, &url, headers, body, token.as_deref());
        if resp.status != 401 {
            return resp;
        }
        let Some(challenge) = resp.header("www-authenticate").map(str::to_string) else {
            return resp;
        };
        let Some(token) = self.fetch_token(&challenge, scope) else {
            return resp;
        };
        self.tokens
            .lock()
            .unwrap()
            .insert(scope.to_string(), token.clone());
        self.send(method, &url, headers, body, Some(&token))
    }

    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
        token: Option<&str>,
    ) -> Resp {
        let mut b = http::Request::builder().method(method).uri(url);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        if let Some(t) = token {
            b = b.header("Authorization", format!("Bearer {t}"));
        }
        let result = match body {
            Some(body) => self.agent.run(b.body(body.to_vec()).unwrap()),
            None => self.agent.run(b.body(()).unwrap()),
        };
        let mut r = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let status = r.status().as_u16();
        let headers = r
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = if method == "HEAD" {
            Vec::new()
        } else {
            r.body_mut()
                .with_config()
                .limit(1 << 30)
                .read_to_vec()
                .unwrap_or_default()
        };
        Resp {
            status,
            headers,
            body,
        }
    }

    /// Follows a `Bearer realm=…,service=…` challenge to the token server.
    fn fetch_token(&self, challenge: &str, scope: &str) -> Option<String> {
        let rest = challenge.strip_prefix("Bearer ")?;
        let params = parse_challenge(rest);
        let realm = params.get("realm")?;
        let mut url = format!(
            "{realm}?service={}",
            params.get("service").map(String::as_str).unwrap_or("")
        );
        if !scope.is_empty() {
            url.push_str(&format!("&scope={scope}"));
        }
        let mut b = http::Request::builder().method("GET").uri(&url);
        if let Some((u, p)) = &self.creds {
            use base64::Engine as _;
            let basic = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
            b = b.header("Authorization", format!("Basic {basic}"));
        }
        let mut r = self.agent.run(b.body(()).unwrap()).ok()?;
        if r.status() != 200 {
            return None;
        }
        let v: serde_json::Value = r.body_mut().read_json().ok()?;
        v.get("token")
            .or_else(|| v.get("access_token"))?
            .as_str()
            .map(str::to_string)
    }

    /// Uploads `data` as a blob of `repo` unless the registry has it; returns its digest.
    pub fn push_blob(&self, repo: &str, data: &[u8]) -> String {
        let digest = sha256_digest(data);
        let scope = format!("repository:{repo}:pull,push");
        let head = self.request(
            "HEAD",
            &format!("/v2/{repo}/blobs/{digest}"),
            &[],
            None,
            &scope,
        );
        if head.status == 200 {
            return digest;
        }
        let start = self.request(
            "POST",
            &format!("/v2/{repo}/blobs/uploads/"),
            &[],
            Some(&[]),
            &scope,
        );
        assert_eq!(
            start.status,
            202,
            "start upload to {repo}: {} {}",
            start.status,
            start.text()
        );
        let location = start
            .header("location")
            .expect("upload location")
            .to_string();
        let sep = if location.contains('?') { '&' } else { '?' };
        let put = self.request(
            "PUT",
            &format!("{location}{sep}digest={digest}"),
            &[("Content-Type", "application/octet-stream")],
            Some(data),
            &scope,
        );
        assert_eq!(
            put.status,
            201,
            "finish upload of {digest} to {repo}: {} {}",
            put.status,
            put.text()
        );
        digest
    }

    /// PUTs a manifest under `reference` (a tag or a digest); returns the registry's response so
    /// a test may expect a refusal.
    pub fn put_manifest(&self, repo: &str, reference: &str, media_type: &str, data: &[u8]) -> Resp {
        let scope = format!("repository:{repo}:pull,push");
        self.request(
            "PUT",
            &format!("/v2/{repo}/manifests/{reference}"),
            &[("Content-Type", media_type)],
            Some(data),
            &scope,
        )
    }

    /// PUTs a manifest and fails the test unless the registry stored it; returns its digest.
    pub fn push_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        data: &[u8],
    ) -> String {
        let r = self.put_manifest(repo, reference, media_type, data);
        assert_eq!(
            r.status,
            201,
            "push manifest {repo}:{reference}: {} {}",
            r.status,
            r.text()
        );
        sha256_digest(data)
    }

    /// Pushes an image's layers, config and manifest under `tag`; returns the manifest digest.
    pub fn push_image(&self, repo: &str, tag: &str, image: &Image) -> String {
        for layer in &image.layers {
            self.push_blob(repo, &layer.blob);
        }
        self.push_blob(repo, &image.config);
        self.push_manifest(repo, tag, &image.media_type, &image.manifest)
    }

    /// Pushes every image of `index` by digest, then the index under `tag`; returns its digest.
    pub fn push_index(&self, repo: &str, tag: &str, index: &Index) -> String {
        for image in &index.images {
            for layer in &image.layers {
                self.push_blob(repo, &layer.blob);
            }
            self.push_blob(repo, &image.config);
            self.push_manifest(
                repo,
                &image.manifest_digest,
                &image.media_type,
                &image.manifest,
            );
        }
        self.push_manifest(repo, tag, &index.media_type, &index.bytes)
    }

    /// GETs a manifest, accepting every manifest type; returns (Content-Type, body).
    pub fn get_manifest(&self, repo: &str, reference: &str) -> (String, Vec<u8>) {
        let accept = [
            super::image::OCI_MANIFEST,
            super::image::OCI_INDEX,
            super::image::DOCKER_MANIFEST,
            super::image::DOCKER_LIST,
        ]
        .join(", ");
        let scope = format!("repository:{repo}:pull");
        let r = self.request(
            "GET",
            &format!("/v2/{repo}/manifests/{reference}"),
            &[("Accept", &accept)],
            None,
            &scope,
        );
        assert_eq!(
            r.status,
            200,
            "get manifest {repo}:{reference}: {} {}",
            r.status,
            r.text()
        );
        (r.header("content-type").unwrap_or("").to_string(), r.body)
    }

    /// GETs a blob.
    pub fn get_blob(&self, repo: &str, digest: &str) -> Vec<u8> {
        let scope = format!("repository:{repo}:pull");
        let r = self.request(
            "GET",
            &format!("/v2/{repo}/blobs/{digest}"),
            &[],
            None,
            &scope,
        );
        assert_eq!(
            r.status,
            200,
            "get blob {repo}@{digest}: {} {}",
            r.status,
            r.text()
        );
        r.body
    }
}

/// Parses `k="v",k2="v2"` of a WWW-Authenticate challenge.
pub fn parse_challenge(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let key = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        rest = &rest[eq + 1..];
        let value;
        if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').unwrap_or(r.len());
            value = r[..end].to_string();
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            value = rest[..end].trim().to_string();
            rest = &rest[end..];
        }
        out.insert(key, value);
        rest = rest.trim_start_matches(',').trim();
    }
    out
}
