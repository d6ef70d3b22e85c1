//! Manifest lists kept locally: `storage/manifest-lists.json`, one record per list with its
//! name, its members (an index entry each, and where the member comes from: a stored image
//! or a registry), and the index's own annotations. Lists are not images: `images.json` and
//! gc know nothing of them, and a local member is found again by its image ID when the list
//! is pushed.
//!
//! Every change goes through [`update`] (exclusive lock, read, change, atomic write). The
//! index a list stands for is built on demand ([`ListRecord::index_bytes`]): an OCI index,
//! or a Docker manifest list when every member is a Docker schema 2 manifest.
mod add;
pub(crate) mod push;

pub(crate) use add::{add_local, add_remote, inspect_remote, AddOptions};

use crate::image::registry::manifest::{DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_INDEX};
use crate::image::store::Store;
use crate::image::Reference;
use crate::util::digest::Digest;
use crate::util::fs::{read_json, write_json, Lock};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

/// Why a manifest-list operation failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ListError {
    #[error("manifest lists (manifest-lists.json): {0}")]
    Io(#[from] io::Error),
    #[error("{0}: manifest list not known")]
    NotKnown(String),
    #[error("{0}: a manifest list of that name exists already")]
    Exists(String),
    #[error("invalid manifest list name {name:?}: {reason}")]
    Name { name: String, reason: String },
    #[error("{list}: no member {member}")]
    NoMember { list: String, member: String },
    #[error(transparent)]
    Registry(#[from] crate::image::registry::RegistryError),
    #[error(transparent)]
    Registries(#[from] crate::config::registries::RegistriesError),
    #[error(transparent)]
    Store(#[from] crate::image::store::StoreError),
    #[error("{image}: {reason}")]
    Member { image: String, reason: String },
}

/// An entry's platform, with the fields and names of the OCI image index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EntryPlatform {
    #[serde(default)]
    pub(crate) architecture: String,
    #[serde(default)]
    pub(crate) os: String,
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) os_version: Option<String>,
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) os_features: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) features: Vec<String>,
}

/// One index entry, fields in the order Podman prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Entry {
    #[serde(default)]
    pub(crate) media_type: String,
    pub(crate) size: u64,
    pub(crate) digest: Digest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) platform: Option<EntryPlatform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) annotations: Option<BTreeMap<String, String>>,
}

/// Where a member's image is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum Source {
    /// A stored image, by ID.
    Local { image_id: Digest },
    /// In a registry: `registry/repository` (its manifest is the entry's digest).
    Remote { repository: String },
}

/// A member of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Member {
    pub(crate) entry: Entry,
    pub(crate) source: Source,
}

/// One stored list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ListRecord {
    /// A random-looking ID, printed by `create` and `add` as Podman prints the list's.
    pub(crate) id: String,
    /// The full name, `localhost/<name>:<tag>` for a short one.
    pub(crate) name: String,
    pub(crate) created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) annotations: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub(crate) members: Vec<Member>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IndexOut<'a> {
    schema_version: u32,
    media_type: &'a str,
    manifests: Vec<Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotations: Option<&'a BTreeMap<String, String>>,
}

impl ListRecord {
    /// The index media type: a Docker list when every member is a Docker manifest and
    /// nothing carries annotations (which a Docker list cannot hold), else an OCI index.
    pub(crate) fn media_type(&self) -> &'static str {
        let docker = !self.members.is_empty()
            && self.annotations.is_none()
            && self
                .members
                .iter()
                .all(|m| m.entry.media_type == DOCKER_MANIFEST && m.entry.annotations.is_none());
        if docker {
            DOCKER_MANIFEST_LIST
        } else {
            OCI_INDEX
        }
    }

    /// The index as JSON (`pretty`: indented by four spaces, as `manifest inspect` prints).
    pub(crate) fn index_bytes(&self, pretty: bool) -> Vec<u8> {
        let out = IndexOut {
            schema_version: 2,
            media_type: self.media_type(),
            manifests: self.members.iter().map(|m| m.entry.clone()).collect(),
            annotations: self.annotations.as_ref(),
        };
        if !pretty {
            return serde_json::to_vec(&out).expect("an index serialises");
        }
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        out.serialize(&mut ser).expect("an index serialises");
        buf
    }

    /// The member `which` names: a digest (or a unique prefix of its hex).
    pub(crate) fn member_mut(&mut self, which: &str) -> Option<&mut Member> {
        let hex = which.strip_prefix("sha256:").unwrap_or(which);
        if hex.len() < 3 {
            return None;
        }
        let mut found = self
            .members
            .iter_mut()
            .filter(|m| m.entry.digest.hex().starts_with(hex));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// Adds `member`, replacing one with the same digest.
    pub(crate) fn put_member(&mut self, member: Member) {
        match self
            .members
            .iter_mut()
            .find(|m| m.entry.digest == member.entry.digest)
        {
            Some(m) => *m = member,
            None => self.members.push(member),
        }
    }
}

/// The whole file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Lists {
    #[serde(default)]
    pub(crate) lists: Vec<ListRecord>,
}

impl Lists {
    /// The list named `name` (as typed: short names are looked up under `localhost/`).
    pub(crate) fn find(&self, name: &str) -> Option<&ListRecord> {
        let full = list_name(name).ok()?;
        self.lists.iter().find(|l| l.name == full)
    }

    pub(crate) fn find_mut(&mut self, name: &str) -> Result<&mut ListRecord, ListError> {
        let full = list_name(name)?;
        self.lists
            .iter_mut()
            .find(|l| l.name == full)
            .ok_or_else(|| ListError::NotKnown(name.to_string()))
    }
}

/// The full name of a list: `localhost/<name>` for a short one, `:latest` when untagged.
pub(crate) fn list_name(input: &str) -> Result<String, ListError> {
    let bad = |reason: String| ListError::Name {
        name: input.to_string(),
        reason,
    };
    let r = if crate::image::reference::is_short_name(input) {
        Reference::parse(&format!("localhost/{input}"))
    } else {
        Reference::parse(input)
    }
    .map_err(|e| bad(e.to_string()))?;
    if r.digest.is_some() {
        return Err(bad("a list name cannot carry a digest".into()));
    }
    Ok(r.to_string())
}

fn file(store: &Store) -> PathBuf {
    store.root().join("manifest-lists.json")
}

fn lock(store: &Store) -> PathBuf {
    store.root().join("locks/manifest-lists.lock")
}

/// Reads the lists under the shared lock; a missing file is none.
pub(crate) fn read(store: &Store) -> Result<Lists, ListError> {
    let _held = Lock::shared(&lock(store))?;
    Ok(read_json(&file(store))?.unwrap_or_default())
}

/// Changes the lists under the exclusive lock; written atomically when `f` succeeds.
pub(crate) fn update<T>(
    store: &Store,
    f: impl FnOnce(&mut Lists) -> Result<T, ListError>,
) -> Result<T, ListError> {
    let _held = Lock::exclusive(&lock(store))?;
    let mut lists: Lists = read_json(&file(store))?.unwrap_or_default();
    let out = f(&mut lists)?;
    write_json(&file(store), &lists)?;
    Ok(out)
}

/// Creates an empty list `name`; returns its record.
pub(crate) fn create(store: &Store, name: &str) -> Result<ListRecord, ListError> {
    let full = list_name(name)?;
    update(store, |lists| {
        if lists.lists.iter().any(|l| l.name == full) {
            return Err(ListError::Exists(full.clone()));
        }
        let created = crate::util::time::now_rfc3339_nano();
        let seed = format!("{full}\n{created}\n{}", crate::util::time::unique_suffix());
        let rec = ListRecord {
            id: Digest::of(seed.as_bytes()).hex().to_string(),
            name: full.clone(),
            created,
            annotations: None,
            members: Vec::new(),
        };
        lists.lists.push(rec.clone());
        Ok(rec)
    })
}

/// Removes the lists `names`; returns the (name, ID) of each removed. Errors name the first
/// unknown one when none was removed.
pub(crate) fn remove(store: &Store, names: &[String]) -> Result<Vec<(String, String)>, ListError> {
    update(store, |lists| {
        let mut removed = Vec::new();
        let mut missing = None;
        for n in names {
            let full = list_name(n)?;
            match lists.lists.iter().position(|l| l.name == full) {
                Some(i) => {
                    let rec = lists.lists.remove(i);
                    removed.push((rec.name, rec.id));
                }
                None => {
                    missing.get_or_insert_with(|| n.clone());
                }
            }
        }
        match missing {
            Some(n) if removed.is_empty() => Err(ListError::NotKnown(n)),
            _ => Ok(removed),
        }
    })
}

/// `KEY=VALUE` annotations into `into`.
pub(crate) fn annotate(into: &mut Option<BTreeMap<String, String>>, kv: &BTreeMap<String, String>) {
    if kv.is_empty() {
        return;
    }
    into.get_or_insert_with(BTreeMap::new)
        .extend(kv.iter().map(|(k, v)| (k.clone(), v.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::registry::manifest::OCI_MANIFEST;

    fn member(mt: &str, data: &[u8]) -> Member {
        Member {
            entry: Entry {
                media_type: mt.into(),
                size: data.len() as u64,
                digest: Digest::of(data),
                platform: Some(EntryPlatform {
                    architecture: "arm64".into(),
                    os: "linux".into(),
                    variant: Some("v8".into()),
                    ..EntryPlatform::default()
                }),
                annotations: None,
            },
            source: Source::Local {
                image_id: Digest::of(b"cfg"),
            },
        }
    }

    #[test]
    fn index_type_follows_the_members_and_prints_like_podman() {
        let mut rec = ListRecord {
            id: "x".into(),
            name: "localhost/l:latest".into(),
            created: "now".into(),
            annotations: None,
            members: vec![],
        };
        rec.put_member(member(DOCKER_MANIFEST, b"a"));
        assert_eq!(rec.media_type(), DOCKER_MANIFEST_LIST);
        rec.put_member(member(OCI_MANIFEST, b"b"));
        rec.put_member(member(OCI_MANIFEST, b"b"));
        assert_eq!(rec.members.len(), 2);
        assert_eq!(rec.media_type(), OCI_INDEX);
        let text = String::from_utf8(rec.index_bytes(true)).unwrap();
        assert!(
            text.starts_with("{\n    \"schemaVersion\": 2,\n    \"mediaType\""),
            "{text}"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["manifests"][0]["platform"]["variant"], "v8");
        let pos = |k: &str| text.find(k).unwrap();
        assert!(pos("\"mediaType\": \"application/vnd.docker") < pos("\"size\""));
        assert!(pos("\"size\"") < pos("\"digest\""));
        let hex = Digest::of(b"b").hex().to_string();
        assert!(rec.member_mut(&hex[..8]).is_some());
        assert!(rec.member_mut("zz").is_none());
    }

    #[test]
    fn short_list_names_live_under_localhost() {
        assert_eq!(list_name("mylist").unwrap(), "localhost/mylist:latest");
        assert_eq!(list_name("r.io/a:v1").unwrap(), "r.io/a:v1");
        assert!(list_name("Bad").is_err());
    }

    #[test]
    fn create_refuses_a_second_list_of_the_same_name_and_remove_forgets_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("storage")).unwrap();
        let rec = create(&store, "l").unwrap();
        assert_eq!(rec.id.len(), 64);
        assert!(matches!(create(&store, "l"), Err(ListError::Exists(_))));
        assert!(read(&store).unwrap().find("l").is_some());
        assert_eq!(
            remove(&store, &["l".into()]).unwrap(),
            vec![(rec.name, rec.id)]
        );
        assert!(read(&store).unwrap().find("l").is_none());
        assert!(matches!(
            remove(&store, &["l".into()]),
            Err(ListError::NotKnown(_))
        ));
    }
}
