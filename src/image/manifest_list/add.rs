//! `manifest add` (and `create` with images): an entry for a stored image, from its manifest
//! and config, or for an image in a registry, from its manifest alone (and its config for
//! the platform); an index in a registry adds the host's entry, or all of them with `--all`.
use super::{annotate, update, Entry, EntryPlatform, ListError, Member, Source};
use crate::config::registries::RegistriesConf;
use crate::config::Paths;
use crate::image::registry::manifest::effective_media_type;
use crate::image::registry::{parse_manifest, Client, ClientOptions, Manifest, Platform};
use crate::image::store::{ImageRecord, Store};
use crate::image::Reference;
use std::collections::BTreeMap;

/// Configs larger than this are not read for a remote member's platform.
const MAX_CONFIG: u64 = 8 << 20;

/// The entry fields `add` and `annotate` may set.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddOptions {
    pub(crate) all: bool,
    pub(crate) arch: Option<String>,
    pub(crate) os: Option<String>,
    pub(crate) variant: Option<String>,
    pub(crate) os_version: Option<String>,
    pub(crate) os_features: Vec<String>,
    pub(crate) features: Vec<String>,
    pub(crate) annotations: BTreeMap<String, String>,
}

impl AddOptions {
    /// Applies the platform flags and annotations to `entry`.
    pub(crate) fn apply(&self, entry: &mut Entry) {
        let p = entry.platform.get_or_insert_with(EntryPlatform::default);
        if let Some(a) = &self.arch {
            p.architecture = a.clone();
        }
        if let Some(o) = &self.os {
            p.os = o.clone();
        }
        if let Some(v) = &self.variant {
            p.variant = Some(v.clone());
        }
        if let Some(v) = &self.os_version {
            p.os_version = Some(v.clone());
        }
        if !self.os_features.is_empty() {
            p.os_features = self.os_features.clone();
        }
        if !self.features.is_empty() {
            p.features = self.features.clone();
        }
        annotate(&mut entry.annotations, &self.annotations);
    }
}

/// The platform an image config states.
fn config_platform(config: &[u8]) -> Option<EntryPlatform> {
    let v: serde_json::Value = serde_json::from_slice(config).ok()?;
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let list = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(EntryPlatform {
        architecture: s("architecture").unwrap_or_default(),
        os: s("os").unwrap_or_default(),
        os_version: s("os.version"),
        os_features: list("os.features"),
        variant: s("variant"),
        features: Vec::new(),
    })
}

/// Adds stored image `img` to list `list`; returns the list's ID.
pub(crate) fn add_local(
    store: &Store,
    list: &str,
    img: &ImageRecord,
    opts: &AddOptions,
) -> Result<String, ListError> {
    let manifest = store.read_blob(&img.digest)?;
    let config = store.read_blob(&img.id)?;
    let mut entry = Entry {
        media_type: effective_media_type(None, &manifest),
        size: manifest.len() as u64,
        digest: img.digest.clone(),
        platform: config_platform(&config),
        annotations: None,
    };
    opts.apply(&mut entry);
    let member = Member {
        entry,
        source: Source::Local {
            image_id: img.id.clone(),
        },
    };
    update(store, |lists| {
        let rec = lists.find_mut(list)?;
        rec.put_member(member);
        Ok(rec.id.clone())
    })
}

/// Adds image `reference` from its registry to list `list`; returns the list's ID.
pub(crate) fn add_remote(
    paths: &Paths,
    store: &Store,
    client_opts: &ClientOptions,
    list: &str,
    reference: &Reference,
    opts: &AddOptions,
) -> Result<String, ListError> {
    // Fail early on an unknown list, before talking to the registry.
    super::read(store)?
        .find(list)
        .ok_or_else(|| ListError::NotKnown(list.to_string()))?;
    let conf = RegistriesConf::load(paths)?;
    let ep = conf
        .endpoints(reference)?
        .into_iter()
        .rfind(|e| !e.mirror)
        .expect("endpoints end with the registry itself");
    let client = Client::new(paths, client_opts.clone())?;
    let fetched = client.get_manifest(&ep, &reference.manifest_ref())?;
    let repository = reference.name();
    let bad = |reason: String| ListError::Member {
        image: reference.to_string(),
        reason,
    };
    let mut entries = Vec::new();
    match parse_manifest(&fetched.bytes, &fetched.media_type)? {
        Manifest::Image(m) => {
            let config =
                client.get_blob_bytes(&ep, &m.config.digest, Some(m.config.size), MAX_CONFIG)?;
            entries.push(Entry {
                media_type: fetched.media_type.clone(),
                size: fetched.bytes.len() as u64,
                digest: fetched.digest.clone(),
                platform: config_platform(&config),
                annotations: None,
            });
        }
        Manifest::Index(parsed) => {
            #[derive(serde::Deserialize)]
            struct Raw {
                manifests: Vec<Entry>,
            }
            let raw: Raw =
                serde_json::from_slice(&fetched.bytes).map_err(|e| bad(e.to_string()))?;
            if opts.all {
                entries = raw.manifests;
            } else {
                let host = Platform::host();
                let chosen = crate::image::registry::select(&parsed, &host).ok_or_else(|| {
                    bad(format!(
                        "no image for {host} in its index; add it with --all"
                    ))
                })?;
                let digest = &chosen.descriptor.digest;
                entries.extend(raw.manifests.into_iter().filter(|e| &e.digest == digest));
            }
        }
    }
    let members: Vec<Member> = entries
        .into_iter()
        .map(|mut entry| {
            opts.apply(&mut entry);
            Member {
                entry,
                source: Source::Remote {
                    repository: repository.clone(),
                },
            }
        })
        .collect();
    update(store, |lists| {
        let rec = lists.find_mut(list)?;
        for m in members {
            rec.put_member(m);
        }
        Ok(rec.id.clone())
    })
}

/// `manifest inspect` of an image or list in a registry: its manifest as the registry serves
/// it, re-indented with four spaces as Podman prints it.
pub(crate) fn inspect_remote(
    paths: &Paths,
    client_opts: &ClientOptions,
    reference: &Reference,
) -> Result<Vec<u8>, ListError> {
    let conf = RegistriesConf::load(paths)?;
    let ep = conf
        .endpoints(reference)?
        .into_iter()
        .rfind(|e| !e.mirror)
        .expect("endpoints end with the registry itself");
    let client = Client::new(paths, client_opts.clone())?;
    let fetched = client.get_manifest(&ep, &reference.manifest_ref())?;
    let value: serde_json::Value =
        serde_json::from_slice(&fetched.bytes).map_err(|e| ListError::Member {
            image: reference.to_string(),
            reason: format!("its manifest is not JSON: {e}"),
        })?;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(&value, &mut ser).expect("a JSON value serialises");
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_comes_from_the_config_and_flags_override_it() {
        let cfg = br#"{"architecture":"arm","os":"linux","variant":"v7","os.features":["x"]}"#;
        let mut e = Entry {
            media_type: String::new(),
            size: 1,
            digest: crate::util::digest::Digest::of(b"m"),
            platform: config_platform(cfg),
            annotations: None,
        };
        assert_eq!(e.platform.as_ref().unwrap().variant.as_deref(), Some("v7"));
        let opts = AddOptions {
            arch: Some("arm64".into()),
            variant: Some("v8".into()),
            annotations: [("k".to_string(), "v".to_string())].into(),
            ..AddOptions::default()
        };
        opts.apply(&mut e);
        let p = e.platform.unwrap();
        assert_eq!(
            (p.architecture.as_str(), p.variant.as_deref()),
            ("arm64", Some("v8"))
        );
        assert_eq!(p.os_features, vec!["x"]);
        assert_eq!(e.annotations.unwrap()["k"], "v");
    }
}
