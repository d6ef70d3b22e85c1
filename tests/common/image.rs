//! Images built in memory for the tests: layer tars (with the `tar` crate), compressed with gzip,
//! zstd or not at all, a config, an OCI or Docker schema2 manifest, and two-platform indexes.
//!
//! ```ignore
//! let base = busybox_layer(Compression::Gzip);
//! let extra = LayerBuilder::new().file("etc/motd", b"hi\n", 0o644, 1000, 1000).whiteout("etc", "issue").build(Compression::Zstd);
//! let img = ImageSpec::oci().layer(base).layer(extra).cmd(&["/bin/sh"]).build();
//! registry.push("library/busybox:latest", &img);
//! ```
//!
//! Hostile content goes through [`LayerBuilder::raw`] (any path bytes, any entry type) and
//! [`ImageSpec::diff_ids`] (a config that lies about its layers).
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};
use std::io::Write;
use std::sync::OnceLock;

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

/// The 64 hex digits of the sha256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `sha256:<hex>` of `data`.
pub fn sha256_digest(data: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(data))
}

/// How a layer blob is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The manifest flavour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Oci,
    Docker,
}

/// One layer: the uncompressed tar and the blob as pushed.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The uncompressed tar.
    pub tar: Vec<u8>,
    /// The blob (compressed as asked).
    pub blob: Vec<u8>,
    pub compression: Compression,
    /// `sha256:` of the uncompressed tar (the config's `rootfs.diff_ids`).
    pub diff_id: String,
    /// `sha256:` of the blob (the manifest's layer digest).
    pub digest: String,
}

impl Layer {
    /// Wraps an uncompressed tar (any bytes, for hostile tests) as a layer.
    pub fn from_tar(tar: Vec<u8>, compression: Compression) -> Layer {
        let blob = compress(&tar, compression);
        Layer {
            diff_id: sha256_digest(&tar),
            digest: sha256_digest(&blob),
            blob,
            tar,
            compression,
        }
    }

    /// The media type of this layer in a manifest of `format`.
    pub fn media_type(&self, format: Format) -> &'static str {
        match (format, self.compression) {
            (Format::Oci, Compression::None) => "application/vnd.oci.image.layer.v1.tar",
            (Format::Oci, Compression::Gzip) => "application/vnd.oci.image.layer.v1.tar+gzip",
            (Format::Oci, Compression::Zstd) => "application/vnd.oci.image.layer.v1.tar+zstd",
            (Format::Docker, Compression::None) => "application/vnd.docker.image.rootfs.diff.tar",
            (Format::Docker, Compression::Gzip) => {
                "application/vnd.docker.image.rootfs.diff.tar.gzip"
            }
            (Format::Docker, Compression::Zstd) => {
                "application/vnd.docker.image.rootfs.diff.tar.zstd"
            }
        }
    }
}

/// Compresses `data`.
pub fn compress(data: &[u8], compression: Compression) -> Vec<u8> {
    match compression {
        Compression::None => data.to_vec(),
        Compression::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        Compression::Zstd => zstd::encode_all(data, 3).unwrap(),
    }
}

/// Builds a layer tar entry by entry. Paths are relative (`etc/passwd`); every entry gets mtime
/// 1700000000 so identical content gives identical digests.
pub struct LayerBuilder {
    tar: tar::Builder<Vec<u8>>,
}

impl Default for LayerBuilder {
    fn default() -> Self {
        LayerBuilder::new()
    }
}

impl LayerBuilder {
    pub fn new() -> LayerBuilder {
        let mut tar = tar::Builder::new(Vec::new());
        tar.mode(tar::HeaderMode::Complete);
        LayerBuilder { tar }
    }

    fn header(kind: tar::EntryType, mode: u32, uid: u64, gid: u64, size: u64) -> tar::Header {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_uid(uid);
        h.set_gid(gid);
        h.set_size(size);
        h.set_mtime(1_700_000_000);
        h
    }

    /// A directory.
    pub fn dir(mut self, path: &str, mode: u32, uid: u64, gid: u64) -> Self {
        let mut h = Self::header(tar::EntryType::Directory, mode, uid, gid, 0);
        self.tar.append_data(&mut h, path, &[][..]).unwrap();
        self
    }

    /// A regular file (mode may carry setuid/setgid/sticky bits).
    pub fn file(mut self, path: &str, data: &[u8], mode: u32, uid: u64, gid: u64) -> Self {
        let mut h = Self::header(tar::EntryType::Regular, mode, uid, gid, data.len() as u64);
        self.tar.append_data(&mut h, path, data).unwrap();
        self
    }

    /// Extended attributes (`user.name`, value) for the entry appended next, as a PAX header
    /// of `SCHILY.xattr.` records.
    pub fn xattrs(mut self, attrs: &[(&str, &[u8])]) -> Self {
        let records: Vec<(String, &[u8])> = attrs
            .iter()
            .map(|(name, value)| (format!("SCHILY.xattr.{name}"), *value))
            .collect();
        self.tar
            .append_pax_extensions(records.iter().map(|(k, v)| (k.as_str(), *v)))
            .unwrap();
        self
    }

    /// A symbolic link `path` → `target` (target taken literally, may be absolute or dangling).
    pub fn symlink(mut self, path: &str, target: &str) -> Self {
        let mut h = Self::header(tar::EntryType::Symlink, 0o777, 0, 0, 0);
        self.tar.append_link(&mut h, path, target).unwrap();
        self
    }

    /// A hard link `path` → `target` (a path earlier in this layer or in a lower one).
    pub fn hardlink(mut self, path: &str, target: &str) -> Self {
        let mut h = Self::header(tar::EntryType::Link, 0o644, 0, 0, 0);
        self.tar.append_link(&mut h, path, target).unwrap();
        self
    }

    /// A whiteout: `dir/.wh.name` removes `dir/name` of the layers below.
    pub fn whiteout(self, dir: &str, name: &str) -> Self {
        let path = if dir.is_empty() {
            format!(".wh.{name}")
        } else {
            format!("{}/.wh.{name}", dir.trim_end_matches('/'))
        };
        self.file(&path, b"", 0o644, 0, 0)
    }

    /// An opaque marker: `dir/.wh..wh..opq` hides everything below `dir` in lower layers.
    pub fn opaque(self, dir: &str) -> Self {
        self.file(
            &format!("{}/.wh..wh..opq", dir.trim_end_matches('/')),
            b"",
            0o644,
            0,
            0,
        )
    }

    /// Any entry with `path` written byte for byte into the header (no `..` checks), for hostile
    /// layers: `raw(b"../../etc/x", tar::EntryType::Regular, Some(b"../x"), b"data")`.
    pub fn raw(
        mut self,
        path: &[u8],
        kind: tar::EntryType,
        link: Option<&[u8]>,
        data: &[u8],
    ) -> Self {
        let mut h = Self::header(kind, 0o644, 0, 0, data.len() as u64);
        {
            let old = h.as_old_mut();
            assert!(
                path.len() <= old.name.len(),
                "raw path longer than 100 bytes"
            );
            old.name[..path.len()].copy_from_slice(path);
            if let Some(link) = link {
                assert!(
                    link.len() <= old.linkname.len(),
                    "raw link longer than 100 bytes"
                );
                old.linkname[..link.len()].copy_from_slice(link);
            }
        }
        h.set_cksum();
        self.tar.append(&h, data).unwrap();
        self
    }

    /// The uncompressed tar.
    pub fn finish(self) -> Vec<u8> {
        self.tar.into_inner().unwrap()
    }

    /// The layer, compressed as asked.
    pub fn build(self, compression: Compression) -> Layer {
        Layer::from_tar(self.finish(), compression)
    }
}

/// The applets linked to busybox in the base layer.
pub const APPLETS: &[&str] = &[
    "sh", "ash", "cat", "chmod", "chown", "cp", "date", "dd", "echo", "env", "false", "find",
    "grep", "head", "hostname", "id", "ip", "kill", "ln", "ls", "mkdir", "mount", "mv", "nc",
    "printf", "ps", "pwd", "readlink", "rm", "sed", "sleep", "stat", "tail", "test", "touch",
    "true", "uname", "wc", "wget", "whoami", "[",
];

/// The uncompressed tar of a minimal busybox root: Debian's static /bin/busybox with the common
/// applets as symlinks, /etc/passwd and /etc/group with root, nobody (65534) and user (1000),
/// /tmp (1777), /root, /home/user (owned by 1000). Built once per test process.
pub fn busybox_tar() -> &'static [u8] {
    static TAR: OnceLock<Vec<u8>> = OnceLock::new();
    TAR.get_or_init(|| {
        let busybox = std::fs::read("/bin/busybox").expect("read /bin/busybox: install busybox-static");
        let mut b = LayerBuilder::new()
            .dir("bin", 0o755, 0, 0)
            .file("bin/busybox", &busybox, 0o755, 0, 0)
            .dir("dev", 0o755, 0, 0)
            .dir("etc", 0o755, 0, 0)
            .file(
                "etc/passwd",
                b"root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nuser:x:1000:1000:user:/home/user:/bin/sh\n",
                0o644,
                0,
                0,
            )
            .file("etc/group", b"root:x:0:\nnogroup:x:65534:\nuser:x:1000:\n", 0o644, 0, 0)
            .dir("home", 0o755, 0, 0)
            .dir("home/user", 0o755, 1000, 1000)
            .dir("proc", 0o555, 0, 0)
            .dir("root", 0o700, 0, 0)
            .dir("sys", 0o555, 0, 0)
            .dir("tmp", 0o1777, 0, 0)
            .dir("usr", 0o755, 0, 0)
            .dir("usr/bin", 0o755, 0, 0)
            .symlink("usr/bin/env", "/bin/busybox")
            .dir("var", 0o755, 0, 0);
        for applet in APPLETS {
            b = b.symlink(&format!("bin/{applet}"), "busybox");
        }
        b.finish()
    })
    .as_slice()
}

/// The busybox base layer ([`busybox_tar`]) compressed as asked.
pub fn busybox_layer(compression: Compression) -> Layer {
    Layer::from_tar(busybox_tar().to_vec(), compression)
}

/// A layer with `size` bytes of incompressible data in `/data/blob.bin` (deterministic from
/// `seed`), for pulls slow enough to interrupt.
pub fn big_layer(size: usize, seed: u64) -> Layer {
    let mut x = seed | 1;
    let mut data = Vec::with_capacity(size);
    while data.len() < size {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        data.extend_from_slice(&x.to_le_bytes());
    }
    data.truncate(size);
    LayerBuilder::new()
        .dir("data", 0o755, 0, 0)
        .file("data/blob.bin", &data, 0o644, 0, 0)
        .build(Compression::None)
}

/// A built image: blobs and manifest bytes ready to push.
#[derive(Debug, Clone)]
pub struct Image {
    pub layers: Vec<Layer>,
    pub config: Vec<u8>,
    /// `sha256:` of the config: the image ID.
    pub config_digest: String,
    pub manifest: Vec<u8>,
    pub manifest_digest: String,
    /// The manifest's media type.
    pub media_type: String,
    pub architecture: String,
    pub os: String,
}

impl Image {
    /// The image ID as `rcon images` prints it in full (64 hex, no `sha256:`).
    pub fn id(&self) -> &str {
        self.config_digest.trim_start_matches("sha256:")
    }
}

/// What goes into an image; [`ImageSpec::build`] makes the blobs.
#[derive(Debug, Clone)]
pub struct ImageSpec {
    format: Format,
    layers: Vec<Layer>,
    architecture: String,
    os: String,
    env: Vec<String>,
    cmd: Vec<String>,
    labels: Vec<(String, String)>,
    /// `VOLUME` entries of the config.
    volumes: Vec<String>,
    diff_ids: Option<Vec<String>>,
    /// Overrides of (digest, size) per layer in the manifest, for hostile tests.
    layer_refs: Option<Vec<(String, u64)>>,
    /// The config's `Healthcheck` object, as Docker writes it.
    healthcheck: Option<Value>,
}

impl ImageSpec {
    /// An OCI image (manifest and config media types of the OCI image spec).
    pub fn oci() -> ImageSpec {
        ImageSpec::new(Format::Oci)
    }

    /// A Docker schema2 image.
    pub fn docker() -> ImageSpec {
        ImageSpec::new(Format::Docker)
    }

    pub fn new(format: Format) -> ImageSpec {
        ImageSpec {
            format,
            layers: Vec::new(),
            architecture: "amd64".into(),
            os: "linux".into(),
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()],
            cmd: vec!["/bin/sh".into()],
            labels: Vec::new(),
            volumes: Vec::new(),
            diff_ids: None,
            layer_refs: None,
            healthcheck: None,
        }
    }

    /// Adds a layer on top.
    pub fn layer(mut self, layer: Layer) -> Self {
        self.layers.push(layer);
        self
    }

    /// Sets the architecture (default amd64).
    pub fn arch(mut self, arch: &str) -> Self {
        self.architecture = arch.into();
        self
    }

    pub fn cmd(mut self, cmd: &[&str]) -> Self {
        self.cmd = cmd.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn env(mut self, kv: &str) -> Self {
        self.env.push(kv.into());
        self
    }

    pub fn label(mut self, k: &str, v: &str) -> Self {
        self.labels.push((k.into(), v.into()));
        self
    }

    /// Adds a `VOLUME` entry.
    pub fn volume(mut self, path: &str) -> Self {
        self.volumes.push(path.into());
        self
    }

    /// Sets the config's `Healthcheck` (`{"Test": [...], "Interval": ns, ...}`).
    pub fn healthcheck(mut self, healthcheck: Value) -> Self {
        self.healthcheck = Some(healthcheck);
        self
    }

    /// Writes these diff IDs into the config instead of the true ones (hostile).
    pub fn diff_ids(mut self, ids: Vec<String>) -> Self {
        self.diff_ids = Some(ids);
        self
    }

    /// Writes these (digest, size) pairs for the layers into the manifest (hostile).
    pub fn layer_refs(mut self, refs: Vec<(String, u64)>) -> Self {
        self.layer_refs = Some(refs);
        self
    }

    /// The config JSON value.
    pub fn config_json(&self) -> Value {
        let diff_ids = self
            .diff_ids
            .clone()
            .unwrap_or_else(|| self.layers.iter().map(|l| l.diff_id.clone()).collect());
        let labels: serde_json::Map<String, Value> = self
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        let mut config =
            json!({ "Env": self.env, "Cmd": self.cmd, "WorkingDir": "/", "Labels": labels });
        if !self.volumes.is_empty() {
            let volumes: serde_json::Map<String, Value> = self
                .volumes
                .iter()
                .map(|v| (v.clone(), json!({})))
                .collect();
            config["Volumes"] = Value::Object(volumes);
        }
        if let Some(h) = &self.healthcheck {
            config["Healthcheck"] = h.clone();
        }
        json!({
            "created": "2024-01-02T03:04:05Z",
            "architecture": self.architecture,
            "os": self.os,
            "config": config,
            "rootfs": { "type": "layers", "diff_ids": diff_ids },
            "history": self.layers.iter().map(|_| json!({"created": "2024-01-02T03:04:05Z", "created_by": "rcon tests"})).collect::<Vec<_>>(),
        })
    }

    /// Serialises the config and the manifest.
    pub fn build(self) -> Image {
        let config = serde_json::to_vec(&self.config_json()).unwrap();
        let config_digest = sha256_digest(&config);
        let (manifest_type, config_type) = match self.format {
            Format::Oci => (OCI_MANIFEST, OCI_CONFIG),
            Format::Docker => (DOCKER_MANIFEST, DOCKER_CONFIG),
        };
        let layers: Vec<Value> = self
            .layers
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (digest, size) = match &self.layer_refs {
                    Some(refs) => refs[i].clone(),
                    None => (l.digest.clone(), l.blob.len() as u64),
                };
                json!({ "mediaType": l.media_type(self.format), "digest": digest, "size": size })
            })
            .collect();
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": manifest_type,
            "config": { "mediaType": config_type, "digest": config_digest, "size": config.len() },
            "layers": layers,
        });
        let manifest = serde_json::to_vec_pretty(&manifest).unwrap();
        Image {
            manifest_digest: sha256_digest(&manifest),
            manifest,
            config,
            config_digest,
            media_type: manifest_type.into(),
            layers: self.layers,
            architecture: self.architecture,
            os: self.os,
        }
    }
}

/// A multi-platform index and the images it lists.
#[derive(Debug, Clone)]
pub struct Index {
    pub images: Vec<Image>,
    pub bytes: Vec<u8>,
    pub digest: String,
    pub media_type: String,
}

impl Index {
    /// An OCI index (or a Docker manifest list) of `images`, each listed with its own
    /// architecture and os.
    pub fn new(format: Format, images: Vec<Image>) -> Index {
        let media_type = match format {
            Format::Oci => OCI_INDEX,
            Format::Docker => DOCKER_LIST,
        };
        let manifests: Vec<Value> = images
            .iter()
            .map(|i| {
                json!({
                    "mediaType": i.media_type,
                    "digest": i.manifest_digest,
                    "size": i.manifest.len(),
                    "platform": { "architecture": i.architecture, "os": i.os },
                })
            })
            .collect();
        let bytes = serde_json::to_vec_pretty(
            &json!({ "schemaVersion": 2, "mediaType": media_type, "manifests": manifests }),
        )
        .unwrap();
        Index {
            digest: sha256_digest(&bytes),
            bytes,
            images,
            media_type: media_type.into(),
        }
    }

    /// The image for `arch`.
    pub fn image(&self, arch: &str) -> &Image {
        self.images
            .iter()
            .find(|i| i.architecture == arch)
            .expect("no image for that architecture")
    }
}

/// A two-platform (amd64 + arm64) OCI index over the busybox layer; each platform gets a
/// distinct marker file `/etc/arch` so a test can tell which one was unpacked.
pub fn two_platform_index(format: Format) -> Index {
    let images = ["amd64", "arm64"]
        .iter()
        .map(|arch| {
            let marker = LayerBuilder::new()
                .dir("etc", 0o755, 0, 0)
                .file("etc/arch", arch.as_bytes(), 0o644, 0, 0)
                .build(Compression::Gzip);
            ImageSpec::new(format)
                .arch(arch)
                .layer(busybox_layer(Compression::Gzip))
                .layer(marker)
                .build()
        })
        .collect();
    Index::new(format, images)
}

/// A Docker schema1 manifest (unsigned), which rcon should refuse with a clear error.
pub fn schema1_manifest(name: &str, tag: &str, layer_digest: &str) -> Vec<u8> {
    serde_json::to_vec_pretty(&json!({
        "schemaVersion": 1,
        "name": name,
        "tag": tag,
        "architecture": "amd64",
        "fsLayers": [{ "blobSum": layer_digest }],
        "history": [{ "v1Compatibility": "{\"id\":\"0\",\"architecture\":\"amd64\",\"os\":\"linux\"}" }],
    }))
    .unwrap()
}
