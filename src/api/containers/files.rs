//! changes, export, and the archive endpoints docker cp uses.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn changes(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("changes"))
}

pub(super) fn export(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("export"))
}

pub(super) fn archive_get(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("archive_get"))
}

pub(super) fn archive_put(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("archive_put"))
}
