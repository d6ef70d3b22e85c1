//! The attach protocol between a client (`run`, `start -a`, `attach`) and a supervisor, over a
//! Unix stream socket: frames of `[kind: u8][length: u32, big endian][payload]`.
//!
//! The supervisor sends `Stdout`, `Stderr`, then one `Exit` (or `Error`) and closes. A client
//! sends `Stdin`, `StdinClose`, `Resize`, `Signal` (`--sig-proxy`) and `Detach`. Start-up status (the CLI that started the
//! supervisor learns whether the container started) travels the same way: `Started`, or
//! `Error` with the exit code rcon must return (125, 126, 127). `network connect` and
//! `disconnect` of a running container send `NetConnect` or `NetDisconnect` and wait for `NetDone`.
use std::io::{self, Read};

/// The most a frame may carry; larger ones are a protocol error.
pub(crate) const MAX_FRAME: u32 = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Client → supervisor: bytes for the container's stdin.
    Stdin(Vec<u8>),
    /// Client → supervisor: the client's stdin ended.
    StdinClose,
    /// Client → supervisor: the terminal's new size.
    Resize { rows: u16, cols: u16 },
    /// Client → supervisor: the client leaves; the container goes on.
    Detach,
    /// Client → supervisor: send this signal to the container's first process (`--sig-proxy`).
    Signal { signal: i32 },
    /// Supervisor → client: the container's stdout (or the terminal's output with `-t`).
    Stdout(Vec<u8>),
    /// Supervisor → client: the container's stderr.
    Stderr(Vec<u8>),
    /// Supervisor → client: the container's process started (its host pid).
    Started { pid: i32 },
    /// Supervisor → client: the container ended with this code.
    Exit { code: i32 },
    /// Supervisor → client: the container could not start or run; `code` is what the CLI exits
    /// with (125 rcon failed, 126 cannot invoke, 127 not found).
    Error { code: i32, message: String },
    /// Client → supervisor: link the running container to one more named network.
    NetConnect {
        network: String,
        aliases: Vec<String>,
    },
    /// Client → supervisor: unlink the running container from a named network.
    NetDisconnect { network: String },
    /// Supervisor → client: the answer to `NetConnect`/`NetDisconnect`; empty when done, else
    /// why not.
    NetDone { error: String },
}

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const RESIZE: u8 = 3;
const EXIT: u8 = 4;
const STDIN_CLOSE: u8 = 5;
const ERROR: u8 = 6;
const STARTED: u8 = 7;
const DETACH: u8 = 8;
const SIGNAL: u8 = 9;
const NET_CONNECT: u8 = 10;
const NET_DISCONNECT: u8 = 11;
const NET_DONE: u8 = 12;

impl Frame {
    /// Serialises the frame into one buffer, so one write(2) sends it whole.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let (kind, payload): (u8, Vec<u8>) = match self {
            Frame::Stdin(b) => (STDIN, b.clone()),
            Frame::StdinClose => (STDIN_CLOSE, Vec::new()),
            Frame::Resize { rows, cols } => {
                let mut p = rows.to_be_bytes().to_vec();
                p.extend_from_slice(&cols.to_be_bytes());
                (RESIZE, p)
            }
            Frame::Detach => (DETACH, Vec::new()),
            Frame::Signal { signal } => (SIGNAL, signal.to_be_bytes().to_vec()),
            Frame::Stdout(b) => (STDOUT, b.clone()),
            Frame::Stderr(b) => (STDERR, b.clone()),
            Frame::Started { pid } => (STARTED, pid.to_be_bytes().to_vec()),
            Frame::Exit { code } => (EXIT, code.to_be_bytes().to_vec()),
            Frame::Error { code, message } => {
                let mut p = code.to_be_bytes().to_vec();
                p.extend_from_slice(message.as_bytes());
                (ERROR, p)
            }
            Frame::NetConnect { network, aliases } => {
                let p = serde_json::to_vec(&(network, aliases)).unwrap_or_default();
                (NET_CONNECT, p)
            }
            Frame::NetDisconnect { network } => (NET_DISCONNECT, network.as_bytes().to_vec()),
            Frame::NetDone { error } => (NET_DONE, error.as_bytes().to_vec()),
        };
        let mut out = Vec::with_capacity(5 + payload.len());
        out.push(kind);
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Appends a `Stdout` (or, with `stderr`, a `Stderr`) frame of `data` to `out` without
    /// building a [`Frame`] first: the supervisor's output path. `data` must fit one frame.
    pub(crate) fn append_output(out: &mut Vec<u8>, stderr: bool, data: &[u8]) {
        debug_assert!(data.len() <= MAX_FRAME as usize);
        out.push(if stderr { STDERR } else { STDOUT });
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(data);
    }

    /// Writes the frame.
    #[cfg(test)]
    pub(crate) fn write_to(&self, w: &mut impl std::io::Write) -> io::Result<()> {
        w.write_all(&self.encode())
    }

    /// Reads one frame; `Ok(None)` at a clean end of stream.
    pub(crate) fn read_from(r: &mut impl Read) -> io::Result<Option<Frame>> {
        let mut head = [0u8; 5];
        match r.read(&mut head[..1])? {
            0 => return Ok(None),
            _ => r.read_exact(&mut head[1..])?,
        }
        let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]);
        if len > MAX_FRAME {
            return Err(invalid(format!(
                "frame of {len} bytes is larger than {MAX_FRAME}"
            )));
        }
        let mut payload = vec![0u8; len as usize];
        r.read_exact(&mut payload)?;
        Frame::decode(head[0], payload).map(Some)
    }

    /// Takes one whole frame from the front of `buf` (bytes read from a non-blocking socket):
    /// the frame and how many bytes it used, or `None` while the frame is incomplete.
    pub(crate) fn parse(buf: &[u8]) -> io::Result<Option<(Frame, usize)>> {
        let Some(head) = buf.get(..5) else {
            return Ok(None);
        };
        let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]);
        if len > MAX_FRAME {
            return Err(invalid(format!(
                "frame of {len} bytes is larger than {MAX_FRAME}"
            )));
        }
        let end = 5 + len as usize;
        let Some(payload) = buf.get(5..end) else {
            return Ok(None);
        };
        Frame::decode(head[0], payload.to_vec()).map(|f| Some((f, end)))
    }

    fn decode(kind: u8, p: Vec<u8>) -> io::Result<Frame> {
        let int = |p: &[u8]| -> io::Result<i32> {
            p.get(..4)
                .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| invalid("short frame".into()))
        };
        Ok(match kind {
            STDIN => Frame::Stdin(p),
            STDIN_CLOSE => Frame::StdinClose,
            RESIZE if p.len() == 4 => Frame::Resize {
                rows: u16::from_be_bytes([p[0], p[1]]),
                cols: u16::from_be_bytes([p[2], p[3]]),
            },
            DETACH => Frame::Detach,
            SIGNAL => Frame::Signal { signal: int(&p)? },
            STDOUT => Frame::Stdout(p),
            STDERR => Frame::Stderr(p),
            STARTED => Frame::Started { pid: int(&p)? },
            EXIT => Frame::Exit { code: int(&p)? },
            ERROR => Frame::Error {
                code: int(&p)?,
                message: String::from_utf8_lossy(&p[4..]).into_owned(),
            },
            NET_CONNECT => {
                let (network, aliases) = serde_json::from_slice(&p)
                    .map_err(|e| invalid(format!("network connect: {e}")))?;
                Frame::NetConnect { network, aliases }
            }
            NET_DISCONNECT => Frame::NetDisconnect {
                network: String::from_utf8_lossy(&p).into_owned(),
            },
            NET_DONE => Frame::NetDone {
                error: String::from_utf8_lossy(&p).into_owned(),
            },
            other => return Err(invalid(format!("unknown frame kind {other}"))),
        })
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("attach protocol: {msg}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let frames = vec![
            Frame::Stdin(b"ls\n".to_vec()),
            Frame::StdinClose,
            Frame::Resize {
                rows: 40,
                cols: 120,
            },
            Frame::Detach,
            Frame::Signal { signal: 15 },
            Frame::Stdout(b"out".to_vec()),
            Frame::Stderr(vec![]),
            Frame::Started { pid: 1234 },
            Frame::Exit { code: -1 },
            Frame::Error {
                code: 127,
                message: "not found".into(),
            },
            Frame::NetConnect {
                network: "n2".into(),
                aliases: vec!["web".into()],
            },
            Frame::NetDisconnect {
                network: "n2".into(),
            },
            Frame::NetDone { error: "".into() },
        ];
        let mut buf = Vec::new();
        for f in &frames {
            f.write_to(&mut buf).unwrap();
        }
        let mut r = &buf[..];
        for f in &frames {
            assert_eq!(Frame::read_from(&mut r).unwrap().as_ref(), Some(f));
        }
        assert_eq!(Frame::read_from(&mut r).unwrap(), None);
    }

    #[test]
    fn appended_output_reads_as_frames() {
        let mut buf = Vec::new();
        Frame::append_output(&mut buf, false, b"out");
        Frame::append_output(&mut buf, true, b"err");
        let mut r = &buf[..];
        assert_eq!(
            Frame::read_from(&mut r).unwrap(),
            Some(Frame::Stdout(b"out".to_vec()))
        );
        assert_eq!(
            Frame::read_from(&mut r).unwrap(),
            Some(Frame::Stderr(b"err".to_vec()))
        );
    }

    #[test]
    fn parse_takes_whole_frames_only() {
        let mut buf = Frame::Stdin(b"abc".to_vec()).encode();
        buf.extend(Frame::Resize { rows: 1, cols: 2 }.encode());
        for cut in 0..8 {
            assert_eq!(Frame::parse(&buf[..cut]).unwrap(), None, "cut at {cut}");
        }
        let (f, used) = Frame::parse(&buf).unwrap().unwrap();
        assert_eq!((f, used), (Frame::Stdin(b"abc".to_vec()), 8));
        let (f, used) = Frame::parse(&buf[8..]).unwrap().unwrap();
        assert_eq!((f, used), (Frame::Resize { rows: 1, cols: 2 }, 9));
    }

    #[test]
    fn oversized_and_unknown_frames_are_errors() {
        let mut big = vec![STDOUT];
        big.extend_from_slice(&(MAX_FRAME + 1).to_be_bytes());
        assert!(Frame::read_from(&mut &big[..]).is_err());
        let unknown = [99u8, 0, 0, 0, 0];
        assert!(Frame::read_from(&mut &unknown[..]).is_err());
    }
}
