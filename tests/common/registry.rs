//! A real registry on loopback: Debian's `docker-registry` (CNCF distribution 2.8) serving
//! `config.yml` from a folder of the test, on a free 127.0.0.1 port, killed on drop.
//!
//! Three flavours: plain HTTP ([`Registry::start`]), TLS with a CA the test makes with openssl
//! and installs in the test users' `certs.d` ([`Registry::start_tls`]), and bearer-token auth
//! with a token server in a thread ([`Registry::start_token_auth`]). Every flavour comes with a
//! [`Client`] that can push to it (with the admin credentials for the token flavour).
use super::push::Client;
use super::token::{self, openssl, TokenServer};
use super::{image, TestEnv};
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running registry.
pub struct Registry {
    /// `127.0.0.1:<port>`.
    host: String,
    dir: PathBuf,
    child: Child,
    ca_pem: Option<Vec<u8>>,
    client: Client,
    token: Option<TokenServer>,
}

enum Flavour<'a> {
    Plain,
    Tls,
    Token { user: &'a str, password: &'a str },
}

impl Registry {
    /// A plain-HTTP registry without auth.
    pub fn start(env: &TestEnv) -> Registry {
        Registry::launch(env, Flavour::Plain)
    }

    /// A TLS registry whose CA certificate is written to both test users'
    /// `$XDG_CONFIG_HOME/containers/certs.d/127.0.0.1:<port>/ca.crt`.
    pub fn start_tls(env: &TestEnv) -> Registry {
        let reg = Registry::launch(env, Flavour::Tls);
        let ca = reg.ca_pem.clone().unwrap();
        for user in [env.user(), env.single()] {
            user.write_file(
                user.config_home
                    .join(format!("containers/certs.d/{}/ca.crt", reg.host)),
                &ca,
            );
        }
        reg
    }

    /// A plain-HTTP registry with `auth: token:`; `user`/`password` get pull and push, anonymous
    /// requests get a token without access.
    pub fn start_token_auth(env: &TestEnv, user: &str, password: &str) -> Registry {
        Registry::launch(env, Flavour::Token { user, password })
    }

    fn launch(env: &TestEnv, flavour: Flavour) -> Registry {
        let dir = env.scratch("registry");
        let mut ca_pem = None;
        let mut tls_yaml = String::new();
        if let Flavour::Tls = flavour {
            let (ca, cert, key) = make_server_cert(&dir);
            ca_pem = Some(fs::read(&ca).unwrap());
            tls_yaml = format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                cert.display(),
                key.display()
            );
        }
        let (mut token, creds) = match flavour {
            Flavour::Token { user, password } => (
                Some(TokenServer::start(&dir, user, password)),
                Some((user.to_string(), password.to_string())),
            ),
            _ => (None, None),
        };
        let auth_yaml = match &token {
            Some(t) => format!(
                "auth:\n  token:\n    realm: {}\n    service: {}\n    issuer: {}\n    rootcertbundle: {}\n",
                t.realm(),
                token::SERVICE,
                token::ISSUER,
                t.cert_path.display()
            ),
            None => String::new(),
        };
        let scheme = if ca_pem.is_some() { "https" } else { "http" };
        let mut last_log = String::new();
        for _attempt in 0..5 {
            let port = free_port();
            let host = format!("127.0.0.1:{port}");
            let config = format!(
                "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\n\
                 storage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\n  \
                 maintenance:\n    uploadpurging:\n      enabled: false\n\
                 http:\n  addr: {host}\n  secret: rcon-test-secret\n{tls_yaml}{auth_yaml}",
                storage = dir.join("storage").display(),
            );
            fs::write(dir.join("config.yml"), config).unwrap();
            let log = fs::File::create(dir.join("registry.log")).unwrap();
            let child = Command::new("/usr/bin/docker-registry")
                .arg("serve")
                .arg(dir.join("config.yml"))
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .expect(
                    "run /usr/bin/docker-registry: install docker-registry (contrib/ci/setup.sh)",
                );
            let client = Client::new(
                &format!("{scheme}://{host}"),
                ca_pem.as_deref(),
                creds.clone(),
            );
            let mut reg = Registry {
                host,
                dir: dir.clone(),
                child,
                ca_pem: ca_pem.clone(),
                client,
                token: None,
            };
            if reg.wait_ready() {
                reg.token = token.take();
                return reg;
            }
            last_log = reg.log();
            // Likely lost the port to another test: drop kills it, try another port.
        }
        panic!("docker-registry did not start; its log:\n{last_log}");
    }

    /// Waits until `/v2/` answers (200, or 401 when auth is on); false if the process died.
    fn wait_ready(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if std::net::TcpStream::connect(&self.host).is_ok() {
                // Another test may hold the port for a moment (a reset connection): not ours.
                let client = &self.client;
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    client.request("GET", "/v2/", &[], None, "")
                }));
                match r {
                    Ok(r) if r.status == 200 || r.status == 401 => return true,
                    Ok(_) => {}
                    Err(_) => return false,
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// `127.0.0.1:<port>`, as it goes into image references.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// True for the TLS flavour.
    pub fn is_tls(&self) -> bool {
        self.ca_pem.is_some()
    }

    /// The CA certificate (PEM) of the TLS flavour.
    pub fn ca_pem(&self) -> Option<&[u8]> {
        self.ca_pem.as_deref()
    }

    /// The harness's client for this registry (authenticated for the token flavour).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The token server of the token flavour.
    pub fn token_server(&self) -> Option<&TokenServer> {
        self.token.as_ref()
    }

    /// `host/repo:tag` for a `repo:tag` (or `repo@digest`).
    pub fn reference(&self, name: &str) -> String {
        format!("{}/{name}", self.host)
    }

    /// Pushes `image` as `repo:tag` (tag defaults to `latest`); returns the manifest digest.
    pub fn push(&self, name: &str, image: &image::Image) -> String {
        let (repo, tag) = split_name(name);
        self.client.push_image(repo, tag, image)
    }

    /// Pushes a multi-platform index as `repo:tag`; returns the index digest.
    pub fn push_index(&self, name: &str, index: &image::Index) -> String {
        let (repo, tag) = split_name(name);
        self.client.push_index(repo, tag, index)
    }

    /// The file holding a blob in the registry's storage, for tests that corrupt it behind the
    /// registry's back (a digest mismatch, a truncated blob).
    pub fn blob_data_path(&self, digest: &str) -> PathBuf {
        let hex = digest.trim_start_matches("sha256:");
        self.dir
            .join("storage/docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }

    /// The registry's folder (config.yml, registry.log, storage/).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The registry's log so far.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.join("registry.log")).unwrap_or_default()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = self.log();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("--- last lines of the registry log ({}) ---", self.host);
            for l in tail.iter().rev() {
                eprintln!("{l}");
            }
        }
    }
}

/// `repo:tag` → (repo, tag), `repo` → (repo, "latest").
pub fn split_name(name: &str) -> (&str, &str) {
    match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo, tag),
        _ => (name, "latest"),
    }
}

/// A port that was free a moment ago (the caller retries if someone takes it meanwhile).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Makes a CA and a server certificate for 127.0.0.1 and localhost; returns (ca, cert, key).
pub fn make_server_cert(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut args = vec!["req", "-x509"];
    args.extend(ec);
    let (ca_key, ca_crt) = (p("ca.key"), p("ca.crt"));
    args.extend([
        "-days",
        "2",
        "-subj",
        "/CN=rcon test CA",
        "-keyout",
        &ca_key,
        "-out",
        &ca_crt,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl(&args);
    let (key, csr, crt, ext) = (
        p("server.key"),
        p("server.csr"),
        p("server.crt"),
        p("server.ext"),
    );
    let mut args = vec!["req"];
    args.extend(ec);
    args.extend(["-subj", "/CN=127.0.0.1", "-keyout", &key, "-out", &csr]);
    openssl(&args);
    fs::write(&ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &csr,
        "-CA",
        &ca_crt,
        "-CAkey",
        &ca_key,
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        &ext,
        "-out",
        &crt,
    ]);
    (ca_crt.into(), crt.into(), key.into())
}
