//! An instruction's `--flags`, checked against the flags it takes: names are case-sensitive,
//! a string flag needs `=value`, a boolean flag is `--link`, `--link=true` or `--link=false`,
//! only repeatable flags (`--mount`, `--exclude`) may be given twice.
use super::error::InstError;
use std::collections::BTreeMap;

/// The kind of value a flag takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Bool,
    String,
    /// Repeatable: each use adds a value.
    List,
}

/// The flags given, by name.
#[derive(Debug, Default)]
pub(crate) struct Flags {
    strings: BTreeMap<&'static str, String>,
    bools: BTreeMap<&'static str, bool>,
    lists: BTreeMap<&'static str, Vec<String>>,
}

impl Flags {
    /// Checks `given` (each `--name[=value]`) against `spec` (name, kind); `names` lists the
    /// names for the error message.
    pub(crate) fn parse(
        given: &[String],
        spec: &[(&'static str, Kind)],
        names: &'static [&'static str],
    ) -> Result<Flags, InstError> {
        let mut flags = Flags::default();
        for word in given {
            let (flag, value) = match word.split_once('=') {
                Some((f, v)) => (f, Some(v)),
                None => (word.as_str(), None),
            };
            let name = flag.strip_prefix("--").unwrap_or(flag);
            let Some(&(name, kind)) = spec.iter().find(|(n, _)| *n == name) else {
                return Err(InstError::UnknownFlag {
                    flag: flag.to_string(),
                    known: names,
                });
            };
            let twice = flags.strings.contains_key(name) || flags.bools.contains_key(name);
            if twice && kind != Kind::List {
                return Err(InstError::DuplicateFlag {
                    flag: flag.to_string(),
                });
            }
            let missing = || InstError::MissingFlagValue {
                flag: flag.to_string(),
            };
            match kind {
                Kind::Bool => {
                    let b = match value {
                        None => true,
                        Some("") => return Err(missing()),
                        Some(v) => match v.to_ascii_lowercase().as_str() {
                            "true" => true,
                            "false" => false,
                            _ => {
                                return Err(InstError::BadBool {
                                    flag: flag.to_string(),
                                    value: v.to_string(),
                                })
                            }
                        },
                    };
                    flags.bools.insert(name, b);
                }
                Kind::String => {
                    flags
                        .strings
                        .insert(name, value.ok_or_else(missing)?.to_string());
                }
                Kind::List => {
                    flags
                        .lists
                        .entry(name)
                        .or_default()
                        .push(value.ok_or_else(missing)?.to_string());
                }
            }
        }
        Ok(flags)
    }

    /// A string flag's value, when given.
    pub(crate) fn string(&self, name: &str) -> Option<String> {
        self.strings.get(name).cloned()
    }

    /// A boolean flag's value, when given.
    pub(crate) fn bool(&self, name: &str) -> Option<bool> {
        self.bools.get(name).copied()
    }

    /// A repeatable flag's values, in order.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.lists.get(name).cloned().unwrap_or_default()
    }
}
