//! `/images/…`, `/build`, `/commit`, `/distribution/…`: the image endpoints.
//!
//! Image names carry `/` (`docker.io/library/busybox:latest`), so the path after `/images/`
//! is split here: a known last segment (`json`, `history`, `tag`, `push`, `get`) is the
//! action and what comes before it the name; `DELETE` takes the whole rest as the name.
//!
//! | file       | what                                                                  |
//! |------------|-----------------------------------------------------------------------|
//! | local.rs   | list, inspect, history                                                |
//! | remove.rs  | tag, remove, prune                                                    |
//! | remote.rs  | pull (and import) with `/images/create`, push                          |
//! | archive.rs | save (`/get`) and load                                                |
//! | build.rs   | `/build` (the classic builder) and `/commit`                          |
//! | distribution.rs | `/distribution/{name}/json`: the registry's manifest and platforms |
//! | child.rs   | `rcon` as a child process, its lines as Docker's JSON stream          |
use super::http::{decode, ApiError, ApiResult, Req};
use crate::cli::Context;
use hyper::http::Method;

mod archive;
mod build;
mod child;
mod distribution;
mod local;
mod remote;
mod remove;

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let path = req.path.clone();
    let m = req.method.clone();
    match (&m, path.as_str()) {
        (&Method::POST, "/build") => return Some(build::build(ctx, req)),
        (&Method::POST, "/build/prune") => {
            return Some(Err(ApiError::not_implemented(
                "the build cache (POST /build/prune); use `rcon image prune --build-cache`",
            )))
        }
        (&Method::POST, "/build/cancel") => {
            return Some(Err(ApiError::not_implemented("POST /build/cancel")))
        }
        (&Method::POST, "/commit") => return Some(build::commit(ctx, req)),
        _ => {}
    }
    if let Some(rest) = path.strip_prefix("/distribution/") {
        let rest = decode(rest);
        return match (&m, rest.strip_suffix("/json")) {
            (&Method::GET, Some(name)) if !name.is_empty() => {
                Some(distribution::inspect(ctx, req, name))
            }
            _ => None,
        };
    }
    let rest = path.strip_prefix("/images")?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let rest = decode(rest.trim_start_matches('/'));
    Some(match (&m, rest.as_str()) {
        (&Method::GET, "json") => local::list(ctx, req),
        (&Method::POST, "create") => remote::create(ctx, req),
        (&Method::POST, "load") => archive::load(ctx, req),
        (&Method::POST, "prune") => remove::prune(ctx, req),
        (&Method::GET, "search") => Err(ApiError::not_implemented(
            "GET /images/search (registry search)",
        )),
        (&Method::GET, "get") => {
            let names = req.q_all("names").into_iter().map(String::from).collect();
            archive::get(ctx, names)
        }
        (&Method::DELETE, name) if !name.is_empty() => remove::delete(ctx, req, name),
        (_, rest) => {
            let (name, action) = rest.rsplit_once('/')?;
            if name.is_empty() {
                return None;
            }
            match (&m, action) {
                (&Method::GET, "json") => local::inspect(ctx, req, name),
                (&Method::GET, "history") => local::history(ctx, req, name),
                (&Method::POST, "tag") => remove::tag(ctx, req, name),
                (&Method::POST, "push") => remote::push(ctx, req, name),
                (&Method::GET, "get") => archive::get(ctx, vec![name.to_string()]),
                _ => return None,
            }
        }
    })
}
