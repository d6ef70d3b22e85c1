//! A build step's writable layer made a layer as it stands: the stopped container's upper
//! folder is renamed into the store as the layer's tree, its mount points removed, and walked
//! once by the `diff` helper for the diff ID and size. Nothing is unpacked and no blob is
//! written: the tar is made again from the tree when the layer leaves the store
//! (`image::layer_tar`), as Podman keeps its built layers as trees. A big RUN step's commit
//! is then a walk of what it wrote instead of a copy of it into a blob and another into a
//! fresh tree.
//!
//! Only for a kernel overlay's upper folder in a store that maps ids (a single-uid store
//! keeps owners in xattrs the tree would then carry as they stand) and with the files' own
//! times (clamped or set times exist only in the tar): the caller checks, and otherwise
//! commits by [`super::diff_upper`]. The layer is placed like any commit's (see
//! [`super::layer`]): under a placeholder whose work lock this process holds, then renamed
//! into place under the real chain's work lock.
use super::layer::{stored_blob, NewLayer, OCI_LAYER};
use super::CommitError;
use crate::image::registry::Descriptor;
use crate::image::store::{LayerInfo, LayerTmp, Store};
use crate::ipc::helper;
use crate::ipc::role::{Mtimes, Role};
use crate::linux::idmap::IdMap;
use crate::util::digest::Digest;
use sha2::{Digest as _, Sha256};
use std::io::{self, Read};
use std::path::Path;
use std::process::Stdio;

/// Makes the stopped container's `upper` the tree of a new layer on top of `parent`, leaving
/// out the empty mount points made at `mount_targets`. `Ok(None)` when the folder cannot be
/// moved (it is then untouched: commit it by diff); after the move, a failure loses it.
pub(crate) fn adopt_upper(
    store: &Store,
    idmap: &IdMap,
    upper: &Path,
    parent: Option<&Digest>,
    mount_targets: &[String],
) -> Result<Option<NewLayer>, CommitError> {
    let key = Digest::of(
        format!(
            "rcon adopt {} {}",
            std::process::id(),
            crate::util::time::unique_suffix()
        )
        .as_bytes(),
    );
    let _placeholder = store.layer_work_lock(&key)?;
    let tmp = store.begin_layer(&key, idmap)?;
    // Over the empty `diff` folder begin_layer made.
    if let Err(e) = std::fs::rename(upper, &tmp.diff) {
        log::debug!(
            "cannot move {} into the store ({e}): committing it by diff",
            upper.display()
        );
        discard(store, idmap, &tmp);
        return Ok(None);
    }
    let (diff_id, size) = match walk(idmap, &tmp.diff, mount_targets) {
        Ok(walked) => walked,
        Err(e) => {
            discard(store, idmap, &tmp);
            return Err(e);
        }
    };
    let chain_id = match parent {
        None => diff_id.clone(),
        Some(parent) => Digest::of(format!("{parent} {diff_id}").as_bytes()),
    };
    let mut held = vec![store.layer_use_lock(&chain_id)?];
    let _work = store.layer_work_lock(&chain_id)?;
    let mut blob = Descriptor {
        media_type: OCI_LAYER.into(),
        digest: diff_id.clone(),
        size,
        urls: Vec::new(),
        annotations: None,
    };
    if store.layer_present(&chain_id) {
        // The same step made before: that layer serves, with its blob if it has one.
        discard(store, idmap, &tmp);
        let existing = store.layer_info(&chain_id)?;
        if let Some(d) = existing.compressed_digest.filter(|d| store.has_blob(d)) {
            held.push(store.blob_lock(&d)?);
            // Checked again under the lock: gc may have taken it meanwhile.
            if let Some(stored) = stored_blob(store, &d) {
                blob = stored;
            }
        }
    } else {
        let info = LayerInfo {
            chain_id: chain_id.clone(),
            diff_id: diff_id.clone(),
            parent: parent.cloned(),
            compressed_digest: None,
            size,
            single_uid: false,
            skipped_devices: Vec::new(),
        };
        // A failed commit leaves the temp folder to gc (its placeholder lock goes with us).
        store.commit_layer(tmp, &info)?;
    }
    Ok(Some(NewLayer {
        diff_id,
        chain_id,
        parent: parent.cloned(),
        blob,
        size,
        held,
    }))
}

/// The diff helper over the adopted tree, mount points removed first: the tar's sha256 and
/// size.
fn walk(
    idmap: &IdMap,
    tree: &Path,
    mount_targets: &[String],
) -> Result<(Digest, u64), CommitError> {
    let role = Role::Diff {
        upper: tree.to_path_buf(),
        single_uid: false,
        mtimes: Mtimes::Keep,
        mount_targets: mount_targets.to_vec(),
        adopt: true,
        build: true,
    };
    let mut child = helper::spawn(idmap, &role, Stdio::null(), Stdio::piped())?;
    let mut stdout = child
        .stdout()
        .ok_or_else(|| CommitError::Read(io::Error::other("the diff helper has no stdout")))?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    let read = loop {
        match stdout.read(&mut buf) {
            Ok(0) => break Ok(()),
            Ok(n) => {
                hasher.update(&buf[..n]);
                size += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    drop(stdout);
    child.wait()?;
    read.map_err(CommitError::Read)?;
    Ok((Digest::from_hash(hasher.finalize().into()), size))
}

fn discard(store: &Store, idmap: &IdMap, tmp: &LayerTmp) {
    if let Err(e) = store.discard_layer(tmp, idmap) {
        log::warn!(
            "cannot remove the unfinished layer {}: {e}",
            tmp.path.display()
        );
    }
}
