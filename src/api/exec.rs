//! `POST /containers/{id}/exec`, `/exec/{id}/start|resize|json`.
use super::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn create(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("exec"))
}

pub(super) fn route(_ctx: &Context, _req: &mut Req) -> Option<ApiResult> {
    None
}
