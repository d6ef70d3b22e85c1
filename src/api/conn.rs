//! One client connection, served by hyper in a process of its own (the service forks one per
//! connection): requests are parsed by hyper, each runs its handler on a blocking thread, and
//! its [`Reply`] becomes the response, a streamed body or a hijacked connection.
use super::http::{ApiError, Hijacked, Reply, Req, Sink};
use super::routes;
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::http::{header, HeaderValue, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::os::fd::OwnedFd;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};

/// The newest API version rcon serves, and the oldest.
pub(crate) const API_VERSION: (u32, u32) = (1, 44);
pub(crate) const MIN_API_VERSION: (u32, u32) = (1, 24);

/// The largest request head hyper buffers (Docker's `X-Registry-Auth` headers are small).
const MAX_HEAD: usize = 64 << 10;

type Body = BoxBody<Bytes, Infallible>;

/// A connection's socket, which a hijack takes back from hyper as a plain descriptor.
pub(crate) trait Socket: AsyncRead + AsyncWrite + Unpin + Send + 'static {
    fn into_fd(self) -> std::io::Result<OwnedFd>;
}

impl Socket for tokio::net::UnixStream {
    fn into_fd(self) -> std::io::Result<OwnedFd> {
        let s = self.into_std()?;
        s.set_nonblocking(false)?;
        Ok(s.into())
    }
}

impl Socket for tokio::net::TcpStream {
    fn into_fd(self) -> std::io::Result<OwnedFd> {
        let s = self.into_std()?;
        s.set_nonblocking(false)?;
        Ok(s.into())
    }
}

/// Serves `stream` until the client closes it; returns when every request on it is done.
pub(crate) fn serve<S: Socket>(
    ctx: Arc<crate::cli::Context>,
    stream: impl FnOnce() -> std::io::Result<S>,
) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            log::error!("cannot start the connection's runtime: {e}");
            return;
        }
    };
    runtime.block_on(async move {
        let stream = match stream() {
            Ok(s) => s,
            Err(e) => {
                log::warn!("cannot serve a connection: {e}");
                return;
            }
        };
        // A hijacked connection outlives hyper's: its task is awaited before the process ends.
        let (hijacks_tx, mut hijacks) = tokio::sync::mpsc::unbounded_channel();
        let service = hyper::service::service_fn(move |req| {
            handle::<S>(ctx.clone(), req, hijacks_tx.clone())
        });
        let served = hyper::server::conn::http1::Builder::new()
            .max_buf_size(MAX_HEAD)
            // max_buf_size alone lets a larger head through when it comes in few reads.
            .max_header_size(MAX_HEAD)
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades()
            .await;
        if let Err(e) = served {
            log::debug!("connection ended: {e}");
        }
        while let Some(task) = hijacks.recv().await {
            let _ = task.await;
        }
    });
    // Threads still streaming to a client that has gone end with their next write.
    runtime.shutdown_background();
}

/// The `/vX.Y` prefix: the version and the rest of the path.
pub(crate) fn split_version(path: &str) -> Result<((u32, u32), &str), ApiError> {
    let Some(rest) = path.strip_prefix("/v") else {
        return Ok((API_VERSION, path));
    };
    let (num, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let Some((maj, min)) = num.split_once('.') else {
        return Ok((API_VERSION, path));
    };
    let (Ok(maj), Ok(min)) = (maj.parse::<u32>(), min.parse::<u32>()) else {
        return Ok((API_VERSION, path));
    };
    let v = (maj, min);
    if v > API_VERSION {
        return Err(ApiError::bad_request(format!(
            "client version {maj}.{min} is too new. Maximum supported API version is {}.{}",
            API_VERSION.0, API_VERSION.1
        )));
    }
    if v < MIN_API_VERSION {
        return Err(ApiError::bad_request(format!(
            "client version {maj}.{min} is too old. Minimum supported API version is {}.{}, \
             please upgrade your client to a newer version",
            MIN_API_VERSION.0, MIN_API_VERSION.1
        )));
    }
    Ok((v, tail))
}

async fn handle<S: Socket>(
    ctx: Arc<crate::cli::Context>,
    mut req: Request<Incoming>,
    hijacks: tokio::sync::mpsc::UnboundedSender<tokio::task::JoinHandle<()>>,
) -> Result<Response<Body>, Infallible> {
    let upgrade = req.headers().contains_key(header::UPGRADE);
    let on_upgrade = upgrade.then(|| hyper::upgrade::on(&mut req));
    let (parts, body) = req.into_parts();
    let (version, path) = match split_version(parts.uri.path()) {
        Ok(v) => v,
        Err(e) => return Ok(error_response(&e)),
    };
    let head = parts.method == hyper::Method::HEAD;
    let req = Req {
        method: parts.method,
        path: path.to_string(),
        query: super::http::parse_query(parts.uri.query().unwrap_or("")),
        headers: parts.headers,
        version,
        body: Some(body),
        runtime: tokio::runtime::Handle::current(),
    };
    log::debug!("{} {}", req.method, parts.uri);
    let reply = tokio::task::spawn_blocking(move || {
        let mut req = req;
        routes::route(&ctx, &mut req)
    })
    .await;
    let (extra, reply) = match reply {
        Ok(Ok(Reply::WithHeaders(h, r))) => (h, *r),
        Ok(Ok(r)) => (Vec::new(), r),
        Ok(Err(e)) => return Ok(error_response(&e)),
        Err(e) => return Ok(error_response(&ApiError::internal(format!("{e}")))),
    };
    let mut resp = match reply {
        Reply::Json(status, v) => {
            let mut body = serde_json::to_vec(&v).unwrap_or_default();
            body.push(b'\n');
            typed(status, "application/json", full(body))
        }
        Reply::Empty(status) => typed(status, "", full(Vec::new())),
        Reply::Bytes(status, ctype, bytes) => typed(status, ctype, full(bytes)),
        Reply::Stream(status, ctype, producer) => {
            let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(16);
            tokio::task::spawn_blocking(move || {
                let mut sink = Sink::new(tx);
                if let Err(e) = producer(&mut sink) {
                    log::debug!("stream ended: {e}");
                }
            });
            let frames = futures_stream(rx);
            typed(status, ctype, BodyExt::boxed(StreamBody::new(frames)))
        }
        Reply::WithHeaders(..) => {
            return Ok(error_response(&ApiError::internal("nested extra headers")));
        }
        Reply::Hijack(ctype, takeover) => {
            let Some(on_upgrade) = on_upgrade else {
                return Ok(error_response(&ApiError::bad_request(
                    "this endpoint hijacks the connection: send `Connection: Upgrade` and \
                     `Upgrade: tcp`",
                )));
            };
            let task = tokio::spawn(async move {
                let upgraded = match on_upgrade.await {
                    Ok(u) => u,
                    Err(e) => {
                        log::debug!("upgrade failed: {e}");
                        return;
                    }
                };
                let parts = match upgraded.downcast::<TokioIo<S>>() {
                    Ok(p) => p,
                    Err(_) => {
                        log::error!("cannot take the upgraded connection back from hyper");
                        return;
                    }
                };
                let fd = match parts.io.into_inner().into_fd() {
                    Ok(fd) => fd,
                    Err(e) => {
                        log::error!("cannot take the upgraded connection: {e}");
                        return;
                    }
                };
                let hijacked = Hijacked::new(fd, parts.read_buf);
                let _ = tokio::task::spawn_blocking(move || takeover(hijacked)).await;
            });
            let _ = hijacks.send(task);
            let mut r = typed(StatusCode::SWITCHING_PROTOCOLS, ctype, full(Vec::new()));
            let h = r.headers_mut();
            h.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
            h.insert(header::UPGRADE, HeaderValue::from_static("tcp"));
            r
        }
    };
    if head {
        *resp.body_mut() = full(Vec::new());
    }
    common_headers(&mut resp);
    for (k, v) in extra {
        match HeaderValue::from_str(&v) {
            Ok(v) => {
                resp.headers_mut().insert(k, v);
            }
            Err(_) => log::warn!("response header {k}: not valid header text"),
        }
    }
    Ok(resp)
}

/// The stream of a channel's chunks as body frames.
fn futures_stream(
    rx: tokio::sync::mpsc::Receiver<Bytes>,
) -> impl futures_core::Stream<Item = Result<Frame<Bytes>, Infallible>> + Send + 'static {
    struct Chunks(tokio::sync::mpsc::Receiver<Bytes>);
    impl futures_core::Stream for Chunks {
        type Item = Result<Frame<Bytes>, Infallible>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            self.0.poll_recv(cx).map(|c| c.map(|b| Ok(Frame::data(b))))
        }
    }
    Chunks(rx)
}

fn full(bytes: Vec<u8>) -> Body {
    BodyExt::boxed(Full::new(Bytes::from(bytes)))
}

fn typed(status: StatusCode, ctype: &str, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    if !ctype.is_empty() {
        if let Ok(v) = HeaderValue::from_str(ctype) {
            r.headers_mut().insert(header::CONTENT_TYPE, v);
        }
    }
    r
}

/// The headers Docker's daemon puts on every answer.
fn common_headers(r: &mut Response<Body>) {
    let h = r.headers_mut();
    let version = format!("{}.{}", API_VERSION.0, API_VERSION.1);
    if let Ok(v) = HeaderValue::from_str(&version) {
        h.insert("Api-Version", v);
    }
    h.insert("Docker-Experimental", HeaderValue::from_static("false"));
    h.insert("Ostype", HeaderValue::from_static("linux"));
    h.insert(
        header::SERVER,
        HeaderValue::from_static(concat!("rcon/", env!("CARGO_PKG_VERSION"), " (linux)")),
    );
}

pub(crate) fn error_response(e: &ApiError) -> Response<Body> {
    let mut body =
        serde_json::to_vec(&serde_json::json!({ "message": e.message })).unwrap_or_default();
    body.push(b'\n');
    let mut r = typed(e.status, "application/json", full(body));
    common_headers(&mut r);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_prefix_is_split_off() {
        assert_eq!(
            split_version("/v1.41/containers/json").unwrap(),
            ((1, 41), "/containers/json")
        );
        assert_eq!(split_version("/_ping").unwrap(), (API_VERSION, "/_ping"));
        assert_eq!(split_version("/v1.44").unwrap(), ((1, 44), "/"));
        // Not a version: a path of its own.
        assert_eq!(
            split_version("/volumes").unwrap(),
            (API_VERSION, "/volumes")
        );
    }

    #[test]
    fn versions_out_of_range_are_refused() {
        let e = split_version("/v1.51/_ping").unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.message.contains("too new"), "{}", e.message);
        assert!(split_version("/v1.12/_ping")
            .unwrap_err()
            .message
            .contains("too old"));
    }
}
