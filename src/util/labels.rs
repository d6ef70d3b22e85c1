//! Labels on volumes and networks: Podman's `label=KEY[=VALUE]` filter.
use std::collections::BTreeMap;

/// Whether `labels` hold `filter`: `KEY` (any value) or `KEY=VALUE`.
pub(crate) fn matches(labels: &BTreeMap<String, String>, filter: &str) -> bool {
    match filter.split_once('=') {
        Some((k, v)) => labels.get(k).is_some_and(|x| x == v),
        None => labels.contains_key(filter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_filter_by_key_or_pair() {
        let l: BTreeMap<String, String> = [("team", "a"), ("tmp", "")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert!(matches(&l, "team"));
        assert!(matches(&l, "team=a"));
        assert!(!matches(&l, "team=b"));
        assert!(!matches(&l, "owner"));
    }
}
