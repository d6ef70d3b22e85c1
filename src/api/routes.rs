//! Path → handler. Each area's module routes its own paths; what none of them knows is 404,
//! as Docker's daemon answers it.
use super::http::{ApiError, ApiResult, Req};
use crate::cli::Context;

/// Runs the handler of `req`'s path.
pub(crate) fn route(ctx: &Context, req: &mut Req) -> ApiResult {
    let path = req.path.clone();
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let found = match first {
        "_ping" | "version" | "info" | "system" | "auth" => super::system::route(ctx, req),
        "events" => super::events::route(ctx, req),
        "containers" => super::containers::route(ctx, req),
        "exec" => super::exec::route(ctx, req),
        "images" | "build" | "commit" | "distribution" => super::images::route(ctx, req),
        "networks" => super::networks::route(ctx, req),
        "volumes" => super::volumes::route(ctx, req),
        "swarm" | "nodes" | "services" | "tasks" | "secrets" | "configs" | "plugins"
        | "session" | "grpc" => {
            return Err(ApiError::not_implemented(&format!(
                "/{first} (a Docker Engine feature rcon has no counterpart for)"
            )))
        }
        _ => None,
    };
    found.unwrap_or_else(|| Err(not_found(req)))
}

/// Docker's answer to a path it does not serve.
pub(crate) fn not_found(req: &Req) -> ApiError {
    ApiError::not_found(format!("page not found: {} {}", req.method, req.path))
}

/// The path's segments after `prefix` (`/containers`), percent-decoded; `None` when the path
/// does not start with it.
pub(crate) fn segments(path: &str, prefix: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix(prefix)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    Some(
        rest.split('/')
            .filter(|s| !s.is_empty())
            .map(super::http::decode)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn segments_follow_the_prefix_only() {
        assert_eq!(
            segments("/containers/abc/json", "/containers").unwrap(),
            ["abc", "json"]
        );
        assert_eq!(
            segments("/containers", "/containers").unwrap(),
            Vec::<String>::new()
        );
        assert!(segments("/containersx", "/containers").is_none());
        assert_eq!(
            segments("/containers/a%2Fb", "/containers").unwrap(),
            ["a/b"]
        );
    }
}
