//! Archives: `GET /images/{name}/get`, `GET /images/get?names=…` (a docker-archive tar
//! stream, `rcon save`) and `POST /images/load` (a docker or OCI archive body, `rcon load`).
use super::super::http::{ApiError, ApiResult, Reply, Req, Sink};
use super::child::{self, docker_name, Line, Running};
use super::local::{find, read_index};
use crate::cli::Context;
use hyper::http::StatusCode;
use std::io::{self, Read, Write};
use std::process::Stdio;

/// `GET /images/{name}/get` (`names` of one) and `GET /images/get?names=a&names=b`.
pub(super) fn get(ctx: &Context, names: Vec<String>) -> ApiResult {
    if names.is_empty() {
        return Err(ApiError::bad_request("names is required"));
    }
    let idx = read_index(ctx)?;
    for n in &names {
        find(ctx, &idx, n)?;
    }
    let mut args: Vec<String> = vec!["save".into(), "--format".into(), "docker-archive".into()];
    if names.len() > 1 {
        args.push("--multi-image-archive".into());
    }
    args.extend(names);
    let mut cmd = child::command(ctx, &args)?;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut proc = cmd
        .spawn()
        .map_err(|e| ApiError::internal(format!("cannot start rcon save: {e}")))?;
    let producer = move |sink: &mut Sink| -> io::Result<()> {
        let mut out = proc.stdout.take().expect("piped");
        let mut buf = vec![0u8; 256 << 10];
        let copied = loop {
            match out.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    if let Err(e) = sink.write_all(&buf[..n]) {
                        break Err(e);
                    }
                }
                Err(e) => break Err(e),
            }
        };
        if copied.is_err() {
            // The client went away: the save stops; it wrote nothing but to us.
            if let Ok(pid) = i32::try_from(proc.id()) {
                let _ = nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGTERM,
                );
            }
            let _ = proc.wait();
            return copied;
        }
        let mut err = String::new();
        if let Some(mut e) = proc.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let ok = proc.wait().map(|s| s.success()).unwrap_or(false);
        if !ok {
            // Too late for a status: the archive ends short and the client sees a broken tar.
            log::warn!("rcon save failed: {}", err.trim());
            return Err(io::Error::other(err));
        }
        Ok(())
    };
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/x-tar",
        Box::new(producer),
    ))
}

/// `POST /images/load?quiet=`: the body is a docker-archive or oci-archive tar.
pub(super) fn load(ctx: &Context, req: &mut Req) -> ApiResult {
    let body = Box::new(req.body_reader());
    let args: Vec<String> = vec!["load".into()];
    let mut run = Running::start(child::command(ctx, &args)?, Some(body), None)?;
    let producer = move |sink: &mut Sink| -> io::Result<()> {
        let mut errors = Vec::new();
        while let Some(l) = run.next_streamed(sink)? {
            match l {
                Line::Out(o) => {
                    let text = match o.strip_prefix("Loaded image: ") {
                        Some(name) => format!("Loaded image: {}", docker_name(name.trim())),
                        None => match o.strip_prefix("Loaded image(s): ") {
                            Some(id) => format!("Loaded image ID: {}", id.trim()),
                            None => o,
                        },
                    };
                    child::stream_line(sink, &format!("{text}\n"))?;
                }
                Line::Err(e) => errors.push(e),
            }
        }
        if !run.wait() {
            return child::error_line(sink, &child::error_text(&errors));
        }
        Ok(())
    };
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/json",
        Box::new(producer),
    ))
}
