//! Manifests and descriptors: the OCI index and image manifest, the Docker manifest list and
//! schema 2 manifest, the media types that name them, and layer compression by media type.
//! Docker schema 1 is recognised only to refuse it clearly.
use super::platform::Platform;
use super::RegistryError;
use crate::util::digest::Digest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub(crate) const DOCKER_MANIFEST_LIST: &str =
    "application/vnd.docker.distribution.manifest.list.v2+json";
pub(crate) const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub(crate) const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+json";
pub(crate) const DOCKER_SCHEMA1_SIGNED: &str =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

/// The `Accept` header for manifest requests: every type we parse, plus schema 1 so the
/// registry answers with it (and we can say why it is refused) rather than with a 404.
pub(crate) const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
     application/vnd.oci.image.manifest.v1+json, \
     application/vnd.docker.distribution.manifest.list.v2+json, \
     application/vnd.docker.distribution.manifest.v2+json, \
     application/vnd.docker.distribution.manifest.v1+prettyjws;q=0.5, \
     application/vnd.docker.distribution.manifest.v1+json;q=0.5";

/// A parsed manifest: a multi-platform index or a single image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manifest {
    Index(Vec<IndexEntry>),
    Image(ImageManifest),
}

/// A content descriptor: what a manifest says about a blob.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    #[serde(default)]
    pub(crate) media_type: String,
    pub digest: Digest,
    pub(crate) size: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) annotations: Option<BTreeMap<String, String>>,
}

/// A single-platform image: its config blob and its layers, bottom first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageManifest {
    pub(crate) config: Descriptor,
    pub layers: Vec<Descriptor>,
}

/// One manifest listed in an index, with the platform it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub(crate) descriptor: Descriptor,
    pub(crate) platform: Option<Platform>,
}

/// How a layer blob is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Descriptor {
    /// The compression of a layer, from its media type.
    pub(crate) fn compression(&self) -> Result<Compression, RegistryError> {
        let mt = self.media_type.as_str();
        match mt {
            "application/vnd.oci.image.layer.v1.tar"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar"
            | "application/vnd.docker.image.rootfs.diff.tar" => Ok(Compression::None),
            "application/vnd.oci.image.layer.v1.tar+gzip"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            | "application/vnd.docker.image.rootfs.diff.tar.gzip"
            | "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" => Ok(Compression::Gzip),
            "application/vnd.oci.image.layer.v1.tar+zstd"
            | "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" => {
                Ok(Compression::Zstd)
            }
            _ => Err(RegistryError::UnsupportedMediaType {
                what: format!("layer {}", self.digest),
                media_type: mt.to_string(),
            }),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawManifest {
    schema_version: Option<i64>,
    media_type: Option<String>,
    config: Option<Descriptor>,
    layers: Option<Vec<Descriptor>>,
    manifests: Option<Vec<RawIndexEntry>>,
}

#[derive(Deserialize)]
struct RawIndexEntry {
    #[serde(flatten)]
    descriptor: Descriptor,
    platform: Option<Platform>,
}

/// The media type of a manifest: the `Content-Type` the registry sent when it is a manifest
/// type, else the JSON's own `mediaType`, else guessed from its shape.
pub(crate) fn effective_media_type(content_type: Option<&str>, bytes: &[u8]) -> String {
    let ct = content_type.map(|c| {
        c.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if let Some(ct) = ct.filter(|c| is_manifest_type(c)) {
        return ct;
    }
    let Ok(raw) = serde_json::from_slice::<RawManifest>(bytes) else {
        return String::new();
    };
    if let Some(mt) = raw.media_type.filter(|m| !m.is_empty()) {
        return mt;
    }
    if raw.schema_version == Some(1) {
        DOCKER_SCHEMA1.to_string()
    } else if raw.manifests.is_some() {
        OCI_INDEX.to_string()
    } else {
        OCI_MANIFEST.to_string()
    }
}

fn is_manifest_type(mt: &str) -> bool {
    [
        OCI_INDEX,
        OCI_MANIFEST,
        DOCKER_MANIFEST_LIST,
        DOCKER_MANIFEST,
        DOCKER_SCHEMA1,
        DOCKER_SCHEMA1_SIGNED,
    ]
    .contains(&mt)
}

/// Parses manifest bytes of the given media type. Errors name the manifest generically; the
/// client puts the image name in.
pub fn parse_manifest(bytes: &[u8], media_type: &str) -> Result<Manifest, RegistryError> {
    let invalid = |reason: String| RegistryError::InvalidManifest {
        name: "manifest".into(),
        reason,
    };
    if media_type == DOCKER_SCHEMA1 || media_type == DOCKER_SCHEMA1_SIGNED {
        return Err(RegistryError::Schema1 {
            name: "the image".into(),
        });
    }
    let raw: RawManifest =
        serde_json::from_slice(bytes).map_err(|e| invalid(format!("not valid JSON: {e}")))?;
    if raw.schema_version == Some(1) {
        return Err(RegistryError::Schema1 {
            name: "the image".into(),
        });
    }
    if let Some(v) = raw.schema_version.filter(|v| *v != 2) {
        return Err(invalid(format!("schemaVersion {v}, expected 2")));
    }
    match media_type {
        OCI_INDEX | DOCKER_MANIFEST_LIST => {
            let entries = raw
                .manifests
                .ok_or_else(|| invalid("an index without \"manifests\"".into()))?;
            Ok(Manifest::Index(
                entries
                    .into_iter()
                    .map(|e| IndexEntry {
                        descriptor: e.descriptor,
                        platform: e.platform,
                    })
                    .collect(),
            ))
        }
        OCI_MANIFEST | DOCKER_MANIFEST => {
            let config = raw
                .config
                .ok_or_else(|| invalid("an image manifest without \"config\"".into()))?;
            let layers = raw
                .layers
                .ok_or_else(|| invalid("an image manifest without \"layers\"".into()))?;
            Ok(Manifest::Image(ImageManifest { config, layers }))
        }
        other => Err(RegistryError::UnsupportedMediaType {
            what: "a manifest".into(),
            media_type: other.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: u8) -> String {
        Digest::of(&[n]).to_string()
    }

    fn image_json(media_type: &str, layer_type: &str) -> String {
        format!(
            r#"{{"schemaVersion":2,"mediaType":"{media_type}",
              "config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{}","size":7}},
              "layers":[{{"mediaType":"{layer_type}","digest":"{}","size":100,
                          "annotations":{{"a":"b"}}}}]}}"#,
            d(1),
            d(2)
        )
    }

    fn index_json(media_type: &str) -> String {
        format!(
            r#"{{"schemaVersion":2,"mediaType":"{media_type}","manifests":[
                {{"mediaType":"{OCI_MANIFEST}","digest":"{}","size":500,
                  "platform":{{"architecture":"arm64","os":"linux","variant":"v8"}}}},
                {{"mediaType":"{OCI_MANIFEST}","digest":"{}","size":501}}]}}"#,
            d(3),
            d(4)
        )
    }

    #[test]
    fn parses_oci_and_docker_image_manifests() {
        for (mt, lt) in [
            (OCI_MANIFEST, "application/vnd.oci.image.layer.v1.tar+gzip"),
            (
                DOCKER_MANIFEST,
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
            ),
        ] {
            let bytes = image_json(mt, lt);
            assert_eq!(effective_media_type(None, bytes.as_bytes()), mt);
            let Manifest::Image(m) = parse_manifest(bytes.as_bytes(), mt).unwrap() else {
                panic!("expected an image manifest")
            };
            assert_eq!(m.config.size, 7);
            assert_eq!(m.layers.len(), 1);
            assert_eq!(m.layers[0].digest.to_string(), d(2));
            assert_eq!(m.layers[0].compression().unwrap(), Compression::Gzip);
            assert_eq!(m.layers[0].annotations.as_ref().unwrap()["a"], "b");
        }
    }

    #[test]
    fn parses_oci_index_and_docker_list() {
        for mt in [OCI_INDEX, DOCKER_MANIFEST_LIST] {
            let bytes = index_json(mt);
            let Manifest::Index(entries) = parse_manifest(bytes.as_bytes(), mt).unwrap() else {
                panic!("expected an index")
            };
            assert_eq!(entries.len(), 2);
            assert_eq!(
                entries[0].platform.as_ref().unwrap().variant.as_deref(),
                Some("v8")
            );
            assert_eq!(entries[0].descriptor.size, 500);
            assert!(entries[1].platform.is_none());
        }
    }

    #[test]
    fn content_type_wins_over_json_and_shape_is_the_last_resort() {
        let bytes = index_json(OCI_INDEX);
        assert_eq!(
            effective_media_type(
                Some(&format!("{DOCKER_MANIFEST_LIST}; charset=utf-8")),
                bytes.as_bytes()
            ),
            DOCKER_MANIFEST_LIST
        );
        assert_eq!(
            effective_media_type(Some("application/json"), bytes.as_bytes()),
            OCI_INDEX
        );
        let bare = r#"{"schemaVersion":2,"manifests":[]}"#;
        assert_eq!(
            effective_media_type(Some("text/plain"), bare.as_bytes()),
            OCI_INDEX
        );
        let bare = image_json("", "application/vnd.oci.image.layer.v1.tar");
        assert_eq!(effective_media_type(None, bare.as_bytes()), OCI_MANIFEST);
    }

    #[test]
    fn schema1_is_refused_with_advice() {
        let bytes = br#"{"schemaVersion":1,"name":"a","tag":"b","fsLayers":[]}"#;
        assert_eq!(effective_media_type(None, bytes), DOCKER_SCHEMA1);
        for mt in [DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED, OCI_MANIFEST] {
            let e = parse_manifest(bytes, mt).unwrap_err();
            assert!(matches!(e, RegistryError::Schema1 { .. }), "{e}");
            let msg = e.in_context("r.example/a:b").to_string();
            assert!(
                msg.contains("r.example/a:b")
                    && msg.contains("schema 1")
                    && msg.contains("push it again"),
                "{msg}"
            );
        }
    }

    #[test]
    fn invalid_manifests_are_clear_errors() {
        let e = parse_manifest(b"{not json", OCI_MANIFEST)
            .unwrap_err()
            .in_context("r.example/a:b");
        assert!(matches!(e, RegistryError::InvalidManifest { .. }));
        assert!(e.to_string().contains("r.example/a:b"), "{e}");
        let missing = r#"{"schemaVersion":2,"layers":[]}"#;
        assert!(parse_manifest(missing.as_bytes(), OCI_MANIFEST).is_err());
        let bad_digest = r#"{"schemaVersion":2,"config":{"digest":"md5:00","size":1},"layers":[]}"#;
        assert!(parse_manifest(bad_digest.as_bytes(), OCI_MANIFEST).is_err());
        let e = parse_manifest(index_json(OCI_INDEX).as_bytes(), "text/html").unwrap_err();
        assert!(matches!(e, RegistryError::UnsupportedMediaType { .. }));
    }

    #[test]
    fn compression_follows_the_layer_media_type() {
        let desc = |mt: &str| Descriptor {
            media_type: mt.into(),
            digest: Digest::of(b"l"),
            size: 1,
            urls: Vec::new(),
            annotations: None,
        };
        let cases = [
            ("application/vnd.oci.image.layer.v1.tar", Compression::None),
            (
                "application/vnd.oci.image.layer.v1.tar+gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.oci.image.layer.v1.tar+zstd",
                Compression::Zstd,
            ),
            (
                "application/vnd.oci.image.layer.nondistributable.v1.tar",
                Compression::None,
            ),
            (
                "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
                Compression::Zstd,
            ),
            (
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                Compression::Gzip,
            ),
        ];
        for (mt, want) in cases {
            assert_eq!(desc(mt).compression().unwrap(), want, "{mt}");
        }
        let e = desc("application/vnd.cncf.helm.chart.content.v1.tar+gzip")
            .compression()
            .unwrap_err();
        assert!(e.to_string().contains("helm"), "{e}");
    }
}
