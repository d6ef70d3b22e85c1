//! GET /containers/json.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn list(_ctx: &Context, _req: &mut Req) -> ApiResult {
    Err(ApiError::not_implemented("list"))
}
