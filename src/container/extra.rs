//! The record's `extra`: every flag `inspect` shows that nothing decides anything from.
//!
//! It is most of a record's text, and most commands never look at it: `ps` reads a thousand
//! records and prints none of it. So it is kept as the JSON text it was read as, and parsed
//! into its map the first time something looks inside.
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

type Map = BTreeMap<String, Value>;

/// A JSON object of inspect-only values, parsed on first use.
#[derive(Clone, Default)]
pub(crate) struct Extra {
    /// The object's text as read; `None` once the map may have changed.
    raw: Option<Box<RawValue>>,
    map: OnceLock<Map>,
}

impl Extra {
    /// Whether the object may hold one of `keys`: the unparsed text is only searched for them
    /// as strings (a cheap test before parsing: `false` means it holds none).
    pub(crate) fn may_hold_any(&self, keys: &Keys) -> bool {
        match (&self.raw, self.map.get()) {
            (_, Some(map)) => keys.names.iter().any(|k| map.contains_key(k)),
            (Some(raw), None) => {
                let text = raw.get().as_bytes();
                keys.quoted.iter().any(|f| f.find(text).is_some())
            }
            (None, None) => false,
        }
    }
}

/// Keys to test [`Extra::may_hold_any`] for, with their searchers made once.
pub(crate) struct Keys {
    names: Vec<String>,
    /// Each key as a JSON string, quotes included.
    quoted: Vec<memchr::memmem::Finder<'static>>,
}

impl Keys {
    pub(crate) fn new(names: &[&str]) -> Keys {
        Keys {
            names: names.iter().map(|n| n.to_string()).collect(),
            quoted: names
                .iter()
                .map(|n| memchr::memmem::Finder::new(&format!("\"{n}\"")).into_owned())
                .collect(),
        }
    }
}

impl Deref for Extra {
    type Target = Map;
    fn deref(&self) -> &Map {
        self.map.get_or_init(|| {
            // Text that is not an object (a damaged record) reads as an empty map, as a
            // missing `extra` does.
            self.raw
                .as_ref()
                .and_then(|raw| serde_json::from_str(raw.get()).ok())
                .unwrap_or_default()
        })
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map {
        let _ = Deref::deref(self);
        self.raw = None;
        self.map.get_mut().expect("parsed just above")
    }
}

impl From<Map> for Extra {
    fn from(map: Map) -> Extra {
        Extra {
            raw: None,
            map: OnceLock::from(map),
        }
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.raw, self.map.get()) {
            (Some(raw), None) => raw.serialize(s),
            _ => self.deref().serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Extra, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        if !raw.get().trim_start().starts_with('{') {
            return Err(serde::de::Error::custom("extra: expected a JSON object"));
        }
        Ok(Extra {
            raw: Some(raw),
            map: OnceLock::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_parsed_when_looked_into_and_written_back_as_read() {
        let text = r#"{"Cmd":["true"],"Env":{"A":"1"}}"#;
        let e: Extra = serde_json::from_str(text).unwrap();
        assert!(e.may_hold_any(&Keys::new(&["Mounts", "Cmd"])));
        assert!(!e.may_hold_any(&Keys::new(&["Mounts", "Cm"])));
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
        assert_eq!(e["Cmd"], serde_json::json!(["true"]));
        let mut e = e;
        e.insert("Mounts".into(), serde_json::json!([]));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"Cmd": ["true"], "Env": {"A": "1"}, "Mounts": []})
        );
        assert!(serde_json::from_str::<Extra>("[1]").is_err());
        let from_value: Extra = serde_json::from_value(serde_json::json!({"Cmd": []})).unwrap();
        assert!(from_value.contains_key("Cmd"));
    }
}
