//! Writing images from the store as an archive: [`write`] is the one entry (`rcon save`, and
//! `rcon push` to `oci-archive:`, `docker-archive:`, `oci:` and `dir:` destinations).
//!
//! Each layer is streamed from its blob: as it is stored (a gzip layer in docker-archive too,
//! as `<blob>.tar.gz`), decompressed (`--uncompressed`, zstd layers in docker-archive as
//! `<diff-id>.tar`), or gzip-compressed through an anonymous temporary file (`--compress` of
//! an uncompressed blob, and zstd blobs for `docker-dir`, whose Docker manifest cannot list
//! zstd). Every stream is checked against its digest (the blob's,
//! or the diff ID for a decompressed one) before its tar entry is complete.
use super::parse::{blob_name, REF_NAME};
use super::{ArchiveError, Format};
use crate::image::registry::manifest::{effective_media_type, Compression as Kind};
use crate::image::registry::{parse_manifest, Descriptor, Manifest};
use crate::image::store::{ImageRecord, LayerInfo, Store};
use crate::util::digest::{Digest, HashingWriter};
use crate::util::fs::Lock;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// One image to write, with the names the archive gives it (full names; none for untagged).
#[derive(Debug, Clone)]
pub(crate) struct SaveImage {
    pub(crate) record: ImageRecord,
    pub(crate) names: Vec<String>,
}

/// Where the archive goes: a tar stream (`docker-archive`, `oci-archive`) or a folder
/// (`oci-dir`, `docker-dir`; made when missing).
pub(crate) enum Sink<'a> {
    Stream(&'a mut dyn Write),
    Dir(&'a Path),
}

/// What happens to the layers' compression (docker-archive: see `docker_archive_want`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Compression {
    /// As stored (zstd becomes gzip for docker-dir).
    #[default]
    AsStored,
    /// Every layer uncompressed.
    Uncompressed,
    /// Uncompressed layers gzip-compressed, compressed ones as stored.
    Gzip,
}

/// How to write.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WriteOptions {
    pub(crate) compression: Compression,
}

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// Writes `images` from `store` as `format` to `sink`. docker-archive takes several images
/// (layers written once); the other formats take one.
pub(crate) fn write(
    store: &Store,
    images: &[SaveImage],
    format: Format,
    opts: &WriteOptions,
    sink: Sink<'_>,
) -> Result<(), ArchiveError> {
    if images.is_empty() {
        return Err(ArchiveError::Usage("no image to save".into()));
    }
    if images.len() > 1 && format != Format::DockerArchive {
        return Err(ArchiveError::Usage(
            "only docker-archive holds several images: use --format docker-archive".into(),
        ));
    }
    let mut out: Box<dyn Out + '_> = match (sink, format.is_dir()) {
        (Sink::Stream(w), false) => Box::new(TarOut { w }),
        (Sink::Dir(path), true) => Box::new(DirOut::new(path)?),
        (Sink::Stream(_), true) => {
            return Err(ArchiveError::Usage(
                "oci-dir and docker-dir are folders: give one with --output".into(),
            ))
        }
        (Sink::Dir(_), false) => {
            return Err(ArchiveError::Usage(
                "docker-archive and oci-archive are written to a file or a stream".into(),
            ))
        }
    };
    let mut prepared = Vec::new();
    for img in images {
        prepared.push(Prepared::new(store, img)?);
    }
    match format {
        Format::DockerArchive => docker_archive(store, &prepared, opts, out.as_mut())?,
        Format::OciArchive | Format::OciDir => oci(store, &prepared[0], opts, out.as_mut())?,
        Format::DockerDir => docker_dir(store, &prepared[0], opts, out.as_mut())?,
    }
    out.finish()
}

/// An image read from the store, locked against gc while it is written.
struct Prepared {
    names: Vec<String>,
    id: Digest,
    config: Vec<u8>,
    manifest: Vec<u8>,
    manifest_type: String,
    layers: Vec<(Descriptor, LayerInfo)>,
    _held: Vec<Lock>,
}

impl Prepared {
    fn new(store: &Store, img: &SaveImage) -> Result<Prepared, ArchiveError> {
        let rec = &img.record;
        let bad = |reason: String| ArchiveError::Image {
            what: format!("image {}", rec.id.short()),
            reason,
        };
        let mut held = vec![store.blob_lock(&rec.id)?, store.blob_lock(&rec.digest)?];
        for chain in &rec.layers {
            held.push(store.layer_use_lock(chain)?);
        }
        let config = store.read_blob(&rec.id)?;
        let manifest = store.read_blob(&rec.digest)?;
        let manifest_type = effective_media_type(None, &manifest);
        let parsed = match parse_manifest(&manifest, &manifest_type) {
            Ok(Manifest::Image(m)) => m,
            Ok(Manifest::Index(_)) => return Err(bad("its manifest is an index".into())),
            Err(e) => return Err(bad(e.to_string())),
        };
        if parsed.layers.len() != rec.layers.len() {
            return Err(bad(format!(
                "its manifest lists {} layers but the store {}",
                parsed.layers.len(),
                rec.layers.len()
            )));
        }
        let mut layers = Vec::new();
        for (desc, chain) in parsed.layers.into_iter().zip(&rec.layers) {
            held.push(store.blob_lock(&desc.digest)?);
            layers.push((desc, store.layer_info(chain)?));
        }
        Ok(Prepared {
            names: img.names.clone(),
            id: rec.id.clone(),
            config,
            manifest,
            manifest_type,
            layers,
            _held: held,
        })
    }
}

/// docker-archive: layers, configs, `manifest.json`, `repositories`.
fn docker_archive(
    store: &Store,
    images: &[Prepared],
    opts: &WriteOptions,
    out: &mut dyn Out,
) -> Result<(), ArchiveError> {
    let mut written = HashSet::new();
    // Each layer once, by diff ID: the name of its file.
    let mut layer_files: HashMap<Digest, String> = HashMap::new();
    let mut manifest = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for img in images {
        let mut layer_names = Vec::new();
        for (desc, info) in &img.layers {
            if let Some(name) = layer_files.get(&info.diff_id) {
                layer_names.push(name.clone());
                continue;
            }
            let want = match store.has_blob(&desc.digest) {
                true => docker_archive_want(desc, opts.compression)?,
                // No blob (a layer a build kept as a tree): its tar, from the tree.
                false => Want::Plain,
            };
            let mut name = String::new();
            layer_stream(store, desc, info, want, |size, data| {
                // Named by the digest of what it holds: `<diff-id>.tar` uncompressed, as
                // `docker save` writes it, `<blob>.tar.gz` as the gzip blob it is stored as.
                name = if data.digest == info.diff_id {
                    format!("{}.tar", data.digest.hex())
                } else {
                    format!("{}.tar.gz", data.digest.hex())
                };
                out.file(&name, size, data)
            })?;
            layer_files.insert(info.diff_id.clone(), name.clone());
            layer_names.push(name);
        }
        let config_name = format!("{}.json", img.id.hex());
        if written.insert(config_name.clone()) {
            out.file(&config_name, img.config.len() as u64, &mut &img.config[..])?;
        }
        let tags: Vec<String> = img.names.iter().map(|n| familiar(n)).collect();
        if let Some((_, top)) = img.layers.last() {
            for t in &tags {
                if let Some((repo, tag)) = t.rsplit_once(':').filter(|(r, _)| !r.is_empty()) {
                    repositories
                        .entry(repo.to_string())
                        .or_default()
                        .insert(tag.to_string(), top.diff_id.hex().to_string());
                }
            }
        }
        manifest.push(json!({
            "Config": config_name,
            "RepoTags": tags,
            "Layers": layer_names,
        }));
    }
    json_file(out, "manifest.json", &Value::Array(manifest))?;
    json_file(out, "repositories", &json!(repositories))
}

/// OCI image layout: `oci-layout`, the blobs, `index.json`.
fn oci(
    store: &Store,
    img: &Prepared,
    opts: &WriteOptions,
    out: &mut dyn Out,
) -> Result<(), ArchiveError> {
    json_file(out, "oci-layout", &json!({"imageLayoutVersion": "1.0.0"}))?;
    out.dir("blobs")?;
    out.dir("blobs/sha256")?;
    let mut descriptors = Vec::new();
    let mut unchanged = true;
    for (desc, info) in &img.layers {
        let want = want(desc, opts.compression, false)?;
        unchanged &= want == Want::AsStored;
        let written = layer_stream(store, desc, info, want, |size, data| {
            let digest = data.digest.clone();
            out.file(&blob_name(&digest), size, data)
        })?;
        descriptors.push(written);
    }
    blob_file(out, &img.config)?;
    let manifest = if unchanged && img.manifest_type == OCI_MANIFEST {
        img.manifest.clone()
    } else {
        manifest_json(img, &descriptors, Format::OciArchive)?
    };
    blob_file(out, &manifest)?;
    let entry = |name: Option<&String>| {
        let mut e = json!({
            "mediaType": OCI_MANIFEST,
            "digest": Digest::of(&manifest).to_string(),
            "size": manifest.len(),
        });
        if let Some(n) = name {
            e["annotations"] = json!({ REF_NAME: n });
        }
        e
    };
    let entries: Vec<Value> = if img.names.is_empty() {
        vec![entry(None)]
    } else {
        img.names.iter().map(|n| entry(Some(n))).collect()
    };
    json_file(
        out,
        "index.json",
        &json!({"schemaVersion": 2, "manifests": entries}),
    )
}

/// The `dir:` layout with a Docker schema 2 manifest.
fn docker_dir(
    store: &Store,
    img: &Prepared,
    opts: &WriteOptions,
    out: &mut dyn Out,
) -> Result<(), ArchiveError> {
    let version = b"Directory Transport Version: 1.1\n";
    out.file("version", version.len() as u64, &mut &version[..])?;
    let mut descriptors = Vec::new();
    for (desc, info) in &img.layers {
        let want = want(desc, opts.compression, true)?;
        descriptors.push(layer_stream(store, desc, info, want, |size, data| {
            let digest = data.digest.clone();
            out.file(digest.hex(), size, data)
        })?);
    }
    out.file(img.id.hex(), img.config.len() as u64, &mut &img.config[..])?;
    let manifest = manifest_json(img, &descriptors, Format::DockerDir)?;
    out.file("manifest.json", manifest.len() as u64, &mut &manifest[..])
}

/// A manifest for `descriptors` (as written) in OCI or Docker form.
fn manifest_json(
    img: &Prepared,
    descriptors: &[Descriptor],
    format: Format,
) -> Result<Vec<u8>, ArchiveError> {
    let docker = format == Format::DockerDir;
    let layers: Vec<Value> = descriptors
        .iter()
        .map(|d| {
            let kind = d.compression().unwrap_or(Kind::None);
            json!({
                "mediaType": layer_type(kind, docker),
                "digest": d.digest.to_string(),
                "size": d.size,
            })
        })
        .collect();
    let (mt, ct) = if docker {
        (DOCKER_MANIFEST, DOCKER_CONFIG)
    } else {
        (OCI_MANIFEST, OCI_CONFIG)
    };
    let m = json!({
        "schemaVersion": 2,
        "mediaType": mt,
        "config": {"mediaType": ct, "digest": img.id.to_string(), "size": img.config.len()},
        "layers": layers,
    });
    serde_json::to_vec(&m).map_err(|e| ArchiveError::Invalid(e.to_string()))
}

fn layer_type(kind: Kind, docker: bool) -> &'static str {
    match (kind, docker) {
        (Kind::None, false) => "application/vnd.oci.image.layer.v1.tar",
        (Kind::Gzip, false) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (Kind::Zstd, false) => "application/vnd.oci.image.layer.v1.tar+zstd",
        (Kind::None, true) => "application/vnd.docker.image.rootfs.diff.tar",
        (_, true) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
    }
}

/// How a layer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    AsStored,
    Plain,
    Gzip,
}

fn want(desc: &Descriptor, c: Compression, docker: bool) -> Result<Want, ArchiveError> {
    let kind = desc.compression().map_err(|e| ArchiveError::Image {
        what: format!("layer {}", desc.digest),
        reason: e.to_string(),
    })?;
    Ok(match (c, kind) {
        (Compression::Uncompressed, Kind::None) => Want::AsStored,
        (Compression::Uncompressed, _) => Want::Plain,
        (Compression::Gzip, Kind::None) => Want::Gzip,
        (_, Kind::Zstd) if docker => Want::Gzip,
        _ => Want::AsStored,
    })
}

/// How a docker-archive layer is written. A gzip blob is copied as it is stored (`docker
/// load`, `podman load` and skopeo decompress a layer file and check the config's diff ID);
/// a zstd one is written uncompressed, which every Docker reads; `--uncompressed` writes
/// every layer as an uncompressed tar and `--compress` gzips the uncompressed ones.
fn docker_archive_want(desc: &Descriptor, c: Compression) -> Result<Want, ArchiveError> {
    let kind = desc.compression().map_err(|e| ArchiveError::Image {
        what: format!("layer {}", desc.digest),
        reason: e.to_string(),
    })?;
    Ok(match (c, kind) {
        (Compression::Uncompressed, _) | (_, Kind::Zstd) => Want::Plain,
        (Compression::Gzip, Kind::None) => Want::Gzip,
        (_, Kind::Gzip) | (_, Kind::None) => Want::AsStored,
    })
}

/// A layer's bytes as `want` says, handed to `put` with their size; returns the descriptor
/// of what was written.
fn layer_stream(
    store: &Store,
    desc: &Descriptor,
    info: &LayerInfo,
    want: Want,
    put: impl FnOnce(u64, &mut Verify<'_>) -> Result<(), ArchiveError>,
) -> Result<Descriptor, ArchiveError> {
    // A layer a build kept as a tree has no blob: its manifest names its uncompressed tar
    // (digest = diff ID), which the tree gives again.
    let want = match want {
        Want::AsStored if !store.has_blob(&desc.digest) && desc.digest == info.diff_id => {
            Want::Plain
        }
        w => w,
    };
    match want {
        Want::AsStored => {
            let blob = store.open_blob(&desc.digest)?;
            let what = format!("layer blob {}", desc.digest);
            let size = blob
                .metadata()
                .map_err(|source| ArchiveError::Io {
                    what: format!("read {what}"),
                    source,
                })?
                .len();
            let mut v = Verify::new(Box::new(blob), &desc.digest, size, what);
            put(size, &mut v)?;
            Ok(Descriptor {
                size,
                ..desc.clone()
            })
        }
        Want::Plain => {
            let what = format!("layer {} (uncompressed)", info.diff_id);
            let mut v =
                Verify::self_checked(layer_tar(store, info)?, &info.diff_id, info.size, what);
            put(info.size, &mut v)?;
            finish_tar(&mut v)?;
            Ok(plain_descriptor(info))
        }
        Want::Gzip => {
            let mut decoded = Verify::self_checked(
                layer_tar(store, info)?,
                &info.diff_id,
                info.size,
                format!("layer {} (uncompressed)", info.diff_id),
            );
            let io_err = |source| ArchiveError::Io {
                what: "compress a layer into a temporary file".into(),
                source,
            };
            let tmp = crate::util::fs::anonymous_temp_file().map_err(io_err)?;
            let mut gz = flate2::write::GzEncoder::new(
                HashingWriter::new(io::BufWriter::new(tmp)),
                flate2::Compression::default(),
            );
            io::copy(&mut decoded, &mut gz).map_err(io_err)?;
            let hashing = gz.finish().map_err(io_err)?;
            let size = hashing.written();
            let (digest, buf) = hashing.finish();
            let mut tmp = buf.into_inner().map_err(|e| io_err(e.into_error()))?;
            tmp.rewind().map_err(io_err)?;
            let mut v = Verify::new(Box::new(tmp), &digest, size, "compressed layer".into());
            put(size, &mut v)?;
            Ok(Descriptor {
                media_type: "application/vnd.oci.image.layer.v1.tar+gzip".into(),
                digest,
                size,
                urls: Vec::new(),
                annotations: None,
            })
        }
    }
}

/// The uncompressed tar of a stored layer: its blob decompressed, or its tree walked again
/// (`image::layer_tar`, which checks the diff ID at its end).
fn layer_tar(store: &Store, info: &LayerInfo) -> Result<Box<dyn Read>, ArchiveError> {
    let idmap = crate::linux::idmap::IdMap::detect();
    let tar = crate::image::layer_tar::open(store, &idmap, &info.chain_id).map_err(|e| {
        ArchiveError::Image {
            what: format!("layer {}", info.diff_id),
            reason: e.to_string(),
        }
    })?;
    Ok(Box::new(tar))
}

/// Reads a layer's tar to its end (past the bytes the entry took), so its source checks it
/// and a walk's helper is waited for.
fn finish_tar(v: &mut Verify<'_>) -> Result<(), ArchiveError> {
    io::copy(v, &mut io::sink())
        .map(drop)
        .map_err(|source| ArchiveError::Io {
            what: "read a layer's tar".into(),
            source,
        })
}

fn plain_descriptor(info: &LayerInfo) -> Descriptor {
    Descriptor {
        media_type: "application/vnd.oci.image.layer.v1.tar".into(),
        digest: info.diff_id.clone(),
        size: info.size,
        urls: Vec::new(),
        annotations: None,
    }
}

/// Reads a stream of a known size and digest, failing the read that completes it when the
/// digest differs (so a tar entry of a damaged blob is never finished).
pub(super) struct Verify<'a> {
    inner: Box<dyn Read + 'a>,
    /// None: the source checks its own digest when it is read to its end (a layer's tar,
    /// [`crate::image::layer_tar`]), so the bytes are not hashed twice.
    hasher: Option<Sha256>,
    read: u64,
    size: u64,
    pub(super) digest: Digest,
    what: String,
}

impl<'a> Verify<'a> {
    fn new(inner: Box<dyn Read + 'a>, digest: &Digest, size: u64, what: String) -> Self {
        Verify {
            inner,
            hasher: Some(Sha256::new()),
            read: 0,
            size,
            digest: digest.clone(),
            what,
        }
    }

    /// For a source that fails its own read at the end when its bytes are not `digest`:
    /// the read that completes `size` reads on to that end.
    fn self_checked(inner: Box<dyn Read + 'a>, digest: &Digest, size: u64, what: String) -> Self {
        Verify {
            hasher: None,
            ..Verify::new(inner, digest, size, what)
        }
    }
}

impl Read for Verify<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = &mut self.hasher {
            h.update(&buf[..n]);
        }
        self.read += n as u64;
        let longer = || {
            io::Error::other(format!(
                "{} is longer than the {} bytes recorded: the store is damaged",
                self.what, self.size
            ))
        };
        if self.read > self.size {
            return Err(longer());
        }
        if n > 0 && self.read == self.size {
            match self.hasher.take() {
                Some(h) => {
                    let actual = Digest::from_hash(h.finalize().into());
                    if actual != self.digest {
                        return Err(io::Error::other(format!(
                            "{} hashes to {actual}, expected {}: the store is damaged",
                            self.what, self.digest
                        )));
                    }
                }
                // The source's end, where it checks its digest: nothing more may come.
                None => {
                    if self.inner.read(&mut [0u8; 1])? != 0 {
                        return Err(longer());
                    }
                }
            }
        }
        Ok(n)
    }
}

/// Docker's short form of a name: `docker.io/library/busybox:1` → `busybox:1`.
fn familiar(name: &str) -> String {
    let rest = match name.strip_prefix("docker.io/") {
        Some(r) => r,
        None => return name.to_string(),
    };
    rest.strip_prefix("library/").unwrap_or(rest).to_string()
}

fn json_file(out: &mut dyn Out, name: &str, v: &Value) -> Result<(), ArchiveError> {
    let bytes = serde_json::to_vec(v).map_err(|e| ArchiveError::Invalid(e.to_string()))?;
    out.file(name, bytes.len() as u64, &mut &bytes[..])
}

fn blob_file(out: &mut dyn Out, bytes: &[u8]) -> Result<(), ArchiveError> {
    out.file(
        &blob_name(&Digest::of(bytes)),
        bytes.len() as u64,
        &mut &bytes[..],
    )
}

/// Where the entries go.
trait Out {
    fn dir(&mut self, name: &str) -> Result<(), ArchiveError>;
    /// A file of exactly `size` bytes read from `data`.
    fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> Result<(), ArchiveError>;
    fn finish(&mut self) -> Result<(), ArchiveError>;
}

/// A tar stream: ustar headers, owner 0:0, time 0.
struct TarOut<'a> {
    w: &'a mut dyn Write,
}

fn write_err(source: io::Error) -> ArchiveError {
    ArchiveError::Io {
        what: "write the archive".into(),
        source,
    }
}

impl TarOut<'_> {
    fn header(&mut self, name: &str, size: u64, kind: tar::EntryType) -> Result<(), ArchiveError> {
        let mut h = tar::Header::new_ustar();
        h.set_path(name).map_err(write_err)?;
        h.set_size(size);
        h.set_entry_type(kind);
        h.set_mode(if kind.is_dir() { 0o755 } else { 0o644 });
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_cksum();
        self.w.write_all(h.as_bytes()).map_err(write_err)
    }
}

impl Out for TarOut<'_> {
    fn dir(&mut self, name: &str) -> Result<(), ArchiveError> {
        self.header(&format!("{name}/"), 0, tar::EntryType::Directory)
    }

    fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> Result<(), ArchiveError> {
        self.header(name, size, tar::EntryType::Regular)?;
        let copied = io::copy(&mut data.take(size), &mut self.w).map_err(write_err)?;
        if copied != size {
            return Err(ArchiveError::Io {
                what: format!("write {name}"),
                source: io::Error::other(format!("{copied} bytes where {size} were expected")),
            });
        }
        let pad = (512 - size % 512) % 512;
        self.w
            .write_all(&[0u8; 512][..pad as usize])
            .map_err(write_err)
    }

    fn finish(&mut self) -> Result<(), ArchiveError> {
        self.w.write_all(&[0u8; 1024]).map_err(write_err)?;
        self.w.flush().map_err(write_err)
    }
}

/// A folder on the host.
struct DirOut {
    root: PathBuf,
}

impl DirOut {
    fn new(root: &Path) -> Result<DirOut, ArchiveError> {
        fs::create_dir_all(root).map_err(|source| ArchiveError::Io {
            what: format!("create {}", root.display()),
            source,
        })?;
        Ok(DirOut {
            root: root.to_path_buf(),
        })
    }
}

impl Out for DirOut {
    fn dir(&mut self, name: &str) -> Result<(), ArchiveError> {
        let path = self.root.join(name);
        fs::create_dir_all(&path).map_err(|source| ArchiveError::Io {
            what: format!("create {}", path.display()),
            source,
        })
    }

    fn file(&mut self, name: &str, size: u64, data: &mut dyn Read) -> Result<(), ArchiveError> {
        let path = self.root.join(name);
        let io_err = |source| ArchiveError::Io {
            what: format!("write {}", path.display()),
            source,
        };
        let mut f = io::BufWriter::new(File::create(&path).map_err(io_err)?);
        let copied = io::copy(&mut data.take(size), &mut f).map_err(io_err)?;
        f.flush().map_err(io_err)?;
        if copied != size {
            return Err(io_err(io::Error::other(format!(
                "{copied} bytes where {size} were expected"
            ))));
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), ArchiveError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_hub_names_are_written_short() {
        assert_eq!(
            familiar("docker.io/library/busybox:latest"),
            "busybox:latest"
        );
        assert_eq!(familiar("docker.io/me/app:1"), "me/app:1");
        assert_eq!(familiar("localhost/x:latest"), "localhost/x:latest");
    }

    #[test]
    fn a_damaged_stream_fails_before_its_entry_ends() {
        let data = b"hello".to_vec();
        let mut v = Verify::new(Box::new(&data[..]), &Digest::of(b"other"), 5, "x".into());
        let mut sink = Vec::new();
        assert!(io::copy(&mut v, &mut sink).is_err());
        let mut v = Verify::new(Box::new(&data[..]), &Digest::of(b"hello"), 5, "x".into());
        assert_eq!(io::copy(&mut v, &mut sink).unwrap(), 5);
        // A source that checks itself at its end is read to that end by the completing read.
        struct FailsAtEnd;
        impl Read for FailsAtEnd {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("damaged"))
            }
        }
        let d = Digest::of(b"hello");
        let mut v =
            Verify::self_checked(Box::new((&data[..]).chain(FailsAtEnd)), &d, 5, "x".into());
        let mut entry = io::Read::take(&mut v, 5);
        assert!(io::copy(&mut entry, &mut io::sink()).is_err());
        let mut v = Verify::self_checked(Box::new(&data[..]), &d, 5, "x".into());
        assert_eq!(
            io::copy(&mut io::Read::take(&mut v, 5), &mut sink).unwrap(),
            5
        );
        let more = b"hello!".to_vec();
        let mut v = Verify::self_checked(Box::new(&more[..]), &d, 5, "x".into());
        assert!(io::copy(&mut io::Read::take(&mut v, 5), &mut io::sink()).is_err());
    }
}
