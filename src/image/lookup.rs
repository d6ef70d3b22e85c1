//! Finding a stored image by what a user types: an ID prefix, a full name, a short name.
use crate::config::registries::RegistriesConf;
use crate::image::reference::{is_short_name, Reference};
use crate::image::store::index::{ImageRecord, Index};

#[derive(Debug, thiserror::Error)]
pub(crate) enum LookupError {
    #[error("{input}: more than one image ID starts with this prefix: give more digits")]
    Ambiguous { input: String },
}

/// The image `input` names, in the order Podman tries: a unique ID prefix, the full name (or
/// digest), then for a short name `localhost/<name>`, the registries.conf candidates, and last
/// any stored name whose final path component and tag match.
pub(crate) fn find<'a>(
    index: &'a Index,
    conf: &RegistriesConf,
    input: &str,
) -> Result<Option<&'a ImageRecord>, LookupError> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if hex.len() >= 3
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        match index.by_id_prefix(hex).as_slice() {
            [one] => return Ok(Some(one)),
            [] => {}
            _ => {
                return Err(LookupError::Ambiguous {
                    input: input.to_string(),
                })
            }
        }
    }
    let Ok(parsed) = Reference::parse(input) else {
        return Ok(None);
    };
    if !is_short_name(input) {
        return Ok(by_reference(index, &parsed));
    }
    let mut candidates = Vec::new();
    if let Ok(local) = Reference::parse(&format!("localhost/{input}")) {
        candidates.push(local);
    }
    candidates.extend(conf.candidates(input).unwrap_or_default());
    for c in &candidates {
        if let Some(img) = by_reference(index, c) {
            return Ok(Some(img));
        }
    }
    // `busybox` also finds `127.0.0.1:5000/busybox:latest` when nothing closer matched.
    let tail = match (&parsed.tag, &parsed.digest) {
        (_, Some(d)) => format!("@{d}"),
        (Some(t), None) => format!(":{t}"),
        (None, None) => ":latest".to_string(),
    };
    let last = parsed
        .repository
        .rsplit('/')
        .next()
        .unwrap_or(&parsed.repository);
    let wanted = format!("/{last}{tail}");
    Ok(index.images.iter().find(|i| {
        i.names
            .iter()
            .chain(&i.repo_digests)
            .any(|n| n.ends_with(&wanted))
    }))
}

fn by_reference<'a>(index: &'a Index, r: &Reference) -> Option<&'a ImageRecord> {
    if let Some(d) = &r.digest {
        let want = format!("{}@{d}", r.name());
        return index.images.iter().find(|i| {
            i.repo_digests.contains(&want)
                || (&i.digest == d && i.names.iter().any(|n| n.starts_with(&r.name())))
        });
    }
    index.by_name(&r.to_string())
}
