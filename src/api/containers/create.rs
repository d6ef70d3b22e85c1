//! POST /containers/create: Docker's Config and HostConfig, as rcon create's flags.
use crate::api::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

pub(super) fn create(_ctx: &Context, _req: &mut Req) -> ApiResult {
    Err(ApiError::not_implemented("create"))
}
