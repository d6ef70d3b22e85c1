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
