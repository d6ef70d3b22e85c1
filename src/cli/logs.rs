//! `rcon logs`: a container's output from its k8s-file log (`ctr.log`, and `ctr.log.1` once
//! rotated) or, with `--log-driver journald`, from the journal through journalctl; stdout
//! lines to our stdout and stderr lines to our stderr; `-f` follows the log until the
//! container ends.
use super::Context;
use crate::container::list;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::{self, Status};
use crate::runtime::supervisor::journald::{self, Recorded};
use crate::runtime::supervisor::log::{self as ctrlog, Entry, Line, Lines, Stream};
use anyhow::bail;
use clap::Args;
use std::cell::Cell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why a time given to `--since`/`--until` is not one.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LogsError {
    #[error(
        "invalid {flag} value {value:?}: give an RFC 3339 time (2024-01-02T15:04:05Z), a date, \
         Unix seconds, or a duration before now such as 10m or 1h30m"
    )]
    Time { flag: &'static str, value: String },
    #[error(
        "container {name}: this container is using the 'none' log driver, cannot read logs: \
         create it with another --log-driver to keep its output"
    )]
    NoLog { name: String },
    #[error(
        "container {name} uses the passthrough log driver: its output went to the descriptors \
         of the rcon that started it, and rcon keeps no log of it"
    )]
    Passthrough { name: String },
    #[error("cannot read the log {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },
}

#[derive(Debug, Args)]
pub(crate) struct LogsArgs {
    /// Follow the output until the container ends
    #[arg(short, long)]
    pub(crate) follow: bool,
    /// Show only the last N lines (-1: all)
    #[arg(long, value_name = "N", default_value_t = -1, allow_negative_numbers = true)]
    pub(crate) tail: i64,
    /// Show lines since this time (RFC 3339, Unix seconds, or a duration such as 10m)
    #[arg(long, value_name = "TIME")]
    pub(crate) since: Option<String>,
    /// Show lines until this time (RFC 3339, Unix seconds, or a duration such as 10m)
    #[arg(long, value_name = "TIME")]
    pub(crate) until: Option<String>,
    /// Show the time stamp of each line
    #[arg(short, long)]
    pub(crate) timestamps: bool,
    /// Prefix each line with the container's name
    #[arg(short = 'n', long)]
    pub(crate) names: bool,
    /// Containers, by name or ID
    #[arg(value_name = "CONTAINER", required = true)]
    pub(crate) containers: Vec<String>,
}

/// What to show and how.
pub(crate) struct Filter {
    pub(crate) since: Option<i128>,
    pub(crate) until: Option<i128>,
    pub(crate) tail: Option<usize>,
    pub(crate) timestamps: bool,
    pub(crate) prefix: Option<String>,
}

/// Where a shown line goes: the CLI prints it, the API frames it.
pub(crate) type Emit<'a> = dyn FnMut(&Filter, &Line) -> io::Result<()> + 'a;

/// The log of `record` through `emit`, then (with `follow`) what comes while the container
/// runs; an error of `emit` ends it.
pub(crate) fn stream(
    ctx: &Context,
    record: &ContainerRecord,
    f: &Filter,
    follow: bool,
    emit: &mut Emit<'_>,
) -> anyhow::Result<()> {
    if record.log_driver == "journald" {
        show_journal(ctx, record, f, follow, emit)
    } else {
        show(ctx, record, f, follow, emit)
    }
}

impl Filter {
    fn keeps(&self, line: &Line) -> bool {
        self.since.is_none_or(|s| line.nanos >= s) && self.until.is_none_or(|u| line.nanos <= u)
    }
}

pub(super) fn logs(ctx: &Context, a: &LogsArgs) -> anyhow::Result<i32> {
    let now = now_nanos();
    let since = a
        .since
        .as_deref()
        .map(|v| parse_time("--since", v, now))
        .transpose()?;
    let until = a
        .until
        .as_deref()
        .map(|v| parse_time("--until", v, now))
        .transpose()?;
    let records = a
        .containers
        .iter()
        .map(|c| list::find(&ctx.paths, c))
        .collect::<Result<Vec<_>, _>>()?;
    let multi = records.len() > 1;
    for record in &records {
        match record.log_driver.as_str() {
            "none" => bail!(LogsError::NoLog {
                name: record.name.clone()
            }),
            "passthrough" => bail!(LogsError::Passthrough {
                name: record.name.clone()
            }),
            _ => {}
        }
        let prefix = match (a.names, multi) {
            (true, _) => Some(record.name.clone()),
            (false, true) => Some(record.id[..12].to_string()),
            (false, false) => None,
        };
        let filter = Filter {
            since,
            until,
            tail: usize::try_from(a.tail).ok(),
            timestamps: a.timestamps,
            prefix,
        };
        stream(ctx, record, &filter, a.follow && !multi, &mut print_line)?;
    }
    Ok(0)
}

/// Prints the log of `record`, then follows it while the container runs.
fn show(
    ctx: &Context,
    record: &ContainerRecord,
    f: &Filter,
    follow: bool,
    emit: &mut Emit<'_>,
) -> anyhow::Result<()> {
    let cpaths = ContainerPaths::new(&ctx.paths, &record.id);
    let path = cpaths.log();
    let mut lines = Lines::default();
    let mut shown: VecDeque<Line> = VecDeque::new();
    let keep = |line: Line, shown: &mut VecDeque<Line>| {
        if f.keeps(&line) {
            shown.push_back(line);
            if f.tail.is_some_and(|t| shown.len() > t) {
                shown.pop_front();
            }
        }
    };
    let rotated = ctrlog::rotated(&path);
    if let Some(mut old) = open(&rotated)? {
        let mut rest = Vec::new();
        read_entries(&mut old, &mut rest, &mut lines, &mut |l| {
            keep(l, &mut shown)
        })
        .map_err(|e| read_err(&rotated, e))?;
    }
    let mut current = open(&path)?;
    let mut rest = Vec::new();
    if let Some(file) = &mut current {
        read_entries(file, &mut rest, &mut lines, &mut |l| keep(l, &mut shown))
            .map_err(|e| read_err(&path, e))?;
    }
    if !follow {
        // Output that never ended in a newline is shown as it is.
        for l in lines.finish() {
            keep(l, &mut shown);
        }
    }
    for line in shown.drain(..) {
        emit(f, &line)?;
    }
    if !follow {
        return Ok(());
    }
    // An error of `emit` (the reader has gone) ends the following.
    let failed: Cell<Option<io::Error>> = Cell::new(None);
    let stopped = Cell::new(false);
    let mut print = |l: Line| {
        if !stopped.get() && f.keeps(&l) {
            if let Err(e) = emit(f, &l) {
                stopped.set(true);
                failed.set(Some(e));
            }
        }
    };
    loop {
        let ended = !running(&cpaths);
        // A rotation: finish the old file, then read the new one from its start.
        let replaced = match (&current, std::fs::metadata(&path)) {
            (Some(file), Ok(meta)) => file.metadata().map(|m| m.ino()).ok() != Some(meta.ino()),
            (None, Ok(_)) => true,
            (_, Err(_)) => false,
        };
        if let Some(file) = &mut current {
            read_entries(file, &mut rest, &mut lines, &mut print)
                .map_err(|e| read_err(&path, e))?;
        }
        if replaced {
            current = open(&path)?;
            rest.clear();
            continue;
        }
        if ended || f.until.is_some_and(|u| now_nanos() > u) {
            for l in lines.finish() {
                print(l);
            }
            return failed.take().map_or(Ok(()), |e| Err(e.into()));
        }
        if let Some(e) = failed.take() {
            return Err(e.into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Prints the container's output from the journal, then follows it while the container runs.
fn show_journal(
    ctx: &Context,
    record: &ContainerRecord,
    f: &Filter,
    follow: bool,
    emit: &mut Emit<'_>,
) -> anyhow::Result<()> {
    let cpaths = ContainerPaths::new(&ctx.paths, &record.id);
    let since = f.since.map(|s| s.div_euclid(1_000_000_000) as i64);
    let (mut lines, mut cursor) = (Lines::default(), None);
    let mut shown: VecDeque<Line> = VecDeque::new();
    let entries = journald::query(&record.id, None, since)?;
    feed_journal(entries, &mut cursor, &mut lines, &mut |line| {
        if f.keeps(&line) {
            shown.push_back(line);
            if f.tail.is_some_and(|t| shown.len() > t) {
                shown.pop_front();
            }
        }
    });
    if !follow {
        shown.extend(lines.finish().into_iter().filter(|l| f.keeps(l)));
        if let Some(t) = f.tail {
            let extra = shown.len().saturating_sub(t);
            shown.drain(..extra);
        }
    }
    for line in shown.drain(..) {
        emit(f, &line)?;
    }
    if !follow {
        return Ok(());
    }
    // An error of `emit` (the reader has gone) ends the following.
    let failed: Cell<Option<io::Error>> = Cell::new(None);
    let stopped = Cell::new(false);
    let mut print = |l: Line| {
        if !stopped.get() && f.keeps(&l) {
            if let Err(e) = emit(f, &l) {
                stopped.set(true);
                failed.set(Some(e));
            }
        }
    };
    loop {
        // The supervisor waits for journald to have read its last entries before the container
        // counts as ended: a query after that finds them.
        let ended = !running(&cpaths);
        let entries = journald::query(&record.id, cursor.as_deref(), since)?;
        feed_journal(entries, &mut cursor, &mut lines, &mut print);
        if ended || f.until.is_some_and(|u| now_nanos() > u) {
            for l in lines.finish() {
                print(l);
            }
            return failed.take().map_or(Ok(()), |e| Err(e.into()));
        }
        if let Some(e) = failed.take() {
            return Err(e.into());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Joins journal entries into lines; `cursor` moves past them.
fn feed_journal(
    entries: Vec<Recorded>,
    cursor: &mut Option<String>,
    lines: &mut Lines,
    out: &mut dyn FnMut(Line),
) {
    for e in entries {
        let secs = e.nanos.div_euclid(1_000_000_000) as i64;
        let stamp = crate::util::time::rfc3339_nano(secs, e.nanos.rem_euclid(1_000_000_000) as u32);
        let entry = Entry {
            stamp: &stamp,
            nanos: e.nanos,
            stream: e.stream,
            full: !e.partial,
            text: &e.text,
        };
        if let Some(line) = lines.push(&entry) {
            out(line);
        }
        *cursor = Some(e.cursor);
    }
}

/// True while the container may still write to its log: it runs, or its supervisor lives (a
/// restart policy between runs).
fn running(cpaths: &ContainerPaths) -> bool {
    match state::read_corrected(&cpaths.state(), &cpaths.lock()) {
        Ok(s) => s.status == Status::Running || s.supervisor_alive(),
        Err(_) => false,
    }
}

fn open(path: &Path) -> anyhow::Result<Option<File>> {
    match File::open(path) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(read_err(path, e).into()),
    }
}

fn read_err(path: &Path, source: io::Error) -> LogsError {
    LogsError::Read {
        path: path.display().to_string(),
        source,
    }
}

/// Reads `file` from where it stands to its end; every whole entry goes through `lines`, the
/// completed lines to `out`; an unfinished last line stays in `rest` for the next read.
fn read_entries(
    file: &mut File,
    rest: &mut Vec<u8>,
    lines: &mut Lines,
    out: &mut dyn FnMut(Line),
) -> io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        rest.extend_from_slice(&buf[..n]);
        let Some(last) = rest.iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        for raw in rest[..last].split(|&b| b == b'\n') {
            if let Some(entry) = ctrlog::parse_entry(raw) {
                if let Some(line) = lines.push(&entry) {
                    out(line);
                }
            }
        }
        rest.drain(..=last);
    }
}

fn print_line(f: &Filter, line: &Line) -> io::Result<()> {
    let mut text = Vec::with_capacity(line.text.len() + 64);
    if let Some(p) = &f.prefix {
        text.extend_from_slice(p.as_bytes());
        text.push(b' ');
    }
    if f.timestamps {
        text.extend_from_slice(line.stamp.as_bytes());
        text.push(b' ');
    }
    text.extend_from_slice(&line.text);
    let result = match line.stream {
        Stream::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(&text).and_then(|()| out.flush())
        }
        Stream::Stderr => io::stderr().lock().write_all(&text),
    };
    match result {
        // A closed reader (`rcon logs x | head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other,
    }
}

pub(crate) fn now_nanos() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// `--since`/`--until`: RFC 3339 (with or without fraction and offset), a date, Unix seconds
/// (with a fraction), or a Go-style duration before `now` (`10m`, `1h30m`, `1.5s`, `300ms`).
pub(crate) fn parse_time(flag: &'static str, value: &str, now: i128) -> Result<i128, LogsError> {
    let bad = || LogsError::Time {
        flag,
        value: value.to_string(),
    };
    let v = value.trim();
    if let Some(t) = ctrlog::parse_stamp(v) {
        return Ok(t);
    }
    if v.len() == 10 && v.as_bytes()[4] == b'-' {
        if let Some(t) = ctrlog::parse_stamp(&format!("{v}T00:00:00Z")) {
            return Ok(t);
        }
    }
    if let Some(secs) = parse_unix(v) {
        return Ok(secs);
    }
    parse_duration(v).map(|d| now - d).ok_or_else(bad)
}

fn parse_unix(v: &str) -> Option<i128> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    let secs: i128 = int.parse().ok()?;
    let nanos: i128 = format!("{frac:0<9}").parse().ok()?;
    Some(secs * 1_000_000_000 + nanos)
}

/// A Go duration in nanoseconds: one or more `<number><unit>`, units ns, us, µs, ms, s, m, h.
fn parse_duration(v: &str) -> Option<i128> {
    crate::util::time::parse_go_duration(v).map(i128::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i128 = 1_700_000_000_000_000_000;

    #[test]
    fn times_in_every_form() {
        assert_eq!(
            parse_time("--since", "2023-11-14T22:13:20Z", NOW).unwrap(),
            NOW
        );
        assert_eq!(parse_time("--since", "1700000000", NOW).unwrap(), NOW);
        assert_eq!(
            parse_time("--since", "1700000000.5", NOW).unwrap(),
            NOW + 500_000_000
        );
        assert_eq!(
            parse_time("--since", "10m", NOW).unwrap(),
            NOW - 600_000_000_000
        );
        assert_eq!(
            parse_time("--since", "1h30m", NOW).unwrap(),
            NOW - 5_400_000_000_000
        );
        assert_eq!(
            parse_time("--since", "1.5s", NOW).unwrap(),
            NOW - 1_500_000_000
        );
        assert_eq!(
            parse_time("--since", "2023-11-14", NOW).unwrap(),
            NOW - (22 * 3600 + 13 * 60 + 20) * 1_000_000_000
        );
        for bad in ["", "yesterday", "10x", "1.2.3s", "-5m"] {
            assert!(parse_time("--since", bad, NOW).is_err(), "{bad}");
        }
    }

    #[test]
    fn entries_across_reads_become_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        std::fs::write(
            &path,
            "2024-01-01T00:00:00Z stdout P a\n2024-01-01T00:00:01Z stdout F b\n\
             2024-01-01T00:00:02Z stderr F e\n2024-01-01T00:00:03Z stdout F c",
        )
        .unwrap();
        let mut file = File::open(&path).unwrap();
        let (mut rest, mut lines, mut got) = (Vec::new(), Lines::default(), Vec::new());
        read_entries(&mut file, &mut rest, &mut lines, &mut |l| got.push(l)).unwrap();
        let texts: Vec<&[u8]> = got.iter().map(|l| l.text.as_slice()).collect();
        assert_eq!(texts, [&b"ab\n"[..], &b"e\n"[..]]);
        assert_eq!(got[0].stamp, "2024-01-01T00:00:00Z");
        // The unfinished last entry waits for its newline.
        assert!(!rest.is_empty());
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"\n")
            .unwrap();
        read_entries(&mut file, &mut rest, &mut lines, &mut |l| got.push(l)).unwrap();
        assert_eq!(got.last().unwrap().text, b"c\n");
    }
}
