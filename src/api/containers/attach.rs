//! POST /containers/{id}/attach (hijacked) and resize.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn attach(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("attach"))
}

pub(super) fn resize(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("resize"))
}
