//! The manifest a push writes: the stored one byte for byte when nothing changes (so its
//! digest stays the one pulled), else a new OCI or Docker schema 2 manifest with the layers
//! as pushed and the media types of the chosen format.
use crate::image::registry::manifest::{Compression, DOCKER_MANIFEST, OCI_MANIFEST};
use crate::image::registry::Descriptor;
use serde_json::{json, Map, Value};

pub(crate) const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub(crate) const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// `--format`: the manifest flavour to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ManifestFormat {
    Oci,
    /// Docker schema 2.
    V2s2,
}

impl ManifestFormat {
    /// The flavour of a manifest media type (OCI for anything not Docker's).
    pub(crate) fn of(media_type: &str) -> ManifestFormat {
        if media_type == DOCKER_MANIFEST {
            ManifestFormat::V2s2
        } else {
            ManifestFormat::Oci
        }
    }

    pub(crate) fn manifest_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => OCI_MANIFEST,
            ManifestFormat::V2s2 => DOCKER_MANIFEST,
        }
    }

    pub(crate) fn config_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => OCI_CONFIG,
            ManifestFormat::V2s2 => DOCKER_CONFIG,
        }
    }
}

/// Why a manifest cannot be written in the chosen format.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConvertError {
    #[error("layer {digest} is zstd-compressed, which a Docker schema 2 manifest cannot list: use --format oci or --compression-format gzip")]
    ZstdInDocker { digest: String },
    #[error(
        "layer {digest} is uncompressed, which rcon does not push in a Docker schema 2 manifest"
    )]
    UncompressedInDocker { digest: String },
}

/// The media type of a layer in `format`, compressed with `compression`.
pub(crate) fn layer_media_type(
    format: ManifestFormat,
    compression: Compression,
    nondistributable: bool,
    digest: &str,
) -> Result<&'static str, ConvertError> {
    Ok(match (format, compression, nondistributable) {
        (ManifestFormat::Oci, Compression::None, false) => "application/vnd.oci.image.layer.v1.tar",
        (ManifestFormat::Oci, Compression::Gzip, false) => {
            "application/vnd.oci.image.layer.v1.tar+gzip"
        }
        (ManifestFormat::Oci, Compression::Zstd, false) => {
            "application/vnd.oci.image.layer.v1.tar+zstd"
        }
        (ManifestFormat::Oci, Compression::None, true) => {
            "application/vnd.oci.image.layer.nondistributable.v1.tar"
        }
        (ManifestFormat::Oci, Compression::Gzip, true) => {
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
        }
        (ManifestFormat::Oci, Compression::Zstd, true) => {
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"
        }
        (ManifestFormat::V2s2, Compression::Gzip, false) => {
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
        }
        (ManifestFormat::V2s2, Compression::Gzip, true) => {
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
        }
        (ManifestFormat::V2s2, Compression::Zstd, _) => {
            return Err(ConvertError::ZstdInDocker {
                digest: digest.into(),
            })
        }
        (ManifestFormat::V2s2, Compression::None, _) => {
            return Err(ConvertError::UncompressedInDocker {
                digest: digest.into(),
            })
        }
    })
}

/// True for the media types of layers that are not to be distributed (foreign layers).
pub(crate) fn is_nondistributable(media_type: &str) -> bool {
    media_type.contains("nondistributable") || media_type.contains("foreign")
}

/// A new manifest of `format` for `config` and `layers` (their media types already those of
/// `format`), keeping the original's annotations in an OCI manifest.
pub(crate) fn build(
    original: &[u8],
    format: ManifestFormat,
    config: &Descriptor,
    layers: &[Descriptor],
) -> Vec<u8> {
    let original: Value = serde_json::from_slice(original).unwrap_or(Value::Null);
    let descriptor = |d: &Descriptor| -> Value {
        let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
        if let (ManifestFormat::V2s2, Some(obj)) = (format, v.as_object_mut()) {
            obj.remove("annotations");
        }
        v
    };
    let mut out = Map::new();
    out.insert("schemaVersion".into(), json!(2));
    out.insert("mediaType".into(), json!(format.manifest_type()));
    let mut config = config.clone();
    config.media_type = format.config_type().into();
    out.insert("config".into(), descriptor(&config));
    out.insert(
        "layers".into(),
        Value::Array(layers.iter().map(descriptor).collect()),
    );
    if format == ManifestFormat::Oci {
        if let Some(a) = original.get("annotations").filter(|a| a.is_object()) {
            out.insert("annotations".into(), a.clone());
        }
    }
    serde_json::to_vec(&Value::Object(out)).expect("a JSON value serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::registry::manifest::parse_manifest;
    use crate::image::registry::Manifest;
    use crate::util::digest::Digest;

    fn desc(mt: &str, data: &[u8]) -> Descriptor {
        serde_json::from_value(json!({
            "mediaType": mt, "digest": Digest::of(data).to_string(), "size": data.len(),
            "annotations": {"k": "v"}
        }))
        .unwrap()
    }

    #[test]
    fn docker_format_gets_docker_media_types_and_no_annotations() {
        let cfg = desc(OCI_CONFIG, b"cfg");
        let layer = desc("application/vnd.docker.image.rootfs.diff.tar.gzip", b"l");
        let orig = br#"{"annotations":{"a":"b"}}"#;
        let bytes = build(
            orig,
            ManifestFormat::V2s2,
            &cfg,
            std::slice::from_ref(&layer),
        );
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["mediaType"], DOCKER_MANIFEST);
        assert_eq!(v["config"]["mediaType"], DOCKER_CONFIG);
        assert!(v.get("annotations").is_none());
        assert!(v["layers"][0].get("annotations").is_none());
        let Manifest::Image(m) = parse_manifest(&bytes, DOCKER_MANIFEST).unwrap() else {
            panic!()
        };
        assert_eq!(m.layers[0].digest, layer.digest);

        let bytes = build(orig, ManifestFormat::Oci, &cfg, &[layer]);
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["mediaType"], OCI_MANIFEST);
        assert_eq!(v["annotations"]["a"], "b");
        assert_eq!(v["layers"][0]["annotations"]["k"], "v");
    }

    #[test]
    fn layer_media_types_follow_format_and_compression() {
        let mt = |f, c, n| layer_media_type(f, c, n, "d");
        assert_eq!(
            mt(ManifestFormat::V2s2, Compression::Gzip, false).unwrap(),
            "application/vnd.docker.image.rootfs.diff.tar.gzip"
        );
        assert_eq!(
            mt(ManifestFormat::Oci, Compression::Zstd, false).unwrap(),
            "application/vnd.oci.image.layer.v1.tar+zstd"
        );
        assert!(mt(ManifestFormat::V2s2, Compression::Zstd, false).is_err());
        assert!(mt(ManifestFormat::V2s2, Compression::None, false).is_err());
        assert!(is_nondistributable(
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
        ));
    }
}
