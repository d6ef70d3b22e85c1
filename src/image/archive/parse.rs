//! The small JSON files of an archive, parsed as hostile input: docker-archive's
//! `manifest.json`, an OCI layout's `index.json` and `oci-layout`. Every name they give is
//! checked to stay inside the archive ([`entry_name`]); nothing here touches a file system.
use super::ArchiveError;
use crate::image::registry::Descriptor;
use crate::util::digest::Digest;
use serde::Deserialize;

/// The largest `manifest.json`, `index.json`, `oci-layout`, manifest or config read.
pub(crate) const MAX_JSON: u64 = 8 << 20;
/// The annotation naming an image in an OCI layout's `index.json`.
pub(crate) const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// One image of a docker-archive `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DockerEntry {
    /// The config file's name inside the archive.
    pub(crate) config: String,
    /// `name:tag` as written (normalised by the loader).
    pub(crate) repo_tags: Vec<String>,
    /// The layer files' names inside the archive, bottom first.
    pub(crate) layers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawDockerEntry {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

/// Parses docker-archive's `manifest.json`: a list of images, each name checked.
pub(crate) fn docker_manifest(bytes: &[u8]) -> Result<Vec<DockerEntry>, ArchiveError> {
    let raw: Vec<RawDockerEntry> = serde_json::from_slice(bytes).map_err(|e| {
        ArchiveError::Invalid(format!(
            "manifest.json is not a docker-archive manifest: {e}"
        ))
    })?;
    if raw.is_empty() {
        return Err(ArchiveError::Invalid(
            "manifest.json lists no images".into(),
        ));
    }
    raw.into_iter()
        .map(|r| {
            Ok(DockerEntry {
                config: entry_name(&r.config)?,
                repo_tags: r.repo_tags.unwrap_or_default(),
                layers: r
                    .layers
                    .iter()
                    .map(|l| entry_name(l))
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect()
}

/// One manifest an OCI `index.json` lists, with its name if it carries one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OciEntry {
    pub(crate) manifest: Descriptor,
    pub(crate) name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawIndex {
    schema_version: Option<i64>,
    manifests: Vec<Descriptor>,
}

/// Parses an OCI layout's `index.json`.
pub(crate) fn oci_index(bytes: &[u8]) -> Result<Vec<OciEntry>, ArchiveError> {
    let raw: RawIndex = serde_json::from_slice(bytes)
        .map_err(|e| ArchiveError::Invalid(format!("index.json is not an OCI index: {e}")))?;
    if let Some(v) = raw.schema_version.filter(|v| *v != 2) {
        return Err(ArchiveError::Invalid(format!(
            "index.json has schemaVersion {v}, expected 2"
        )));
    }
    if raw.manifests.is_empty() {
        return Err(ArchiveError::Invalid("index.json lists no images".into()));
    }
    Ok(raw
        .manifests
        .into_iter()
        .map(|d| {
            let name = d
                .annotations
                .as_ref()
                .and_then(|a| a.get(REF_NAME))
                .filter(|n| !n.is_empty())
                .cloned();
            OciEntry { manifest: d, name }
        })
        .collect())
}

/// Checks an OCI layout's `oci-layout` file.
pub(crate) fn oci_layout(bytes: &[u8]) -> Result<(), ArchiveError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Layout {
        image_layout_version: String,
    }
    let l: Layout = serde_json::from_slice(bytes)
        .map_err(|e| ArchiveError::Invalid(format!("oci-layout is not an OCI layout file: {e}")))?;
    if l.image_layout_version != "1.0.0" {
        return Err(ArchiveError::Invalid(format!(
            "oci-layout has version {:?}, expected 1.0.0",
            cut(&l.image_layout_version)
        )));
    }
    Ok(())
}

/// The name of a blob inside an OCI layout.
pub(crate) fn blob_name(digest: &Digest) -> String {
    format!("blobs/sha256/{}", digest.hex())
}

/// An entry name as the archive gives it, normalised: no leading `./` or `/`-joined empty or
/// `.` parts. A name with `..`, an absolute name or an empty one is refused: an archive may
/// only name what lies inside it.
pub(crate) fn entry_name(name: &str) -> Result<String, ArchiveError> {
    if name.starts_with('/') {
        return Err(ArchiveError::Escapes { name: cut(name) });
    }
    let mut parts = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(ArchiveError::Escapes { name: cut(name) }),
            p => parts.push(p),
        }
    }
    if parts.is_empty() || name.contains('\0') {
        return Err(ArchiveError::Invalid(format!(
            "empty or invalid entry name {:?}",
            cut(name)
        )));
    }
    Ok(parts.join("/"))
}

/// A name from the archive as errors quote it: at most 200 bytes.
pub(crate) fn cut(name: &str) -> String {
    let mut end = name.len().min(200);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_stay_inside_the_archive() {
        assert_eq!(entry_name("./a//b/./c.tar").unwrap(), "a/b/c.tar");
        for bad in ["../x", "a/../../x", "/etc/passwd", "", ".", "a/.."] {
            assert!(entry_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_docker_manifest_lists_images_and_refuses_escapes() {
        let m = br#"[{"Config":"c.json","RepoTags":["busybox:latest"],"Layers":["a/layer.tar","b.tar"]}]"#;
        let e = docker_manifest(m).unwrap();
        assert_eq!(e[0].config, "c.json");
        assert_eq!(e[0].layers, vec!["a/layer.tar", "b.tar"]);
        assert_eq!(e[0].repo_tags, vec!["busybox:latest"]);
        let m = br#"[{"Config":"c.json","RepoTags":null,"Layers":["../x.tar"]}]"#;
        assert!(matches!(
            docker_manifest(m),
            Err(ArchiveError::Escapes { .. })
        ));
        assert!(docker_manifest(b"[]").is_err());
        assert!(docker_manifest(b"{}").is_err());
    }

    #[test]
    fn an_oci_index_gives_manifests_and_their_names() {
        let d = Digest::of(b"m");
        let idx = format!(
            r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{d}","size":1,"annotations":{{"{REF_NAME}":"x/y:1"}}}}]}}"#
        );
        let e = oci_index(idx.as_bytes()).unwrap();
        assert_eq!(e[0].manifest.digest, d);
        assert_eq!(e[0].name.as_deref(), Some("x/y:1"));
        assert!(oci_index(br#"{"schemaVersion":2,"manifests":[]}"#).is_err());
        assert!(oci_layout(br#"{"imageLayoutVersion":"1.0.0"}"#).is_ok());
        assert!(oci_layout(br#"{"imageLayoutVersion":"2"}"#).is_err());
    }
}
