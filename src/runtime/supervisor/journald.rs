//! The container's output to the systemd journal (`--log-driver journald`), one entry per
//! line with the fields Podman's containers carry, so `journalctl CONTAINER_NAME=web` finds
//! the output of either:
//!
//! `MESSAGE` (the line without its newline), `CONTAINER_ID_FULL`, `CONTAINER_ID` (12
//! characters), `CONTAINER_NAME`, `CONTAINER_TAG` (only with `--log-opt tag=`),
//! `SYSLOG_IDENTIFIER` (the tag, else the name), `PRIORITY` (6 for stdout, 3 for stderr) and
//! `CONTAINER_PARTIAL_MESSAGE=true` on a piece of a line that goes on in the next entry.
//!
//! A line that has not ended yet waits here, per stream, until its newline comes; one that
//! grows past [`MAX_LINE`] goes out in partial pieces of that size, and what is left when the
//! stream ends goes out as a partial piece too.
use super::log::Stream;
use crate::container::record::ContainerRecord;
use crate::util::journal::Journal;
use std::io;

/// The longest piece of one line an entry carries.
pub(crate) const MAX_LINE: usize = 8192;

/// One entry's text and whether the line goes on in the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) text: Vec<u8>,
    pub(crate) partial: bool,
}

/// The container's output, as journal entries.
#[derive(Debug)]
pub(crate) struct JournalLog {
    journal: Journal,
    /// The fields every entry carries besides MESSAGE, PRIORITY and the partial mark.
    fixed: Vec<(&'static str, String)>,
    /// The unfinished line of stdout and of stderr.
    open: [Vec<u8>; 2],
    /// A send failed (journald stopped or restarts): said once, and entries are dropped
    /// until it takes them again. The container runs on either way.
    failing: bool,
}

impl JournalLog {
    /// A writer for the container of `record`.
    pub(crate) fn open(record: &ContainerRecord) -> io::Result<JournalLog> {
        Ok(JournalLog::with(Journal::connect()?, record))
    }

    fn with(journal: Journal, record: &ContainerRecord) -> JournalLog {
        JournalLog {
            journal,
            fixed: fixed_fields(record),
            open: [Vec::new(), Vec::new()],
            failing: false,
        }
    }

    /// Logs one read of output: its whole lines now, an unfinished one once it ends.
    pub(crate) fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        for piece in split(&mut self.open[stream as usize], data) {
            self.send(stream, &piece)?;
        }
        Ok(())
    }

    /// The stream ended: its unfinished line goes out as it is, and we wait (briefly) until
    /// journald has read every entry, so `rcon logs` after the container's exit finds them all.
    pub(crate) fn end(&mut self, stream: Stream) -> io::Result<()> {
        let sent = match finish(&mut self.open[stream as usize]) {
            Some(piece) => self.send(stream, &piece),
            None => Ok(()),
        };
        self.journal.flush(std::time::Duration::from_secs(2));
        sent
    }

    /// Sends one entry. A failure is an error only the first time in a row, so the caller's
    /// message comes once and the next entries try again.
    fn send(&mut self, stream: Stream, piece: &Piece) -> io::Result<()> {
        match (self.send_entry(stream, piece), self.failing) {
            (Ok(()), _) => {
                self.failing = false;
                Ok(())
            }
            (Err(e), false) => {
                self.failing = true;
                Err(e)
            }
            (Err(_), true) => Ok(()),
        }
    }

    fn send_entry(&self, stream: Stream, piece: &Piece) -> io::Result<()> {
        let mut fields: Vec<(&str, &[u8])> = Vec::with_capacity(self.fixed.len() + 3);
        fields.push(("MESSAGE", &piece.text));
        fields.push(("PRIORITY", priority(stream).as_bytes()));
        fields.extend(self.fixed.iter().map(|(k, v)| (*k, v.as_bytes())));
        if piece.partial {
            fields.push(("CONTAINER_PARTIAL_MESSAGE", b"true"));
        }
        self.journal.send(&fields).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "cannot send to the journal ({}): {e}",
                    crate::util::journal::SOCKET
                ),
            )
        })
    }
}

/// syslog's info for stdout, err for stderr.
pub(crate) fn priority(stream: Stream) -> &'static str {
    match stream {
        Stream::Stdout => "6",
        Stream::Stderr => "3",
    }
}

/// The fields that name the container, in the order they go out.
pub(crate) fn fixed_fields(record: &ContainerRecord) -> Vec<(&'static str, String)> {
    let short = record.id[..record.id.len().min(12)].to_string();
    let mut fields = vec![
        ("CONTAINER_ID_FULL", record.id.clone()),
        ("CONTAINER_ID", short),
        ("CONTAINER_NAME", record.name.clone()),
    ];
    if let Some(tag) = &record.log_tag {
        fields.push(("CONTAINER_TAG", tag.clone()));
    }
    let ident = record.log_tag.as_ref().unwrap_or(&record.name);
    fields.push(("SYSLOG_IDENTIFIER", ident.clone()));
    fields
}

/// The entries `data` completes, given the unfinished line `open` before it; what stays
/// unfinished is left in `open`.
pub(crate) fn split(open: &mut Vec<u8>, data: &[u8]) -> Vec<Piece> {
    let mut out = Vec::new();
    for chunk in data.split_inclusive(|&b| b == b'\n') {
        let line = chunk.strip_suffix(b"\n");
        open.extend_from_slice(line.unwrap_or(chunk));
        // Past the limit, the line goes out in pieces, ended or not.
        while open.len() > MAX_LINE {
            let rest = open.split_off(MAX_LINE);
            out.push(Piece {
                text: std::mem::replace(open, rest),
                partial: true,
            });
        }
        if line.is_some() {
            out.push(Piece {
                text: std::mem::take(open),
                partial: false,
            });
        }
    }
    out
}

/// The unfinished line, as a partial entry.
pub(crate) fn finish(open: &mut Vec<u8>) -> Option<Piece> {
    (!open.is_empty()).then(|| Piece {
        text: std::mem::take(open),
        partial: true,
    })
}

/// One entry of a container's output as `journalctl -o json` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recorded {
    /// When journald received it, in nanoseconds since the epoch.
    pub(crate) nanos: i128,
    pub(crate) stream: Stream,
    /// `CONTAINER_PARTIAL_MESSAGE=true`: the line goes on in the next entry.
    pub(crate) partial: bool,
    pub(crate) text: Vec<u8>,
    /// Where the next query starts (`--after-cursor`).
    pub(crate) cursor: String,
}

/// A field's value in journalctl's JSON: a string, an array of bytes (a value that is not
/// text), or, for a field given more than once, an array of those (the first is taken).
fn json_bytes(v: &serde_json::Value) -> Option<Vec<u8>> {
    use serde_json::Value;
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Array(items) if items.iter().all(Value::is_u64) => items
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect(),
        Value::Array(items) => items.first().and_then(json_bytes),
        _ => None,
    }
}

/// Parses one line of `journalctl -o json`; `None` for an entry that is not container output
/// (no MESSAGE, a PRIORITY other than 6 or 3).
pub(crate) fn parse_json(line: &str) -> Option<Recorded> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let field = |k: &str| v.get(k).and_then(json_bytes);
    let stream = match field("PRIORITY")?.as_slice() {
        b"6" => Stream::Stdout,
        b"3" => Stream::Stderr,
        _ => return None,
    };
    let micros: i128 = String::from_utf8(field("__REALTIME_TIMESTAMP")?)
        .ok()?
        .parse()
        .ok()?;
    Some(Recorded {
        nanos: micros * 1000,
        stream,
        partial: field("CONTAINER_PARTIAL_MESSAGE").is_some_and(|p| p == b"true"),
        text: field("MESSAGE")?,
        cursor: String::from_utf8(field("__CURSOR")?).ok()?,
    })
}

/// Why the journal could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("cannot run journalctl, which reads the journal for --log-driver journald: {0}")]
    Spawn(io::Error),
    #[error("journalctl failed: {0}")]
    Failed(String),
}

/// The output of container `id` in the journal, oldest first: all of it, or what came after
/// `cursor`, or since `since_secs`. Read through `journalctl`, from every journal this user
/// may read (a rootless user's own, root's the system's).
pub(crate) fn query(
    id: &str,
    cursor: Option<&str>,
    since_secs: Option<i64>,
) -> Result<Vec<Recorded>, ReadError> {
    let mut cmd = std::process::Command::new("journalctl");
    cmd.args(["-o", "json", "--all", "--no-pager", "-q"]);
    if let Some(c) = cursor {
        cmd.arg(format!("--after-cursor={c}"));
    } else if let Some(s) = since_secs {
        cmd.arg(format!("--since=@{s}"));
    }
    cmd.arg(format!("CONTAINER_ID_FULL={id}"));
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(ReadError::Spawn)?;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stderr);
        let last = text
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(ReadError::Failed(format!(
            "{} ({})",
            last.trim(),
            out.status
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(parse_json)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pieces: &[Piece]) -> Vec<(String, bool)> {
        pieces
            .iter()
            .map(|p| (String::from_utf8_lossy(&p.text).into_owned(), p.partial))
            .collect()
    }

    #[test]
    fn whole_lines_become_entries_without_their_newline() {
        let mut open = Vec::new();
        let got = split(&mut open, b"one\ntwo\n\nthr");
        assert_eq!(
            texts(&got),
            [
                ("one".into(), false),
                ("two".into(), false),
                ("".into(), false)
            ]
        );
        assert_eq!(open, b"thr");
    }

    #[test]
    fn a_line_split_across_reads_is_one_entry() {
        let mut open = Vec::new();
        assert!(split(&mut open, b"hel").is_empty());
        assert!(split(&mut open, b"lo ").is_empty());
        let got = split(&mut open, b"world\nnext");
        assert_eq!(texts(&got), [("hello world".into(), false)]);
        assert_eq!(
            finish(&mut open).map(|p| texts(&[p])),
            Some(vec![("next".into(), true)])
        );
        assert!(finish(&mut open).is_none(), "nothing left twice");
    }

    #[test]
    fn an_overlong_line_goes_out_in_partial_pieces() {
        let mut open = Vec::new();
        let mut data = vec![b'a'; MAX_LINE * 2 + 5];
        data.push(b'\n');
        let got = split(&mut open, &data);
        let shape: Vec<(usize, bool)> = got.iter().map(|p| (p.text.len(), p.partial)).collect();
        assert_eq!(shape, [(MAX_LINE, true), (MAX_LINE, true), (5, false)]);
        assert!(open.is_empty());
        // Exactly the limit without a newline still waits for one.
        let got = split(&mut open, &vec![b'b'; MAX_LINE]);
        assert!(got.is_empty());
        assert!(!texts(&split(&mut open, b"\n"))[0].1);
    }

    fn record() -> ContainerRecord {
        serde_json::from_value(serde_json::json!({
            "id": "0123456789abcdef".repeat(4), "name": "web", "image_name": "busybox",
            "image_id": format!("sha256:{}", "0".repeat(64)), "layers": [], "created": "2026-01-01T00:00:00Z",
            "command": ["sh"], "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
            "log_driver": "journald", "extra": {}
        }))
        .unwrap()
    }

    #[test]
    fn entries_reach_the_socket_and_a_lost_journal_is_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("socket");
        let rx = std::os::unix::net::UnixDatagram::bind(&path).unwrap();
        let mut log = JournalLog::with(Journal::at(&path).unwrap(), &record());
        log.write(Stream::Stderr, b"whole\nhalf").unwrap();
        log.end(Stream::Stderr).unwrap();
        let mut buf = [0u8; 1024];
        let n = rx.recv(&mut buf).unwrap();
        let first = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(
            first.starts_with("MESSAGE=whole\nPRIORITY=3\nCONTAINER_ID_FULL="),
            "{first}"
        );
        assert!(
            first.ends_with("CONTAINER_NAME=web\nSYSLOG_IDENTIFIER=web\n"),
            "{first}"
        );
        let n = rx.recv(&mut buf).unwrap();
        let second = String::from_utf8_lossy(&buf[..n]).into_owned();
        assert!(second.starts_with("MESSAGE=half\n"), "{second}");
        assert!(
            second.ends_with("CONTAINER_PARTIAL_MESSAGE=true\n"),
            "{second}"
        );
        // journald goes away: the first failure is an error, the next ones are not.
        drop(rx);
        std::fs::remove_file(&path).unwrap();
        assert!(log.write(Stream::Stdout, b"lost\n").is_err());
        assert!(log.write(Stream::Stdout, b"lost too\n").is_ok());
    }

    #[test]
    fn fields_name_the_container_as_podman_does() {
        let mut r = record();
        let f = fixed_fields(&r);
        let keys: Vec<&str> = f.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "CONTAINER_ID_FULL",
                "CONTAINER_ID",
                "CONTAINER_NAME",
                "SYSLOG_IDENTIFIER"
            ]
        );
        assert_eq!(f[1].1, "0123456789ab");
        assert_eq!(f[3].1, "web", "the name without a tag");
        r.log_tag = Some("front".into());
        let f = fixed_fields(&r);
        assert!(f.contains(&("CONTAINER_TAG", "front".to_string())));
        assert!(f.contains(&("SYSLOG_IDENTIFIER", "front".to_string())));
        assert_eq!(priority(Stream::Stdout), "6");
        assert_eq!(priority(Stream::Stderr), "3");
    }
    #[test]
    fn journalctl_json_becomes_container_output() {
        let line = r#"{"__CURSOR":"s=ab;i=1","__REALTIME_TIMESTAMP":"1700000000123456",
            "PRIORITY":"3","MESSAGE":"oops","CONTAINER_NAME":"web","_PID":"42"}"#;
        let e = parse_json(&line.replace('\n', " ")).unwrap();
        assert_eq!(e.stream, Stream::Stderr);
        assert_eq!(e.nanos, 1_700_000_000_123_456_000);
        assert_eq!(e.text, b"oops");
        assert_eq!(e.cursor, "s=ab;i=1");
        assert!(!e.partial);
        let partial = r#"{"__CURSOR":"c","__REALTIME_TIMESTAMP":"1","PRIORITY":"6",
            "MESSAGE":"abc","CONTAINER_PARTIAL_MESSAGE":"true"}"#;
        let e = parse_json(&partial.replace('\n', " ")).unwrap();
        assert_eq!((e.stream, e.partial), (Stream::Stdout, true));
    }

    #[test]
    fn binary_and_repeated_fields_in_journalctl_json() {
        // A MESSAGE that is not UTF-8 comes as an array of bytes; a repeated field as an array.
        let line = r#"{"__CURSOR":"c","__REALTIME_TIMESTAMP":"5","PRIORITY":["6","6"],
            "MESSAGE":[104,255,10,105]}"#;
        let e = parse_json(&line.replace('\n', " ")).unwrap();
        assert_eq!(e.text, [104, 255, 10, 105]);
        assert_eq!(e.stream, Stream::Stdout);
    }

    #[test]
    fn entries_that_are_not_container_output_are_skipped() {
        for line in [
            r#"{"__CURSOR":"c","__REALTIME_TIMESTAMP":"5","PRIORITY":"4","MESSAGE":"x"}"#,
            r#"{"__CURSOR":"c","__REALTIME_TIMESTAMP":"5","PRIORITY":"6"}"#,
            r#"{"__CURSOR":"c","PRIORITY":"6","MESSAGE":"x"}"#,
            r#"{"__CURSOR":"c","__REALTIME_TIMESTAMP":"5","PRIORITY":"6","MESSAGE":null}"#,
            "not json",
            "",
        ] {
            assert!(parse_json(line).is_none(), "{line}");
        }
    }
}
