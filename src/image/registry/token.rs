//! Registry authentication: parsing `WWW-Authenticate` challenges (Bearer and Basic), the
//! token request URL and answer, and the per-(host, scope) cache of `Authorization` headers.
use crate::config::auth::Credentials;
use base64::Engine as _;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One authentication challenge from a `WWW-Authenticate` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Challenge {
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
    Basic,
}

/// Parses every challenge in one `WWW-Authenticate` value, e.g.
/// `Bearer realm="https://auth.example/token",service="registry.example"` or
/// `Basic realm="Registry"`. Unknown schemes are skipped; a Bearer without a realm is dropped.
pub(crate) fn parse_www_authenticate(header: &str) -> Vec<Challenge> {
    let mut out = Vec::new();
    let mut p = Parser {
        s: header.as_bytes(),
        i: 0,
    };
    loop {
        p.skip(|b| b == b' ' || b == b'\t' || b == b',');
        let scheme = p.token();
        if scheme.is_empty() {
            break;
        }
        let mut params: HashMap<String, String> = HashMap::new();
        loop {
            p.skip(|b| b == b' ' || b == b'\t' || b == b',');
            let save = p.i;
            let key = p.token();
            p.skip(|b| b == b' ' || b == b'\t');
            if key.is_empty() || !p.eat(b'=') {
                // Not `key=`: the start of the next challenge.
                p.i = save;
                break;
            }
            p.skip(|b| b == b' ' || b == b'\t');
            let value = if p.eat(b'"') { p.quoted() } else { p.token() };
            params.insert(key.to_ascii_lowercase(), value);
        }
        match scheme.to_ascii_lowercase().as_str() {
            "bearer" => {
                if let Some(realm) = params.remove("realm").filter(|r| !r.is_empty()) {
                    out.push(Challenge::Bearer {
                        realm,
                        service: params.remove("service"),
                        scope: params.remove("scope"),
                    });
                }
            }
            "basic" => out.push(Challenge::Basic),
            _ => {}
        }
        if p.i >= p.s.len() {
            break;
        }
    }
    out
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn skip(&mut self, f: impl Fn(u8) -> bool) {
        while self.i < self.s.len() && f(self.s[self.i]) {
            self.i += 1;
        }
    }
    fn eat(&mut self, b: u8) -> bool {
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// An RFC 7230 token (plus `/` and `:` so unquoted URLs and scopes survive).
    fn token(&mut self) -> String {
        let start = self.i;
        self.skip(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/:".contains(&b));
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }
    /// A quoted string after its opening quote, with `\` escapes.
    fn quoted(&mut self) -> String {
        let mut out = Vec::new();
        while self.i < self.s.len() {
            let b = self.s[self.i];
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' if self.i < self.s.len() => {
                    out.push(self.s[self.i]);
                    self.i += 1;
                }
                _ => out.push(b),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The pull scope for a repository.
pub(crate) fn pull_scope(repository: &str) -> String {
    format!("repository:{repository}:pull")
}

/// The scope a push asks for: pull and push on the destination, and pull on the repository
/// a blob is mounted from, if any.
pub(crate) fn push_scope(repository: &str, mount_from: Option<&str>) -> String {
    let mut scope = format!("repository:{repository}:pull,push");
    if let Some(from) = mount_from.filter(|f| *f != repository) {
        scope.push(' ');
        scope.push_str(&pull_scope(from));
    }
    scope
}

/// The token request URL: the realm with `service`, `scope` and, when logging in,
/// `account` added as query parameters.
pub(crate) fn token_url(
    realm: &str,
    service: Option<&str>,
    scope: Option<&str>,
    account: Option<&str>,
) -> String {
    let mut url = realm.to_string();
    let mut sep = if realm.contains('?') { '&' } else { '?' };
    // Several scopes (a push that mounts from another repository) are space-separated here
    // and go out as one `scope` parameter each, as the token spec asks.
    let scopes = scope.into_iter().flat_map(|s| s.split(' ')).map(Some);
    let params = std::iter::once(("service", service))
        .chain(scopes.map(|s| ("scope", s)))
        .chain(std::iter::once(("account", account)));
    for (k, v) in params {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            url.push(sep);
            url.push_str(k);
            url.push('=');
            url.push_str(&percent_encode(v));
            sep = '&';
        }
    }
    url
}

/// The OAuth2 form that trades an identity (refresh) token for an access token.
pub(crate) fn oauth_form(
    service: Option<&str>,
    scope: Option<&str>,
    refresh_token: &str,
) -> String {
    let mut form = format!(
        "grant_type=refresh_token&client_id=rcon&refresh_token={}",
        percent_encode(refresh_token)
    );
    for (k, v) in [("service", service), ("scope", scope)] {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            form.push_str(&format!("&{k}={}", percent_encode(v)));
        }
    }
    form
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A token endpoint's answer: the token and how long it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) token: String,
    pub(crate) expires_in: Duration,
}

/// Why a token endpoint's answer is unusable.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TokenError {
    #[error("token answer is not valid JSON: {source}")]
    Json {
        #[source]
        source: serde_json::Error,
    },
    #[error("token answer has neither \"token\" nor \"access_token\"")]
    NoToken,
}

/// Parses a token endpoint's JSON answer (`token` or `access_token`; `expires_in` seconds,
/// 60 when absent as the distribution spec says).
pub(crate) fn parse_token_response(body: &[u8]) -> Result<Token, TokenError> {
    #[derive(serde::Deserialize)]
    struct Raw {
        token: Option<String>,
        access_token: Option<String>,
        expires_in: Option<u64>,
    }
    let raw: Raw = serde_json::from_slice(body).map_err(|source| TokenError::Json { source })?;
    let token = raw
        .token
        .filter(|t| !t.is_empty())
        .or(raw.access_token.filter(|t| !t.is_empty()))
        .ok_or(TokenError::NoToken)?;
    let expires_in = Duration::from_secs(raw.expires_in.filter(|s| *s > 0).unwrap_or(60));
    Ok(Token { token, expires_in })
}

/// The `Authorization` value for Basic authentication.
pub(crate) fn basic_header(creds: &Credentials) -> String {
    let raw = format!("{}:{}", creds.username, creds.password);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// (host, scope) → (`Authorization` value, when it stops being used).
type AuthEntries = HashMap<(String, String), (String, Option<Instant>)>;

/// `Authorization` headers that worked, per (host, scope), until they expire.
#[derive(Default)]
pub(crate) struct AuthCache {
    entries: Mutex<AuthEntries>,
}

impl AuthCache {
    /// A live cached header for `host` and `scope`.
    pub(crate) fn get(&self, host: &str, scope: &str) -> Option<String> {
        let mut map = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let key = (host.to_string(), scope.to_string());
        match map.get(&key) {
            Some((header, None)) => Some(header.clone()),
            Some((header, Some(until))) if Instant::now() < *until => Some(header.clone()),
            Some(_) => {
                map.remove(&key);
                None
            }
            None => None,
        }
    }

    /// Remembers a header; `lifetime` None means until the process ends (Basic). Tokens are
    /// dropped 10% (at most 30 s) before they expire, so a request never races the expiry.
    pub(crate) fn put(&self, host: &str, scope: &str, header: String, lifetime: Option<Duration>) {
        let until = lifetime.map(|l| Instant::now() + l - (l / 10).min(Duration::from_secs(30)));
        let mut map = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        map.insert((host.to_string(), scope.to_string()), (header, until));
    }

    /// Forgets a header the registry refused.
    pub(crate) fn remove(&self, host: &str, scope: &str) {
        let mut map = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&(host.to_string(), scope.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_docker_hub_bearer() {
        let h = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#;
        assert_eq!(
            parse_www_authenticate(h),
            vec![Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/alpine:pull".into()),
            }]
        );
    }

    #[test]
    fn parses_basic_unquoted_escaped_and_several_challenges() {
        assert_eq!(
            parse_www_authenticate(r#"Basic realm="Registry Realm""#),
            vec![Challenge::Basic]
        );
        assert_eq!(parse_www_authenticate("basic"), vec![Challenge::Basic]);
        let h = r#"Bearer realm=https://h/token, service="a \"b\"" , Basic realm="x", Negotiate"#;
        assert_eq!(
            parse_www_authenticate(h),
            vec![
                Challenge::Bearer {
                    realm: "https://h/token".into(),
                    service: Some("a \"b\"".into()),
                    scope: None
                },
                Challenge::Basic
            ]
        );
        assert_eq!(parse_www_authenticate(r#"Bearer service="x""#), vec![]);
        assert_eq!(parse_www_authenticate(""), vec![]);
    }

    #[test]
    fn token_url_encodes_and_appends() {
        assert_eq!(
            token_url(
                "https://a/token",
                Some("reg.io"),
                Some("repository:x/y:pull"),
                None
            ),
            "https://a/token?service=reg.io&scope=repository%3Ax%2Fy%3Apull"
        );
        assert_eq!(
            token_url("https://a/t?x=1", None, Some("s"), Some("me")),
            "https://a/t?x=1&scope=s&account=me"
        );
    }

    #[test]
    fn push_scopes_ask_for_the_mount_source_as_a_second_scope() {
        assert_eq!(push_scope("a/b", None), "repository:a/b:pull,push");
        assert_eq!(push_scope("a/b", Some("a/b")), "repository:a/b:pull,push");
        let both = push_scope("a/b", Some("c"));
        assert_eq!(
            token_url("https://t/token", None, Some(&both), None),
            "https://t/token?scope=repository%3Aa%2Fb%3Apull%2Cpush&scope=repository%3Ac%3Apull"
        );
    }

    #[test]
    fn oauth_form_carries_the_refresh_token() {
        assert_eq!(
            oauth_form(Some("reg.io"), Some("repository:a:pull"), "r/t="),
            "grant_type=refresh_token&client_id=rcon&refresh_token=r%2Ft%3D&service=reg.io&scope=repository%3Aa%3Apull"
        );
    }

    #[test]
    fn token_answers_use_token_or_access_token() {
        let t = parse_token_response(br#"{"token":"abc","expires_in":300}"#).unwrap();
        assert_eq!(
            t,
            Token {
                token: "abc".into(),
                expires_in: Duration::from_secs(300)
            }
        );
        let t = parse_token_response(br#"{"access_token":"xyz"}"#).unwrap();
        assert_eq!(t.token, "xyz");
        assert_eq!(t.expires_in, Duration::from_secs(60));
        assert!(parse_token_response(br#"{"expires_in":3}"#).is_err());
        assert!(parse_token_response(b"<html>").is_err());
    }

    #[test]
    fn cache_expires_entries() {
        let c = AuthCache::default();
        c.put("h", "s", "Bearer a".into(), Some(Duration::from_secs(300)));
        c.put("h", "old", "Bearer b".into(), Some(Duration::ZERO));
        c.put("h", "", "Basic c".into(), None);
        assert_eq!(c.get("h", "s").as_deref(), Some("Bearer a"));
        assert_eq!(c.get("h", "old"), None);
        assert_eq!(c.get("h", "").as_deref(), Some("Basic c"));
        assert_eq!(c.get("other", "s"), None);
        c.remove("h", "s");
        assert_eq!(c.get("h", "s"), None);
    }

    #[test]
    fn basic_header_is_base64_of_user_colon_password() {
        let creds = Credentials::new("user", "pa:ss");
        assert_eq!(basic_header(&creds), "Basic dXNlcjpwYTpzcw==");
    }
}
