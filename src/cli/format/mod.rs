//! Output: `--format` (json, Go templates, `table …`), aligned tables, human sizes.
mod funcs;
pub(crate) mod template;

use serde_json::Value;
use std::io::{self, Write};
pub(crate) use template::{Template, TemplateError};

/// What `--format` asked for.
pub(crate) enum Format {
    /// The command's default table.
    Default,
    /// `--format json`: the rows as one JSON array.
    Json,
    /// `--format 'table {{.A}} {{.B}}'`: aligned columns with a header.
    Table(Vec<(String, Template)>),
    /// Any other template: rendered once per row, a newline after each.
    Template(Template),
}

impl Format {
    /// Parses `--format`. `None` or empty means the default table.
    pub(crate) fn parse(spec: Option<&str>) -> Result<Format, TemplateError> {
        let spec = match spec {
            None => return Ok(Format::Default),
            Some(s) if s.trim().is_empty() => return Ok(Format::Default),
            Some(s) => s,
        };
        if spec.trim() == "json" {
            return Ok(Format::Json);
        }
        if let Some(rest) = spec.strip_prefix("table") {
            let cols = split_table_columns(rest.trim());
            let mut parsed = Vec::new();
            for col in cols {
                parsed.push((header_for(&col), Template::parse(&col)?));
            }
            return Ok(Format::Table(parsed));
        }
        Ok(Format::Template(Template::parse(&unescape(spec))?))
    }
}

/// Go's `--format` strings may carry `\t` and `\n` escapes typed on a shell.
fn unescape(s: &str) -> String {
    s.replace("\\t", "\t").replace("\\n", "\n")
}

/// Splits a table spec into columns: by tab escapes or tabs when present, else by the
/// spaces between actions.
fn split_table_columns(spec: &str) -> Vec<String> {
    let spec = unescape(spec);
    if spec.contains('\t') {
        return spec
            .split('\t')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    let mut cols = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '{' && chars.get(i + 1) == Some(&'{') {
            depth += 1;
            cur.push_str("{{");
            i += 2;
            continue;
        }
        if chars[i] == '}' && chars.get(i + 1) == Some(&'}') {
            depth -= 1;
            cur.push_str("}}");
            i += 2;
            continue;
        }
        if chars[i].is_whitespace() && depth == 0 {
            if !cur.is_empty() {
                cols.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(chars[i]);
        }
        i += 1;
    }
    if !cur.is_empty() {
        cols.push(cur);
    }
    cols
}

/// The header Podman prints for a column: the field name in upper case, split at capitals
/// (`{{.Repository}}` → REPOSITORY, `{{.CreatedAt}}` → CREATED AT, `{{.ID}}` → ID).
fn header_for(col: &str) -> String {
    let inner = col
        .trim()
        .trim_start_matches("{{")
        .trim_end_matches("}}")
        .trim();
    let field = inner.rsplit('.').next().unwrap_or(inner);
    let field: String = field.chars().take_while(|c| c.is_alphanumeric()).collect();
    if field.is_empty() {
        return col.to_uppercase();
    }
    let mut out = String::new();
    let chars: Vec<char> = field.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if i > 0 && c.is_uppercase() && (chars[i - 1].is_lowercase() || next_lower) {
            out.push(' ');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// Prints `rows` as `format` says; `default` is the table the command shows without
/// `--format` (header, template per column).
pub(crate) fn print_rows(
    format: &Format,
    rows: &[Value],
    default: &[(&str, &str)],
) -> anyhow::Result<()> {
    print_rows_heading(format, rows, default, true)
}

/// [`print_rows`], with the header line of a table left out unless `heading`
/// (`--noheading`).
pub(crate) fn print_rows_heading(
    format: &Format,
    rows: &[Value],
    default: &[(&str, &str)],
    heading: bool,
) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        Format::Template(t) => {
            for row in rows {
                let mut line = t.render(row)?;
                if !line.ends_with('\n') {
                    line.push('\n');
                }
                out.write_all(line.as_bytes())?;
            }
        }
        Format::Table(cols) => write_table(&mut out, cols, rows, heading)?,
        Format::Default => {
            let cols = default
                .iter()
                .map(|(h, t)| Ok((h.to_string(), Template::parse(t)?)))
                .collect::<Result<Vec<_>, TemplateError>>()?;
            write_table(&mut out, &cols, rows, heading)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_table(
    out: &mut impl Write,
    cols: &[(String, Template)],
    rows: &[Value],
    heading: bool,
) -> anyhow::Result<()> {
    let mut cells: Vec<Vec<String>> = Vec::new();
    if heading {
        cells.push(cols.iter().map(|(h, _)| h.clone()).collect());
    }
    for row in rows {
        cells.push(
            cols.iter()
                .map(|(_, t)| t.render(row))
                .collect::<Result<_, _>>()?,
        );
    }
    write_aligned(out, &cells)?;
    Ok(())
}

/// Aligns cells as Go's tabwriter does with Podman's settings (minimum width 12, padding 2).
pub(crate) fn align(cells: &[Vec<String>]) -> Vec<String> {
    let widths = column_widths(cells);
    cells
        .iter()
        .map(|row| {
            let mut line = String::new();
            push_aligned(&mut line, row, &widths);
            line
        })
        .collect()
}

/// [`align`]'s lines written to `out`, each with its newline, without a String per line.
pub(crate) fn write_aligned(out: &mut impl Write, cells: &[Vec<String>]) -> io::Result<()> {
    let widths = column_widths(cells);
    let mut line = String::new();
    for row in cells {
        line.clear();
        push_aligned(&mut line, row, &widths);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Runs `write` on buffered stdout and flushes it; a reader that went away (`images | head`)
/// is not an error.
pub(crate) fn write_stdout(
    write: impl FnOnce(&mut io::BufWriter<io::StdoutLock>) -> io::Result<()>,
) -> anyhow::Result<i32> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        other => Ok(other.map(|()| 0)?),
    }
}

/// The width of each column: its widest cell plus two, at least 12.
fn column_widths(cells: &[Vec<String>]) -> Vec<usize> {
    let ncols = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    for row in cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(text_width(c) + 2).max(12);
        }
    }
    widths
}

/// Characters in `s` (bytes when it is ASCII, as table cells nearly always are).
fn text_width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// One aligned line of `row`, trailing blanks cut, appended to `line`.
fn push_aligned(line: &mut String, row: &[String], widths: &[usize]) {
    let start = line.len();
    for (i, c) in row.iter().enumerate() {
        line.push_str(c);
        if i + 1 < row.len() {
            line.extend(std::iter::repeat_n(' ', widths[i] - text_width(c)));
        }
    }
    let end = start + line[start..].trim_end().len();
    line.truncate(end);
}

/// Sizes as Podman prints them: decimal units, three significant digits (`4.27 MB`).
pub(crate) fn human_size(bytes: u64) -> String {
    sized(bytes, 3, " ")
}

/// Go's `units.HumanSize`: four significant digits, no space (`3.057MB`), as Podman shows a
/// log's size limit.
pub(crate) fn go_human_size(bytes: u64) -> String {
    sized(bytes, 4, "")
}

/// `bytes` in 1000-based units with `digits` significant digits, trailing zeros cut.
fn sized(bytes: u64, digits: usize, space: &str) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    let int_digits = if v < 1.0 {
        1
    } else {
        (v.log10().floor() as usize) + 1
    };
    let decimals = digits.saturating_sub(int_digits);
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}{space}{}", UNITS[u])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes_match_podman() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(4_270_000), "4.27 MB");
        assert_eq!(human_size(1_100), "1.1 kB");
        assert_eq!(human_size(125_000_000), "125 MB");
        assert_eq!(go_human_size(3_057_000), "3.057MB");
        assert_eq!(go_human_size(0), "0B");
        assert_eq!(go_human_size(12_340), "12.34kB");
    }

    #[test]
    fn headers_from_fields() {
        assert_eq!(header_for("{{.Repository}}"), "REPOSITORY");
        assert_eq!(header_for("{{.CreatedAt}}"), "CREATED AT");
        assert_eq!(header_for("{{.ID}}"), "ID");
    }

    #[test]
    fn table_columns_split_between_actions() {
        assert_eq!(
            split_table_columns("{{.Repository}} {{.Tag}}\\t{{.ID}}"),
            vec!["{{.Repository}} {{.Tag}}", "{{.ID}}"]
        );
        assert_eq!(
            split_table_columns("{{.A}} {{ .B }}"),
            vec!["{{.A}}", "{{ .B }}"]
        );
    }

    #[test]
    fn alignment_pads_to_twelve_or_content_plus_two() {
        let cells = vec![
            vec!["REPOSITORY".to_string(), "TAG".into()],
            vec!["docker.io/library/busybox".into(), "latest".into()],
        ];
        let lines = align(&cells);
        assert_eq!(lines[0], format!("{:<27}TAG", "REPOSITORY"));
        assert_eq!(lines[1], "docker.io/library/busybox  latest");
    }
}
