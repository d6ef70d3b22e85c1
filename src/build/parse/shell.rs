//! Docker's word processing for Containerfile arguments: variable substitution (`$VAR`,
//! `${VAR}`, `${VAR:-default}`, `${VAR+alt}`, `${VAR:?message}`, `${VAR#pattern}`,
//! `${VAR%%pattern}`, `${VAR/pattern/replacement}` …), quote removal and the escape character,
//! with the rules of Docker's Dockerfile frontend:
//!
//! - outside quotes the escape character (`\` or the `# escape=` one) makes the next character
//!   literal and is removed; at the very end of a word it is dropped;
//! - `'…'` keeps everything literal (no escapes, no `$`); an unterminated quote is an error;
//! - `"…"` expands `$` and lets the escape character quote only `"`, `$` and itself; any other
//!   escaped character keeps its escape (`"a\tb"` stays `a\tb`);
//! - an unset variable is empty; `$` followed by no name stays `$`; `$1`, `$@`, `$$` … are
//!   names that are never set, so they expand to nothing;
//! - a default or alternative word (`${A:-word}`) is itself processed, so defaults nest.
//!
//! Options reproduce the lexer's other uses: heredoc detection keeps quotes, escapes and unset
//! variables as written; COPY/ADD heredoc bodies expand variables but keep quotes literal.
use super::error::WordError;

/// Substitutions nested deeper than this (`${a:-${b:-${c:-…}}}`) are refused instead of
/// recursing without bound on hostile input; real files nest two or three deep.
const MAX_DEPTH: usize = 64;

/// How variables are looked up: the value of a name, or `None` when it is not set.
pub(crate) type Vars<'a> = &'a dyn Fn(&str) -> Option<String>;

fn no_vars(_: &str) -> Option<String> {
    None
}

/// One configuration of the word processor.
#[derive(Clone, Copy)]
pub(crate) struct Lexer<'a> {
    escape: char,
    vars: Vars<'a>,
    /// Keep quote characters in the result (they still group and protect).
    raw_quotes: bool,
    /// Keep escape characters in the result (they still protect the next character).
    raw_escapes: bool,
    /// Treat quotes as ordinary characters (COPY/ADD heredoc bodies).
    literal_quotes: bool,
    /// Leave `$NAME` / `${NAME…}` as written when NAME is not set.
    keep_unset: bool,
}

impl<'a> Lexer<'a> {
    /// The processor Docker applies to instruction arguments.
    pub(crate) fn new(escape: char, vars: Vars<'a>) -> Lexer<'a> {
        Lexer {
            escape,
            vars,
            raw_quotes: false,
            raw_escapes: false,
            literal_quotes: false,
            keep_unset: false,
        }
    }

    /// The processor for COPY/ADD heredoc bodies: variables expand, quotes stay as written,
    /// `\` escapes the next character.
    pub(crate) fn heredoc_body(vars: Vars<'a>) -> Lexer<'a> {
        Lexer {
            literal_quotes: true,
            ..Lexer::new('\\', vars)
        }
    }
}

impl Lexer<'static> {
    /// The processor with no variables at all: quote and escape removal only.
    pub(crate) fn literal(escape: char) -> Lexer<'static> {
        Lexer::new(escape, &no_vars)
    }

    /// The processor that splits a whole instruction line into words to find heredoc markers:
    /// quotes, escapes and variables are kept as written, `\` is the escape character.
    pub(crate) fn heredoc_scan() -> Lexer<'static> {
        Lexer {
            raw_quotes: true,
            raw_escapes: true,
            keep_unset: true,
            ..Lexer::new('\\', &no_vars)
        }
    }

    /// Like `literal('\\')` but keeping quotes (`raw`) or not, and unset variables as written:
    /// how a heredoc marker's word is read.
    pub(crate) fn heredoc_word(raw_quotes: bool) -> Lexer<'static> {
        Lexer {
            raw_quotes,
            keep_unset: true,
            ..Lexer::new('\\', &no_vars)
        }
    }
}

impl Lexer<'_> {
    /// `text` processed as one word: whitespace is kept.
    pub(crate) fn word(&self, text: &str) -> Result<String, WordError> {
        Scan::new(self, text)
            .until(None, self.raw_escapes)
            .map(|(word, _)| word)
    }

    /// `text` processed and split into words at unquoted whitespace (whitespace that came
    /// from a variable's value splits too).
    pub(crate) fn words(&self, text: &str) -> Result<Vec<String>, WordError> {
        Scan::new(self, text)
            .until(None, self.raw_escapes)
            .map(|(_, words)| words)
    }
}

/// The words being collected while a text is processed.
#[derive(Default)]
struct Words {
    buf: String,
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if ch.is_whitespace() {
            if self.in_word && !self.buf.is_empty() {
                self.words.push(std::mem::take(&mut self.buf));
                self.in_word = false;
            }
        } else {
            self.add_raw_char(ch);
        }
    }

    fn add_raw_char(&mut self, ch: char) {
        self.buf.push(ch);
        self.in_word = true;
    }

    fn add_string(&mut self, s: &str) {
        s.chars().for_each(|c| self.add_char(c));
    }

    fn add_raw_string(&mut self, s: &str) {
        self.buf.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.buf.is_empty() {
            self.words.push(self.buf);
        }
        self.words
    }
}

/// A cursor over one text being processed.
struct Scan<'l, 'v> {
    lx: &'l Lexer<'v>,
    chars: Vec<char>,
    pos: usize,
    raw_escapes: bool,
    depth: usize,
}

impl<'l, 'v> Scan<'l, 'v> {
    fn new(lx: &'l Lexer<'v>, text: &str) -> Scan<'l, 'v> {
        Scan {
            lx,
            chars: text.chars().collect(),
            pos: 0,
            raw_escapes: lx.raw_escapes,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// Processes up to `stop` (consumed) or the end: the processed text and its words.
    fn until(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<String>), WordError> {
        let saved = std::mem::replace(&mut self.raw_escapes, raw_escapes);
        let out = self.until_inner(stop);
        self.raw_escapes = saved;
        out
    }

    fn until_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), WordError> {
        let mut result = String::new();
        let mut words = Words::default();
        let quotes = !self.lx.literal_quotes;
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.next();
                return Ok((result, words.finish()));
            }
            match ch {
                '$' => {
                    let value = self.dollar()?;
                    words.add_string(&value);
                    result.push_str(&value);
                }
                '<' => {
                    let text = self.possible_heredoc();
                    words.add_raw_string(&text);
                    result.push_str(&text);
                }
                '\'' if quotes => {
                    let text = self.single_quoted()?;
                    words.add_raw_string(&text);
                    result.push_str(&text);
                }
                '"' if quotes => {
                    let text = self.double_quoted()?;
                    words.add_raw_string(&text);
                    result.push_str(&text);
                }
                _ => {
                    self.next();
                    if ch == self.lx.escape {
                        if self.raw_escapes {
                            words.add_raw_char(ch);
                            result.push(ch);
                        }
                        let Some(escaped) = self.next() else { break };
                        words.add_raw_char(escaped);
                        result.push(escaped);
                    } else {
                        words.add_char(ch);
                        result.push(ch);
                    }
                }
            }
        }
        match stop {
            Some(c) => Err(WordError::Unterminated(c)),
            None => Ok((result, words.finish())),
        }
    }

    fn single_quoted(&mut self) -> Result<String, WordError> {
        let mut out = String::new();
        self.next();
        if self.lx.raw_quotes {
            out.push('\'');
        }
        loop {
            match self.next() {
                None => return Err(WordError::UnterminatedSingle),
                Some('\'') => {
                    if self.lx.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quoted(&mut self) -> Result<String, WordError> {
        let mut out = String::new();
        self.next();
        if self.lx.raw_quotes {
            out.push('"');
        }
        loop {
            match self.peek() {
                None => return Err(WordError::UnterminatedDouble),
                Some('"') => {
                    self.next();
                    if self.lx.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => out.push_str(&self.dollar()?),
                Some(_) => {
                    let mut ch = self.next().unwrap_or_default();
                    if ch == self.lx.escape {
                        if self.raw_escapes {
                            out.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some(c) if c == '"' || c == '$' || c == self.lx.escape => {
                                ch = self.next().unwrap_or(c);
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(ch);
                }
            }
        }
    }

    /// `<` alone, or `<<` with the blanks after it kept together (a heredoc marker's start).
    fn possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".to_string();
        }
        self.next();
        let mut out = String::from("<<");
        while let Some(c @ ('\t' | '\r' | ' ')) = self.peek() {
            out.push(c);
            self.next();
        }
        out
    }

    fn lookup(&self, name: &str) -> Option<String> {
        (self.lx.vars)(name)
    }

    fn dollar(&mut self) -> Result<String, WordError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(WordError::TooDeep);
        }
        let out = self.dollar_inner();
        self.depth -= 1;
        out
    }

    fn dollar_inner(&mut self) -> Result<String, WordError> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".to_string());
            }
            return Ok(match self.lookup(&name) {
                Some(v) => v,
                None if self.lx.keep_unset => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => return Err(WordError::MissingBrace),
            Some('{' | '}' | ':') => return Err(WordError::BadSubstitution),
            Some(_) => {}
        }
        let name = self.name();
        let Some(ch) = self.next() else {
            return Err(WordError::MissingBrace);
        };
        match ch {
            '}' => Ok(match self.lookup(&name) {
                Some(v) => v,
                None if self.lx.keep_unset => format!("${{{name}}}"),
                None => String::new(),
            }),
            ':' => {
                let Some(op) = self.next() else {
                    return Err(WordError::MissingBrace);
                };
                self.modifier(&name, op, true)
            }
            '+' | '-' | '?' | '#' | '%' => self.modifier(&name, ch, false),
            '/' => self.replace(&name),
            other => Err(WordError::UnsupportedModifier(other.to_string())),
        }
    }

    /// `${name<op>word}` and `${name:<op>word}` (`colon`): the scanner is just after `op`.
    fn modifier(&mut self, name: &str, op: char, colon: bool) -> Result<String, WordError> {
        let shown = if colon {
            format!(":{op}")
        } else {
            op.to_string()
        };
        let pattern_op = op == '#' || op == '%';
        if colon && pattern_op {
            return Err(WordError::UnsupportedModifier(shown));
        }
        let word = match self.until(Some('}'), pattern_op) {
            Ok((w, _)) => w,
            Err(_) if self.peek().is_none() => return Err(WordError::MissingBrace),
            Err(e) => return Err(e),
        };
        let value = self.lookup(name);
        if value.is_none() && self.lx.keep_unset {
            return Ok(format!("${{{name}{shown}{word}}}"));
        }
        let empty = value.as_deref().is_none_or(|v| colon && v.is_empty());
        match op {
            '-' => Ok(if empty {
                word
            } else {
                value.unwrap_or_default()
            }),
            '+' => Ok(if empty { String::new() } else { word }),
            '?' => match value {
                None => Err(WordError::Required {
                    name: name.to_string(),
                    message: non_empty_or(word, "is not allowed to be unset"),
                }),
                Some(v) if colon && v.is_empty() => Err(WordError::Required {
                    name: name.to_string(),
                    message: non_empty_or(word, "is not allowed to be empty"),
                }),
                Some(v) => Ok(v),
            },
            '#' | '%' => {
                let value = value.unwrap_or_default();
                let (longest, pattern) = match word.strip_prefix(op) {
                    Some(rest) => (true, rest.to_string()),
                    None => (false, word),
                };
                let glob = Glob::parse(&pattern)?;
                Ok(if op == '#' {
                    glob.trim_prefix(&value, longest)
                } else {
                    glob.trim_suffix(&value, longest)
                })
            }
            _ => Err(WordError::UnsupportedModifier(shown)),
        }
    }

    /// `${name/pattern/replacement}` and `${name//pattern/replacement}`: the scanner is just
    /// after the first `/`.
    fn replace(&mut self, name: &str) -> Result<String, WordError> {
        let all = self.peek() == Some('/');
        if all {
            self.next();
        }
        let pattern = match self.until(Some('/'), true) {
            Ok((w, _)) => w,
            Err(_) if self.peek().is_none() => return Err(WordError::MissingSlash),
            Err(e) => return Err(e),
        };
        let replacement = match self.until(Some('}'), true) {
            Ok((w, _)) => w,
            Err(_) if self.peek().is_none() => return Err(WordError::MissingBrace),
            Err(e) => return Err(e),
        };
        let value = self.lookup(name);
        if value.is_none() && self.lx.keep_unset {
            return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
        }
        let glob = Glob::parse(&pattern)?;
        Ok(glob.replace(&value.unwrap_or_default(), &replacement, all))
    }

    /// A variable name: letters, digits and `_`; or all the digits of a positional name; or
    /// one special parameter character.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_numeric() {
                while let Some(d) = self.peek().filter(|c| c.is_numeric()) {
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !(ch.is_alphabetic() || ch.is_numeric() || ch == '_') {
                break;
            }
            name.push(ch);
            self.next();
        }
        name
    }
}

fn non_empty_or(word: String, default: &str) -> String {
    if word.is_empty() {
        default.to_string()
    } else {
        word
    }
}

/// One element of a substitution pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// `*`: any run of characters.
    Star,
    /// `?`: one character.
    One,
    Lit(char),
}

/// A shell pattern of `${VAR#…}`, `${VAR%…}` and `${VAR/…/…}`: `*`, `?` and literal
/// characters; `\*`, `\?` and `\\` are literal, `\}` and `\/` drop the backslash; bracket
/// expressions are not supported (as in Docker).
struct Glob(Vec<Tok>);

impl Glob {
    fn parse(pattern: &str) -> Result<Glob, WordError> {
        let mut toks = Vec::new();
        let mut it = pattern.chars().peekable();
        while let Some(c) = it.next() {
            toks.push(match c {
                '*' => Tok::Star,
                '?' => Tok::One,
                '\\' => match it.peek().copied() {
                    Some('}' | '/') => continue,
                    Some(e @ ('*' | '?' | '\\')) => {
                        it.next();
                        Tok::Lit(e)
                    }
                    other => {
                        return Err(WordError::BadPattern {
                            pattern: pattern.to_string(),
                            escaped: other.map(String::from).unwrap_or_default(),
                        })
                    }
                },
                c => Tok::Lit(c),
            });
        }
        Ok(Glob(toks))
    }

    fn reversed(&self) -> Glob {
        Glob(self.0.iter().rev().copied().collect())
    }

    /// For each `k` in `0..=text.len()`: whether the pattern matches `text[..k]` exactly.
    fn prefix_matches(&self, text: &[char]) -> Vec<bool> {
        let toks = &self.0;
        let m = toks.len();
        let close = |set: &mut Vec<bool>| {
            for i in 0..m {
                if set[i] && toks[i] == Tok::Star {
                    set[i + 1] = true;
                }
            }
        };
        let mut set = vec![false; m + 1];
        set[0] = true;
        close(&mut set);
        let mut out = Vec::with_capacity(text.len() + 1);
        out.push(set[m]);
        for &c in text {
            let mut next = vec![false; m + 1];
            for i in 0..m {
                if !set[i] {
                    continue;
                }
                match toks[i] {
                    Tok::Star => next[i] = true,
                    Tok::One => next[i + 1] = true,
                    Tok::Lit(l) if l == c => next[i + 1] = true,
                    Tok::Lit(_) => {}
                }
            }
            close(&mut next);
            set = next;
            out.push(set[m]);
            if !set.iter().any(|&s| s) {
                out.resize(text.len() + 1, false);
                break;
            }
        }
        out
    }

    /// The length of the shortest (or `longest`) prefix of `text` the pattern matches.
    fn prefix_len(&self, text: &[char], longest: bool) -> Option<usize> {
        let ok = self.prefix_matches(text);
        if longest {
            ok.iter().rposition(|&b| b)
        } else {
            ok.iter().position(|&b| b)
        }
    }

    fn trim_prefix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        match self.prefix_len(&chars, longest) {
            Some(n) => chars[n..].iter().collect(),
            None => value.to_string(),
        }
    }

    fn trim_suffix(&self, value: &str, longest: bool) -> String {
        let reversed: Vec<char> = value.chars().rev().collect();
        match self.reversed().prefix_len(&reversed, longest) {
            Some(n) => reversed[n..].iter().rev().collect(),
            None => value.to_string(),
        }
    }

    /// The leftmost match at or after `from`, longest at that start: `(start, end)`. One pass
    /// over the text with every start position in flight at once (each pattern position
    /// keeps the earliest start that reached it), so hostile values cannot make it quadratic.
    fn find(&self, text: &[char], from: usize) -> Option<(usize, usize)> {
        let toks = &self.0;
        let m = toks.len();
        let keep = |slot: &mut Option<usize>, start: usize| {
            if slot.is_none_or(|s| start < s) {
                *slot = Some(start);
            }
        };
        let mut cur: Vec<Option<usize>> = vec![None; m + 1];
        let mut best: Option<(usize, usize)> = None;
        for pos in from..=text.len() {
            if best.is_none() {
                keep(&mut cur[0], pos);
            }
            for i in 0..m {
                if let (Some(s), Tok::Star) = (cur[i], toks[i]) {
                    keep(&mut cur[i + 1], s);
                }
            }
            if let Some(s) = cur[m] {
                if best.is_none_or(|(b, _)| s <= b) {
                    best = Some((s, pos));
                }
            }
            if let Some((b, _)) = best {
                cur.iter_mut()
                    .filter(|slot| slot.is_some_and(|s| s > b))
                    .for_each(|slot| *slot = None);
                if cur.iter().all(Option::is_none) {
                    break;
                }
            }
            let Some(&c) = text.get(pos) else { break };
            let mut next = vec![None; m + 1];
            for i in 0..m {
                let Some(s) = cur[i] else { continue };
                match toks[i] {
                    Tok::Star => keep(&mut next[i], s),
                    Tok::One => keep(&mut next[i + 1], s),
                    Tok::Lit(l) if l == c => keep(&mut next[i + 1], s),
                    Tok::Lit(_) => {}
                }
            }
            cur = next;
        }
        best
    }

    /// The first match (or every one, `all`) replaced; an empty match right after another
    /// match is not replaced again.
    fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let text: Vec<char> = value.chars().collect();
        let mut out = String::new();
        let mut last_end = 0;
        let mut search = 0;
        while search <= text.len() {
            let Some((start, end)) = self.find(&text, search) else {
                break;
            };
            out.extend(&text[last_end..start]);
            if end > last_end || start == 0 {
                out.push_str(replacement);
            }
            last_end = end;
            if !all {
                break;
            }
            search = if end > search { end } else { search + 1 };
        }
        out.extend(&text[last_end.min(text.len())..]);
        out
    }
}
