//! `POST /build` (Docker's classic builder protocol) and `POST /commit`.
//!
//! A build is `rcon build … -` as a child process with the request body (the context, a tar
//! stream, maybe compressed) on its stdin: the builder unpacks it as hostile input into a
//! private temporary folder of its own, and its RUN steps start containers from a process
//! that is single-threaded when it must be. Its lines (`STEP 1/3: FROM busybox`, the RUN
//! output, `--> 1a2b3c`, the ID) become `{"stream": …}` lines as they come, the ID an
//! `{"aux": {"ID": …}}` line.
use super::super::http::{ApiError, ApiResult, Reply, Req, Sink};
use super::child::{self, docker_normalized, Line, Running};
use crate::build::context::TempDir;
use crate::cli::Context;
use hyper::http::StatusCode;
use serde_json::{json, Map, Value};
use std::io;

/// A JSON object of strings from a query parameter (`buildargs`, `labels`); 400 when it is
/// not one. A `null` value (a build argument from the daemon's environment) is skipped.
fn string_map(req: &Req, key: &str) -> Result<Vec<(String, String)>, ApiError> {
    let Some(raw) = req.q(key).filter(|s| !s.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    let bad = || {
        ApiError::bad_request(format!(
            "{key}: expected a JSON object of strings, got {raw:?}"
        ))
    };
    let v: Map<String, Value> = serde_json::from_str(raw).map_err(|_| bad())?;
    let mut out = Vec::new();
    for (k, v) in v {
        match v {
            Value::String(s) => out.push((k, s)),
            Value::Null => {}
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// `rcon build`'s arguments for the query.
fn build_args(req: &Req) -> Result<Vec<String>, ApiError> {
    let mut args: Vec<String> = vec!["build".into()];
    let mut push = |flag: &str, v: &str| {
        args.push(flag.to_string());
        args.push(v.to_string());
    };
    if let Some(f) = req.q("dockerfile").filter(|f| !f.is_empty()) {
        if f.starts_with('/') || f.split('/').any(|c| c == "..") {
            return Err(ApiError::bad_request(format!(
                "dockerfile {f:?}: give a path inside the build context"
            )));
        }
        push("--file", f);
    }
    for t in req.q_all("t").into_iter().filter(|t| !t.is_empty()) {
        push("--tag", &docker_normalized(t));
    }
    for (k, v) in string_map(req, "buildargs")? {
        push("--build-arg", &format!("{k}={v}"));
    }
    for (k, v) in string_map(req, "labels")? {
        push("--label", &format!("{k}={v}"));
    }
    if let Some(t) = req.q("target").filter(|t| !t.is_empty()) {
        push("--target", t);
    }
    if let Some(n) = req
        .q("networkmode")
        .filter(|n| !n.is_empty() && *n != "default")
    {
        push("--network", n);
    }
    if let Some(p) = req.q("platform").filter(|p| !p.is_empty()) {
        push("--platform", p);
    }
    if req.q_bool("nocache", false)? {
        args.push("--no-cache".into());
    }
    if req
        .q("pull")
        .is_some_and(|p| !p.is_empty() && p != "0" && p != "false")
    {
        args.push("--pull=always".into());
    }
    if req.q_bool("q", false)? {
        args.push("--quiet".into());
    }
    if req.q("remote").is_some_and(|r| !r.is_empty()) {
        return Err(ApiError::not_implemented(
            "building from a remote context (POST /build?remote=)",
        ));
    }
    args.push("-".into());
    Ok(args)
}

/// `POST /build`.
pub(super) fn build(ctx: &Context, req: &mut Req) -> ApiResult {
    let args = build_args(req)?;
    let quiet = req.q_bool("q", false)?;
    let tags: Vec<String> = req
        .q_all("t")
        .into_iter()
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect();
    // The child works in an empty private folder: nothing it resolves relative lands elsewhere.
    let temp = TempDir::new()
        .map_err(|e| ApiError::internal(format!("cannot make a temp folder for the build: {e}")))?;
    let mut cmd = child::command(ctx, &args)?;
    cmd.current_dir(temp.path());
    let body = Box::new(req.body_reader());
    let mut run = Running::start(cmd, Some(body), Some(temp))?;
    let producer = move |sink: &mut Sink| -> io::Result<()> {
        let mut id = None;
        let mut errors = Vec::new();
        while let Some(l) = run.next_streamed(sink)? {
            match l {
                Line::Out(o) => {
                    if is_id(o.trim()) {
                        id = Some(o.trim().to_string());
                    } else if !quiet {
                        if let Some(s) = docker_line(&o) {
                            child::stream_line(sink, &s)?;
                        }
                    }
                }
                Line::Err(e) if e.starts_with("Error") || !errors.is_empty() => errors.push(e),
                Line::Err(e) if !quiet => child::stream_line(sink, &format!("{e}\n"))?,
                Line::Err(_) => {}
            }
        }
        let ok = run.wait();
        match id.filter(|_| ok) {
            Some(id) => {
                sink.json_line(&json!({"aux": {"ID": format!("sha256:{id}")}}))?;
                if quiet {
                    return child::stream_line(sink, &format!("sha256:{id}\n"));
                }
                child::stream_line(sink, &format!("Successfully built {}\n", &id[..12]))?;
                for t in &tags {
                    let last = t.rsplit('/').next().unwrap_or(t);
                    let t = if last.contains(':') {
                        t.clone()
                    } else {
                        format!("{t}:latest")
                    };
                    child::stream_line(sink, &format!("Successfully tagged {t}\n"))?;
                }
                Ok(())
            }
            None => child::error_line(sink, &child::error_text(&errors)),
        }
    };
    Ok(Reply::Stream(
        StatusCode::OK,
        "application/json",
        Box::new(producer),
    ))
}

/// A full image ID in hex: the builder's last line.
fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// One line of `rcon build` in the classic builder's words; `None` for lines it has no
/// counterpart for (`COMMIT`, `Successfully tagged`, said at the end).
fn docker_line(line: &str) -> Option<String> {
    // `[1/2] STEP 1/3: …` in a multi-stage build.
    let l = match line.strip_prefix('[') {
        Some(rest) if line.contains("] STEP ") => rest.split_once("] ").map_or(line, |(_, r)| r),
        _ => line,
    };
    if let Some(rest) = l.strip_prefix("STEP ") {
        if let Some((n, what)) = rest.split_once(": ") {
            return Some(format!("Step {n} : {what}\n"));
        }
    }
    if l.starts_with("COMMIT") || l.starts_with("Successfully tagged") {
        return None;
    }
    if let Some(rest) = l.strip_prefix("--> ") {
        return Some(format!(" ---> {rest}\n"));
    }
    Some(format!("{line}\n"))
}

/// `POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=`; the body is a
/// container config whose Cmd, Entrypoint, Env, WorkingDir, User, Labels, ExposedPorts and
/// Volumes become the image's. 201 `{"Id": …}`.
pub(super) fn commit(ctx: &Context, req: &mut Req) -> ApiResult {
    let Some(container) = req
        .q("container")
        .filter(|c| !c.is_empty())
        .map(String::from)
    else {
        return Err(ApiError::bad_request("container is required"));
    };
    let body: Value = req.json()?;
    let mut args: Vec<String> = vec!["commit".into(), "--quiet".into()];
    if let Some(a) = req.q("author").filter(|a| !a.is_empty()) {
        args.extend(["--author".into(), a.to_string()]);
    }
    if let Some(m) = req.q("comment").filter(|m| !m.is_empty()) {
        args.extend(["--message".into(), m.to_string()]);
    }
    for c in req.q_all("changes").into_iter().flat_map(|c| c.lines()) {
        if !c.trim().is_empty() {
            args.extend(["--change".into(), c.trim().to_string()]);
        }
    }
    for c in config_changes(&body) {
        args.extend(["--change".into(), c]);
    }
    args.push(container.clone());
    if let Some(repo) = req.q("repo").filter(|r| !r.is_empty()) {
        let tag = req.q("tag").filter(|t| !t.is_empty()).unwrap_or("latest");
        args.push(docker_normalized(&format!("{repo}:{tag}")));
    }
    let mut run = Running::start(child::command(ctx, &args)?, None, None)?;
    let (mut id, mut errors) = (None, Vec::new());
    while let Some(l) = run.next_line() {
        match l {
            Line::Out(o) if is_id(o.trim()) => id = Some(o.trim().to_string()),
            Line::Out(_) => {}
            Line::Err(e) => errors.push(e),
        }
    }
    match (run.wait(), id) {
        (true, Some(id)) => Reply::created(json!({ "Id": format!("sha256:{id}") })),
        _ => {
            let msg = child::error_text(&errors);
            let lower = msg.to_ascii_lowercase();
            if lower.contains("no such container") || lower.contains("no container") {
                return Err(ApiError::not_found(format!(
                    "No such container: {container}"
                )));
            }
            Err(child::error_status(&msg))
        }
    }
}

/// The Containerfile instructions that give an image the body's config.
fn config_changes(c: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let list = |k: &str| {
        c.get(k)
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .map(|a| Value::Array(a.clone()).to_string())
    };
    if let Some(cmd) = list("Cmd") {
        out.push(format!("CMD {cmd}"));
    }
    if let Some(ep) = list("Entrypoint") {
        out.push(format!("ENTRYPOINT {ep}"));
    }
    for e in c.get("Env").and_then(Value::as_array).into_iter().flatten() {
        if let Some((k, v)) = e.as_str().and_then(|e| e.split_once('=')) {
            out.push(format!("ENV {k}={}", Value::from(v)));
        }
    }
    let text = |k: &str| c.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
    if let Some(w) = text("WorkingDir") {
        out.push(format!("WORKDIR {w}"));
    }
    if let Some(u) = text("User") {
        out.push(format!("USER {u}"));
    }
    for (k, v) in c
        .get("Labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(v) = v.as_str() {
            out.push(format!(
                "LABEL {}={}",
                Value::from(k.as_str()),
                Value::from(v)
            ));
        }
    }
    for p in c
        .get("ExposedPorts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        out.push(format!("EXPOSE {}", p.0));
    }
    for v in c
        .get("Volumes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        out.push(format!("VOLUME {}", v.0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_lines_read_as_the_classic_builders() {
        assert_eq!(
            docker_line("STEP 1/3: FROM busybox").unwrap(),
            "Step 1/3 : FROM busybox\n"
        );
        assert_eq!(
            docker_line("[2/2] STEP 1/2: FROM busybox").unwrap(),
            "Step 1/2 : FROM busybox\n"
        );
        assert_eq!(
            docker_line("--> 1a2b3c4d5e6").unwrap(),
            " ---> 1a2b3c4d5e6\n"
        );
        assert!(docker_line("COMMIT x").is_none());
        assert_eq!(docker_line("hello").unwrap(), "hello\n");
    }

    #[test]
    fn a_body_config_becomes_instructions() {
        let c = json!({"Cmd": ["sh", "-c", "x"], "Env": ["A=b c"], "WorkingDir": "/w",
                       "Labels": {"k": "v"}, "ExposedPorts": {"80/tcp": {}}});
        let got = config_changes(&c);
        assert_eq!(
            got,
            [
                r#"CMD ["sh","-c","x"]"#,
                r#"ENV A="b c""#,
                "WORKDIR /w",
                r#"LABEL "k"="v""#,
                "EXPOSE 80/tcp"
            ]
        );
    }
}
