//! `rcon diff [--format json] CONTAINER|IMAGE [OTHER]` (also `rcon container diff` and
//! `rcon image diff`): the paths a container changed against its image, or an image's top
//! layer against its parent, as Podman lists them (`C /etc`, `A /etc/new`, `D /tmp/x`).
//!
//! The layer is read by `image::diff::changes` (the `diff` helper's walk). OTHER names what
//! the first is compared with: the first's own base reads only its top layer as above; any
//! other container or image is compared tree with tree, reading the layers past the two
//! trees' common bottom layers and looking each name they hold up in both (a path both have is
//! listed as changed once a layer of either touched it).
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::container::list;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::image::diff::changes::{self, Change, Kind, Tree};
use crate::image::lookup;
use crate::image::store::index::{self, ImageRecord, Index};
use crate::image::store::Store;
use crate::linux::idmap::IdMap;
use crate::util::digest::Digest;
use anyhow::{bail, Context as _};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Output as json (`{"changed": […], "added": […], "deleted": […]}`)
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// The container or image whose changes to list
    #[arg(value_name = "CONTAINER|IMAGE")]
    pub(crate) name: String,
    /// What to compare with (default: the container's image, the image's parent)
    #[arg(value_name = "OTHER")]
    pub(crate) other: Option<String>,
}

/// Which kinds of objects a name may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Look {
    Any,
    Container,
    Image,
}

/// What a name resolved to.
enum Object {
    Container(Box<ContainerRecord>),
    Image(Box<ImageRecord>),
}

impl Object {
    /// The layers (chain IDs, bottom first) the object's changes are compared against, and
    /// the object's own layer folder.
    fn layers(&self) -> Vec<Digest> {
        match self {
            Object::Container(r) => r.layers.clone(),
            Object::Image(i) => i.layers.clone(),
        }
    }
}

fn resolve(ctx: &Context, idx: &Index, name: &str, look: Look) -> anyhow::Result<Object> {
    if look != Look::Image {
        match list::find(&ctx.paths, name) {
            Ok(r) => return Ok(Object::Container(Box::new(r))),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e.into()),
        }
    }
    if look != Look::Container {
        let conf = RegistriesConf::load(&ctx.paths)?;
        if let Some(img) = lookup::find(idx, &conf, name)? {
            return Ok(Object::Image(Box::new(img.clone())));
        }
    }
    match look {
        Look::Any => bail!("{name}: no such container or image"),
        Look::Container => bail!("{name}: no such container"),
        Look::Image => bail!("{name}: image not known"),
    }
}

pub(super) fn diff(ctx: &Context, a: &DiffArgs, look: Look) -> anyhow::Result<i32> {
    let json = match a.format.as_deref().map(str::trim) {
        None | Some("") => false,
        Some("json") => true,
        Some(other) => bail!("--format {other:?}: only json is supported"),
    };
    let idx = index::read(&ctx.paths.storage())?;
    let obj = resolve(ctx, &idx, &a.name, look)?;
    refuse_vfs(&obj)?;
    let store = Store::open(&ctx.paths)?;
    if let Some(other) = &a.other {
        let base = resolve(ctx, &idx, other, Look::Any)?;
        let own_base = match (&obj, &base) {
            (Object::Container(r), Object::Image(i)) => r.image_id == i.id,
            (Object::Image(i), Object::Image(b)) => {
                i.layers.split_last().map(|(_, below)| below) == Some(&b.layers[..])
            }
            _ => false,
        };
        if !own_base {
            refuse_vfs(&base)?;
            let (to_layers, to_targets) = tree_of(ctx, &store, &obj);
            let (from_layers, from_targets) = tree_of(ctx, &store, &base);
            let to = Tree {
                layers: &to_layers,
                mount_targets: &to_targets,
            };
            let from = Tree {
                layers: &from_layers,
                mount_targets: &from_targets,
            };
            let changes = changes::tree_changes(&IdMap::detect(), &to, &from)
                .with_context(|| format!("cannot compare {} with {other}", a.name))?;
            print_changes(&changes, json)?;
            return Ok(0);
        }
    }
    let layers = obj.layers();
    let (dir, lowers, targets): (PathBuf, &[Digest], Vec<String>) = match &obj {
        Object::Container(r) => {
            let cpaths = ContainerPaths::new(&ctx.paths, &r.id);
            (cpaths.upper(), &layers[..], cpaths.mount_targets())
        }
        Object::Image(_) => match layers.split_last() {
            Some((top, below)) => (store.layer_dir(top), below, Vec::new()),
            None => {
                print_changes(&[], json)?;
                return Ok(0);
            }
        },
    };
    let lowers: Vec<PathBuf> = lowers.iter().map(|l| store.layer_dir(l)).collect();
    let changes = changes::layer_changes(&IdMap::detect(), &dir, &lowers, &targets)
        .with_context(|| format!("cannot list the changes of {}", a.name))?;
    print_changes(&changes, json)?;
    Ok(0)
}

/// A vfs container has no writable layer of its own to read.
fn refuse_vfs(obj: &Object) -> anyhow::Result<()> {
    if let Object::Container(r) = obj {
        if r.storage_driver == "vfs" {
            bail!(
                "container {} uses the vfs storage driver, whose root filesystem is a full copy \
                 with no separate writable layer: diff is not supported for it yet",
                r.name
            );
        }
    }
    Ok(())
}

/// The layer folders of an object's tree, bottom first (a container's writable layer on top),
/// and the mount points its writable layer holds.
fn tree_of(ctx: &Context, store: &Store, obj: &Object) -> (Vec<PathBuf>, Vec<String>) {
    let mut layers: Vec<PathBuf> = obj.layers().iter().map(|l| store.layer_dir(l)).collect();
    match obj {
        Object::Container(r) => {
            let cpaths = ContainerPaths::new(&ctx.paths, &r.id);
            layers.push(cpaths.upper());
            (layers, cpaths.mount_targets())
        }
        Object::Image(_) => (layers, Vec::new()),
    }
}

/// The changes as `KIND PATH` lines, or as Podman's JSON object.
fn print_changes(changes: &[Change], json: bool) -> anyhow::Result<()> {
    if json {
        // Podman's indent: five spaces.
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b"     ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        serde::Serialize::serialize(&json_of(changes), &mut ser)?;
        println!("{}", String::from_utf8_lossy(&buf));
        return Ok(());
    }
    for c in changes {
        println!("{} {}", c.kind.letter(), c.path);
    }
    Ok(())
}

/// Podman's JSON of a diff: each kind's paths sorted, in this order, an empty kind left out.
#[derive(Debug, serde::Serialize)]
struct DiffJson<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    changed: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    added: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    deleted: Vec<&'a str>,
}

fn json_of(changes: &[Change]) -> DiffJson<'_> {
    let of = |kind: Kind| -> Vec<&str> {
        changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.path.as_str())
            .collect()
    };
    DiffJson {
        changed: of(Kind::Changed),
        added: of(Kind::Added),
        deleted: of(Kind::Deleted),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_groups_paths_by_kind_and_leaves_empty_kinds_out() {
        let changes = vec![
            Change {
                path: "/etc".into(),
                kind: Kind::Changed,
            },
            Change {
                path: "/etc/new".into(),
                kind: Kind::Added,
            },
        ];
        assert_eq!(
            serde_json::to_string(&json_of(&changes)).unwrap(),
            r#"{"changed":["/etc"],"added":["/etc/new"]}"#
        );
    }
}
