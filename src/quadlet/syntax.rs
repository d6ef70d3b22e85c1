//! systemd's unit-file syntax, as systemd.syntax(7) states it: `[Section]` headers,
//! `Key=Value` lines (whitespace around both trimmed), `#` and `;` comments, a trailing
//! backslash joining the next line (with a space; comment lines inside such a value are
//! skipped), and the word splitting of list values with `"…"`/`'…'` quoting and C escapes.
//!
//! Every entry keeps its file and line, so an error names where the key was written. `%`
//! specifiers are kept as written: systemd expands them in the generated unit.
use std::path::{Path, PathBuf};

/// One `Key=Value` line (joined continuation lines count as the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub file: PathBuf,
    pub line: usize,
}

/// A `[Section]` and its entries, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<Entry>,
}

/// A parsed unit file, drop-ins merged in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFile {
    pub sections: Vec<Section>,
}

/// A line that is not unit-file syntax.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct SyntaxError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl UnitFile {
    /// Parses `text`, read from `file`.
    pub fn parse(file: &Path, text: &str) -> Result<UnitFile, SyntaxError> {
        let mut unit = UnitFile::default();
        let mut current: Option<usize> = None;
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        while let Some((n, raw)) = lines.next() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            let err = |message: String| SyntaxError {
                file: file.to_path_buf(),
                line: n,
                message,
            };
            if line.starts_with('[') {
                let name = line
                    .strip_prefix('[')
                    .and_then(|l| l.strip_suffix(']'))
                    .filter(|s| !s.is_empty() && !s.contains(['[', ']']))
                    .ok_or_else(|| err(format!("bad section header {line:?}")))?;
                current = Some(unit.section_index(name));
                continue;
            }
            // A value continues while its line ends in a backslash.
            let mut joined = line.to_string();
            while joined.ends_with('\\') {
                joined.pop();
                joined.push(' ');
                let next = loop {
                    match lines.next() {
                        Some((_, l))
                            if l.trim_start().starts_with('#')
                                || l.trim_start().starts_with(';') =>
                        {
                            continue
                        }
                        other => break other,
                    }
                };
                match next {
                    Some((_, l)) => joined.push_str(l.trim()),
                    None => break,
                }
            }
            let (key, value) = joined
                .split_once('=')
                .ok_or_else(|| err(format!("{line:?} is not KEY=VALUE")))?;
            let key = key.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(err(format!("bad key {key:?}")));
            }
            let Some(s) = current else {
                return Err(err(format!("{key}= comes before any [Section]")));
            };
            unit.sections[s].entries.push(Entry {
                key: key.to_string(),
                value: value.trim().to_string(),
                file: file.to_path_buf(),
                line: n,
            });
        }
        Ok(unit)
    }

    fn section_index(&mut self, name: &str) -> usize {
        match self.sections.iter().position(|s| s.name == name) {
            Some(i) => i,
            None => {
                self.sections.push(Section {
                    name: name.to_string(),
                    entries: Vec::new(),
                });
                self.sections.len() - 1
            }
        }
    }

    /// Adds a drop-in's entries after this file's own, section by section.
    pub fn merge(&mut self, dropin: UnitFile) {
        for s in dropin.sections {
            let i = self.section_index(&s.name);
            self.sections[i].entries.extend(s.entries);
        }
    }

    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Whether `section` has `key` at all.
    pub fn has(&self, section: &str, key: &str) -> bool {
        self.section(section)
            .is_some_and(|s| s.entries.iter().any(|e| e.key == key))
    }

    /// The last value of `key`: the one systemd takes for a single-valued setting.
    pub fn last(&self, section: &str, key: &str) -> Option<&Entry> {
        self.section(section)?
            .entries
            .iter()
            .rev()
            .find(|e| e.key == key)
    }

    /// Every value of a list-valued `key`; an empty value drops the ones before it.
    pub fn all(&self, section: &str, key: &str) -> Vec<&Entry> {
        let mut out = Vec::new();
        for e in self.section(section).into_iter().flat_map(|s| &s.entries) {
            if e.key == key {
                if e.value.is_empty() {
                    out.clear();
                } else {
                    out.push(e);
                }
            }
        }
        out
    }
}

/// A list value systemd's quoting rules reject.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordError {
    #[error("unbalanced {quote} in {text:?}")]
    Unbalanced { quote: char, text: String },
    #[error("bad escape \\x{hex} in {text:?}")]
    BadEscape { hex: String, text: String },
    #[error("{text:?} ends in a lone backslash")]
    LoneBackslash { text: String },
}

/// A word list with systemd's quoting: words split at whitespace, `"…"` and `'…'` quote
/// (the quotes go), a backslash escapes the next character (`\n`, `\t`, `\\`, `\"`, `\'`,
/// `\xNN` as C has them).
pub fn split_words(s: &str) -> Result<Vec<String>, WordError> {
    let mut words = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(words);
        }
        let mut word = String::new();
        let mut quote: Option<char> = None;
        loop {
            let Some(c) = chars.next() else {
                if let Some(q) = quote {
                    return Err(WordError::Unbalanced {
                        quote: q,
                        text: s.to_string(),
                    });
                }
                break;
            };
            match (c, quote) {
                ('\\', _) => match chars.next() {
                    Some('n') => word.push('\n'),
                    Some('t') => word.push('\t'),
                    Some('r') => word.push('\r'),
                    Some('a') => word.push('\x07'),
                    Some('b') => word.push('\x08'),
                    Some('f') => word.push('\x0c'),
                    Some('v') => word.push('\x0b'),
                    Some('s') => word.push(' '),
                    Some('x') => {
                        let hex: String = (0..2).filter_map(|_| chars.next()).collect();
                        let v = u8::from_str_radix(&hex, 16).map_err(|_| WordError::BadEscape {
                            hex: hex.clone(),
                            text: s.to_string(),
                        })?;
                        word.push(char::from(v));
                    }
                    Some(other) => word.push(other),
                    None => {
                        return Err(WordError::LoneBackslash {
                            text: s.to_string(),
                        })
                    }
                },
                (q @ ('"' | '\''), None) => quote = Some(q),
                (q, Some(open)) if q == open => quote = None,
                (w, None) if w.is_whitespace() => break,
                (other, _) => word.push(other),
            }
        }
        words.push(word);
    }
}

/// One word for a systemd command line or list value: quoted when it holds whitespace,
/// quotes, backslashes or nothing. `%` and `$` are kept, so systemd's specifiers and
/// variables in the user's values still work.
pub fn quote_word(s: &str) -> String {
    let plain = !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\'' || c == '\\' || c == ';');
    if plain {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// systemd's booleans.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "true" | "t" | "on" => Some(true),
        "0" | "no" | "n" | "false" | "f" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> UnitFile {
        UnitFile::parse(Path::new("t.container"), text).unwrap()
    }

    #[test]
    fn sections_keys_and_comments_are_read_with_their_lines() {
        let u = parse("# top\n[Unit]\nDescription = web  \n; note\n\n[Container]\nImage=busybox\n");
        assert_eq!(u.sections.len(), 2);
        let e = u.last("Unit", "Description").unwrap();
        assert_eq!((e.value.as_str(), e.line), ("web", 3));
        assert_eq!(u.last("Container", "Image").unwrap().line, 7);
    }

    #[test]
    fn a_trailing_backslash_continues_the_value_past_comment_lines() {
        let u = parse("[Container]\nExec=sh -c \\\n# skipped\n  'echo hi'\nImage=x\n");
        assert_eq!(
            u.last("Container", "Exec").unwrap().value,
            "sh -c  'echo hi'"
        );
        assert_eq!(u.last("Container", "Image").unwrap().line, 5);
    }

    #[test]
    fn an_empty_value_resets_a_list_and_the_last_single_value_wins() {
        let u = parse("[Container]\nVolume=/a:/a\nVolume=\nVolume=/b:/b\nImage=x\nImage=y\n");
        let v: Vec<_> = u
            .all("Container", "Volume")
            .iter()
            .map(|e| e.value.clone())
            .collect();
        assert_eq!(v, ["/b:/b"]);
        assert_eq!(u.last("Container", "Image").unwrap().value, "y");
    }

    #[test]
    fn drop_ins_add_to_sections_and_override_single_values() {
        let mut u = parse("[Container]\nImage=x\nLabel=a=1\n");
        let d = UnitFile::parse(
            Path::new("10-d.conf"),
            "[Container]\nImage=z\nLabel=b=2\n[Service]\nRestart=always\n",
        )
        .unwrap();
        u.merge(d);
        let img = u.last("Container", "Image").unwrap();
        assert_eq!(
            (img.value.as_str(), img.file.to_str()),
            ("z", Some("10-d.conf"))
        );
        assert_eq!(u.all("Container", "Label").len(), 2);
        assert!(u.has("Service", "Restart"));
    }

    #[test]
    fn bad_lines_are_errors_naming_file_and_line() {
        let e =
            UnitFile::parse(Path::new("w.container"), "[Container]\nImage busybox\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "w.container:2: \"Image busybox\" is not KEY=VALUE"
        );
        let e = UnitFile::parse(Path::new("w.container"), "Image=x\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(UnitFile::parse(Path::new("w"), "[Container\n").is_err());
    }

    #[test]
    fn words_split_as_systemd_quotes_them() {
        assert_eq!(
            split_words(r#"a "b c" 'd "e"' f\ g \x41\n"#).unwrap(),
            ["a", "b c", "d \"e\"", "f g", "A\n"]
        );
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split_words(r#"X="a b"c"#).unwrap(), ["X=a bc"]);
        assert!(split_words("\"open").is_err());
    }

    #[test]
    fn quoted_words_split_back_to_themselves() {
        for w in [
            "plain",
            "two words",
            "q\"uote",
            "back\\slash",
            "",
            "%i-$HOME",
            "a;b",
        ] {
            assert_eq!(split_words(&quote_word(w)).unwrap(), [w], "{w}");
        }
        assert_eq!(quote_word("%h/data"), "%h/data");
    }

    #[test]
    fn booleans_are_systemds() {
        assert_eq!(parse_bool("Yes"), Some(true));
        assert_eq!(parse_bool("off"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
