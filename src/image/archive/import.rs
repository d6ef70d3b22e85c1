//! `rcon import`: a root filesystem tar (plain, gzip or zstd) becomes a one-layer image, its
//! config changed by `--change` instructions. The layer is made by `commit`'s layer writer
//! (compressed into the blob store and unpacked at once), the image by its draft.
use crate::image::commit::{self, change, CommitError, Format, History, ImageDraft};
use crate::image::registry::Platform;
use crate::image::store::{ImageRecord, Store};
use crate::image::unpack::{detect, Detected};
use crate::linux::idmap::IdMap;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufReader, Read};

/// What the imported image gets besides its layer.
#[derive(Debug, Default)]
pub(crate) struct ImportOptions {
    /// `--change` instructions, in order.
    pub(crate) changes: Vec<String>,
    /// The history entry's comment.
    pub(crate) message: String,
    /// The config's platform; the host's when `None`.
    pub(crate) platform: Option<Platform>,
    /// The full name to record it under.
    pub(crate) name: Option<String>,
    /// Where the tar came from, for the history (`created_by`).
    pub(crate) source: String,
}

/// Imports the tar read from `input`; returns the recorded image.
pub(crate) fn import(
    store: &Store,
    idmap: &IdMap,
    input: impl Read,
    opts: &ImportOptions,
) -> Result<ImageRecord, CommitError> {
    let mut draft = ImageDraft::scratch();
    if let Some(p) = &opts.platform {
        let config = draft.config_mut();
        config["os"] = json!(p.os);
        config["architecture"] = json!(p.architecture);
        match &p.variant {
            Some(v) => config["variant"] = json!(v),
            None => {
                if let Some(top) = config.as_object_mut() {
                    top.remove("variant");
                }
            }
        }
    }
    for c in &opts.changes {
        apply(draft.config_mut(), c)?;
    }
    let mut input = BufReader::with_capacity(1 << 20, input);
    let head = input.fill_buf().map_err(CommitError::Read)?;
    let mut tar: Box<dyn Read> = match detect(head) {
        Detected::Gzip => Box::new(flate2::read::MultiGzDecoder::new(input)),
        Detected::Zstd => {
            Box::new(zstd::stream::read::Decoder::with_buffer(input).map_err(CommitError::Read)?)
        }
        Detected::Plain => Box::new(input),
    };
    let layer = commit::commit_layer(store, idmap, None, &mut tar)?;
    // The rest of the stream (a tar's trailing blocks past what the walker read) is ignored.
    let _ = io::copy(&mut tar, &mut io::sink());
    let history = History {
        created: crate::util::time::now_rfc3339_nano(),
        created_by: format!("/bin/sh -c #(nop) ADD file:{} in / ", opts.source),
        comment: opts.message.clone(),
        author: String::new(),
    };
    draft.add_layer(layer, &history)?;
    let stored = draft.store(store, Format::Oci)?;
    let names: Vec<String> = opts.name.iter().cloned().collect();
    commit::record(store, stored, &names)
}

/// The instructions `--change` takes in the `WORD=VALUE` form as well as `WORD VALUE`.
const WORDS: [&str; 10] = [
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "LABEL",
    "ONBUILD",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// `CMD=/bin/sh` as `CMD /bin/sh` (Podman accepts both forms); anything else as given.
fn normalise(c: &str) -> String {
    let t = c.trim();
    let word_end = t.find(char::is_whitespace).unwrap_or(t.len());
    match t[..word_end].split_once('=') {
        Some((w, _)) if WORDS.iter().any(|k| k.eq_ignore_ascii_case(w)) => {
            format!("{w} {}", &t[w.len() + 1..])
        }
        _ => t.to_string(),
    }
}

/// One `--change`: `ONBUILD` here (import's own), the rest through `commit::change`.
fn apply(config: &mut Value, c: &str) -> Result<(), CommitError> {
    let text = normalise(c);
    let (word, rest) = text
        .split_once(char::is_whitespace)
        .unwrap_or((text.as_str(), ""));
    if !word.eq_ignore_ascii_case("ONBUILD") {
        return change::apply(config, &text).map_err(|e| match e {
            CommitError::Change { reason, .. } => CommitError::Change {
                change: c.to_string(),
                reason,
            },
            other => other,
        });
    }
    let trigger = rest.trim();
    if trigger.is_empty() {
        return Err(CommitError::Change {
            change: c.to_string(),
            reason: change::Refused::NoValue,
        });
    }
    if !config.is_object() {
        *config = json!({});
    }
    let settings = config
        .as_object_mut()
        .expect("made an object")
        .entry("config")
        .or_insert_with(|| json!({}));
    if !settings.is_object() {
        *settings = json!({});
    }
    let list = settings
        .as_object_mut()
        .expect("made an object")
        .entry("OnBuild")
        .or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    if let Some(l) = list.as_array_mut() {
        l.push(json!(trigger));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onbuild_changes_add_triggers_and_others_go_to_commit() {
        let mut c = json!({});
        apply(&mut c, "ONBUILD RUN echo hi").unwrap();
        apply(&mut c, "CMD=/bin/true").unwrap();
        apply(&mut c, "ENV=A=b").unwrap();
        assert_eq!(c["config"]["OnBuild"], json!(["RUN echo hi"]));
        assert_eq!(c["config"]["Cmd"], json!(["/bin/sh", "-c", "/bin/true"]));
        assert_eq!(c["config"]["Env"], json!(["A=b"]));
        assert!(apply(&mut c, "ONBUILD").is_err());
        assert!(apply(&mut c, "FROM x").is_err());
    }
}
