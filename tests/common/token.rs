//! A bearer-token server for the token-auth registry, run by the test in a thread.
//!
//! distribution 2.8 (`registry/auth/token`) accepts a JWT whose header carries either an `x5c`
//! certificate chain that verifies up to a certificate in the registry's `rootcertbundle`, or a
//! `kid` that is a libtrust fingerprint of a key in that bundle. We use `x5c`: the signing
//! certificate is self-signed and is itself the whole bundle. The claims must name the
//! configured `iss` and `aud` (the service), be within `nbf`..`exp`, and grant the repository
//! actions in `access`. The signature is RS256, made by `openssl dgst -sha256 -sign`.
//!
//! Requests: `GET /token?service=…&scope=repository:<name>:pull[,push]` with Basic credentials
//! (or the OAuth2 form `POST /token` with `grant_type=password`). Right credentials get the
//! requested access; no credentials get a token without access (so a private pull fails with
//! 401, as on Docker Hub); wrong credentials get 401.
use base64::Engine as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub const SERVICE: &str = "rcon-test-registry";
pub const ISSUER: &str = "rcon-test-issuer";

/// The running token server; stops on drop.
pub struct TokenServer {
    pub port: u16,
    /// The certificate bundle the registry trusts (`rootcertbundle`).
    pub cert_path: PathBuf,
    stop: Arc<AtomicBool>,
    /// Every request as `user-or-"anonymous" scope...`, for assertions.
    pub log: Arc<Mutex<Vec<String>>>,
}

struct Signer {
    key: PathBuf,
    cert_der_b64: String,
    user: String,
    password: String,
}

impl TokenServer {
    /// Makes an RSA key and self-signed certificate in `dir` and starts serving on loopback.
    pub fn start(dir: &Path, user: &str, password: &str) -> TokenServer {
        let key = dir.join("token.key");
        let cert = dir.join("token.crt");
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=rcon test token issuer",
            "-keyout",
            key.to_str().unwrap(),
            "-out",
            cert.to_str().unwrap(),
        ]);
        let der = openssl(&["x509", "-in", cert.to_str().unwrap(), "-outform", "DER"]);
        let signer = Arc::new(Signer {
            key,
            cert_der_b64: base64::engine::general_purpose::STANDARD.encode(der),
            user: user.into(),
            password: password.into(),
        });
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stop2, log2) = (stop.clone(), log.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (signer, log) = (signer.clone(), log2.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &signer, &log);
                });
            }
        });
        TokenServer {
            port,
            cert_path: cert,
            stop,
            log,
        }
    }

    /// The realm URL for the registry's config.
    pub fn realm(&self) -> String {
        format!("http://127.0.0.1:{}/token", self.port)
    }
}

impl Drop for TokenServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(conn: TcpStream, signer: &Signer, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let mut auth = None;
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "authorization" => auth = Some(v.trim().to_string()),
                "content-length" => length = v.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let mut params = parse_form(query);
    if method == "POST" {
        params.extend(parse_form(&String::from_utf8_lossy(&body)));
    }
    let mut creds = auth
        .as_deref()
        .and_then(|a| a.strip_prefix("Basic "))
        .and_then(|b| {
            let raw = base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()?;
            let s = String::from_utf8(raw).ok()?;
            s.split_once(':')
                .map(|(u, p)| (u.to_string(), p.to_string()))
        });
    if creds.is_none()
        && params
            .iter()
            .any(|(k, v)| k == "grant_type" && v == "password")
    {
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        creds = Some((get("username"), get("password")));
    }
    let scopes: Vec<String> = params
        .iter()
        .filter(|(k, _)| k == "scope")
        .flat_map(|(_, v)| v.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let who = creds
        .as_ref()
        .map(|(u, _)| u.clone())
        .unwrap_or_else(|| "anonymous".into());
    log.lock()
        .unwrap()
        .push(format!("{method} {who} {}", scopes.join(" ")));
    let mut out = conn;
    if path != "/token" {
        return respond(&mut out, "404 Not Found", "{}");
    }
    let granted = match &creds {
        Some((u, p)) if *u == signer.user && *p == signer.password => true,
        Some(_) => {
            return respond(
                &mut out,
                "401 Unauthorized",
                r#"{"errors":[{"code":"UNAUTHORIZED","message":"wrong username or password"}]}"#,
            )
        }
        None => false,
    };
    let access: Vec<serde_json::Value> = if granted {
        scopes
            .iter()
            .filter_map(|s| {
                let mut it = s.splitn(3, ':');
                let (kind, name, actions) = (it.next()?, it.next()?, it.next()?);
                Some(serde_json::json!({ "type": kind, "name": name, "actions": actions.split(',').collect::<Vec<_>>() }))
            })
            .collect()
    } else {
        Vec::new()
    };
    let token = sign(signer, &who, access);
    let body =
        serde_json::json!({ "token": token, "access_token": token, "expires_in": 600 }).to_string();
    respond(&mut out, "200 OK", &body)
}

fn respond(out: &mut TcpStream, status: &str, body: &str) -> std::io::Result<()> {
    write!(out, "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())?;
    out.flush()
}

fn b64url(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

/// A JWT for `sub` with `access`, signed RS256 with `x5c` = the signing certificate.
fn sign(signer: &Signer, sub: &str, access: Vec<serde_json::Value>) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = serde_json::json!({ "typ": "JWT", "alg": "RS256", "x5c": [signer.cert_der_b64] });
    let claims = serde_json::json!({
        "iss": ISSUER, "sub": sub, "aud": SERVICE,
        "exp": now + 600, "nbf": now - 10, "iat": now, "jti": format!("{}", super::nanos()),
        "access": access,
    });
    let input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes())
    );
    let mut child = Command::new("openssl")
        .args(["dgst", "-sha256", "-sign"])
        .arg(&signer.key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run openssl");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "openssl dgst -sign failed");
    format!("{input}.{}", b64url(&out.stdout))
}

/// Runs openssl, failing the test with its stderr; returns stdout.
pub fn openssl(args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("run openssl: install openssl");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Parses `a=b&c=d` with percent-decoding and `+` as space.
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(v) => {
                    out.push(v);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
