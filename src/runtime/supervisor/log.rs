//! The container's k8s-file log (`containers/<id>/ctr.log`): one entry per line of output,
//! `<RFC3339Nano> stdout|stderr F|P <text>`, where `F` ends a line and `P` is a part of one
//! that goes on in the next entry (output that did not end in a newline when it was read).
//!
//! The supervisor writes it through [`LogWriter`] (one write(2) per read of container output,
//! rotation to `ctr.log.1` past `--log-opt max-size=`); `rcon logs` reads it back as whole
//! lines through [`parse_entry`] and [`Lines`].
//!
//! [`Sink`] is where the supervisor sends output: this log, or the journal
//! (`--log-driver journald`, [`super::journald`]); `none` and `passthrough` keep no log.
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Which stream an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Appends container output to the log; rotates it to `<log>.1` once it would pass `max_size`.
#[derive(Debug)]
pub(crate) struct LogWriter {
    path: PathBuf,
    file: File,
    /// Bytes in the current file.
    size: u64,
    /// 0: no limit.
    max_size: u64,
    /// Reused for every write, so the loop does not allocate once it has warmed up.
    buf: Vec<u8>,
}

impl LogWriter {
    /// Opens (or creates, mode 0600) the log for appending.
    pub(crate) fn open(path: &Path, max_size: u64) -> io::Result<LogWriter> {
        let file = open_append(path)?;
        let size = file.metadata()?.len();
        Ok(LogWriter {
            path: path.to_path_buf(),
            file,
            size,
            max_size,
            buf: Vec::with_capacity(1024),
        })
    }

    /// Logs one read of output: every complete line as an `F` entry, a trailing piece without
    /// a newline as a `P` entry. All entries share one time stamp and go out in one write.
    pub(crate) fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        let stamp = crate::util::time::now_rfc3339_nano();
        self.buf.clear();
        format_entries(&mut self.buf, &stamp, stream, data);
        let len = self.buf.len() as u64;
        if self.max_size > 0 && self.size > 0 && self.size + len > self.max_size {
            self.rotate()?;
        }
        self.file.write_all(&self.buf)?;
        self.size += len;
        if self.buf.capacity() > 64 * 1024 {
            // One burst of output must not keep a large buffer alive while the container sleeps.
            self.buf = Vec::with_capacity(1024);
        }
        Ok(())
    }

    /// `ctr.log` → `ctr.log.1` (replacing an older one), and a fresh `ctr.log`.
    fn rotate(&mut self) -> io::Result<()> {
        fs::rename(&self.path, rotated(&self.path))?;
        self.file = open_append(&self.path)?;
        self.size = 0;
        Ok(())
    }
}

/// Where the container's output is logged.
#[derive(Debug)]
pub(crate) enum Sink {
    File(LogWriter),
    Journal(super::journald::JournalLog),
}

impl Sink {
    /// The log `record` asks for, at `path` for k8s-file; `None` for `none` and `passthrough`.
    pub(crate) fn open(
        record: &crate::container::record::ContainerRecord,
        path: &Path,
    ) -> io::Result<Option<Sink>> {
        match record.log_driver.as_str() {
            "none" | "passthrough" => Ok(None),
            "journald" => super::journald::JournalLog::open(record).map(|j| Some(Sink::Journal(j))),
            _ => LogWriter::open(path, record.log_max_size)
                .map(|w| Some(Sink::File(w)))
                .map_err(|e| in_file(path, e)),
        }
    }

    /// Logs one read of output; the error names the log. After an error, the file stops
    /// being written; the journal is tried again with the next output.
    pub(crate) fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        match self {
            Sink::File(w) => w.write(stream, data).map_err(|e| in_file(&w.path, e)),
            Sink::Journal(j) => j.write(stream, data).or_else(|e| {
                eprintln!(
                    "{} rcon-sup[{}]: {e}; output is dropped until journald takes it again",
                    crate::util::time::now_rfc3339_nano(),
                    std::process::id()
                );
                Ok(())
            }),
        }
    }

    /// `stream` ended: what it left unfinished is logged.
    pub(crate) fn end(&mut self, stream: Stream) -> io::Result<()> {
        match self {
            Sink::File(_) => Ok(()),
            Sink::Journal(j) => j.end(stream).or(Ok(())),
        }
    }
}

fn in_file(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot write the log {}: {e}", path.display()),
    )
}

/// The name the log is rotated to.
pub(crate) fn rotated(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".1");
    PathBuf::from(name)
}

fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)
}

/// Appends the entries for `data` to `out`.
fn format_entries(out: &mut Vec<u8>, stamp: &str, stream: Stream, data: &[u8]) {
    for piece in data.split_inclusive(|&b| b == b'\n') {
        let (text, tag) = match piece.strip_suffix(b"\n") {
            Some(line) => (line, b'F'),
            None => (piece, b'P'),
        };
        out.extend_from_slice(stamp.as_bytes());
        out.push(b' ');
        out.extend_from_slice(stream.as_str().as_bytes());
        out.push(b' ');
        out.push(tag);
        out.push(b' ');
        out.extend_from_slice(text);
        out.push(b'\n');
    }
}

/// One parsed log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    /// The time stamp as written.
    pub(crate) stamp: &'a str,
    /// Nanoseconds since the epoch.
    pub(crate) nanos: i128,
    pub(crate) stream: Stream,
    /// True for `F`: the line ends here.
    pub(crate) full: bool,
    pub(crate) text: &'a [u8],
}

/// Parses one line of the log (without its newline); `None` for a damaged line.
pub(crate) fn parse_entry(line: &[u8]) -> Option<Entry<'_>> {
    let mut parts = line.splitn(4, |&b| b == b' ');
    let stamp = std::str::from_utf8(parts.next()?).ok()?;
    let stream = match parts.next()? {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return None,
    };
    let full = match parts.next()? {
        b"F" => true,
        b"P" => false,
        _ => return None,
    };
    let text = parts.next().unwrap_or_default();
    Some(Entry {
        stamp,
        nanos: parse_stamp(stamp)?,
        stream,
        full,
        text,
    })
}

/// An RFC 3339 time stamp with any fraction as nanoseconds since the epoch.
pub(crate) fn parse_stamp(stamp: &str) -> Option<i128> {
    let secs = crate::util::time::parse_rfc3339(stamp)?;
    let frac = stamp
        .get(19..)
        .and_then(|r| r.strip_prefix('.'))
        .map(|f| {
            let digits: String = f.chars().take_while(char::is_ascii_digit).take(9).collect();
            format!("{digits:0<9}").parse::<i128>().unwrap_or(0)
        })
        .unwrap_or(0);
    Some(i128::from(secs) * 1_000_000_000 + frac)
}

/// A whole line of output, put together from its `P` entries and the closing `F` one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The first entry's time stamp, as written.
    pub(crate) stamp: String,
    pub(crate) nanos: i128,
    pub(crate) stream: Stream,
    /// The text with its newline when the line was complete.
    pub(crate) text: Vec<u8>,
}

/// Joins entries into lines, one stream at a time (a `P` entry of stdout is continued by the
/// next stdout entry, whatever stderr wrote in between).
#[derive(Debug, Default)]
pub(crate) struct Lines {
    open: [Option<Line>; 2],
}

impl Lines {
    /// Feeds one entry; returns the line it completes, if any.
    pub(crate) fn push(&mut self, e: &Entry<'_>) -> Option<Line> {
        let slot = &mut self.open[e.stream as usize];
        let line = slot.get_or_insert_with(|| Line {
            stamp: e.stamp.to_string(),
            nanos: e.nanos,
            stream: e.stream,
            text: Vec::new(),
        });
        line.text.extend_from_slice(e.text);
        if !e.full {
            return None;
        }
        line.text.push(b'\n');
        slot.take()
    }

    /// The lines still open (output that never ended in a newline), oldest first.
    pub(crate) fn finish(&mut self) -> Vec<Line> {
        let mut out: Vec<Line> = self.open.iter_mut().filter_map(Option::take).collect();
        out.sort_by_key(|l| l.nanos);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(data: &[u8]) -> String {
        let mut out = Vec::new();
        format_entries(
            &mut out,
            "2024-01-02T03:04:05.000000001Z",
            Stream::Stdout,
            data,
        );
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn full_and_partial_lines_are_tagged() {
        assert_eq!(
            entries(b"one\ntwo\nthr"),
            "2024-01-02T03:04:05.000000001Z stdout F one\n\
             2024-01-02T03:04:05.000000001Z stdout F two\n\
             2024-01-02T03:04:05.000000001Z stdout P thr\n"
        );
        assert_eq!(entries(b"\n"), "2024-01-02T03:04:05.000000001Z stdout F \n");
    }

    #[test]
    fn entries_parse_back_into_lines() {
        let mut lines = Lines::default();
        let mut got = Vec::new();
        let log = "2024-01-02T03:04:05.5Z stdout P he\n\
                   2024-01-02T03:04:06Z stderr F oops with  spaces\n\
                   2024-01-02T03:04:07Z stdout F llo\n\
                   2024-01-02T03:04:08Z stdout P tail";
        for l in log.lines() {
            let e = parse_entry(l.as_bytes()).unwrap();
            got.extend(lines.push(&e));
        }
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].stream, Stream::Stderr);
        assert_eq!(got[0].text, b"oops with  spaces\n");
        assert_eq!(got[1].text, b"hello\n");
        assert_eq!(got[1].stamp, "2024-01-02T03:04:05.5Z");
        assert_eq!(got[1].nanos % 1_000_000_000, 500_000_000);
        let rest = lines.finish();
        assert_eq!(rest.len(), 1);
        assert_eq!(rest[0].text, b"tail");
        assert!(parse_entry(b"garbage").is_none());
        assert!(parse_entry(b"2024-01-02T03:04:05Z stdin F x").is_none());
    }

    #[test]
    fn writer_rotates_past_max_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ctr.log");
        let mut w = LogWriter::open(&path, 200).unwrap();
        for i in 0..3 {
            w.write(
                Stream::Stdout,
                format!("{i}123456789012345678901234567890123456789\n").as_bytes(),
            )
            .unwrap();
        }
        // Two entries of ~81 bytes fit in 200; the third goes to a fresh file.
        let rotated = fs::read_to_string(rotated(&path)).unwrap();
        let current = fs::read_to_string(&path).unwrap();
        assert!(fs::metadata(&path).unwrap().len() <= 200);
        assert_eq!(rotated.lines().count(), 2);
        assert_eq!(current.lines().count(), 1);
        assert!(current.contains(" F 2123"));
        assert!(current.lines().all(|l| parse_entry(l.as_bytes()).is_some()));
    }
}
