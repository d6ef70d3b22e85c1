//! From text to logical lines, as Docker's parser reads a Dockerfile:
//!
//! - a byte-order mark before the first line is dropped; lines end at `\n` (a `\r` before it
//!   goes too); a line may hold at most 65535 bytes;
//! - parser directives (`# syntax=…`, `# escape=\` or `` ` ``, `# check=…`, names in any
//!   case, blanks around `=` allowed) count only at the very top: the first line that is not
//!   one (an instruction, a blank line, any other comment, an unknown directive) ends them;
//!   a directive given twice is an error;
//! - lines whose first non-blank character is `#` are comments; blank lines are skipped;
//!   leading whitespace is dropped;
//! - an escape character at the end of a line (blanks after it allowed, not itself escaped)
//!   joins the next line; comment lines and blank lines inside a continuation are skipped;
//!   the continuation lines keep their leading whitespace;
//! - after a RUN, COPY or ADD line (also under ONBUILD) that is not in JSON form, each
//!   heredoc marker on it reads the following lines up to its terminator.
use super::error::ParseErrorKind;
use super::heredoc::markers_in_line;
use super::instruction::{Heredoc, Keyword};
use super::syntax::{extract_flags, json_array, split_command, Json};

/// Docker reads lines with a 64 KiB buffer: a longer line is refused.
const MAX_LINE: usize = 65536;

/// The parser directives found at the top of the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Directives {
    /// `# syntax=`: the frontend image Docker would use; rcon parses the file itself.
    pub(crate) syntax: Option<String>,
    /// `# escape=`: `\` (default) or `` ` ``.
    pub(crate) escape: char,
    /// `# check=`: build check settings (`skip=…;error=true`), kept as written.
    pub(crate) check: Option<String>,
}

/// One instruction's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Logical {
    /// The 1-based line it starts on.
    pub(crate) line: usize,
    /// The joined text, leading whitespace removed.
    pub(crate) text: String,
    pub(crate) heredocs: Vec<Heredoc>,
}

/// A lexing error and the line it is on.
pub(crate) type LexError = (usize, ParseErrorKind);

/// Reads `text` into its directives and logical lines.
pub(crate) fn lex(text: &str) -> Result<(Directives, Vec<Logical>), LexError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n').enumerate().peekable();
    let mut directives = Directives {
        syntax: None,
        escape: '\\',
        check: None,
    };
    let mut scanning = Scanning::default();
    let mut out = Vec::new();
    while let Some((index, raw)) = lines.next() {
        let start = index + 1;
        check_length(raw, start)?;
        let line = trim_newline(raw).trim_start();
        if let Some((name, value)) = scanning.directive(line).map_err(|k| (start, k))? {
            match name.as_str() {
                "escape" => directives.escape = escape_char(&value).map_err(|k| (start, k))?,
                "syntax" => directives.syntax = Some(value),
                _ => directives.check = Some(value),
            }
        }
        let content = if line.starts_with('#') { "" } else { line };
        let (content, mut done) = trim_continuation(content, directives.escape);
        if done && content.is_empty() {
            continue;
        }
        let mut joined = content.to_string();
        while !done {
            let Some((index, raw)) = lines.next() else {
                break;
            };
            check_length(raw, index + 1)?;
            let line = trim_newline(raw);
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') || trimmed.is_empty() {
                continue;
            }
            let (content, end) = trim_continuation(line, directives.escape);
            joined.push_str(content);
            done = end;
        }
        let mut heredocs = Vec::new();
        if let Some(keyword) = heredoc_instruction(&joined, directives.escape) {
            let markers = markers_in_line(&joined).map_err(|error| {
                (
                    start,
                    ParseErrorKind::Heredoc {
                        instruction: keyword,
                        error,
                    },
                )
            })?;
            for marker in markers {
                let mut body = String::new();
                loop {
                    let Some((index, raw)) = lines.next() else {
                        return Err((
                            start,
                            ParseErrorKind::UnterminatedHeredoc {
                                instruction: keyword,
                                name: marker.name,
                            },
                        ));
                    };
                    check_length(raw, index + 1)?;
                    let candidate = trim_newline(raw);
                    let candidate = if marker.strip_tabs {
                        candidate.trim_start_matches('\t')
                    } else {
                        candidate
                    };
                    if candidate == marker.name {
                        break;
                    }
                    body.push_str(raw);
                }
                heredocs.push(Heredoc {
                    name: marker.name,
                    body,
                    expand: marker.expand,
                    strip_tabs: marker.strip_tabs,
                });
            }
        }
        out.push(Logical {
            line: start,
            text: joined,
            heredocs,
        });
    }
    Ok((directives, out))
}

fn check_length(raw: &str, line: usize) -> Result<(), LexError> {
    if raw.len() > MAX_LINE {
        return Err((line, ParseErrorKind::LineTooLong));
    }
    Ok(())
}

fn trim_newline(raw: &str) -> &str {
    raw.trim_end_matches(['\r', '\n'])
}

/// Whether directives may still come, and which were seen.
#[derive(Default)]
struct Scanning {
    done: bool,
    seen: Vec<String>,
}

impl Scanning {
    /// The directive `line` (leading whitespace removed) is, while directives may come.
    fn directive(&mut self, line: &str) -> Result<Option<(String, String)>, ParseErrorKind> {
        if self.done {
            return Ok(None);
        }
        let found = line
            .strip_prefix('#')
            .and_then(|rest| directive_parts(rest.trim_start()));
        let Some((name, value)) = found else {
            self.done = true;
            return Ok(None);
        };
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            self.done = true;
            return Ok(None);
        }
        if self.seen.contains(&name) {
            return Err(ParseErrorKind::DuplicateDirective { name });
        }
        self.seen.push(name.clone());
        Ok(Some((name, value.to_string())))
    }
}

/// `name = value` of a directive: the name a letter then letters or digits, the value the
/// rest with surrounding blanks removed, not empty.
fn directive_parts(text: &str) -> Option<(&str, &str)> {
    let blank = |c: char| matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ');
    let name_len = text
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len());
    let name = &text[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let rest = text[name_len..].trim_start_matches(blank);
    let value = rest.strip_prefix('=')?.trim_matches(blank);
    (!value.is_empty()).then_some((name, value))
}

fn escape_char(value: &str) -> Result<char, ParseErrorKind> {
    match value {
        "\\" => Ok('\\'),
        "`" => Ok('`'),
        _ => Err(ParseErrorKind::BadEscape {
            value: value.to_string(),
        }),
    }
}

/// `line` without a continuation escape at its end, and whether the line ends there (no
/// continuation). An escape character that is itself escaped does not continue the line.
fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let body = line.trim_end_matches([' ', '\t']);
    let Some(before) = body.strip_suffix(escape) else {
        return (line, true);
    };
    if before.ends_with(escape) {
        return (line, true);
    }
    (before, false)
}

/// The instruction that reads heredoc bodies after `line`, if any: RUN, COPY or ADD (alone or
/// under ONBUILD) not in JSON form, with `<<` on the line.
fn heredoc_instruction(line: &str, escape: char) -> Option<Keyword> {
    if !line.contains("<<") {
        return None;
    }
    let (word, rest) = split_command(line);
    let (_, mut args) = extract_flags(rest, escape);
    let mut keyword = Keyword::parse(word)?;
    if keyword == Keyword::Onbuild {
        let (inner, inner_rest) = split_command(&args);
        keyword = Keyword::parse(inner)?;
        args = extract_flags(inner_rest, escape).1;
    }
    let heredocs = matches!(keyword, Keyword::Run | Keyword::Copy | Keyword::Add);
    (heredocs && !matches!(json_array(&args), Json::Strings(_))).then_some(keyword)
}
