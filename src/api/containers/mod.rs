//! `/containers/…`: every container endpoint, each in the file of its kind.
use super::http::{ApiError, ApiResult, Req};
use super::routes::segments;
use crate::cli::Context;
use hyper::http::Method;

mod attach;
mod create;
mod files;
mod inspect;
mod lifecycle;
mod list;
mod logs;
mod stats;

pub(super) fn route(ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let segs = segments(&req.path, "/containers")?;
    let m = req.method.clone();
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    Some(match (&m, s.as_slice()) {
        (&Method::GET, ["json"]) => list::list(ctx, req),
        (&Method::POST, ["create"]) => create::create(ctx, req),
        (&Method::POST, ["prune"]) => lifecycle::prune(ctx, req),
        (&Method::GET, [id, "json"]) => inspect::inspect(ctx, req, id),
        (&Method::GET, [id, "top"]) => stats::top(ctx, req, id),
        (&Method::GET, [id, "stats"]) => stats::stats(ctx, req, id),
        (&Method::GET, [id, "logs"]) => logs::logs(ctx, req, id),
        (&Method::GET, [id, "changes"]) => files::changes(ctx, req, id),
        (&Method::GET, [id, "export"]) => files::export(ctx, req, id),
        (&Method::GET | &Method::HEAD, [id, "archive"]) => files::archive_get(ctx, req, id),
        (&Method::PUT, [id, "archive"]) => files::archive_put(ctx, req, id),
        (&Method::POST, [id, "start"]) => lifecycle::start(ctx, req, id),
        (&Method::POST, [id, "stop"]) => lifecycle::stop(ctx, req, id),
        (&Method::POST, [id, "restart"]) => lifecycle::restart(ctx, req, id),
        (&Method::POST, [id, "kill"]) => lifecycle::kill(ctx, req, id),
        (&Method::POST, [id, "pause"]) => lifecycle::pause(ctx, req, id),
        (&Method::POST, [id, "unpause"]) => lifecycle::unpause(ctx, req, id),
        (&Method::POST, [id, "wait"]) => lifecycle::wait(ctx, req, id),
        (&Method::POST, [id, "rename"]) => lifecycle::rename(ctx, req, id),
        (&Method::POST, [id, "update"]) => lifecycle::update(ctx, req, id),
        (&Method::DELETE, [id]) => lifecycle::remove(ctx, req, id),
        (&Method::POST, [id, "attach"]) => attach::attach(ctx, req, id),
        (&Method::POST, [id, "resize"]) => attach::resize(ctx, req, id),
        (&Method::POST, [id, "exec"]) => super::exec::create(ctx, req, id),
        (_, [_, "attach", "ws"]) => Err(ApiError::not_implemented(
            "attaching over a websocket (/containers/{id}/attach/ws)",
        )),
        _ => return None,
    })
}
