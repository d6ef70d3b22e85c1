//! `--filter KEY=VALUE` of `rcon events`: filters with the same key match when any of them
//! does, filters with different keys must all match (as Podman's).
use super::Event;
use std::collections::BTreeMap;

/// A filter that is not one rcon knows.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FilterError {
    #[error("invalid filter {0:?}: give KEY=VALUE")]
    Form(String),
    #[error(
        "invalid filter {0:?}: the keys are container, event (or status), image, label, \
         network, pod, type and volume"
    )]
    Key(String),
    #[error(
        "invalid filter {0:?}: the types are container, image, network, pod, system and volume"
    )]
    Type(String),
}

/// The parsed filters, by key.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filters {
    by_key: BTreeMap<String, Vec<String>>,
}

impl Filters {
    /// Parses `KEY=VALUE` filters.
    pub(crate) fn parse(specs: &[String]) -> Result<Filters, FilterError> {
        let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for spec in specs {
            let (k, v) = spec
                .split_once('=')
                .ok_or_else(|| FilterError::Form(spec.clone()))?;
            let key = match k.to_ascii_lowercase().as_str() {
                "status" | "event" => "event".to_string(),
                k @ ("container" | "image" | "label" | "network" | "pod" | "type" | "volume") => {
                    k.to_string()
                }
                _ => return Err(FilterError::Key(spec.clone())),
            };
            if key == "type"
                && !["container", "image", "network", "pod", "system", "volume"].contains(&v)
            {
                return Err(FilterError::Type(spec.clone()));
            }
            by_key.entry(key).or_default().push(v.to_string());
        }
        Ok(Filters { by_key })
    }

    /// Whether `e` passes every key's filters.
    pub(crate) fn matches(&self, e: &Event) -> bool {
        self.by_key
            .iter()
            .all(|(key, values)| values.iter().any(|v| one(key, v, e)))
    }
}

fn one(key: &str, v: &str, e: &Event) -> bool {
    let named = |kind: &str| e.kind == kind && (e.name == v || e.id.starts_with(v));
    match key {
        "container" => named("container"),
        "image" => named("image"),
        "pod" => named("pod"),
        "network" => e.kind == "network" && (e.network == v || e.id.starts_with(v)),
        "volume" => e.kind == "volume" && (e.name == v || e.id.starts_with(v)),
        "event" => e.status == v,
        "type" => e.kind == v,
        "label" => match v.split_once('=') {
            Some((lk, lv)) => e
                .attributes
                .as_ref()
                .is_some_and(|a| a.get(lk).is_some_and(|x| x == lv)),
            None => e.attributes.as_ref().is_some_and(|a| a.contains_key(v)),
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(name: &str, labels: &[(&str, &str)]) -> Event {
        let labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Event::container("start", "0123456789abcdef", name, "busybox", &labels)
    }

    fn f(specs: &[&str]) -> Filters {
        Filters::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn same_keys_are_or_and_different_keys_are_and() {
        let foo = started("foo", &[("app", "web")]);
        let bar = started("bar", &[]);
        let two = f(&["container=foo", "container=bar", "event=start"]);
        assert!(two.matches(&foo) && two.matches(&bar));
        let labelled = f(&["container=foo", "label=app=web"]);
        assert!(labelled.matches(&foo));
        assert!(!labelled.matches(&bar));
        assert!(!f(&["event=died"]).matches(&foo));
        assert!(f(&["status=start"]).matches(&foo));
        assert!(f(&["container=0123"]).matches(&foo), "an ID prefix");
        assert!(
            !f(&["image=busybox"]).matches(&foo),
            "image= is for image events"
        );
        assert!(f(&["label=app"]).matches(&foo));
        assert!(f(&["type=container"]).matches(&foo));
        assert!(!f(&["type=image"]).matches(&foo));
    }

    #[test]
    fn bad_filters_are_refused_naming_them() {
        for bad in ["container", "colour=red", "type=thing"] {
            let e = Filters::parse(&[bad.to_string()]).unwrap_err().to_string();
            assert!(e.contains(bad), "{e}");
        }
    }
}
