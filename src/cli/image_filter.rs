//! `rcon images --filter`: dangling, reference (shell patterns), id, label, before, since
//! (after), until, as Podman takes them. Several filters must all hold; several values of one
//! key (reference, id) are alternatives.
use crate::image::store::index::ImageRecord;
use anyhow::{bail, Context as _};
use serde_json::Value;

/// `--filter` for images. `before`/`since` name images: [`ImageFilters::parse`] is given the
/// creation time of whatever image a name finds.
pub(super) struct ImageFilters {
    dangling: Option<bool>,
    reference: Vec<String>,
    id: Vec<String>,
    /// `KEY` or `KEY=VALUE` pairs, every one required.
    label: Vec<(String, Option<String>)>,
    /// Created strictly before each of these (Unix seconds).
    before: Vec<i64>,
    /// Created strictly after each of these.
    since: Vec<i64>,
    /// Created before this.
    until: Option<i64>,
}

impl ImageFilters {
    /// Parses `KEY=VALUE` specs; `created_of(name)` is the creation time of the image `name`
    /// finds, `None` when it finds none.
    pub(super) fn parse(
        specs: &[String],
        now: i64,
        created_of: impl Fn(&str) -> anyhow::Result<Option<i64>>,
    ) -> anyhow::Result<ImageFilters> {
        let mut f = ImageFilters {
            dangling: None,
            reference: vec![],
            id: vec![],
            label: vec![],
            before: vec![],
            since: vec![],
            until: None,
        };
        for s in specs {
            let (k, v) = s
                .split_once('=')
                .with_context(|| format!("invalid filter {s:?}: expected KEY=VALUE"))?;
            let image_time = || -> anyhow::Result<i64> {
                created_of(v)?.with_context(|| {
                    format!(
                        "invalid filter {s:?}: no image {v:?}: check the name with `rcon images`"
                    )
                })
            };
            match k {
                "dangling" => {
                    f.dangling = Some(v.parse().with_context(|| {
                        format!("invalid filter {s:?}: dangling takes true or false")
                    })?)
                }
                "reference" => f.reference.push(v.to_string()),
                "id" => f.id.push(v.trim_start_matches("sha256:").to_string()),
                "label" => f.label.push(match v.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (v.to_string(), None),
                }),
                "before" => f.before.push(image_time()?),
                "since" | "after" => f.since.push(image_time()?),
                "until" => {
                    f.until = Some(super::prune_filter::parse_until(v, now).with_context(|| {
                        format!(
                            "invalid filter {s:?}: expected until=TIME: Unix seconds, an RFC 3339 time or a duration such as 10m"
                        )
                    })?)
                }
                _ => bail!(
                    "invalid filter {s:?}: rcon filters images by dangling, reference, id, label, before, since, after and until"
                ),
            }
        }
        Ok(f)
    }

    /// Whether `img`, created at `created` (Unix seconds) with `labels`, passes every filter.
    pub(super) fn keep(&self, img: &ImageRecord, created: i64, labels: &Value) -> bool {
        if let Some(d) = self.dangling {
            if img.dangling() != d {
                return false;
            }
        }
        if !self.id.is_empty() && !self.id.iter().any(|p| img.id.hex().starts_with(p)) {
            return false;
        }
        if !self.reference.is_empty()
            && !self.reference.iter().any(|pat| {
                img.names
                    .iter()
                    .any(|n| glob_match(pat, n) || glob_match(pat, short_name(n)))
            })
        {
            return false;
        }
        let label_ok = |(k, want): &(String, Option<String>)| match labels.get(k) {
            Some(Value::String(v)) => want.as_ref().is_none_or(|w| w == v),
            _ => false,
        };
        self.label.iter().all(label_ok)
            && self.before.iter().all(|&t| created < t)
            && self.since.iter().all(|&t| created > t)
            && self.until.is_none_or(|t| created < t)
    }
}

/// `docker.io/library/busybox:latest` → `busybox:latest`, for reference filters.
fn short_name(full: &str) -> &str {
    full.rsplit('/').next().unwrap_or(full)
}

/// Shell-style `*` and `?` matching of all of `s`, as Docker's reference filter matches.
pub(crate) fn glob(pattern: &str, s: &str) -> bool {
    fn m(p: &[u8], s: &[u8]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some(b'*'), _) => m(&p[1..], s) || (!s.is_empty() && m(p, &s[1..])),
            (Some(b'?'), Some(_)) => m(&p[1..], &s[1..]),
            (Some(a), Some(b)) if a == b => m(&p[1..], &s[1..]),
            _ => false,
        }
    }
    m(pattern.as_bytes(), s.as_bytes())
}

/// [`glob`], where a pattern without a tag matches every tag.
fn glob_match(pat: &str, s: &str) -> bool {
    glob(pat, s) || (!pat.contains(':') && glob(&format!("{pat}:*"), s))
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn glob_matches_names() {
        assert!(glob_match("busybox", "busybox:latest"));
        assert!(glob_match(
            "docker.io/*/busy*",
            "docker.io/library/busybox:1"
        ));
        assert!(!glob_match("alpine", "busybox:latest"));
    }
}
