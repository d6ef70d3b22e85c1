//! What a handler sees of a request ([`Req`]) and what it answers ([`Reply`]), free of the
//! HTTP library: handlers are plain blocking functions over the same library the CLI uses.
use bytes::Bytes;
use hyper::body::Incoming;
use hyper::http::{HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use tokio::sync::mpsc;

/// The largest JSON body a handler reads (a container's create request is a few KiB).
pub(crate) const JSON_LIMIT: usize = 4 << 20;

/// An answer that is not a success: Docker's `{"message": …}` with its status code.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub(crate) fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, message)
    }

    pub(crate) fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// An endpoint rcon does not serve, named.
    pub(crate) fn not_implemented(what: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("{what} is not implemented by rcon's Docker API"),
        )
    }

    /// An error of the library, with its causes on one line; 500 unless the message says
    /// what a client did wrong (no such container or image: 404).
    pub(crate) fn from_anyhow(e: &anyhow::Error) -> ApiError {
        let message = crate::cli::one_line(e);
        let lower = message.to_ascii_lowercase();
        let status = if lower.contains("no such") || lower.contains("not found") {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        ApiError::new(status, message)
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::from_anyhow(&e)
    }
}

/// A handler's outcome.
pub(crate) type ApiResult = Result<Reply, ApiError>;

/// A streamed body: the producer writes chunks from its own thread; a write fails with
/// `BrokenPipe` once the client has gone, which is the producer's cue to stop.
pub(crate) struct Sink {
    tx: mpsc::Sender<Bytes>,
}

impl Sink {
    pub(crate) fn new(tx: mpsc::Sender<Bytes>) -> Sink {
        Sink { tx }
    }

    /// One JSON value and a newline: the shape of Docker's progress and event streams.
    pub(crate) fn json_line(&mut self, v: &Value) -> io::Result<()> {
        let mut line = serde_json::to_vec(v).map_err(io::Error::other)?;
        line.push(b'\n');
        self.write_all(&line)?;
        self.flush()
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        self.tx
            .blocking_send(Bytes::copy_from_slice(buf))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The producer of a streamed body; runs on a thread of its own.
pub(crate) type Producer = Box<dyn FnOnce(&mut Sink) -> io::Result<()> + Send>;

/// The client's connection after a hijack (`Upgrade: tcp`): a blocking socket, and the bytes
/// the client sent after its request that the HTTP layer had already read (they come first).
pub(crate) struct Hijacked {
    pub(crate) socket: std::fs::File,
    pub(crate) pending: Bytes,
}

impl Hijacked {
    pub(crate) fn new(fd: OwnedFd, pending: Bytes) -> Hijacked {
        Hijacked {
            socket: std::fs::File::from(fd),
            pending,
        }
    }

    /// Ends our side of the stream: the client reads EOF and may still send.
    pub(crate) fn close_write(&self) {
        use std::os::fd::AsFd;
        let _ = nix::sys::socket::shutdown(
            std::os::fd::AsRawFd::as_raw_fd(&self.socket.as_fd()),
            nix::sys::socket::Shutdown::Write,
        );
    }
}

/// What runs on a hijacked connection; on a thread of its own.
pub(crate) type Takeover = Box<dyn FnOnce(Hijacked) + Send>;

/// A handler's answer.
pub(crate) enum Reply {
    /// A JSON body.
    Json(StatusCode, Value),
    /// No body (204, or 200/201 with nothing to say).
    Empty(StatusCode),
    /// A body of `content_type`.
    Bytes(StatusCode, &'static str, Vec<u8>),
    /// A body of `content_type` written as it is made.
    Stream(StatusCode, &'static str, Producer),
    /// The connection itself, after `101 UPGRADED` with `content_type` (Docker's raw or
    /// multiplexed stream).
    Hijack(&'static str, Takeover),
    /// Another reply with extra response headers (`/_ping`'s `Builder-Version`).
    WithHeaders(Vec<(&'static str, String)>, Box<Reply>),
}

impl Reply {
    pub(crate) fn ok(v: Value) -> ApiResult {
        Ok(Reply::Json(StatusCode::OK, v))
    }

    pub(crate) fn created(v: Value) -> ApiResult {
        Ok(Reply::Json(StatusCode::CREATED, v))
    }

    pub(crate) fn no_content() -> ApiResult {
        Ok(Reply::Empty(StatusCode::NO_CONTENT))
    }
}

/// A request, as handlers see it.
pub(crate) struct Req {
    pub(crate) method: Method,
    /// The path without the `/vX.Y` prefix and without the query, not yet percent-decoded
    /// (image names carry `/`; each route splits it its own way).
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    /// The API version the client asked for (the prefix), or the newest rcon serves.
    pub(crate) version: (u32, u32),
    pub(crate) body: Option<Incoming>,
    pub(crate) runtime: tokio::runtime::Handle,
}

impl Req {
    /// The last value of query parameter `key`.
    pub(crate) fn q(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of query parameter `key`, in order.
    pub(crate) fn q_all(&self, key: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A boolean query parameter as Docker reads them: `1`, `true`, `True` (and a bare key);
    /// absent is `default`.
    pub(crate) fn q_bool(&self, key: &str, default: bool) -> Result<bool, ApiError> {
        match self.q(key) {
            None => Ok(default),
            Some("" | "1" | "true" | "True" | "TRUE") => Ok(true),
            Some("0" | "false" | "False" | "FALSE") => Ok(false),
            Some(v) => Err(ApiError::bad_request(format!(
                "query parameter {key}={v:?}: expected true or false"
            ))),
        }
    }

    /// An integer query parameter; absent or empty is `None`.
    pub(crate) fn q_int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        match self.q(key) {
            None | Some("") => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                ApiError::bad_request(format!("query parameter {key}={v:?}: expected an integer"))
            }),
        }
    }

    /// Docker's `filters` parameter: `{"key": ["v", …]}` or the old `{"key": {"v": true}}`,
    /// as `key=value` strings in the order given.
    pub(crate) fn filters(&self) -> Result<Vec<(String, String)>, ApiError> {
        let Some(raw) = self.q("filters").filter(|s| !s.is_empty()) else {
            return Ok(Vec::new());
        };
        let bad =
            || ApiError::bad_request(format!("filters {raw:?}: expected a JSON object of lists"));
        let v: Value = serde_json::from_str(raw).map_err(|_| bad())?;
        let mut out = Vec::new();
        for (k, vals) in v.as_object().ok_or_else(bad)? {
            match vals {
                Value::Array(a) => {
                    for x in a {
                        out.push((k.clone(), x.as_str().ok_or_else(bad)?.to_string()));
                    }
                }
                Value::Object(m) => {
                    for (x, on) in m {
                        if on.as_bool() == Some(true) {
                            out.push((k.clone(), x.clone()));
                        }
                    }
                }
                _ => return Err(bad()),
            }
        }
        Ok(out)
    }

    /// A request header as text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as a blocking reader (for tar archives and other streams); empty when there
    /// is none or it was taken already.
    pub(crate) fn body_reader(&mut self) -> BodyReader {
        BodyReader {
            body: self.body.take(),
            runtime: self.runtime.clone(),
            chunk: Bytes::new(),
        }
    }

    /// The whole body, at most `limit` bytes (413 past it).
    pub(crate) fn body_bytes(&mut self, limit: usize) -> Result<Vec<u8>, ApiError> {
        let mut out = Vec::new();
        let mut reader = self.body_reader().take(limit as u64 + 1);
        reader
            .read_to_end(&mut out)
            .map_err(|e| ApiError::bad_request(format!("cannot read the request body: {e}")))?;
        if out.len() > limit {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is over {limit} bytes"),
            ));
        }
        Ok(out)
    }

    /// The body as JSON of type `T` (400 naming the problem when it is not); an empty body
    /// reads as `{}`.
    pub(crate) fn json<T: DeserializeOwned>(&mut self) -> Result<T, ApiError> {
        let bytes = self.body_bytes(JSON_LIMIT)?;
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(text)
            .map_err(|e| ApiError::bad_request(format!("invalid JSON in the request body: {e}")))
    }
}

/// The request body read from a handler's thread, one frame at a time.
pub(crate) struct BodyReader {
    body: Option<Incoming>,
    runtime: tokio::runtime::Handle,
    chunk: Bytes,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use http_body_util::BodyExt;
        while self.chunk.is_empty() {
            let Some(body) = self.body.as_mut() else {
                return Ok(0);
            };
            match self.runtime.block_on(body.frame()) {
                None => {
                    self.body = None;
                    return Ok(0);
                }
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        self.chunk = data;
                    }
                }
                Some(Err(e)) => return Err(io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk[..n]);
        let _ = self.chunk.split_to(n);
        Ok(n)
    }
}

/// Percent-decodes one path segment or query value (`+` stays `+`).
pub(crate) fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query string as decoded pairs (`+` is a space there, as in forms).
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(&k.replace('+', " ")), decode(&v.replace('+', " ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_are_decoded() {
        let q = parse_query("all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D&x&t=a+b");
        assert_eq!(q[0], ("all".into(), "1".into()));
        assert_eq!(q[1].1, r#"{"label":["a=b"]}"#);
        assert_eq!(q[2], ("x".into(), String::new()));
        assert_eq!(q[3].1, "a b");
    }

    #[test]
    fn bad_percent_escapes_stay_as_they_are() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("a%zz"), "a%zz");
        assert_eq!(decode("%41"), "A");
    }
}
