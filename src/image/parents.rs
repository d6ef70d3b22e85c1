//! An image's parents: the images a build left on its way to it (each step's image holds the
//! layers and history of the step before as a prefix of its own). Removing an image takes its
//! dangling parents with it, as Podman's and Docker's `rmi` do: a parent goes when it has no
//! name, no container uses it and no other image descends from it; then its own parent, and
//! so on.
use super::store::{index::Index, ImageRecord, Store};
use crate::util::digest::Digest;
use serde_json::Value;
use std::collections::HashSet;

/// What decides descent: an image's layers and its config's history.
struct Node {
    id: Digest,
    layers: Vec<Digest>,
    history: Vec<Value>,
}

impl Node {
    fn of(store: &Store, image: &ImageRecord) -> Node {
        let history = store
            .read_blob(&image.id)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|c| c.get("history").and_then(Value::as_array).cloned())
            .unwrap_or_default();
        Node {
            id: image.id.clone(),
            layers: image.layers.clone(),
            history,
        }
    }

    /// Whether `self` is an ancestor of `other`: its history (not empty) is a shorter prefix
    /// of the other's, and so are its layers.
    fn precedes(&self, other: &Node) -> bool {
        !self.history.is_empty()
            && self.history.len() < other.history.len()
            && other.history.starts_with(&self.history)
            && other.layers.starts_with(&self.layers)
    }
}

/// Removes from `idx` the dangling parents of `gone` (images just taken out of it) that no
/// container of `in_use` needs and no remaining image descends from; returns them, each
/// before its own parent.
pub(crate) fn prune(
    store: &Store,
    idx: &mut Index,
    gone: &[ImageRecord],
    in_use: &HashSet<Digest>,
) -> Vec<ImageRecord> {
    if gone.is_empty() || !idx.images.iter().any(ImageRecord::dangling) {
        return Vec::new();
    }
    let mut left: Vec<Node> = idx.images.iter().map(|i| Node::of(store, i)).collect();
    let mut queue: Vec<Node> = gone.iter().map(|i| Node::of(store, i)).collect();
    let mut out = Vec::new();
    while let Some(child) = queue.pop() {
        let parent = left
            .iter()
            .filter(|n| n.precedes(&child))
            .max_by_key(|n| n.history.len());
        let Some(parent) = parent else {
            continue;
        };
        let Some(pos) = idx.images.iter().position(|i| i.id == parent.id) else {
            continue;
        };
        let descendants = left.iter().any(|n| n.id != parent.id && parent.precedes(n));
        if !idx.images[pos].dangling() || in_use.contains(&parent.id) || descendants {
            continue;
        }
        let id = parent.id.clone();
        let at = left.iter().position(|n| n.id == id).expect("found above");
        queue.push(left.remove(at));
        out.push(idx.images.remove(pos));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn digest(n: u8) -> Digest {
        format!("sha256:{}", format!("{n:02x}").repeat(32))
            .parse()
            .unwrap()
    }

    fn node(id: u8, layers: &[u8], steps: usize) -> Node {
        Node {
            id: digest(id),
            layers: layers.iter().map(|l| digest(*l)).collect(),
            history: (0..steps).map(|s| json!({ "created_by": s })).collect(),
        }
    }

    #[test]
    fn an_ancestor_has_a_shorter_history_and_layers_as_prefixes() {
        let base = node(1, &[10], 1);
        let step = node(2, &[10, 11], 2);
        let config_only = node(3, &[10, 11], 3);
        assert!(base.precedes(&step) && step.precedes(&config_only));
        assert!(base.precedes(&config_only));
        assert!(!step.precedes(&base) && !step.precedes(&step));
        assert!(!node(4, &[12], 1).precedes(&step), "other layers");
        let mut other = node(5, &[10, 11], 3);
        other.history[1] = json!({ "created_by": "else" });
        assert!(!step.precedes(&other), "another history");
        assert!(!node(6, &[], 0).precedes(&step), "no history: no parent");
    }
}
