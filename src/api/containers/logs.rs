//! GET /containers/{id}/logs.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn logs(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("logs"))
}
