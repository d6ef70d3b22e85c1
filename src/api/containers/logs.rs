//! GET /containers/{id}/logs: the container's log as `rcon logs` reads it (k8s-file or the
//! journal), in Docker's multiplexed frames unless the container has a TTY; `follow` ends when
//! the container does.
use crate::api::exec::{mux, rcon_find, MULTIPLEXED, RAW};
use crate::api::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::logs::{self as cli_logs, Filter};
use crate::cli::Context;
use crate::container::record::ContainerRecord;
use crate::runtime::supervisor::log::{Line, Stream};
use hyper::http::StatusCode;
use std::io::{self, Write};

pub(super) fn logs(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    check_driver(&record)?;
    let follow = req.q_bool("follow", false)?;
    let stdout = req.q_bool("stdout", false)?;
    let stderr = req.q_bool("stderr", false)?;
    if !stdout && !stderr {
        return Err(ApiError::bad_request("You must choose at least one stream"));
    }
    let now = cli_logs::now_nanos();
    let time = |key: &'static str| -> Result<Option<i128>, ApiError> {
        match req.q(key) {
            None | Some("" | "0") => Ok(None),
            Some(v) => cli_logs::parse_time(key, v, now)
                .map(Some)
                .map_err(|e| ApiError::bad_request(e.to_string())),
        }
    };
    let tail = match req.q("tail") {
        None | Some("" | "all") => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) => usize::try_from(n).ok(),
            Err(_) => {
                return Err(ApiError::bad_request(format!(
                    "query parameter tail={v:?}: expected a number or all"
                )))
            }
        },
    };
    let filter = Filter {
        since: time("since")?,
        until: time("until")?,
        tail,
        timestamps: req.q_bool("timestamps", false)?,
        prefix: None,
    };
    let framed = !record.tty;
    let ctype = if framed { MULTIPLEXED } else { RAW };
    let ctx = ctx.clone();
    Ok(Reply::Stream(
        StatusCode::OK,
        ctype,
        Box::new(move |sink| {
            let mut emit = |f: &Filter, line: &Line| -> io::Result<()> {
                match encode(f, line, stdout, stderr, framed) {
                    Some(bytes) => sink.write_all(&bytes),
                    None => Ok(()),
                }
            };
            cli_logs::stream(&ctx, &record, &filter, follow, &mut emit).map_err(|e| {
                // Nothing more can be said to the client once the stream began.
                io::Error::other(crate::cli::one_line(&e))
            })
        }),
    ))
}

/// Docker refuses logs of a container that keeps none.
fn check_driver(record: &ContainerRecord) -> Result<(), ApiError> {
    match record.log_driver.as_str() {
        "none" | "passthrough" => Err(ApiError::bad_request(format!(
            "configured logging driver does not support reading: container {} uses the {} \
             log driver",
            record.name, record.log_driver
        ))),
        _ => Ok(()),
    }
}

/// One line as the client gets it; `None` when its stream was not asked for.
fn encode(f: &Filter, line: &Line, stdout: bool, stderr: bool, framed: bool) -> Option<Vec<u8>> {
    let stream = match line.stream {
        Stream::Stdout if stdout => 1,
        Stream::Stderr if stderr => 2,
        _ => return None,
    };
    let mut text = Vec::with_capacity(line.text.len() + 40);
    if f.timestamps {
        text.extend_from_slice(line.stamp.as_bytes());
        text.push(b' ');
    }
    text.extend_from_slice(&line.text);
    Some(if framed { mux(stream, &text) } else { text })
}

/// The whole log so far, encoded (an attach with `logs=1`).
pub(super) fn history(
    ctx: &Context,
    record: &ContainerRecord,
    stdout: bool,
    stderr: bool,
    framed: bool,
) -> Result<Vec<u8>, ApiError> {
    if check_driver(record).is_err() {
        return Ok(Vec::new());
    }
    let filter = Filter {
        since: None,
        until: None,
        tail: None,
        timestamps: false,
        prefix: None,
    };
    let mut out = Vec::new();
    let mut emit = |f: &Filter, line: &Line| -> io::Result<()> {
        out.extend(encode(f, line, stdout, stderr, framed).unwrap_or_default());
        Ok(())
    };
    cli_logs::stream(ctx, record, &filter, false, &mut emit)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_framed_by_stream_and_stamped_on_request() {
        let line = Line {
            stamp: "2024-01-02T03:04:05.000000001Z".into(),
            nanos: 0,
            stream: Stream::Stderr,
            text: b"e\n".to_vec(),
        };
        let mut f = Filter {
            since: None,
            until: None,
            tail: None,
            timestamps: false,
            prefix: None,
        };
        assert_eq!(encode(&f, &line, true, true, true).unwrap(), mux(2, b"e\n"));
        assert!(encode(&f, &line, true, false, true).is_none());
        f.timestamps = true;
        assert_eq!(
            encode(&f, &line, false, true, false).unwrap(),
            b"2024-01-02T03:04:05.000000001Z e\n"
        );
    }
}
