//! `--layers=false`: a stage's changes as one layer, as Podman commits once per stage. The
//! steps' layers (kept only in memory, never recorded or looked up as cache) are merged with
//! `--squash`'s rules into one layer on the stage's base; every instruction keeps its history
//! entry, all of them `empty_layer` but the stage's last, which carries the layer.
use super::builder::Shared;
use super::error::BuildError;
use super::squash::Merge;
use super::stage::StageImage;
use crate::image::commit::{self, History, ImageDraft};
use serde_json::Value;
use std::io::{Seek, SeekFrom};

/// The history entries of a config, as the draft takes them back.
fn history(config: &Value) -> Vec<History> {
    let text = |e: &Value, k: &str| e[k].as_str().unwrap_or_default().to_string();
    config["history"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| History {
                    created: text(e, "created"),
                    created_by: text(e, "created_by"),
                    comment: text(e, "comment"),
                    author: text(e, "author"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a stage's new history already has its one layer on its last entry.
fn already_one(config: &Value, base_entries: usize, new_layers: usize) -> bool {
    let last_full = config["history"]
        .as_array()
        .and_then(|l| l.last())
        .is_some_and(|e| e["empty_layer"] != Value::Bool(true));
    let entries = config["history"].as_array().map_or(0, Vec::len);
    new_layers == 1 && last_full && entries > base_entries
}

/// The stage image `done` with its new layers as one.
pub(crate) fn apply(sh: &Shared<'_>, done: StageImage) -> Result<StageImage, BuildError> {
    let io_err = |source| BuildError::Io {
        what: "--layers=false".into(),
        source,
    };
    let base_layers = done.base.as_ref().map_or(0, |b| b.layers.len());
    let layers = &done.record.layers[base_layers.min(done.record.layers.len())..];
    let built = ImageDraft::from_image(&sh.store, &done.record)?;
    let mut draft = match &done.base {
        Some(base) => ImageDraft::from_image(&sh.store, base)?,
        None => ImageDraft::scratch(),
    };
    let base_entries = history(draft.config()).len();
    if layers.is_empty() || already_one(built.config(), base_entries, layers.len()) {
        return Ok(done);
    }
    let mut merge = Merge::new().map_err(io_err)?;
    for chain in layers {
        let tar = crate::image::layer_tar::open(&sh.store, &sh.idmap, chain)
            .map_err(|e| BuildError::step("--layers=false", e))?;
        merge.add(tar).map_err(io_err)?;
    }
    let mut spool = crate::util::fs::anonymous_temp_file().map_err(io_err)?;
    merge.write(&mut spool, base_layers > 0).map_err(io_err)?;
    spool.seek(SeekFrom::Start(0)).map_err(io_err)?;
    let parent = draft.top_layer().cloned();
    let layer = commit::commit_layer(&sh.store, &sh.idmap, parent.as_ref(), &mut spool)?;
    // The built image's settings; the base's history, then the stage's own.
    let entries = history(built.config());
    let own = &entries[base_entries.min(entries.len())..];
    let config = built.config().clone();
    if let (Some(to), Some(from)) = (draft.config_mut().as_object_mut(), config.as_object()) {
        for (k, v) in from {
            if !matches!(k.as_str(), "history" | "rootfs") {
                to.insert(k.clone(), v.clone());
            }
        }
    }
    let Some((last, before)) = own.split_last() else {
        return Ok(done);
    };
    for h in before {
        draft.add_empty(h);
    }
    draft.add_layer(layer, last)?;
    let stored = draft.store(&sh.store, super::stage::format(sh.opts.format))?;
    let mut kept = done._kept;
    let record = stored.record.clone();
    kept.push(stored);
    Ok(StageImage {
        record,
        base: done.base,
        _kept: kept,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_whose_last_entry_holds_its_only_layer_stays_as_it_is() {
        let config = serde_json::json!({"history": [
            {"created_by": "base"},
            {"created_by": "ENV", "empty_layer": true},
            {"created_by": "RUN"},
        ]});
        assert!(already_one(&config, 1, 1));
        assert!(!already_one(&config, 1, 2));
        let later = serde_json::json!({"history": [
            {"created_by": "base"},
            {"created_by": "RUN"},
            {"created_by": "CMD", "empty_layer": true},
        ]});
        assert!(!already_one(&later, 1, 1));
        assert_eq!(history(&later)[2].created_by, "CMD");
    }
}
