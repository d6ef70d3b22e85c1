//! `rcon history IMAGE` (also `rcon image history`): the image config's history, newest first,
//! as Podman prints it.
//!
//! Each history entry is a row; an entry that made a layer (not `empty_layer`) takes the next
//! layer from the top down, and its size is that layer's uncompressed size from the store's
//! `layer.json`. The top row carries the image's ID; a row whose layer is the top layer of
//! another stored image carries that image's ID (once); every other row is `<missing>`.
use super::format::{human_size, print_rows, Format};
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::store::index::{self, ImageRecord};
use crate::image::store::Store;
use crate::util::digest::Digest;
use crate::util::time;
use anyhow::{bail, Context as _};
use clap::{ArgAction, Args};
use serde_json::{json, Value};
use std::collections::HashSet;

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// Show the creation times as "2 weeks ago" (false: RFC 3339)
    #[arg(
        short = 'H',
        long,
        value_name = "BOOL",
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_value_t = true,
        default_missing_value = "true"
    )]
    pub(crate) human: bool,
    /// Do not truncate IDs and commands
    #[arg(long, visible_alias = "notruncate")]
    pub(crate) no_trunc: bool,
    /// Print only the IDs
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Output as json or a Go template (`table …` for a table)
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
    /// The image: name or ID
    #[arg(value_name = "IMAGE")]
    pub(crate) image: String,
}

/// One history entry as Podman's `ImageHistory` has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HistoryRow {
    /// The full image ID (hex) or `<missing>`.
    pub(crate) id: String,
    /// Seconds since the epoch and the config's own text; `None` when the entry has none.
    pub(crate) created: Option<(i64, String)>,
    pub(crate) created_by: String,
    pub(crate) size: u64,
    pub(crate) comment: String,
    /// The image's names, on the top row when that row made a layer.
    pub(crate) tags: Vec<String>,
}

const MISSING: &str = "<missing>";
/// Podman's width of the CREATED BY column: longer commands end in `...` at this width.
const CREATED_BY_WIDTH: usize = 45;

/// The rows of `config`'s history, newest first. `layer_sizes` are the image's layers bottom
/// to top; `top_of` gives the ID of a stored image whose top layer is the given layer index's
/// (Podman shows those IDs instead of `<missing>`).
pub(crate) fn rows(
    config: &Value,
    image_id: &str,
    names: &[String],
    layer_sizes: &[u64],
    top_of: &dyn Fn(usize) -> Option<String>,
) -> anyhow::Result<Vec<HistoryRow>> {
    let history = config
        .get("history")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out: Vec<HistoryRow> = Vec::with_capacity(history.len());
    // The image's own ID shows on the top row only.
    let mut used: HashSet<String> = HashSet::from([image_id.to_string()]);
    let mut layer = layer_sizes.len();
    for (i, h) in history.iter().enumerate().rev() {
        let text = |k: &str| h.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let created = h
            .get("created")
            .and_then(Value::as_str)
            .and_then(|s| time::parse_rfc3339(s).map(|t| (t, s.to_string())));
        let mut row = HistoryRow {
            id: if i + 1 == history.len() {
                image_id.to_string()
            } else {
                MISSING.to_string()
            },
            created,
            created_by: text("created_by"),
            size: 0,
            comment: text("comment"),
            tags: Vec::new(),
        };
        let empty = h.get("empty_layer").and_then(Value::as_bool) == Some(true);
        if !empty {
            if out.is_empty() {
                row.tags = names.to_vec();
            }
            if layer == 0 {
                bail!("no layer for history entry {i}");
            }
            layer -= 1;
            row.size = layer_sizes[layer];
            if let Some(id) = top_of(layer) {
                if used.insert(id.clone()) {
                    row.id = id;
                }
            }
        }
        out.push(row);
    }
    Ok(out)
}

/// The CREATED BY text as Podman's table shows it: at most 45 characters, the last three `...`.
pub(crate) fn truncate_created_by(s: &str) -> String {
    if s.len() <= CREATED_BY_WIDTH {
        return s.to_string();
    }
    let mut cut = CREATED_BY_WIDTH - 3;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}...", &s[..cut])
}

/// The row as templates see it (`{{.ID}}`, `{{.Created}}`, `{{.CreatedBy}}` …).
fn template_row(r: &HistoryRow, a: &HistoryArgs) -> Value {
    let secs = r.created.as_ref().map(|(t, _)| *t);
    let since = secs.map(time::human_since).unwrap_or_default();
    let rfc = secs.map(time::rfc3339).unwrap_or_default();
    let id = if a.no_trunc || r.id == MISSING {
        r.id.clone()
    } else {
        r.id.chars().take(12).collect()
    };
    let created_by = if a.no_trunc {
        r.created_by.clone()
    } else {
        truncate_created_by(&r.created_by)
    };
    json!({
        "ID": id,
        "Created": if a.human { since.clone() } else { rfc },
        "CreatedAt": secs.map(time::go_time_of_secs).unwrap_or_default(),
        "CreatedSince": since,
        "CreatedBy": created_by,
        "Size": human_size(r.size),
        "Comment": r.comment,
        "Tags": r.tags,
    })
}

/// The row as `--format json` prints it (Podman's `ImageHistory` fields).
/// `Created` is RFC 3339 there whatever `-H` says, as Podman writes it.
fn json_row(r: &HistoryRow) -> Value {
    let mut v = json!({ "id": r.id });
    if let Some((secs, text)) = &r.created {
        v["created"] = json!(text);
        v["Created"] = json!(time::rfc3339(*secs));
    }
    if !r.created_by.is_empty() {
        v["CreatedBy"] = json!(r.created_by);
    }
    v["size"] = json!(r.size);
    if !r.comment.is_empty() {
        v["comment"] = json!(r.comment);
    }
    if !r.tags.is_empty() {
        v["tags"] = json!(r.tags);
    }
    v
}

pub(super) fn history(ctx: &Context, a: &HistoryArgs) -> anyhow::Result<i32> {
    let conf = RegistriesConf::load(&ctx.paths)?;
    let idx = index::read(&ctx.paths.storage())?;
    let Some(img) = lookup::find(&idx, &conf, &a.image)? else {
        bail!("{}: image not known", a.image);
    };
    let store = Store::open(&ctx.paths)?;
    let config: Value = serde_json::from_slice(&store.read_blob(&img.id)?)
        .with_context(|| format!("image {}: config is not valid JSON", img.id.short()))?;
    let mut sizes = Vec::with_capacity(img.layers.len());
    for l in &img.layers {
        sizes.push(store.layer_info(l)?.size);
    }
    let top_of = |i: usize| other_top(&idx.images, &img.layers[i]);
    let rows = rows(&config, img.id.hex(), &img.names, &sizes, &top_of)?;
    let format = if a.quiet && a.format.is_none() {
        Format::parse(Some("{{.ID}}"))?
    } else {
        Format::parse(a.format.as_deref())?
    };
    if let Format::Json = format {
        let all: Vec<Value> = rows.iter().map(json_row).collect();
        println!("{}", serde_json::to_string(&all)?);
        return Ok(0);
    }
    let values: Vec<Value> = rows.iter().map(|r| template_row(r, a)).collect();
    print_rows(
        &format,
        &values,
        &[
            ("ID", "{{.ID}}"),
            ("CREATED", "{{.Created}}"),
            ("CREATED BY", "{{.CreatedBy}}"),
            ("SIZE", "{{.Size}}"),
            ("COMMENT", "{{.Comment}}"),
        ],
    )?;
    Ok(0)
}

/// The first stored image whose top layer is `layer`.
fn other_top(images: &[ImageRecord], layer: &Digest) -> Option<String> {
    images
        .iter()
        .find(|i| i.layers.last() == Some(layer))
        .map(|i| i.id.hex().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Value {
        json!({"history": [
            {"created": "2024-01-01T00:00:00Z", "created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
            {"created": "2024-01-01T00:00:01Z", "created_by": "/bin/sh -c #(nop)  CMD [\"sh\"]", "empty_layer": true},
            {"created": "2024-01-02T00:00:00Z", "created_by": "RUN echo", "comment": "c"},
        ]})
    }

    #[test]
    fn rows_are_newest_first_with_layer_sizes_and_the_image_id_on_top() {
        let rows = rows(&config(), "img", &["n:t".into()], &[100, 7], &|_| None).unwrap();
        let ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["img", MISSING, MISSING]);
        let sizes: Vec<_> = rows.iter().map(|r| r.size).collect();
        assert_eq!(sizes, [7, 0, 100]);
        assert_eq!(rows[0].comment, "c");
        assert_eq!(rows[0].tags, ["n:t"]);
        assert!(rows[1].tags.is_empty());
        assert_eq!(rows[2].created.as_ref().unwrap().0, 1_704_067_200);
    }

    #[test]
    fn a_layer_that_tops_another_image_shows_that_image_once() {
        let top = |i: usize| (i == 0).then(|| "base".to_string());
        let rows = rows(&config(), "img", &[], &[100, 7], &top).unwrap();
        assert_eq!(rows[2].id, "base");
        let top_self = |i: usize| (i == 1).then(|| "img".to_string());
        let rows = super::rows(&config(), "img", &[], &[100, 7], &top_self).unwrap();
        let ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["img", MISSING, MISSING]);
    }

    #[test]
    fn more_layer_entries_than_layers_is_an_error() {
        assert!(rows(&config(), "img", &[], &[100], &|_| None).is_err());
    }

    #[test]
    fn created_by_is_cut_to_forty_five_with_dots() {
        let long = "/bin/sh -c #(nop) CMD [\"/bin/sh\", \"-c\", \"echo this is long\"]";
        assert_eq!(
            truncate_created_by(long),
            "/bin/sh -c #(nop) CMD [\"/bin/sh\", \"-c\", \"e..."
        );
        assert_eq!(truncate_created_by(long).len(), 45);
        assert_eq!(truncate_created_by("short"), "short");
    }
}
