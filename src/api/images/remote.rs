//! `POST /images/create` (pull, or import with `fromSrc`) and `POST /images/{name}/push`:
//! `rcon pull`, `rcon import` and `rcon push` as child processes, their progress lines turned
//! into Docker's JSON progress stream as they come.
use super::super::http::{ApiError, ApiResult, Reply, Req, Sink};
use super::child::{self, docker_name, Line, Running};
use crate::cli::Context;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::store::index;
use crate::image::Reference;
use hyper::http::StatusCode;
use std::io;

const JSON: &str = "application/json";

/// `POST /images/create?fromImage=&tag=&platform=` or `?fromSrc=-&repo=&tag=`.
pub(super) fn create(ctx: &Context, req: &mut Req) -> ApiResult {
    if let Some(src) = req.q("fromSrc").filter(|s| !s.is_empty()) {
        return import(ctx, req, src.to_string());
    }
    let Some(from) = req.q("fromImage").filter(|s| !s.is_empty()) else {
        return Err(ApiError::bad_request("fromImage or fromSrc is required"));
    };
    let name = with_tag(from, req.q("tag").unwrap_or(""));
    let reference = Reference::parse(&name)
        .map_err(|e| ApiError::bad_request(format!("invalid reference format: {name}: {e}")))?;
    let mut args: Vec<String> = vec!["pull".into()];
    if let Some(p) = req.q("platform").filter(|p| !p.is_empty()) {
        args.extend(["--platform".into(), p.to_string()]);
    }
    let registry = reference.registry.clone();
    let auth = child::auth_file(req.header("x-registry-auth"), &[registry])?;
    let temp = auth.map(|(temp, path)| {
        args.extend(["--authfile".into(), path.display().to_string()]);
        temp
    });
    args.push(name.clone());
    let before = present_id(ctx, &name);
    let mut run = Running::start(child::command(ctx, &args)?, None, temp)?;
    // Until the registry answered, a failure is the request's status (404 for an unknown
    // image); after it, an error line in the stream.
    let mut errors = Vec::new();
    let first = loop {
        match run.next_line() {
            None => {
                run.wait();
                return Err(child::error_status(&child::error_text(&errors)));
            }
            Some(Line::Err(l)) if l.starts_with("Trying to pull") => {}
            Some(Line::Err(l)) if l.starts_with("Error") => errors.push(l),
            Some(l) => break l,
        }
    };
    let repo_path = reference.repository.clone();
    let tag = reference
        .digest
        .as_ref()
        .map(ToString::to_string)
        .or(reference.tag.clone())
        .unwrap_or_else(|| "latest".into());
    let shown = docker_name(&reference.to_string());
    let paths = ctx.paths.clone();
    let producer = move |sink: &mut Sink| -> io::Result<()> {
        child::status_line(sink, &format!("Pulling from {repo_path}"), Some(&tag))?;
        let mut id = None;
        let mut errors = Vec::new();
        let mut line = Some(first);
        while let Some(l) = line
            .take()
            .map_or_else(|| run.next_streamed(sink), |l| Ok(Some(l)))?
        {
            match l {
                Line::Out(hex) => id = Some(hex.trim().to_string()),
                Line::Err(e) => {
                    if let Some(rest) = e.strip_prefix("Copying blob ") {
                        let short = rest.split_whitespace().next().unwrap_or("");
                        let status = if rest.contains("skipped") {
                            "Already exists"
                        } else {
                            "Pull complete"
                        };
                        child::status_line(sink, status, Some(short))?;
                    } else if e.starts_with("Error") || !errors.is_empty() {
                        errors.push(e);
                    }
                }
            }
        }
        if !run.wait() {
            return child::error_line(sink, &child::error_text(&errors));
        }
        let record = id.and_then(|hex| {
            index::read(&paths.storage())
                .ok()?
                .images
                .into_iter()
                .find(|i| i.id.hex() == hex)
        });
        if let Some(r) = &record {
            child::status_line(sink, &format!("Digest: {}", r.digest), None)?;
        }
        let same = record.as_ref().map(|r| r.id.hex().to_string()) == before;
        let status = if same {
            format!("Status: Image is up to date for {shown}")
        } else {
            format!("Status: Downloaded newer image for {shown}")
        };
        child::status_line(sink, &status, None)
    };
    Ok(Reply::Stream(StatusCode::OK, JSON, Box::new(producer)))
}

/// `name` with Docker's separate `tag` parameter (a tag, or a digest).
fn with_tag(name: &str, tag: &str) -> String {
    if tag.is_empty() {
        name.to_string()
    } else if tag.contains(':') {
        format!("{name}@{tag}")
    } else {
        format!("{name}:{tag}")
    }
}

/// The ID (hex) of the image `name` names now, if any.
fn present_id(ctx: &Context, name: &str) -> Option<String> {
    let conf = RegistriesConf::load(&ctx.paths).ok()?;
    let idx = index::read(&ctx.paths.storage()).ok()?;
    lookup::find(&idx, &conf, name)
        .ok()
        .flatten()
        .map(|i| i.id.hex().to_string())
}

/// `fromSrc=-`: the body is a tarball of a root filesystem, imported as `repo:tag`.
fn import(ctx: &Context, req: &mut Req, src: String) -> ApiResult {
    if src != "-" {
        return Err(ApiError::not_implemented(
            "importing from a URL (POST /images/create?fromSrc=URL); send the tarball as the body with fromSrc=-",
        ));
    }
    let mut args: Vec<String> = vec!["import".into()];
    for c in req.q_all("changes") {
        args.extend(["--change".into(), c.to_string()]);
    }
    if let Some(m) = req.q("message").filter(|m| !m.is_empty()) {
        args.extend(["--message".into(), m.to_string()]);
    }
    if let Some(p) = req.q("platform").filter(|p| !p.is_empty()) {
        args.extend(["--platform".into(), p.to_string()]);
    }
    args.push("-".into());
    if let Some(repo) = req.q("repo").filter(|r| !r.is_empty()) {
        args.push(with_tag(repo, req.q("tag").unwrap_or("")));
    }
    let body = Box::new(req.body_reader());
    let mut run = Running::start(child::command(ctx, &args)?, Some(body), None)?;
    let producer = move |sink: &mut Sink| -> io::Result<()> {
        let (mut id, mut errors) = (None, Vec::new());
        while let Some(l) = run.next_streamed(sink)? {
            match l {
                Line::Out(o) if !o.trim().is_empty() => id = Some(o.trim().to_string()),
                Line::Out(_) => {}
                Line::Err(e) => errors.push(e),
            }
        }
        match (run.wait(), id) {
            (true, Some(id)) => child::status_line(sink, &format!("sha256:{id}"), None),
            _ => child::error_line(sink, &child::error_text(&errors)),
        }
    };
    Ok(Reply::Stream(StatusCode::OK, JSON, Box::new(producer)))
}

/// `POST /images/{name}/push?tag=`.
pub(super) fn push(ctx: &Context, req: &mut Req, name: &str) -> ApiResult {
    let full = with_tag(name, req.q("tag").unwrap_or(""));
    let conf = RegistriesConf::load(&ctx.paths).map_err(|e| ApiError::internal(e.to_string()))?;
    let idx = index::read(&ctx.paths.storage())
        .map_err(|e| ApiError::internal(format!("cannot read the image index: {e}")))?;
    let found =
        lookup::find(&idx, &conf, &full).map_err(|e| ApiError::bad_request(e.to_string()))?;
    if found.is_none() {
        return Err(ApiError::not_found(format!(
            "An image does not exist locally with the tag: {name}"
        )));
    }
    let reference = Reference::parse(&full)
        .map_err(|e| ApiError::bad_request(format!("invalid reference format: {full}: {e}")))?;
    let auth = child::auth_file(
        req.header("x-registry-auth"),
        std::slice::from_ref(&reference.registry),
    )?;
    let temp = match auth {
        Some((t, p)) => (t, Some(p)),
        None => (
            crate::build::context::TempDir::new()
                .map_err(|e| ApiError::internal(format!("cannot make a temp folder: {e}")))?,
            None,
        ),
    };
    let digest_file = temp.0.path().join("digest");
    let mut args: Vec<String> = vec![
        "push".into(),
        "--digestfile".into(),
        digest_file.display().to_string(),
    ];
    if let Some(p) = &temp.1 {
        args.extend(["--authfile".into(), p.display().to_string()]);
    }
    // A short name is pushed to docker.io's mirror as `rcon push` pushes it.
    args.push(full.clone());
    let tag = reference.tag.clone().unwrap_or_else(|| "latest".into());
    let repo = docker_name(&reference.name());
    let mut run = Running::start(child::command(ctx, &args)?, None, Some(temp.0))?;
    let paths = ctx.paths.clone();
    let producer = move |sink: &mut Sink| -> io::Result<()> {
        child::status_line(
            sink,
            &format!("The push refers to repository [{repo}]"),
            None,
        )?;
        let mut errors = Vec::new();
        while let Some(l) = run.next_streamed(sink)? {
            let Line::Err(e) = l else { continue };
            if let Some(rest) = e.strip_prefix("Copying blob ") {
                let short = rest.split_whitespace().next().unwrap_or("");
                let status = if rest.contains("skipped") {
                    "Layer already exists"
                } else {
                    "Pushed"
                };
                child::status_line(sink, status, Some(short))?;
            } else if e.starts_with("Error") || !errors.is_empty() {
                errors.push(e);
            }
        }
        if !run.wait() {
            return child::error_line(sink, &child::error_text(&errors));
        }
        let digest = std::fs::read_to_string(&digest_file).unwrap_or_default();
        let digest = digest.trim().to_string();
        let size = manifest_size(&paths, &digest);
        child::status_line(sink, &format!("{tag}: digest: {digest} size: {size}"), None)?;
        sink.json_line(&serde_json::json!({
            "progressDetail": {},
            "aux": {"Tag": tag, "Digest": digest, "Size": size},
        }))
    };
    Ok(Reply::Stream(StatusCode::OK, JSON, Box::new(producer)))
}

/// The size of the pushed manifest when the store has it (rcon pushes the stored manifest
/// unless it converts it); 0 when it does not.
fn manifest_size(paths: &crate::config::Paths, digest: &str) -> usize {
    let Ok(d) = digest.parse::<crate::util::digest::Digest>() else {
        return 0;
    };
    crate::image::store::Store::open(paths)
        .and_then(|s| s.read_blob(&d))
        .map_or(0, |b| b.len())
}
