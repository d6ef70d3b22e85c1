//! A static HTTP server that answers fixed bytes for fixed paths, for the hostile inputs a real
//! registry refuses to store (invalid JSON, an oversized or schema1 manifest, a blob that ends
//! early). Everything a real registry can serve is tested against the real registry instead.
//!
//! ```ignore
//! let fake = FakeRegistry::start();
//! fake.manifest("evil", "latest", image::OCI_MANIFEST, b"{not json".to_vec());
//! env.run(&["pull", &fake.reference("evil:latest")]);   // with --tls-verify=false
//! ```
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One canned answer.
#[derive(Debug, Clone)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Announce this Content-Length instead of the body's (larger: the body ends early).
    pub declared_len: Option<usize>,
}

/// The running server; stops on drop.
pub struct FakeRegistry {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    stop: Arc<AtomicBool>,
    /// Every request line served, for assertions.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl FakeRegistry {
    /// Serves `/v2/` (200) and whatever routes are added later.
    pub fn start() -> FakeRegistry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes = Arc::new(Mutex::new(HashMap::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (r2, s2, q2) = (routes.clone(), stop.clone(), requests.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (routes, requests) = (r2.clone(), q2.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &routes, &requests);
                });
            }
        });
        let fake = FakeRegistry {
            port,
            routes,
            stop,
            requests,
        };
        fake.route(
            "/v2/",
            Route {
                status: 200,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: b"{}".to_vec(),
                declared_len: None,
            },
        );
        fake
    }

    /// `127.0.0.1:<port>`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `127.0.0.1:<port>/<name>`.
    pub fn reference(&self, name: &str) -> String {
        format!("{}/{name}", self.host())
    }

    /// Answers `path` (without query) with `route`.
    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    /// Serves `body` as the manifest `repo:reference` with `media_type` (and the digest header).
    pub fn manifest(&self, repo: &str, reference: &str, media_type: &str, body: Vec<u8>) {
        let digest = super::image::sha256_digest(&body);
        self.route(
            &format!("/v2/{repo}/manifests/{reference}"),
            Route {
                status: 200,
                headers: vec![
                    ("Content-Type".into(), media_type.into()),
                    ("Docker-Content-Digest".into(), digest),
                ],
                body,
                declared_len: None,
            },
        );
    }

    /// Serves `body` as the blob `digest` of `repo` (the digest need not match: hostile).
    pub fn blob(&self, repo: &str, digest: &str, body: Vec<u8>, declared_len: Option<usize>) {
        self.route(
            &format!("/v2/{repo}/blobs/{digest}"),
            Route {
                status: 200,
                headers: vec![("Content-Type".into(), "application/octet-stream".into())],
                body,
                declared_len,
            },
        );
    }

    /// Serves a whole image as `repo:tag` (and by manifest digest); returns nothing: the test
    /// knows the digests from `image`.
    pub fn image(&self, repo: &str, tag: &str, image: &super::image::Image) {
        self.manifest(repo, tag, &image.media_type, image.manifest.clone());
        self.manifest(
            repo,
            &image.manifest_digest,
            &image.media_type,
            image.manifest.clone(),
        );
        self.blob(repo, &image.config_digest, image.config.clone(), None);
        for l in &image.layers {
            self.blob(repo, &l.digest, l.blob.clone(), None);
        }
    }
}

impl Drop for FakeRegistry {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(
    conn: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    requests: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut out = conn;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
                break;
            }
        }
        requests.lock().unwrap().push(line.trim().to_string());
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("");
        let target = parts.next().unwrap_or("");
        let path = target.split('?').next().unwrap_or("");
        let route = routes.lock().unwrap().get(path).cloned().unwrap_or(Route {
            status: 404,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: br#"{"errors":[{"code":"NOT_FOUND","message":"not found"}]}"#.to_vec(),
            declared_len: None,
        });
        let mut head = format!("HTTP/1.1 {} X\r\n", route.status);
        for (k, v) in &route.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\n\r\n",
            route.declared_len.unwrap_or(route.body.len())
        ));
        out.write_all(head.as_bytes())?;
        if method != "HEAD" {
            out.write_all(&route.body)?;
        }
        out.flush()?;
        if route.declared_len.is_some() {
            // The body ends early: close so the client sees a short read, not a hang.
            return out.shutdown(std::net::Shutdown::Both);
        }
    }
}
