//! Heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`, `2<<EOF`) as Docker finds them:
//! a marker is a whole shell word of the instruction line, optional digits then `<<`, an
//! optional `-` (strip leading tabs), optional blanks, then exactly one word, the terminator.
//! Quoting any part of the terminator turns off variable expansion of the body.
use super::error::WordError;
use super::shell::Lexer;

/// A heredoc marker read from a word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Marker {
    /// The terminator, quotes removed.
    pub(crate) name: String,
    pub(crate) expand: bool,
    pub(crate) strip_tabs: bool,
}

/// The marker `word` is, if it is one.
pub(crate) fn marker(word: &str) -> Option<Marker> {
    parse_marker(word).ok().flatten()
}

/// The marker `word` is, if it is one; an error when its terminator cannot be read.
pub(crate) fn parse_marker(word: &str) -> Result<Option<Marker>, WordError> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(rest) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (strip_tabs, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.trim_start_matches(['\t', '\n', '\u{c}', '\r', ' ']);
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let words = Lexer::heredoc_word(false).words(rest)?;
    let [name] = words.as_slice() else {
        return Ok(None);
    };
    let raw = Lexer::heredoc_word(true).words(rest)?;
    let [raw] = raw.as_slice() else {
        return Ok(None);
    };
    let quotes = |s: &str| s.chars().filter(|c| *c == '\'' || *c == '"').count();
    Ok(Some(Marker {
        name: name.clone(),
        expand: quotes(name) == quotes(raw),
        strip_tabs,
    }))
}

/// The markers of an instruction line, in order.
pub(crate) fn markers_in_line(line: &str) -> Result<Vec<Marker>, WordError> {
    let words = Lexer::heredoc_scan().words(line).unwrap_or_default();
    let mut out = Vec::new();
    for word in words {
        if let Some(m) = parse_marker(&word)? {
            out.push(m);
        }
    }
    Ok(out)
}
