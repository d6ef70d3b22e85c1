//! Contexts and ADD sources that are not a local folder: a tar stream on stdin, a URL, a git
//! repository; and the private temporary folder they land in, removed when dropped (also
//! when the build fails).
use super::untar::{self, UntarError};
use super::ContextError;
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A private folder (0700) under `$TMPDIR`, else `/var/tmp`; removed with all it holds when
/// dropped.
#[derive(Debug)]
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub(crate) fn new() -> io::Result<TempDir> {
        let base = std::env::var_os("TMPDIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(|| PathBuf::from("/var/tmp"));
        let path = base.join(format!(
            "rcon-build-{}-{}",
            std::process::id(),
            crate::util::time::unique_suffix()
        ));
        fs::DirBuilder::new().mode(0o700).create(&path)?;
        Ok(TempDir { path })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if fs::remove_dir_all(&self.path).is_ok() {
            return;
        }
        // An unpacked archive may hold folders without write or search permission for us.
        open_up(&self.path);
        if let Err(e) = fs::remove_dir_all(&self.path) {
            log::warn!("cannot remove {}: {e}", self.path.display());
        }
    }
}

/// Gives the user full access to every folder under `dir` (never following symlinks).
fn open_up(dir: &Path) {
    if fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).is_err() {
        return;
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                open_up(&entry.path());
            }
        }
    }
}

/// What came in: a context folder, or a Containerfile alone (`rcon build - < Containerfile`).
pub(crate) enum Received {
    Context,
    Containerfile(PathBuf),
}

/// Reads `input` (stdin, a download): a tar archive, compressed or not, is unpacked into
/// `context`; anything else is taken as a Containerfile, written beside it, as Docker does.
pub(crate) fn receive(input: impl Read, context: &Path) -> Result<Received, ContextError> {
    let mut input = input;
    let mut head = Vec::with_capacity(512);
    (&mut input)
        .take(512)
        .read_to_end(&mut head)
        .map_err(ContextError::Receive)?;
    let archive =
        untar::Compression::detect(&head) != untar::Compression::None || untar::is_tar(&head[..]);
    let mut all = io::Cursor::new(head).chain(input);
    if !archive {
        let file = context.with_file_name("Containerfile");
        let mut out = fs::File::create(&file).map_err(|source| ContextError::Temp { source })?;
        io::copy(&mut all, &mut out).map_err(ContextError::Receive)?;
        return Ok(Received::Containerfile(file));
    }
    untar::unpack(all, context).map_err(|source: UntarError| ContextError::Untar { source })?;
    Ok(Received::Context)
}

/// Starts a download of `url` and returns its body and its Last-Modified time.
pub(crate) fn download(url: &str) -> Result<(Box<dyn Read + Send>, Option<u64>), ContextError> {
    let fail = |message: String| ContextError::Download {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(120)))
        .timeout_per_read(Some(Duration::from_secs(120)))
        .http_status_as_error(false)
        .build()
        .into();
    let resp = agent.get(url).call().map_err(|e| fail(e.to_string()))?;
    if !resp.status().is_success() {
        return Err(fail(format!("the server answered {}", resp.status())));
    }
    let modified = resp
        .headers()
        .get("last-modified")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    let reader = resp.into_body().into_reader();
    Ok((Box::new(reader), modified))
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) as seconds since the epoch.
pub(crate) fn parse_http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u32
        + 1;
    let iso = format!("{year}-{month:02}-{:02}T{time}Z", day.parse::<u32>().ok()?);
    crate::util::time::parse_rfc3339(&iso).and_then(|t| u64::try_from(t).ok())
}

/// A git source: `URL[#REF][:SUBDIR]` split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GitSource {
    pub(crate) url: String,
    pub(crate) reference: Option<String>,
    pub(crate) subdir: Option<String>,
}

/// Whether `s` names a git repository as Docker recognises one: `git@…`, `git://…`,
/// `ssh://…`, `github.com/…`, or an http(s) URL whose path ends in `.git`.
pub(crate) fn is_git_url(s: &str) -> bool {
    let no_fragment = s.split('#').next().unwrap_or(s);
    s.starts_with("git@")
        || s.starts_with("git://")
        || s.starts_with("ssh://")
        || s.starts_with("github.com/")
        || ((s.starts_with("https://") || s.starts_with("http://"))
            && no_fragment.trim_end_matches('/').ends_with(".git"))
}

impl GitSource {
    pub(crate) fn parse(s: &str) -> GitSource {
        let (url, fragment) = match s.split_once('#') {
            Some((u, f)) => (u, Some(f)),
            None => (s, None),
        };
        let url = if url.starts_with("github.com/") {
            format!("https://{url}")
        } else {
            url.to_string()
        };
        let (reference, subdir) = match fragment {
            Some(f) => match f.split_once(':') {
                Some((r, d)) => (r, Some(d)),
                None => (f, None),
            },
            None => ("", None),
        };
        GitSource {
            url,
            reference: (!reference.is_empty()).then(|| reference.to_string()),
            subdir: subdir.filter(|d| !d.is_empty()).map(str::to_string),
        }
    }
}

/// Clones `source` (depth 1, with submodules) into `dir` and returns the folder it names
/// (its subdir, which must stay inside the clone). `.git` goes unless `keep_git_dir`.
/// `commit` (ADD's `--checksum` for a git source): the commit checked out must be it, or
/// begin with it.
pub(crate) fn clone(
    source: &GitSource,
    dir: &Path,
    keep_git_dir: bool,
    commit: Option<&str>,
) -> Result<PathBuf, ContextError> {
    let shown = source.url.clone();
    if source.url.starts_with('-')
        || source
            .reference
            .as_deref()
            .is_some_and(|r| r.starts_with('-'))
    {
        return Err(ContextError::Git {
            url: shown,
            message: "a URL or ref may not start with `-`".into(),
        });
    }
    let reference = source.reference.as_deref().unwrap_or("HEAD");
    let dir_arg = dir.to_string_lossy().into_owned();
    git("init", &["init", "-q", &dir_arg], &shown)?;
    let at = ["-C", dir_arg.as_str()];
    git(
        "remote",
        &[&at[..], &["remote", "add", "origin", &source.url]].concat(),
        &shown,
    )?;
    let fetch = ["fetch", "-q", "--depth", "1", "origin", reference];
    git("fetch", &[&at[..], &fetch].concat(), &shown)?;
    git(
        "checkout",
        &[&at[..], &["checkout", "-q", "FETCH_HEAD"]].concat(),
        &shown,
    )?;
    if let Some(want) = commit {
        if want.is_empty() || !want.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ContextError::Git {
                url: shown,
                message: format!("--checksum={want}: a git source's checksum is its commit id"),
            });
        }
        let got = git_head(dir, &shown)?;
        if !commit_matches(want, &got) {
            return Err(ContextError::Git {
                url: shown,
                message: format!("--checksum={want} does not match the commit {got}"),
            });
        }
    }
    if dir.join(".gitmodules").is_file() {
        let update = [
            "submodule",
            "update",
            "-q",
            "--init",
            "--recursive",
            "--depth",
            "1",
        ];
        git("submodule", &[&at[..], &update].concat(), &shown)?;
    }
    if !keep_git_dir {
        let _ = fs::remove_dir_all(dir.join(".git"));
    }
    let Some(sub) = &source.subdir else {
        return Ok(dir.to_path_buf());
    };
    let inside = |p: &Path| {
        fs::canonicalize(p)
            .ok()
            .zip(fs::canonicalize(dir).ok())
            .filter(|(p, d)| p.starts_with(d))
            .map(|(p, _)| p)
    };
    match inside(&dir.join(sub.trim_start_matches('/'))) {
        Some(p) if p.is_dir() => Ok(p),
        _ => Err(ContextError::Git {
            url: shown,
            message: format!("the folder {sub:?} is not in the repository"),
        }),
    }
}

/// Whether the commit id `got` is the one `want` names: all of it or a prefix, in hex.
pub(crate) fn commit_matches(want: &str, got: &str) -> bool {
    let want = want.to_ascii_lowercase();
    !want.is_empty() && want.bytes().all(|b| b.is_ascii_hexdigit()) && got.starts_with(&want)
}

/// The commit the clone in `dir` has checked out.
fn git_head(dir: &Path, url: &str) -> Result<String, ContextError> {
    let fail = |message: String| ContextError::Git {
        url: url.to_string(),
        message,
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "HEAD"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        return Err(fail("git rev-parse failed".into()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs one git command (`step` names it), quoting git's last line on failure.
fn git(step: &str, args: &[&str], url: &str) -> Result<(), ContextError> {
    let out = Command::new("git")
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => ContextError::NoGit,
            _ => ContextError::Git {
                url: url.to_string(),
                message: e.to_string(),
            },
        })?;
    if out.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&out.stderr);
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Err(ContextError::Git {
        url: url.to_string(),
        message: format!("git {step} failed: {}", last.trim()),
    })
}
