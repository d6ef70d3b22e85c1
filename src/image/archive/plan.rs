//! The images an archive or a folder holds, read and checked without touching the store:
//! docker-archive's `manifest.json` (one image or many), an OCI layout's `index.json`
//! (oci-archive, oci-dir) or a `dir:` folder's `manifest.json` (docker-dir). Every manifest
//! and config is read size-capped and checked against its digest, every layer's file found.
//! An image index (a multi-platform image) gives the image for the host's platform; indexes
//! nest at most [`MAX_NESTING`] deep.
use super::parse::{self, blob_name, cut, MAX_JSON};
use super::spool::Spool;
use super::ArchiveError;
use crate::image::pull::diff_ids;
use crate::image::registry::manifest::{effective_media_type, DOCKER_MANIFEST_LIST, OCI_INDEX};
use crate::image::registry::{parse_manifest, select, Manifest, Platform};
use crate::image::Reference;
use crate::util::digest::Digest;

/// One image of the archive, checked, not yet in the store.
pub(super) struct Plan {
    pub(super) names: Vec<String>,
    pub(super) config: Vec<u8>,
    pub(super) id: Digest,
    pub(super) diff_ids: Vec<Digest>,
    /// Each layer's file in the archive and the digest of that file.
    pub(super) layers: Vec<(String, Digest)>,
    /// The archive's own manifest (oci-archive, oci-dir, docker-dir), kept as it is.
    pub(super) manifest: Option<Vec<u8>>,
}

/// Image indexes followed inside one another, at most.
pub(super) const MAX_NESTING: usize = 4;

/// The images of the archive or folder `spool`, told apart by their files.
pub(super) fn plans(spool: &Spool) -> Result<Vec<Plan>, ArchiveError> {
    if spool.has("manifest.json") {
        let bytes = spool.read_small("manifest.json", MAX_JSON)?;
        // docker-archive's is a list of images; a `dir:` folder's one manifest.
        return match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => dir_plans(spool, bytes),
            _ => docker_plans(spool, &bytes),
        };
    }
    if spool.has("index.json") {
        if spool.has("oci-layout") {
            parse::oci_layout(&spool.read_small("oci-layout", MAX_JSON)?)?;
        }
        return oci_plans(spool);
    }
    Err(ArchiveError::Invalid(if spool.is_dir() {
        "the folder has neither index.json (oci-dir) nor manifest.json (docker-dir): it is \
         not an image folder"
            .into()
    } else {
        "neither manifest.json (docker-archive) nor index.json (oci-archive) found; \
         the archive is truncated or not an image archive"
            .into()
    }))
}

/// How a layout names its blobs.
#[derive(Debug, Clone, Copy)]
enum Blobs {
    /// `blobs/sha256/<hex>`.
    Oci,
    /// `<hex>`, as a `dir:` folder.
    Dir,
}

impl Blobs {
    fn name(self, digest: &Digest) -> String {
        match self {
            Blobs::Oci => blob_name(digest),
            Blobs::Dir => digest.hex().to_string(),
        }
    }
}

/// The images of a docker-archive `manifest.json`.
fn docker_plans(spool: &Spool, manifest: &[u8]) -> Result<Vec<Plan>, ArchiveError> {
    let entries = parse::docker_manifest(manifest)?;
    let mut plans = Vec::new();
    for e in entries {
        let config = spool.read_small(&e.config, MAX_JSON)?;
        let id = Digest::of(&config);
        // `<hex>.json`, as docker and podman name it, must be what it says.
        let base = e.config.rsplit('/').next().unwrap_or(&e.config);
        if let Ok(named) = Digest::from_hex(base.strip_suffix(".json").unwrap_or(base)) {
            if named != id {
                return Err(ArchiveError::Digest {
                    what: format!("config {}", cut(&e.config)),
                    expected: named,
                    actual: id,
                });
            }
        }
        let diff_ids = config_diff_ids(&config, &id, e.layers.len())?;
        let mut layers = Vec::new();
        for name in &e.layers {
            layers.push((name.clone(), spool.resolve(name)?.digest.clone()));
        }
        let mut names = Vec::new();
        // `<none>:<none>` is how some tools write "untagged".
        for tag in e.repo_tags.iter().filter(|t| t.as_str() != "<none>:<none>") {
            names.push(full_name(tag)?);
        }
        plans.push(Plan {
            names,
            config,
            id,
            diff_ids,
            layers,
            manifest: None,
        });
    }
    Ok(plans)
}

/// The images of an OCI layout's `index.json` (entries naming one manifest merge).
fn oci_plans(spool: &Spool) -> Result<Vec<Plan>, ArchiveError> {
    let entries = parse::oci_index(&spool.read_small("index.json", MAX_JSON)?)?;
    let mut plans: Vec<(Digest, Plan)> = Vec::new();
    for e in entries {
        let digest = e.manifest.digest.clone();
        let name = match e.name.as_deref() {
            // A bare tag (`latest`) names no repository: the image is loaded untagged.
            Some(n) if n.contains('/') || n.contains(':') => Some(full_name(n)?),
            _ => None,
        };
        if let Some((_, plan)) = plans.iter_mut().find(|(d, _)| *d == digest) {
            plan.names.extend(name);
            continue;
        }
        let bytes = verified(spool, Blobs::Oci, &digest, "manifest")?;
        let plan = image_plan(
            spool,
            Blobs::Oci,
            &digest.to_string(),
            bytes,
            name.into_iter().collect(),
            0,
        )?;
        plans.push((digest, plan));
    }
    Ok(plans.into_iter().map(|(_, p)| p).collect())
}

/// The image of a `dir:` folder (docker-dir): its `manifest.json`, its blobs named by their
/// hex digests. A folder has no name for its image.
fn dir_plans(spool: &Spool, manifest: Vec<u8>) -> Result<Vec<Plan>, ArchiveError> {
    if spool.has("version") {
        let v = spool.read_small("version", 1024)?;
        if !v.starts_with(b"Directory Transport Version: 1.") {
            return Err(ArchiveError::Invalid(format!(
                "version says {:?}, expected \"Directory Transport Version: 1.x\"",
                cut(String::from_utf8_lossy(&v).trim())
            )));
        }
    }
    Ok(vec![image_plan(
        spool,
        Blobs::Dir,
        "manifest.json",
        manifest,
        Vec::new(),
        0,
    )?])
}

/// The image of the manifest `bytes` (already checked against its digest), called `what` in
/// errors: for an image index, the image of its entry for the host's platform, `depth`
/// indexes down.
fn image_plan(
    spool: &Spool,
    blobs: Blobs,
    what: &str,
    bytes: Vec<u8>,
    names: Vec<String>,
    depth: usize,
) -> Result<Plan, ArchiveError> {
    let bad = |reason: String| ArchiveError::Image {
        what: format!("manifest {}", cut(what)),
        reason,
    };
    let media_type = effective_media_type(None, &bytes);
    let manifest = match parse_manifest(&bytes, &media_type) {
        Ok(Manifest::Image(m)) => m,
        Ok(Manifest::Index(entries)) => {
            if depth >= MAX_NESTING {
                return Err(bad(format!(
                    "image indexes nest more than {MAX_NESTING} deep; rcon loads no deeper"
                )));
            }
            let host = Platform::host();
            // An index of one index without a platform (as an OCI layout's `index.json`
            // points at a multi-platform image) is followed as it is.
            let single = match entries.as_slice() {
                [e] if e.platform.is_none()
                    && [OCI_INDEX, DOCKER_MANIFEST_LIST]
                        .contains(&e.descriptor.media_type.as_str()) =>
                {
                    Some(e)
                }
                _ => None,
            };
            let Some(chosen) = select(&entries, &host).or(single) else {
                let have: Vec<String> = entries
                    .iter()
                    .filter_map(|e| e.platform.as_ref().map(|p| p.to_string()))
                    .collect();
                return Err(bad(format!(
                    "the image index has no image for this host's platform {host} (it has {})",
                    if have.is_empty() {
                        "none with a platform".to_string()
                    } else {
                        have.join(", ")
                    }
                )));
            };
            let digest = &chosen.descriptor.digest;
            let inner = verified(spool, blobs, digest, "manifest")?;
            return image_plan(spool, blobs, &digest.to_string(), inner, names, depth + 1);
        }
        Err(e) => return Err(bad(e.to_string())),
    };
    let config = verified(spool, blobs, &manifest.config.digest, "config")?;
    let id = manifest.config.digest.clone();
    let diff_ids = config_diff_ids(&config, &id, manifest.layers.len())?;
    let mut layers = Vec::new();
    for l in &manifest.layers {
        let name = blobs.name(&l.digest);
        let stored = spool.resolve(&name)?;
        if stored.digest != l.digest {
            return Err(ArchiveError::Digest {
                what: format!("layer blob {}", l.digest),
                expected: l.digest.clone(),
                actual: stored.digest.clone(),
            });
        }
        layers.push((name, l.digest.clone()));
    }
    Ok(Plan {
        names,
        config,
        id,
        diff_ids,
        layers,
        manifest: Some(bytes),
    })
}

/// The blob `digest` of the layout, read whole and checked.
fn verified(
    spool: &Spool,
    blobs: Blobs,
    digest: &Digest,
    what: &str,
) -> Result<Vec<u8>, ArchiveError> {
    let bytes = spool.read_small(&blobs.name(digest), MAX_JSON)?;
    let actual = Digest::of(&bytes);
    if actual != *digest {
        return Err(ArchiveError::Digest {
            what: format!("{what} {digest}"),
            expected: digest.clone(),
            actual,
        });
    }
    Ok(bytes)
}

/// Images with more layers than this are refused (the kernel overlay stacks far fewer).
const MAX_LAYERS: usize = 1024;

fn config_diff_ids(config: &[u8], id: &Digest, layers: usize) -> Result<Vec<Digest>, ArchiveError> {
    if layers > MAX_LAYERS {
        return Err(ArchiveError::Image {
            what: format!("config {id}"),
            reason: format!("the image has {layers} layers, more than the {MAX_LAYERS} rcon loads"),
        });
    }
    let ids = diff_ids(config).map_err(|e| ArchiveError::Image {
        what: format!("config {id}"),
        reason: e.to_string(),
    })?;
    if ids.len() != layers {
        return Err(ArchiveError::Image {
            what: format!("config {id}"),
            reason: format!(
                "it has {} diff IDs but the image {layers} layers",
                ids.len()
            ),
        });
    }
    Ok(ids)
}

/// A name from the archive as the store records it (`busybox:1` → `docker.io/library/busybox:1`).
fn full_name(tag: &str) -> Result<String, ArchiveError> {
    let r = Reference::parse(tag).map_err(|e| ArchiveError::Image {
        what: format!("name {:?}", cut(tag)),
        reason: e.to_string(),
    })?;
    if r.digest.is_some() {
        return Err(ArchiveError::Image {
            what: format!("name {:?}", cut(tag)),
            reason: "a name in an archive cannot carry a digest".into(),
        });
    }
    Ok(r.to_string())
}
