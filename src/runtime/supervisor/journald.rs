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
}

impl JournalLog {
    /// A writer for the container of `record`.
    pub(crate) fn open(record: &ContainerRecord) -> io::Result<JournalLog> {
        Ok(JournalLog {
            journal: Journal::connect()?,
            fixed: fixed_fields(record),
            open: [Vec::new(), Vec::new()],
        })
    }

    /// Logs one read of output: its whole lines now, an unfinished one once it ends.
    pub(crate) fn write(&mut self, stream: Stream, data: &[u8]) -> io::Result<()> {
        for piece in split(&mut self.open[stream as usize], data) {
            self.send(stream, &piece)?;
        }
        Ok(())
    }

    /// The stream ended: its unfinished line goes out as it is.
    pub(crate) fn end(&mut self, stream: Stream) -> io::Result<()> {
        match finish(&mut self.open[stream as usize]) {
            Some(piece) => self.send(stream, &piece),
            None => Ok(()),
        }
    }

    fn send(&self, stream: Stream, piece: &Piece) -> io::Result<()> {
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
                format!("cannot send to the journal ({}): {e}", crate::util::journal::SOCKET),
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
        match chunk.strip_suffix(b"\n") {
            Some(line) => {
                open.extend_from_slice(line);
                out.push(Piece {
                    text: std::mem::take(open),
                    partial: false,
                });
            }
            None => {
                open.extend_from_slice(chunk);
                while open.len() > MAX_LINE {
                    let rest = open.split_off(MAX_LINE);
                    out.push(Piece {
                        text: std::mem::replace(open, rest),
                        partial: true,
                    });
                }
            }
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
        assert_eq!(texts(&split(&mut open, b"\n"))[0].1, false);
    }

    #[test]
    fn fields_name_the_container_as_podman_does() {
        let mut r: ContainerRecord = serde_json::from_value(serde_json::json!({
            "id": "0123456789abcdef".repeat(4), "name": "web", "image_name": "busybox",
            "image_id": "sha256:00", "layers": [], "created": "2026-01-01T00:00:00Z",
            "command": ["sh"], "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
            "log_driver": "journald", "extra": {}
        }))
        .unwrap();
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
}
