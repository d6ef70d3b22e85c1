//! Kubernetes YAML: `kube play` turns documents into pods and containers ([`play`]), `kube
//! generate` writes what rcon knows of its pods and containers back as YAML ([`generate`]).
//!
//! The YAML is hostile input: documents are read into plain values, every field rcon reads is
//! checked for its type, and every field it cannot honour is one warning naming its path,
//! never a silent drop. A YAML syntax error names its line and column.
use serde_json::Value;

pub(crate) mod generate;
pub(crate) mod play;
mod quantity;

/// Why a YAML file cannot be played.
#[derive(Debug, thiserror::Error)]
pub(crate) enum KubeError {
    #[error("{source_name}: {message}")]
    Yaml {
        source_name: String,
        message: String,
    },
    #[error("{doc}: {path}: {message}")]
    Field {
        doc: String,
        path: String,
        message: String,
    },
}

pub(crate) type Result<T> = std::result::Result<T, KubeError>;

/// One YAML document: its kind, its name and the rest as read.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub(crate) kind: String,
    pub(crate) name: String,
    pub(crate) value: Value,
}

impl Doc {
    /// `Kind/name`, for messages.
    pub(crate) fn label(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }
}

/// Reads every document of `text` (`---` separated; empty ones skipped). `source_name` is for
/// messages (the file's path, or `-`).
pub(crate) fn parse(text: &str, source_name: &str) -> Result<Vec<Doc>> {
    use serde::Deserialize;
    let mut docs = Vec::new();
    for (i, de) in yaml_serde::Deserializer::from_str(text).enumerate() {
        let value = Value::deserialize(de).map_err(|e| KubeError::Yaml {
            source_name: source_name.to_string(),
            message: format!("document {}: {e}", i + 1),
        })?;
        if value.is_null() {
            continue;
        }
        let Some(map) = value.as_object() else {
            return Err(KubeError::Yaml {
                source_name: source_name.to_string(),
                message: format!("document {} is not a mapping", i + 1),
            });
        };
        let kind = map.get("kind").and_then(Value::as_str).unwrap_or_default();
        let name = map
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        if kind.is_empty() {
            return Err(KubeError::Yaml {
                source_name: source_name.to_string(),
                message: format!("document {} has no kind", i + 1),
            });
        }
        docs.push(Doc {
            kind: kind.to_string(),
            name: name.to_string(),
            value,
        });
    }
    Ok(docs)
}

/// Reads fields of one object, checking types, and records the ones nobody read.
pub(crate) struct Fields<'a> {
    doc: &'a str,
    path: String,
    map: Option<&'a serde_json::Map<String, Value>>,
    read: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// The object at `path` of document `doc`; a value that is not an object is an error.
    pub(crate) fn new(doc: &'a str, path: impl Into<String>, v: Option<&'a Value>) -> Result<Self> {
        let path = path.into();
        let map = match v {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(m),
            Some(_) => {
                return Err(KubeError::Field {
                    doc: doc.to_string(),
                    path,
                    message: "expected a mapping".into(),
                })
            }
        };
        Ok(Fields {
            doc,
            path,
            map,
            read: Vec::new(),
        })
    }

    fn err(&self, key: &str, message: &str) -> KubeError {
        KubeError::Field {
            doc: self.doc.to_string(),
            path: self.child(key),
            message: message.to_string(),
        }
    }

    /// `path.key`.
    pub(crate) fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The raw value of `key`, marked read.
    pub(crate) fn raw(&mut self, key: &'static str) -> Option<&'a Value> {
        self.read.push(key);
        self.map.and_then(|m| m.get(key)).filter(|v| !v.is_null())
    }

    pub(crate) fn str(&mut self, key: &'static str) -> Result<Option<String>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            // YAML scalars such as `8080` or `true` where Kubernetes takes a string.
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(self.err(key, "expected a string")),
        }
    }

    pub(crate) fn int(&mut self, key: &'static str) -> Result<Option<i64>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
            Some(_) => Err(self.err(key, "expected an integer")),
        }
    }

    pub(crate) fn bool(&mut self, key: &'static str) -> Result<Option<bool>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.err(key, "expected true or false")),
        }
    }

    /// A list of strings.
    pub(crate) fn strings(&mut self, key: &'static str) -> Result<Vec<String>> {
        match self.raw(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err(self.err(key, "expected a list of strings")),
                })
                .collect(),
            Some(_) => Err(self.err(key, "expected a list of strings")),
        }
    }

    /// A list of objects, each with its path (`key[i]`).
    pub(crate) fn list(&mut self, key: &'static str) -> Result<Vec<(String, &'a Value)>> {
        match self.raw(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => Ok(a
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{}[{i}]", self.child(key)), v))
                .collect()),
            Some(_) => Err(self.err(key, "expected a list")),
        }
    }

    /// A string-to-string map (labels, data).
    pub(crate) fn string_map(
        &mut self,
        key: &'static str,
    ) -> Result<std::collections::BTreeMap<String, String>> {
        let mut out = std::collections::BTreeMap::new();
        match self.raw(key) {
            None => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    let v = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => return Err(self.err(key, "expected a map of strings")),
                    };
                    out.insert(k.clone(), v);
                }
            }
            Some(_) => return Err(self.err(key, "expected a map of strings")),
        }
        Ok(out)
    }

    /// A nested object's reader.
    pub(crate) fn object(&mut self, key: &'static str) -> Result<Fields<'a>> {
        let v = self.raw(key);
        Fields::new(self.doc, self.child(key), v)
    }

    /// Whether the object was given at all.
    pub(crate) fn present(&self) -> bool {
        self.map.is_some()
    }

    /// One warning per field present but never read.
    pub(crate) fn unread(&self, warnings: &mut Vec<String>) {
        let Some(m) = self.map else { return };
        for k in m.keys() {
            if !self.read.iter().any(|r| r == k) {
                warnings.push(format!(
                    "{}: {}: not supported by rcon, ignored",
                    self.doc,
                    self.child(k)
                ));
            }
        }
    }

    /// A field rcon reads but cannot honour: one warning when present.
    pub(crate) fn ignore(&mut self, key: &'static str, why: &str, warnings: &mut Vec<String>) {
        if self.raw(key).is_some() {
            warnings.push(format!("{}: {}: {why}, ignored", self.doc, self.child(key)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_split_and_a_syntax_error_names_its_line() {
        let docs = parse(
            "kind: Pod\nmetadata: {name: a}\n---\n---\nkind: ConfigMap\n",
            "f",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].label(), "Pod/a");
        let e = parse("kind: Pod\nmetadata:\n  name: [a\n", "f.yaml").unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("f.yaml: document 1:") && text.contains("line"),
            "{text}"
        );
        assert!(parse("- a\n- b\n", "f").is_err());
        assert!(parse("metadata: {name: a}\n", "f").is_err());
    }

    #[test]
    fn fields_check_types_and_report_what_nobody_read() {
        let v: Value = serde_json::json!({"a": "x", "n": 3, "b": true, "l": ["p", 1], "z": 1});
        let mut f = Fields::new("Pod/p", "spec", Some(&v)).unwrap();
        assert_eq!(f.str("a").unwrap().as_deref(), Some("x"));
        assert_eq!(f.int("n").unwrap(), Some(3));
        assert!(f.bool("a").is_err());
        assert_eq!(f.strings("l").unwrap(), ["p", "1"]);
        let mut w = Vec::new();
        f.unread(&mut w);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("spec.b") || w[1].contains("spec.b"), "{w:?}");
        assert!(Fields::new("d", "x", Some(&serde_json::json!(3))).is_err());
    }
}
