//! `rcon images --filter`: dangling, reference (shell patterns) and id.
use crate::image::store::index::ImageRecord;
use anyhow::{bail, Context as _};

/// `--filter` for images.
pub(super) struct ImageFilters {
    dangling: Option<bool>,
    reference: Vec<String>,
    id: Vec<String>,
}

impl ImageFilters {
    pub(super) fn parse(specs: &[String]) -> anyhow::Result<ImageFilters> {
        let mut f = ImageFilters {
            dangling: None,
            reference: vec![],
            id: vec![],
        };
        for s in specs {
            let (k, v) = s
                .split_once('=')
                .with_context(|| format!("invalid filter {s:?}: expected KEY=VALUE"))?;
            match k {
                "dangling" => {
                    f.dangling = Some(v.parse().with_context(|| {
                        format!("invalid filter {s:?}: dangling takes true or false")
                    })?)
                }
                "reference" => f.reference.push(v.to_string()),
                "id" => f.id.push(v.trim_start_matches("sha256:").to_string()),
                _ => bail!("invalid filter {s:?}: rcon supports dangling, reference and id"),
            }
        }
        Ok(f)
    }

    pub(super) fn keep(&self, img: &ImageRecord) -> bool {
        if let Some(d) = self.dangling {
            if img.names.is_empty() != d {
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
        true
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
