//! Small HTTP helpers for the registry client: URL splitting, `Location` resolution, response
//! headers, one-line summaries of error bodies, and ureq errors mapped to registry errors.
use super::RegistryError;
use std::io::Read;
use ureq::http::Response;
use ureq::Body;

pub(super) fn header(resp: &Response<Body>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// A registry's error body (the distribution spec's `errors`).
#[derive(serde::Deserialize)]
struct Errors {
    errors: Vec<ErrorEntry>,
}

#[derive(serde::Deserialize)]
struct ErrorEntry {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

/// The first 4 KiB of an answer's body.
fn head_of(resp: Response<Body>) -> Vec<u8> {
    let mut body = Vec::new();
    let _ = resp
        .into_body()
        .into_reader()
        .take(4096)
        .read_to_end(&mut body);
    body
}

/// The errors of a body in the distribution spec's JSON, as Docker and Podman print them
/// (`unauthorized: authentication required`); `None` when it has none.
fn spec_errors(body: &[u8]) -> Option<String> {
    let e = serde_json::from_slice::<Errors>(body).ok()?;
    (!e.errors.is_empty()).then(|| {
        e.errors
            .iter()
            .map(|e| format!("{}: {}", e.code.to_lowercase(), e.message))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The registry's own words for a refusal; empty when its body has none.
pub(super) fn refusal(resp: Response<Body>) -> String {
    spec_errors(&head_of(resp)).unwrap_or_default()
}

/// A short one-line summary of an error answer: the registry's errors when it sent the
/// distribution spec's JSON, else the start of the body.
pub(super) fn body_snippet(resp: Response<Body>) -> String {
    let body = head_of(resp);
    let text = spec_errors(&body).unwrap_or_else(|| String::from_utf8_lossy(&body).into_owned());
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 200 {
        format!("{}…", one_line.chars().take(200).collect::<String>())
    } else if one_line.is_empty() {
        "(empty body)".into()
    } else {
        one_line
    }
}

pub(super) fn map_ureq_error(host: &str, e: ureq::Error) -> RegistryError {
    let detail = e.to_string();
    let tls = match &e {
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => true,
        ureq::Error::Io(_) => detail.contains("rustls") || detail.contains("certificate"),
        _ => false,
    };
    if tls {
        RegistryError::Tls {
            host: host.into(),
            detail,
        }
    } else {
        RegistryError::Connect {
            host: host.into(),
            detail,
        }
    }
}

/// The scheme and authority of an absolute http(s) URL.
pub(super) fn split_url(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then_some((scheme, authority))
}

/// Resolves a `Location` header against the URL that answered with it.
pub(super) fn resolve_location(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.is_empty() {
        return None;
    }
    let (scheme, authority) = split_url(base)?;
    let has_scheme = location.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
    });
    if has_scheme {
        split_url(location)?;
        return Some(location.to_string());
    }
    if let Some(rest) = location.strip_prefix("//") {
        return Some(format!("{scheme}://{rest}"));
    }
    if location.starts_with('/') {
        return Some(format!("{scheme}://{authority}{location}"));
    }
    let path = &base[scheme.len() + 3 + authority.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    Some(format!("{scheme}://{authority}{dir}{location}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_locations_resolve_like_a_browser() {
        let base = "https://reg.example:5000/v2/a/blobs/sha256:1?x=y";
        assert_eq!(
            resolve_location(base, "https://s3.example/b?sig=1").unwrap(),
            "https://s3.example/b?sig=1"
        );
        assert_eq!(
            resolve_location(base, "//cdn.example/c").unwrap(),
            "https://cdn.example/c"
        );
        assert_eq!(
            resolve_location(base, "/other").unwrap(),
            "https://reg.example:5000/other"
        );
        assert_eq!(
            resolve_location(base, "rel").unwrap(),
            "https://reg.example:5000/v2/a/blobs/rel"
        );
        assert_eq!(resolve_location(base, ""), None);
        assert_eq!(resolve_location(base, "ftp://x/y"), None);
    }

    #[test]
    fn urls_split_into_scheme_and_authority() {
        assert_eq!(split_url("https://a.b:1/x?y"), Some(("https", "a.b:1")));
        assert_eq!(split_url("http://a?q"), Some(("http", "a")));
        assert_eq!(split_url("file:///x"), None);
        assert_eq!(split_url("https:///x"), None);
    }
}
