//! `/_ping`, `/version`, `/info`, `/system/df`, `/auth`.
use super::conn::{API_VERSION, MIN_API_VERSION};
use super::http::{ApiResult, Reply, Req};
use crate::cli::Context;
use hyper::http::{Method, StatusCode};
use serde_json::json;

pub(super) fn route(_ctx: &Context, req: &mut Req) -> Option<ApiResult> {
    let m = &req.method;
    Some(match (m, req.path.as_str()) {
        (&Method::GET | &Method::HEAD, "/_ping") => ping(),
        (&Method::GET, "/version") => Reply::ok(version()),
        _ => return None,
    })
}

/// `OK`, as text; the version headers are on every answer (see conn.rs).
fn ping() -> ApiResult {
    Ok(Reply::Bytes(StatusCode::OK, "text/plain; charset=utf-8", b"OK".to_vec()))
}

fn api(v: (u32, u32)) -> String {
    format!("{}.{}", v.0, v.1)
}

/// Docker's `/version` shape; rcon is the engine.
pub(super) fn version() -> serde_json::Value {
    let (kernel, _) = crate::cli::uname();
    let arch = crate::cli::go_arch();
    let version = env!("CARGO_PKG_VERSION");
    json!({
        "Platform": {"Name": "rcon"},
        "Components": [{
            "Name": "Engine",
            "Version": version,
            "Details": {
                "ApiVersion": api(API_VERSION),
                "MinAPIVersion": api(MIN_API_VERSION),
                "Os": "linux",
                "Arch": arch,
                "KernelVersion": kernel,
            },
        }],
        "Version": version,
        "ApiVersion": api(API_VERSION),
        "MinAPIVersion": api(MIN_API_VERSION),
        "GitCommit": "",
        "GoVersion": "",
        "Os": "linux",
        "Arch": arch,
        "KernelVersion": kernel,
        "BuildTime": "",
    })
}
