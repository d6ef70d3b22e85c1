//! top and stats, in Docker's shapes.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn top(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("top"))
}

pub(super) fn stats(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("stats"))
}
