//! rcon's registry client against a real registry: Debian's `docker-registry` (CNCF
//! distribution) on a free loopback port with its own temporary storage. The test pushes an
//! image with plain ureq calls, then reads it back through `rcon::image::registry::Client`.
//! Skipped, with a note, when `docker-registry` is not installed.
use rcon::config::registries::Endpoint;
use rcon::config::Paths;
use rcon::image::registry::manifest::{OCI_INDEX, OCI_MANIFEST};
use rcon::image::registry::{parse_manifest, Client, ClientOptions, Manifest, RegistryError};
use rcon::util::digest::Digest;
use std::cell::Cell;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const REGISTRY_BIN: &str = "/usr/bin/docker-registry";

/// A running `docker-registry`, killed and its storage removed on drop.
struct Registry {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Registry {
    fn start() -> Option<Registry> {
        if !Path::new(REGISTRY_BIN).exists() {
            eprintln!("note: {REGISTRY_BIN} is not installed; skipping the registry client test");
            return None;
        }
        let port = free_port();
        let dir = std::env::temp_dir().join(format!(
            "rcon-registry-client-{}-{port}",
            std::process::id()
        ));
        std::fs::create_dir_all(dir.join("storage")).unwrap();
        let config = format!(
            "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {}\n\
             http:\n  addr: 127.0.0.1:{port}\n",
            dir.join("storage").display()
        );
        std::fs::write(dir.join("config.yml"), config).unwrap();
        let log = std::fs::File::create(dir.join("registry.log")).unwrap();
        let child = Command::new(REGISTRY_BIN)
            .arg("serve")
            .arg(dir.join("config.yml"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start docker-registry");
        let reg = Registry { child, dir, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(resp) = agent().get(&format!("{}/v2/", reg.base())).call() {
                if resp.status().as_u16() == 200 {
                    return Some(reg);
                }
            }
            assert!(
                Instant::now() < deadline,
                "registry did not start: {}",
                reg.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("registry.log")).unwrap_or_default()
    }

    fn endpoint(&self, repository: &str) -> Endpoint {
        Endpoint {
            host: format!("127.0.0.1:{}", self.port),
            repository: repository.to_string(),
            insecure: true,
            mirror: false,
        }
    }

    /// Uploads a blob in one PUT (`POST uploads/`, then `PUT <location>&digest=`).
    fn push_blob(&self, name: &str, data: &[u8]) -> Digest {
        let digest = Digest::of(data);
        let resp = agent()
            .post(&format!("{}/v2/{name}/blobs/uploads/", self.base()))
            .send(&[][..])
            .unwrap();
        assert_eq!(resp.status().as_u16(), 202, "start upload");
        let location = resp
            .headers()
            .get("location")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let location = if location.starts_with('/') {
            format!("{}{location}", self.base())
        } else {
            location
        };
        let sep = if location.contains('?') { '&' } else { '?' };
        let resp = agent()
            .put(&format!("{location}{sep}digest={digest}"))
            .header("Content-Type", "application/octet-stream")
            .send(data)
            .unwrap();
        assert_eq!(resp.status().as_u16(), 201, "finish upload of {digest}");
        digest
    }

    fn push_manifest(&self, name: &str, reference: &str, media_type: &str, data: &[u8]) -> Digest {
        let resp = agent()
            .put(&format!("{}/v2/{name}/manifests/{reference}", self.base()))
            .header("Content-Type", media_type)
            .send(data)
            .unwrap();
        let status = resp.status().as_u16();
        assert_eq!(
            status,
            201,
            "push manifest {name}:{reference}: {}",
            self.log()
        );
        Digest::of(data)
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn client(home: &Path) -> Client {
    let paths = Paths {
        root: home.join("root"),
        volume_path: None,
        runroot: home.join("run"),
        config_home: home.join("config"),
        runtime_dir: None,
        home: home.to_path_buf(),
    };
    let opts = ClientOptions {
        user_agent: "rcon-test".into(),
        ..ClientOptions::default()
    };
    Client::new(&paths, opts).unwrap()
}

fn descriptor(media_type: &str, digest: &Digest, size: usize) -> serde_json::Value {
    serde_json::json!({ "mediaType": media_type, "digest": digest.to_string(), "size": size })
}

/// Bytes that do not repeat in short cycles, so an off-by-N resume would change the hash.
fn layer_bytes(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn client_reads_back_what_was_pushed_to_a_real_registry() {
    let Some(reg) = Registry::start() else { return };
    let home = tempfile::tempdir().unwrap();
    let client = client(home.path());
    let name = "test/app";
    let ep = reg.endpoint(name);

    let config =
        br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
    let layer = layer_bytes(3 * 1024 * 1024 + 17);
    let config_digest = reg.push_blob(name, config);
    let layer_digest = reg.push_blob(name, &layer);
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": descriptor("application/vnd.oci.image.config.v1+json", &config_digest, config.len()),
        "layers": [descriptor("application/vnd.oci.image.layer.v1.tar+gzip", &layer_digest, layer.len())],
    }))
    .unwrap();
    let manifest_digest = reg.push_manifest(name, "v1", OCI_MANIFEST, &manifest);
    let mut entry = descriptor(OCI_MANIFEST, &manifest_digest, manifest.len());
    entry["platform"] = serde_json::json!({ "os": "linux", "architecture": "amd64" });
    let index = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [entry],
    }))
    .unwrap();
    let index_digest = reg.push_manifest(name, "multi", OCI_INDEX, &index);

    client.ping(&ep).expect("ping");

    // Manifests by tag and by digest, with media type and digest.
    let got = client.get_manifest(&ep, "v1").expect("manifest by tag");
    assert_eq!(got.bytes, manifest);
    assert_eq!(got.media_type, OCI_MANIFEST);
    assert_eq!(got.digest, manifest_digest);
    let Manifest::Image(image) = parse_manifest(&got.bytes, &got.media_type).unwrap() else {
        panic!("expected an image manifest")
    };
    assert_eq!(image.layers[0].digest, layer_digest);
    let by_digest = client
        .get_manifest(&ep, &manifest_digest.to_string())
        .expect("manifest by digest");
    assert_eq!(by_digest.bytes, manifest);
    let idx = client.get_manifest(&ep, "multi").expect("index");
    assert_eq!(
        (idx.media_type.as_str(), &idx.digest),
        (OCI_INDEX, &index_digest)
    );
    assert!(
        matches!(parse_manifest(&idx.bytes, &idx.media_type).unwrap(), Manifest::Index(e) if e.len() == 1)
    );

    // HEAD gives the digest and media type; a missing tag gives None.
    let head = client.head_manifest(&ep, "v1").expect("head");
    assert_eq!(
        head,
        Some((manifest_digest.clone(), OCI_MANIFEST.to_string()))
    );
    assert_eq!(
        client
            .head_manifest(&ep, "nope")
            .expect("head of a missing tag"),
        None
    );

    // Blobs: streamed with progress, and small ones in memory.
    let mut sink = Vec::new();
    let last = Cell::new(0u64);
    client
        .get_blob(
            &ep,
            &layer_digest,
            Some(layer.len() as u64),
            &mut sink,
            &|n| {
                assert!(n >= last.get());
                last.set(n);
            },
        )
        .expect("layer blob");
    assert_eq!(sink, layer);
    assert_eq!(last.get(), layer.len() as u64);
    let cfg = client
        .get_blob_bytes(&ep, &config_digest, Some(config.len() as u64), 1 << 20)
        .expect("config");
    assert_eq!(cfg, config);
    let e = client
        .get_blob_bytes(&ep, &layer_digest, None, 1024)
        .unwrap_err();
    assert!(matches!(e, RegistryError::TooLarge { .. }), "{e}");

    // A size that does not match what the registry holds.
    let e = client
        .get_blob(
            &ep,
            &config_digest,
            Some(config.len() as u64 + 1),
            &mut Vec::new(),
            &|_| {},
        )
        .unwrap_err();
    assert!(matches!(e, RegistryError::SizeMismatch { .. }), "{e}");

    // Wrong digests and missing things are NotFound, so pull can try the next candidate.
    let absent = Digest::of(b"not pushed");
    let e = client.get_manifest(&ep, &absent.to_string()).unwrap_err();
    assert!(e.is_not_found(), "{e}");
    assert!(e.to_string().contains(&absent.to_string()), "{e}");
    let e = client
        .get_blob(&ep, &absent, None, &mut Vec::new(), &|_| {})
        .unwrap_err();
    assert!(e.is_not_found(), "{e}");
    let e = client.get_manifest(&ep, "nope").unwrap_err();
    assert!(e.is_not_found(), "{e}");
    assert!(
        e.to_string()
            .contains(&format!("127.0.0.1:{}/test/app:nope", reg.port)),
        "{e}"
    );
    let e = client
        .get_manifest(&reg.endpoint("no/such/repo"), "v1")
        .unwrap_err();
    assert!(e.is_not_found(), "{e}");

    // A registry that is not there is a connection error, not a NotFound.
    let mut gone = reg.endpoint(name);
    gone.host = format!("127.0.0.1:{}", free_port());
    let e = client.get_manifest(&gone, "v1").unwrap_err();
    assert!(matches!(e, RegistryError::Connect { .. }), "{e}");
}

#[test]
fn a_registry_not_marked_insecure_is_not_reached_over_http() {
    let Some(reg) = Registry::start() else { return };
    let home = tempfile::tempdir().unwrap();
    let client = client(home.path());
    let mut ep = reg.endpoint("test/app");
    ep.insecure = false;
    let e = client.ping(&ep).unwrap_err();
    assert!(
        matches!(e, RegistryError::Tls { .. } | RegistryError::Connect { .. }),
        "{e}"
    );
    assert!(
        e.to_string().contains("--tls-verify=false") || matches!(e, RegistryError::Connect { .. }),
        "{e}"
    );
}

// Failures a healthy registry does not produce on demand (cut connections, servers that
// ignore Range, redirects to storage, token auth, corrupt content) come from a small scripted
// HTTP/1.1 server: one thread per connection, `Connection: close`, every request recorded.

/// A request as the scripted server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the scripted server answers; `cut_after` sends only that many body bytes, then closes.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    cut_after: Option<usize>,
}

impl Reply {
    fn new(status: u16, body: &[u8]) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.to_vec(),
            cut_after: None,
        }
    }
    fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }
}

type Handler = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

struct Scripted {
    addr: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<Seen>>>,
}

impl Scripted {
    /// Serves on `ip` (any free port); the handler gets each request and how many came before.
    fn start(
        ip: &str,
        handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static,
    ) -> Scripted {
        use std::io::{BufRead, BufReader, Write};
        let listener = TcpListener::bind((ip, 0)).unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Seen>::new()));
        let handler: std::sync::Arc<Handler> = std::sync::Arc::new(handler);
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (handler, log) = (handler.clone(), log.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return; // a TLS ClientHello from the https probe
                    }
                    let mut parts = line.split_whitespace();
                    let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
                        return;
                    };
                    let mut headers = Vec::new();
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':') {
                            headers.push((k.trim().to_string(), v.trim().to_string()));
                        }
                    }
                    let req = Seen {
                        method: method.into(),
                        path: path.into(),
                        headers,
                    };
                    let n = {
                        let mut log = log.lock().unwrap();
                        log.push(req.clone());
                        log.len() - 1
                    };
                    let reply = handler(&req, n);
                    let mut out = stream;
                    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
                    if !reply
                        .headers
                        .iter()
                        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    {
                        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
                    }
                    for (k, v) in &reply.headers {
                        head.push_str(&format!("{k}: {v}\r\n"));
                    }
                    head.push_str("\r\n");
                    let _ = out.write_all(head.as_bytes());
                    if req.method != "HEAD" {
                        let end = reply
                            .cut_after
                            .unwrap_or(reply.body.len())
                            .min(reply.body.len());
                        let _ = out.write_all(&reply.body[..end]);
                    }
                    let _ = out.flush();
                    let _ = out.shutdown(std::net::Shutdown::Both);
                });
            }
        });
        Scripted { addr, seen }
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint {
            host: self.addr.clone(),
            repository: "x/y".into(),
            insecure: true,
            mirror: false,
        }
    }

    fn seen(&self, path_prefix: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path.starts_with(path_prefix))
            .cloned()
            .collect()
    }
}

/// Answers `Range: bytes=N-` with 206 and the rest, or the whole blob with 200.
fn ranged(req: &Seen, data: &[u8]) -> Reply {
    match req.header("range").and_then(|r| {
        r.strip_prefix("bytes=")?
            .strip_suffix('-')?
            .parse::<usize>()
            .ok()
    }) {
        Some(from) => Reply::new(206, &data[from..]).header(
            "Content-Range",
            &format!("bytes {from}-{}/{}", data.len() - 1, data.len()),
        ),
        None => Reply::new(200, data),
    }
}

#[test]
fn an_interrupted_blob_resumes_with_range() {
    let data = layer_bytes(200_000);
    let digest = Digest::of(&data);
    let d = data.clone();
    let server = Scripted::start("127.0.0.1", move |req, _| {
        let mut reply = ranged(req, &d);
        if req.header("range").is_none() {
            reply.cut_after = Some(70_000);
        }
        reply
    });
    let home = tempfile::tempdir().unwrap();
    let mut sink = Vec::new();
    client(home.path())
        .get_blob(
            &server.endpoint(),
            &digest,
            Some(data.len() as u64),
            &mut sink,
            &|_| {},
        )
        .expect("resumed blob");
    assert!(
        sink == data,
        "the sink saw every byte exactly once, in order"
    );
    let gets = server.seen("/v2/x/y/blobs/");
    assert_eq!(gets.len(), 2, "{gets:?}");
    let range = gets[1]
        .header("range")
        .expect("second GET asks for the rest");
    assert!(
        range.starts_with("bytes=") && range != "bytes=0-",
        "{range}"
    );
}

#[test]
fn a_server_that_ignores_range_is_read_past_not_repeated() {
    let data = layer_bytes(150_000);
    let digest = Digest::of(&data);
    let d = data.clone();
    let server = Scripted::start("127.0.0.1", move |req, _| {
        let first = req.header("range").is_none();
        let mut reply = Reply::new(200, &d);
        if first {
            reply.cut_after = Some(50_001);
        }
        reply
    });
    let home = tempfile::tempdir().unwrap();
    let mut sink = Vec::new();
    client(home.path())
        .get_blob(&server.endpoint(), &digest, None, &mut sink, &|_| {})
        .expect("blob");
    assert!(
        sink == data,
        "got {} bytes, want {}",
        sink.len(),
        data.len()
    );
}

#[test]
fn corrupt_content_is_a_digest_mismatch_and_server_errors_are_retried() {
    let data = layer_bytes(10_000);
    let digest = Digest::of(&data);
    let mut bad = data.clone();
    bad[5000] ^= 1;
    let blob_gets = std::sync::atomic::AtomicUsize::new(0);
    let server = Scripted::start("127.0.0.1", move |req, _| {
        let first_blob_get = req.path.contains("/blobs/")
            && blob_gets.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
        if first_blob_get {
            return Reply::new(503, b"busy");
        }
        Reply::new(200, &bad)
    });
    let home = tempfile::tempdir().unwrap();
    let e = client(home.path())
        .get_blob(
            &server.endpoint(),
            &digest,
            Some(data.len() as u64),
            &mut Vec::new(),
            &|_| {},
        )
        .unwrap_err();
    assert!(matches!(e, RegistryError::DigestMismatch { .. }), "{e}");
    assert!(
        e.to_string().contains(&digest.to_string()) && e.to_string().contains("x/y"),
        "{e}"
    );
    assert!(
        server.seen("/v2/x/y/blobs/").len() >= 2,
        "the 503 was retried"
    );
}

#[test]
fn blob_redirects_to_storage_never_carry_the_credentials() {
    let data = layer_bytes(30_000);
    let digest = Digest::of(&data);
    let d = data.clone();
    // Another loopback address is another host.
    let storage = Scripted::start("127.0.0.2", move |req, _| ranged(req, &d));
    let storage_url = format!("http://{}/bucket/blob?sig=1", storage.addr);
    let registry = Scripted::start("127.0.0.1", move |req, _| {
        match req.header("authorization") {
            None => Reply::new(401, b"").header("WWW-Authenticate", "Basic realm=\"reg\""),
            Some(_) => Reply::new(307, b"").header("Location", &storage_url),
        }
    });
    let home = tempfile::tempdir().unwrap();
    let paths_client = {
        let paths = Paths {
            root: home.path().join("root"),
            volume_path: None,
            runroot: home.path().join("run"),
            config_home: home.path().join("config"),
            runtime_dir: None,
            home: home.path().to_path_buf(),
        };
        let opts = ClientOptions {
            credentials: Some(rcon::config::auth::Credentials::new("user", "secret")),
            user_agent: "rcon-test".into(),
            ..ClientOptions::default()
        };
        Client::new(&paths, opts).unwrap()
    };
    let mut sink = Vec::new();
    paths_client
        .get_blob(&registry.endpoint(), &digest, None, &mut sink, &|_| {})
        .expect("redirected blob");
    assert!(sink == data);
    let at_registry = registry.seen("/v2/x/y/blobs/");
    assert!(at_registry
        .last()
        .unwrap()
        .header("authorization")
        .unwrap()
        .starts_with("Basic "));
    let at_storage = storage.seen("/bucket/");
    assert_eq!(at_storage.len(), 1);
    assert_eq!(
        at_storage[0].header("authorization"),
        None,
        "credentials leaked to storage"
    );
}

#[test]
fn bearer_tokens_are_fetched_with_credentials_once_and_reused() {
    let manifest = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}"#;
    let addr = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let a = addr.clone();
    let server = Scripted::start("127.0.0.1", move |req, _| {
        if req.path.starts_with("/token") {
            // "user:secret"
            return match req.header("authorization") {
                Some("Basic dXNlcjpzZWNyZXQ=")
                    if req.path.contains("scope=repository%3Ax%2Fy%3Apull") =>
                {
                    Reply::new(200, br#"{"token":"tok-123","expires_in":300}"#)
                }
                _ => Reply::new(
                    401,
                    br#"{"errors":[{"code":"UNAUTHORIZED","message":"bad"}]}"#,
                ),
            };
        }
        match req.header("authorization") {
            Some("Bearer tok-123") => {
                Reply::new(200, manifest).header("Content-Type", OCI_MANIFEST)
            }
            _ => Reply::new(401, b"").header(
                "WWW-Authenticate",
                &format!(
                    "Bearer realm=\"http://{}/token\",service=\"fake\"",
                    a.get().unwrap()
                ),
            ),
        }
    });
    addr.set(server.addr.clone()).unwrap();
    let home = tempfile::tempdir().unwrap();
    let paths = Paths {
        root: home.path().join("root"),
        volume_path: None,
        runroot: home.path().join("run"),
        config_home: home.path().join("config"),
        runtime_dir: None,
        home: home.path().to_path_buf(),
    };
    let with = |password: &str| {
        let opts = ClientOptions {
            credentials: Some(rcon::config::auth::Credentials::new("user", password)),
            user_agent: "rcon-test".into(),
            ..ClientOptions::default()
        };
        Client::new(&paths, opts).unwrap()
    };
    let good = with("secret");
    for _ in 0..3 {
        let m = good
            .get_manifest(&server.endpoint(), "v1")
            .expect("manifest with a token");
        assert_eq!(m.bytes, manifest);
    }
    assert_eq!(server.seen("/token").len(), 1, "the token was cached");
    let e = with("wrong")
        .get_manifest(&server.endpoint(), "v1")
        .unwrap_err();
    assert!(matches!(e, RegistryError::Unauthorized { .. }), "{e}");
    assert!(e.to_string().contains("rcon login"), "{e}");
}

#[test]
fn schema1_and_oversized_manifests_are_refused_clearly() {
    let big = vec![b' '; 4 * 1024 * 1024 + 10];
    let server = Scripted::start("127.0.0.1", move |req, _| {
        if req.path.ends_with("/old") {
            Reply::new(
                200,
                br#"{"schemaVersion":1,"name":"x/y","tag":"old","fsLayers":[]}"#,
            )
            .header(
                "Content-Type",
                "application/vnd.docker.distribution.manifest.v1+prettyjws",
            )
        } else if req.path.ends_with("/big") {
            Reply::new(200, &big).header("Content-Type", OCI_MANIFEST)
        } else {
            Reply::new(200, b"{oops").header("Content-Type", OCI_MANIFEST)
        }
    });
    let home = tempfile::tempdir().unwrap();
    let c = client(home.path());
    let e = c.get_manifest(&server.endpoint(), "old").unwrap_err();
    assert!(matches!(e, RegistryError::Schema1 { .. }), "{e}");
    assert!(
        e.to_string().contains("/x/y:old") && e.to_string().contains("push it again"),
        "{e}"
    );
    let e = c.get_manifest(&server.endpoint(), "big").unwrap_err();
    assert!(matches!(e, RegistryError::TooLarge { .. }), "{e}");
    let e = c.get_manifest(&server.endpoint(), "broken").unwrap_err();
    assert!(matches!(e, RegistryError::InvalidManifest { .. }), "{e}");
    assert!(e.to_string().contains("x/y:broken"), "{e}");
}

#[test]
fn login_check_accepts_right_and_rejects_wrong_credentials() {
    let server = Scripted::start("127.0.0.1", |req, _| match req.header("authorization") {
        Some("Basic dXNlcjpzZWNyZXQ=") => Reply::new(200, b"{}"),
        _ => Reply::new(
            401,
            br#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#,
        )
        .header("WWW-Authenticate", "Basic realm=\"reg\""),
    });
    let home = tempfile::tempdir().unwrap();
    let c = client(home.path());
    let creds = |p: &str| rcon::config::auth::Credentials::new("user", p);
    c.check_login(&server.addr, &creds("secret"), true)
        .expect("right credentials");
    let e = c
        .check_login(&server.addr, &creds("wrong"), true)
        .unwrap_err();
    assert!(matches!(e, RegistryError::Unauthorized { .. }), "{e}");
    assert!(e.to_string().contains("rejected the credentials"), "{e}");
    // The registry's own words, as Docker and Podman print them.
    assert!(
        e.to_string()
            .contains(": unauthorized: authentication required;"),
        "{e}"
    );
}
