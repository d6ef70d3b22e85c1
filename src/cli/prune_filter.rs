//! `--filter` of the prune commands, as Podman takes it: `until=TIME` (only what was created
//! before TIME: Unix seconds, an RFC 3339 time, a date, or a Go duration such as `10m` or
//! `1h30m` before now) and `label=KEY[=VALUE]` / `label!=KEY[=VALUE]` (only what has, or has
//! not, the label). Several filters must all hold.
use crate::image::store::{index, Store};
use crate::util::digest::Digest;
use crate::util::labels;
use crate::util::time;
use anyhow::bail;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// The parsed filters; the default keeps everything eligible.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PruneFilter {
    labels: Vec<String>,
    not_labels: Vec<String>,
    /// Seconds since the epoch.
    until: Option<i64>,
}

impl PruneFilter {
    /// Parses `--filter` values; `now` (seconds since the epoch) anchors durations.
    pub(crate) fn parse(filters: &[String], now: i64) -> anyhow::Result<PruneFilter> {
        let mut out = PruneFilter::default();
        for f in filters {
            if let Some(l) = f.strip_prefix("label!=") {
                out.not_labels.push(l.to_string());
                continue;
            }
            match f.split_once('=') {
                Some(("label", l)) if !l.is_empty() => out.labels.push(l.to_string()),
                Some(("until", t)) => match parse_until(t, now) {
                    Some(secs) => out.until = Some(secs),
                    None => bail!(
                        "--filter {f:?}: expected until=TIME: Unix seconds, an RFC 3339 time, a \
                         date (2006-01-02) or a duration (10m, 1h30m)"
                    ),
                },
                _ => bail!(
                    "--filter {f:?}: prune filters by until=TIME, label=KEY[=VALUE] or \
                     label!=KEY[=VALUE]"
                ),
            }
        }
        Ok(out)
    }

    /// Parses with the current time.
    pub(crate) fn parse_now(filters: &[String]) -> anyhow::Result<PruneFilter> {
        PruneFilter::parse(filters, time::now_secs())
    }

    /// Whether an object created at `created` (RFC 3339; unknown passes no `until`) with
    /// `labels` may be pruned.
    pub(crate) fn allows(&self, created: Option<&str>, labels: &BTreeMap<String, String>) -> bool {
        if let Some(until) = self.until {
            match created.and_then(time::parse_rfc3339) {
                Some(t) if t < until => {}
                _ => return false,
            }
        }
        self.labels.iter().all(|l| labels::matches(labels, l))
            && !self.not_labels.iter().any(|l| labels::matches(labels, l))
    }
}

/// The images `filters` allow to be pruned (their config's `created` and labels), or `None`
/// without filters (every image).
pub(crate) fn allowed_images(
    ctx: &super::Context,
    filters: &[String],
) -> anyhow::Result<Option<HashSet<Digest>>> {
    if filters.is_empty() {
        return Ok(None);
    }
    let filter = PruneFilter::parse_now(filters)?;
    let store = Store::open(&ctx.paths)?;
    let mut ok = HashSet::new();
    for img in index::read(&ctx.paths.storage())?.images {
        let config: Value = store
            .read_blob(&img.id)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null);
        let labels: BTreeMap<String, String> = config
            .pointer("/config/Labels")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect();
        let created = config.get("created").and_then(Value::as_str);
        if filter.allows(created, &labels) {
            ok.insert(img.id);
        }
    }
    Ok(Some(ok))
}

/// `until`'s time: Unix seconds (a fraction allowed), RFC 3339, `YYYY-MM-DD[THH:MM:SS]` (UTC),
/// or a Go duration before `now`.
pub(super) fn parse_until(s: &str, now: i64) -> Option<i64> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<f64>() {
        return Some(secs as i64);
    }
    if let Some(t) = time::parse_rfc3339(s) {
        return Some(t);
    }
    if s.len() == 10 {
        if let Some(t) = time::parse_rfc3339(&format!("{s}T00:00:00Z")) {
            return Some(t);
        }
    }
    if s.len() == 19 {
        if let Some(t) = time::parse_rfc3339(&format!("{s}Z")) {
            return Some(t);
        }
    }
    go_duration(s).map(|d| now - d)
}

/// A Go duration (`1h30m`, `90s`, `1.5h`, `300ms`) in whole seconds.
fn go_duration(s: &str) -> Option<i64> {
    let mut rest = s;
    let mut total = 0.0f64;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let value: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += value * scale;
    }
    Some(total as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn until_takes_seconds_times_dates_and_durations() {
        assert_eq!(parse_until("1600000000", NOW), Some(1_600_000_000));
        assert_eq!(
            parse_until("2024-01-02T03:04:05Z", NOW),
            Some(1_704_164_645)
        );
        assert_eq!(parse_until("2024-01-02", NOW), Some(1_704_153_600));
        assert_eq!(parse_until("10m", NOW), Some(NOW - 600));
        assert_eq!(parse_until("1h30m", NOW), Some(NOW - 5400));
        assert_eq!(parse_until("soon", NOW), None);
        assert_eq!(parse_until("10x", NOW), None);
    }

    #[test]
    fn filters_must_all_hold() {
        let f = PruneFilter::parse(
            &[
                "until=1h".into(),
                "label=team=a".into(),
                "label!=keep".into(),
            ],
            NOW,
        )
        .unwrap();
        let old = time::rfc3339(NOW - 7200);
        let new = time::rfc3339(NOW - 60);
        assert!(f.allows(Some(&old), &labels(&[("team", "a")])));
        assert!(!f.allows(Some(&new), &labels(&[("team", "a")])));
        assert!(!f.allows(Some(&old), &labels(&[("team", "b")])));
        assert!(!f.allows(Some(&old), &labels(&[("team", "a"), ("keep", "")])));
        assert!(!f.allows(None, &labels(&[("team", "a")])));
        assert!(PruneFilter::default().allows(None, &BTreeMap::new()));
    }

    #[test]
    fn unknown_filters_are_refused() {
        assert!(PruneFilter::parse(&["dangling=true".into()], NOW).is_err());
        assert!(PruneFilter::parse(&["until=".into()], NOW).is_err());
    }
}
