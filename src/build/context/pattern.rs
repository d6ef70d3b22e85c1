//! Docker's path patterns, as `.dockerignore`, `COPY --exclude` and `COPY --parents` read them.
//!
//! A pattern is cleaned like a path (`a//b/./c/` is `a/b/c`), then turned into a regular
//! expression (the `regex` crate matches): `*` is any run of characters but `/`, `?` one
//! character but `/`, `[...]` a class (`[^...]` negated), `\x` the character `x`, and `**`
//! any number of folders, even none (`**/` likewise; a trailing `**` anything below). As in
//! Docker, a pattern starting with `**` and otherwise literal matches any path ending in the
//! rest, and one that is literal up to a trailing `**` any path starting with the rest.
//!
//! A path is matched by a pattern when the pattern matches the path or one of its parent
//! folders. Patterns are read in order, a `!` pattern takes back what the ones before it
//! matched, and the last pattern that matches decides.
//!
//! `globset` was weighed and left: it reads `**` next to other characters, `{a,b}` and `[!a]`
//! differently from Docker, whose rules (a translation to a regular expression) are the ones
//! users' ignore files are written against.
use regex::Regex;

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PatternError {
    #[error("illegal exclusion pattern: \"!\"")]
    LoneBang,
    #[error("invalid pattern {pattern:?}: {reason}")]
    Syntax { pattern: String, reason: String },
}

/// How one pattern matches, as Docker sorts them.
#[derive(Debug, Clone)]
enum Kind {
    Exact,
    /// Literal up to a trailing `**`: the text before the `**`.
    Prefix(String),
    /// `**` then literal: the text after the `**`.
    Suffix(String),
    Regex(Regex),
}

/// One cleaned pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    text: String,
    exclusion: bool,
    kind: Kind,
}

impl Pattern {
    /// Whether the pattern matches `path` itself (cleaned, `/`-separated, relative).
    fn matches(&self, path: &str) -> bool {
        match &self.kind {
            Kind::Exact => path == self.text,
            Kind::Prefix(p) => path.starts_with(p.as_str()),
            Kind::Suffix(s) => {
                path.ends_with(s.as_str()) || (s.starts_with('/') && path == &s[1..])
            }
            Kind::Regex(r) => r.is_match(path),
        }
    }

    /// The pattern without a trailing `/**` or `/*`.
    fn without_trailing_glob(&self) -> &str {
        let t = self.text.as_str();
        t.strip_suffix("/**")
            .or_else(|| t.strip_suffix("/*"))
            .unwrap_or(t)
    }
}

/// An ordered list of patterns, `!` exceptions among them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    patterns: Vec<Pattern>,
    /// Whether an exception could match below any folder (it holds a wildcard).
    wild_exceptions: bool,
}

impl Matcher {
    /// Compiles `patterns` (each trimmed and cleaned; empty ones skipped).
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Matcher, PatternError> {
        let mut out = Matcher::default();
        for p in patterns {
            let p = p.as_ref().trim();
            if p.is_empty() {
                continue;
            }
            let p = clean(p);
            let (exclusion, text) = match p.strip_prefix('!') {
                Some("") => return Err(PatternError::LoneBang),
                Some(rest) => (true, rest.to_string()),
                None => (false, p),
            };
            let kind = compile(&text)?;
            let pattern = Pattern {
                text,
                exclusion,
                kind,
            };
            if exclusion
                && pattern
                    .without_trailing_glob()
                    .contains(['*', '?', '[', '\\'])
            {
                out.wild_exceptions = true;
            }
            out.patterns.push(pattern);
        }
        Ok(out)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Docker's "matches or a parent matches": whether `path` (relative, `/`-separated) is
    /// matched, taking exceptions into account. The root (`.` or empty) never is.
    pub(crate) fn matches(&self, path: &str) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        let file = clean(path);
        if file == "." {
            return false;
        }
        let parents: Vec<&str> = match file.rfind('/') {
            Some(i) => file[..i].split('/').collect(),
            None => Vec::new(),
        };
        let mut matched = false;
        for pattern in &self.patterns {
            // An inclusion cannot change a match, nor an exception a non-match.
            if pattern.exclusion != matched {
                continue;
            }
            let mut hit = pattern.matches(&file);
            if !hit {
                for i in 1..=parents.len() {
                    if pattern.matches(&parents[..i].join("/")) {
                        hit = true;
                        break;
                    }
                }
            }
            if hit {
                matched = !pattern.exclusion;
            }
        }
        matched
    }

    /// Whether something below the matched folder `dir` could be taken back by an exception,
    /// so the folder must be walked (BuildKit's rule for `COPY --exclude`: an exception
    /// holding a wildcard, or one whose path lies below `dir`).
    pub(crate) fn may_match_below(&self, dir: &str) -> bool {
        self.wild_exceptions || self.exception_below(dir)
    }

    /// Whether an exception's path (its literal text) lies below the matched folder `dir`:
    /// the rule an ignore file's folders follow in Podman's builder (and Docker's classic
    /// one). A folder it excludes is skipped whole otherwise, even when a wildcard exception
    /// such as `!*/keep` would match something in it.
    pub(crate) fn exception_below(&self, dir: &str) -> bool {
        let dir_slash = format!("{}/", clean(dir));
        self.patterns
            .iter()
            .filter(|p| p.exclusion)
            .any(|p| format!("{}/", p.without_trailing_glob()).starts_with(&dir_slash))
    }
}

/// An include list (`COPY --parents`' sources): what it matches, and whether a folder it does
/// not match may hold something it does.
#[derive(Debug, Clone)]
pub(crate) struct Includes {
    matcher: Matcher,
    /// Whether every pattern is literal (but for a trailing glob): folders off their paths
    /// can be skipped.
    only_prefixes: bool,
}

impl Includes {
    pub(crate) fn new(patterns: &[String]) -> Result<Includes, PatternError> {
        let matcher = Matcher::new(patterns)?;
        let only_prefixes = matcher
            .patterns
            .iter()
            .all(|p| !p.without_trailing_glob().contains(['*', '?', '[', '\\']));
        Ok(Includes {
            matcher,
            only_prefixes,
        })
    }

    pub(crate) fn matches(&self, path: &str) -> bool {
        self.matcher.matches(path)
    }

    /// Whether the folder `dir`, not matched itself, may hold matches.
    pub(crate) fn may_match_below(&self, dir: &str) -> bool {
        if !self.only_prefixes {
            return true;
        }
        let dir_slash = format!("{}/", clean(dir));
        self.matcher
            .patterns
            .iter()
            .any(|p| format!("{}/", p.without_trailing_glob()).starts_with(&dir_slash))
    }
}

/// Docker's translation of a cleaned pattern (its `compile`).
fn compile(text: &str) -> Result<Kind, PatternError> {
    let chars: Vec<char> = text.chars().collect();
    let mut re = String::from("^");
    let mut kind = KindTag::Exact;
    let mut i = 0;
    let mut step = 0;
    let mut in_class = false;
    while i < chars.len() {
        let ch = chars[i];
        i += 1;
        if in_class {
            i = class_char(&chars, i, ch, &mut re, &mut in_class)?;
        } else if ch == '*' {
            if chars.get(i) == Some(&'*') {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                if i == chars.len() {
                    if kind == KindTag::Exact {
                        kind = KindTag::Prefix;
                    } else {
                        re.push_str(".*");
                        kind = KindTag::Regex;
                    }
                } else {
                    re.push_str("(.*/)?");
                    kind = KindTag::Regex;
                }
                if step == 0 {
                    kind = KindTag::Suffix;
                }
            } else {
                re.push_str("[^/]*");
                kind = KindTag::Regex;
            }
        } else if ch == '?' {
            re.push_str("[^/]");
            kind = KindTag::Regex;
        } else if ch == '\\' {
            match chars.get(i) {
                Some(&next) => {
                    re.push_str(&regex::escape(&next.to_string()));
                    i += 1;
                    kind = KindTag::Regex;
                }
                None => return Err(syntax(text, "it ends in a lone backslash")),
            }
        } else if ch == '[' {
            re.push('[');
            in_class = true;
            kind = KindTag::Regex;
            if chars.get(i) == Some(&'^') {
                re.push('^');
                i += 1;
            }
        } else {
            re.push_str(&regex::escape(&ch.to_string()));
        }
        step += 1;
    }
    if in_class {
        return Err(syntax(text, "a `[` is not closed"));
    }
    Ok(match kind {
        KindTag::Exact => Kind::Exact,
        KindTag::Prefix => Kind::Prefix(text[..text.len() - 2].to_string()),
        KindTag::Suffix => Kind::Suffix(text[2..].to_string()),
        KindTag::Regex => {
            re.push('$');
            Kind::Regex(Regex::new(&re).map_err(|e| syntax(text, &e.to_string()))?)
        }
    })
}

/// One character inside `[...]`; returns the next index.
fn class_char(
    chars: &[char],
    mut i: usize,
    ch: char,
    re: &mut String,
    in_class: &mut bool,
) -> Result<usize, PatternError> {
    match ch {
        ']' => {
            re.push(']');
            *in_class = false;
        }
        '\\' => {
            if let Some(&next) = chars.get(i) {
                re.push_str(&regex::escape(&next.to_string()));
                i += 1;
            }
        }
        '-' => re.push('-'),
        // Characters the regex crate reads as class operators or nested classes.
        c => re.push_str(&regex::escape(&c.to_string())),
    }
    Ok(i)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindTag {
    Exact,
    Prefix,
    Suffix,
    Regex,
}

fn syntax(pattern: &str, reason: &str) -> PatternError {
    PatternError::Syntax {
        pattern: pattern.to_string(),
        reason: reason.to_string(),
    }
}

/// Go's `path.Clean`: the shortest lexical equivalent (`.` for nothing).
pub(crate) fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            p => out.push(p),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Whether a COPY source holds a wildcard (`*`, `?` or `[` not escaped by `\`).
pub(crate) fn has_wildcard(s: &str) -> bool {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '*' | '?' | '[' => return true,
            _ => {}
        }
    }
    false
}

/// A COPY source's wildcard part (Go's `filepath.Match`: `*` and `?` never match `/`, `**`
/// is two `*`), as a regular expression over the whole relative path.
pub(crate) fn glob(pattern: &str) -> Result<Regex, PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut re = String::from("^");
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let ch = chars[i];
        i += 1;
        if in_class {
            i = class_char(&chars, i, ch, &mut re, &mut in_class)?;
            continue;
        }
        match ch {
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '\\' => match chars.get(i) {
                Some(&next) => {
                    re.push_str(&regex::escape(&next.to_string()));
                    i += 1;
                }
                None => return Err(syntax(pattern, "it ends in a lone backslash")),
            },
            '[' => {
                re.push('[');
                in_class = true;
                if chars.get(i) == Some(&'^') {
                    re.push('^');
                    i += 1;
                }
            }
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    if in_class {
        return Err(syntax(pattern, "a `[` is not closed"));
    }
    re.push('$');
    Regex::new(&re).map_err(|e| syntax(pattern, &e.to_string()))
}

#[cfg(test)]
mod tests;
