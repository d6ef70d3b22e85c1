//! start, stop, restart, kill, pause, unpause, wait, rename, update, remove, prune.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn prune(_ctx: &Context, _req: &mut Req) -> ApiResult {
    Err(ApiError::not_implemented("prune"))
}

pub(super) fn start(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("start"))
}

pub(super) fn stop(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("stop"))
}

pub(super) fn restart(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("restart"))
}

pub(super) fn kill(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("kill"))
}

pub(super) fn pause(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("pause"))
}

pub(super) fn unpause(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("unpause"))
}

pub(super) fn wait(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("wait"))
}

pub(super) fn rename(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("rename"))
}

pub(super) fn update(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("update"))
}

pub(super) fn remove(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("remove"))
}
