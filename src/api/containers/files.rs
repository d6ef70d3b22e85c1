//! changes, export, and the archive endpoints docker cp uses.
//!
//! Each runs `rcon` itself as a child (`rcon diff`, `rcon export`, `rcon cp`): copying joins
//! the container's namespaces or mounts a stopped container's root in a helper, which wants a
//! single-threaded process, and `rcon cp` is the code that treats the container's files as the
//! hostile input they are.
use crate::api::exec::{rcon_command, rcon_find};
use crate::api::http::{ApiError, ApiResult, Reply, Req};
use crate::cli::Context;
use base64::Engine as _;
use hyper::http::{Method, StatusCode};
use serde_json::json;
use std::io::{self, Read, Write};
use std::process::{Child, Stdio};

/// Docker's change kinds.
fn kind_of(letter: &str) -> Option<u8> {
    match letter {
        "C" => Some(0),
        "A" => Some(1),
        "D" => Some(2),
        _ => None,
    }
}

/// `GET /containers/{id}/changes`: `[{Path, Kind}]`, from `rcon diff`.
pub(super) fn changes(ctx: &Context, _req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let out = rcon_command(ctx)
        .args(["diff", &record.id])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| ApiError::internal(format!("cannot run rcon diff: {e}")))?;
    if !out.status.success() {
        return Err(child_error(&out.stderr));
    }
    let list: Vec<_> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (k, path) = l.split_once(' ')?;
            Some(json!({ "Path": path, "Kind": kind_of(k)? }))
        })
        .collect();
    Reply::ok(json!(list))
}

/// `GET /containers/{id}/export`: the root filesystem as a tar stream, from `rcon export`.
pub(super) fn export(ctx: &Context, _req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let mut child = spawn_reader(ctx, &["export", &record.id])?;
    let mut stdout = child.stdout.take().expect("piped");
    // The first bytes come before the answer's status: a failure still gets its own.
    let mut first = vec![0u8; 64 * 1024];
    let n = read_some(&mut stdout, &mut first)?;
    if n == 0 {
        return Err(finish_error(child));
    }
    first.truncate(n);
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/x-tar",
        Box::new(move |sink| pipe_rest(first, stdout, child, sink)),
    ))
}

/// The archive endpoints' `path` query parameter, which they need.
fn path_param(req: &Req) -> Result<String, ApiError> {
    req.q("path")
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .ok_or_else(|| ApiError::bad_request("the path query parameter is required"))
}

/// `HEAD|GET /containers/{id}/archive?path=`: the path's stat in `X-Docker-Container-Path-Stat`
/// and (GET) its tar, from `rcon cp CONTAINER:PATH -`.
pub(super) fn archive_get(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let path = path_param(req)?;
    let src = format!("{}:{path}", record.id);
    // Docker's API gives a symlink as itself; its clients follow one themselves (`cp -L`).
    let mut child = spawn_reader(ctx, &["cp", "--no-follow-source", &src, "-"])?;
    let mut stdout = child.stdout.take().expect("piped");
    let (head, stat) = match read_top_entry(&mut stdout) {
        Ok(Some(x)) => x,
        Ok(None) | Err(_) => {
            let e = finish_error(child);
            return Err(if e.status == StatusCode::NOT_FOUND {
                ApiError::not_found(format!(
                    "Could not find the file {path} in container {}",
                    record.name
                ))
            } else {
                e
            });
        }
    };
    let header = base64::engine::general_purpose::STANDARD.encode(stat.to_string());
    let headers = vec![("X-Docker-Container-Path-Stat", header)];
    if req.method == Method::HEAD {
        // The rest is not wanted: the copy ends on its closed pipe.
        drop(stdout);
        let _ = child.wait();
        return Ok(Reply::WithHeaders(
            headers,
            Box::new(Reply::Empty(StatusCode::OK)),
        ));
    }
    Ok(Reply::WithHeaders(
        headers,
        Box::new(Reply::Stream(
            StatusCode::OK,
            "application/x-tar",
            Box::new(move |sink| pipe_rest(head, stdout, child, sink)),
        )),
    ))
}

/// `PUT /containers/{id}/archive?path=`: the body, a tar, extracted into the folder `path`,
/// by `rcon cp - CONTAINER:PATH`.
pub(super) fn archive_put(ctx: &Context, req: &mut Req, id: &str) -> ApiResult {
    let record = rcon_find(ctx, id)?;
    let path = path_param(req)?;
    let dst = format!("{}:{path}", record.id);
    let mut child = rcon_command(ctx)
        .args(["cp", "-", &dst])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ApiError::internal(format!("cannot run rcon cp: {e}")))?;
    let mut stdin = child.stdin.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let mut body = req.body_reader();
    let copied = io::copy(&mut body, &mut stdin);
    drop(stdin);
    let status = child
        .wait()
        .map_err(|e| ApiError::internal(format!("rcon cp: {e}")))?;
    let text = errors.join().unwrap_or_default();
    if !status.success() {
        let e = child_error(&text);
        return Err(if e.status == StatusCode::NOT_FOUND {
            ApiError::not_found(format!(
                "Could not find the file {path} in container {}",
                record.name
            ))
        } else {
            e
        });
    }
    if let Err(e) = copied {
        return Err(ApiError::bad_request(format!(
            "cannot read the archive in the request body: {e}"
        )));
    }
    Ok(Reply::Empty(StatusCode::OK))
}

/// `rcon ARGS` with its stdout to read and its stderr kept for errors.
fn spawn_reader(ctx: &Context, args: &[&str]) -> Result<Child, ApiError> {
    rcon_command(ctx)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ApiError::internal(format!("cannot run rcon {}: {e}", args[0])))
}

fn read_some(r: &mut impl Read, buf: &mut [u8]) -> Result<usize, ApiError> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => {
                return other.map_err(|e| ApiError::internal(format!("cannot read: {e}")));
            }
        }
    }
}

/// The error of a child that wrote nothing: what it said on stderr.
fn finish_error(mut child: Child) -> ApiError {
    let mut text = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut text);
    }
    let _ = child.wait();
    child_error(&text)
}

/// `rcon`'s one-line error as an API error (404 for what is missing).
fn child_error(stderr: &[u8]) -> ApiError {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("rcon failed without a message")
        .trim_start_matches("Error: ")
        .to_string();
    let lower = line.to_ascii_lowercase();
    if lower.contains("no such")
        || lower.contains("not found")
        || lower.contains("could not find")
        || lower.contains("does not exist")
    {
        ApiError::not_found(line)
    } else {
        ApiError::internal(line)
    }
}

/// Sends `head`, then the rest of the child's output; a child that fails midway ends the
/// stream with an error (the client sees a short archive).
fn pipe_rest(
    head: Vec<u8>,
    mut stdout: std::process::ChildStdout,
    mut child: Child,
    sink: &mut crate::api::http::Sink,
) -> io::Result<()> {
    let result = (|| -> io::Result<()> {
        sink.write_all(&head)?;
        io::copy(&mut stdout, sink)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = child.kill();
    }
    let status = child.wait()?;
    result?;
    if !status.success() {
        return Err(io::Error::other(
            child_error(&stderr_of(&mut child)).message,
        ));
    }
    Ok(())
}

fn stderr_of(child: &mut Child) -> Vec<u8> {
    let mut text = Vec::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_end(&mut text);
    }
    text
}

/// Reads tar blocks up to and with the first real entry's header (past PAX and GNU long-name
/// records); the bytes read and Docker's stat of that entry. `None` at an empty stream.
fn read_top_entry(r: &mut impl Read) -> io::Result<Option<(Vec<u8>, serde_json::Value)>> {
    let mut all = Vec::new();
    let mut long_name: Option<String> = None;
    let mut long_link: Option<String> = None;
    let mut pax: Vec<(String, String)> = Vec::new();
    loop {
        let mut block = [0u8; 512];
        if !read_full(r, &mut block)? {
            return Ok(None);
        }
        all.extend_from_slice(&block);
        if block.iter().all(|&b| b == 0) {
            return Ok(None);
        }
        let h = tar::Header::from_byte_slice(&block);
        let size = h.entry_size()? as usize;
        let kind = h.entry_type();
        let ext = matches!(
            kind,
            tar::EntryType::XHeader | tar::EntryType::GNULongName | tar::EntryType::GNULongLink
        ) || kind.as_byte() == b'g';
        if !ext {
            let name = long_name
                .or_else(|| pax_get(&pax, "path"))
                .unwrap_or_else(|| String::from_utf8_lossy(&h.path_bytes()).into_owned());
            let link = long_link
                .or_else(|| pax_get(&pax, "linkpath"))
                .or_else(|| {
                    h.link_name_bytes()
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                })
                .unwrap_or_default();
            return Ok(Some((all, stat_json(h, &name, &link, size))));
        }
        if size > 1 << 20 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "an extension header over 1 MiB",
            ));
        }
        let mut data = vec![0u8; size.div_ceil(512) * 512];
        if !read_full(r, &mut data)? {
            return Ok(None);
        }
        all.extend_from_slice(&data);
        let text = String::from_utf8_lossy(&data[..size]).into_owned();
        match kind {
            tar::EntryType::GNULongName => long_name = Some(text.trim_end_matches('\0').into()),
            tar::EntryType::GNULongLink => long_link = Some(text.trim_end_matches('\0').into()),
            tar::EntryType::XHeader => pax = parse_pax(&text),
            _ => {}
        }
    }
}

fn pax_get(pax: &[(String, String)], key: &str) -> Option<String> {
    pax.iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// PAX records: `LEN key=value\n`.
fn parse_pax(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let (_, kv) = l.split_once(' ')?;
            let (k, v) = kv.split_once('=')?;
            Some((k.to_string(), v.to_string()))
        })
        .collect()
}

/// Docker's `ContainerPathStat`: name, size, mode (Go's `os.FileMode` bits), mtime, linkTarget.
fn stat_json(h: &tar::Header, name: &str, link: &str, size: usize) -> serde_json::Value {
    let perm = h.mode().unwrap_or(0o644) & 0o7777;
    let mut mode = u64::from(perm & 0o777);
    // Go's os.FileMode: type and special bits at the top.
    const DIR: u64 = 1 << 31;
    const SYMLINK: u64 = 1 << 27;
    const SETUID: u64 = 1 << 23;
    const SETGID: u64 = 1 << 22;
    const STICKY: u64 = 1 << 20;
    match h.entry_type() {
        tar::EntryType::Directory => mode |= DIR,
        tar::EntryType::Symlink => mode |= SYMLINK,
        _ => {}
    }
    if perm & 0o4000 != 0 {
        mode |= SETUID;
    }
    if perm & 0o2000 != 0 {
        mode |= SETGID;
    }
    if perm & 0o1000 != 0 {
        mode |= STICKY;
    }
    let mtime = h.mtime().unwrap_or(0) as i64;
    let base = name
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(name);
    json!({
        "name": base,
        "size": size,
        "mode": mode,
        "mtime": crate::util::time::rfc3339(mtime),
        "linkTarget": link,
    })
}

/// Fills `buf`; false at a clean end of stream before it.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) if got == 0 => return Ok(false),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_entry_is_read_past_a_long_name() {
        let mut b = tar::Builder::new(Vec::new());
        let long = "d".repeat(150);
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        h.set_size(0);
        h.set_mtime(0);
        b.append_data(&mut h, format!("{long}/"), io::empty())
            .unwrap();
        let data = b.into_inner().unwrap();
        let (head, stat) = read_top_entry(&mut &data[..]).unwrap().unwrap();
        assert!(data.starts_with(&head));
        assert_eq!(stat["name"], long.as_str());
        assert_eq!(stat["mode"], (1u64 << 31) | 0o755);
        assert_eq!(stat["mtime"], "1970-01-01T00:00:00Z");
    }

    #[test]
    fn rcon_errors_of_missing_paths_are_404() {
        let e = child_error(b"Error: container x: could not find /nope: no such file or folder\n");
        assert_eq!(e.status, StatusCode::NOT_FOUND);
        assert!(!e.message.starts_with("Error"));
        assert_eq!(child_error(b"").status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
