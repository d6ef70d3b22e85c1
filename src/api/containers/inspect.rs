//! GET /containers/{id}/json, in Docker's shape.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn inspect(_ctx: &Context, _req: &mut Req, _id: &str) -> ApiResult {
    Err(ApiError::not_implemented("inspect"))
}
