//! `/images`: not served yet.
use super::http::{ApiResult, Req};
use crate::cli::Context;

pub(super) fn route(_ctx: &Context, _req: &mut Req) -> Option<ApiResult> {
    None
}
