//! COPY and ADD sources resolved against the context: the [`Selection`] of entries to send,
//! each under the name it gets below the destination.
//!
//! - A source is relative to the context's root (a leading `/` means the root); `..` out of
//!   it is refused, and so is a source whose symlinks lead out of it.
//! - A source with a wildcard (Go's `filepath.Match`: `*`, `?`, `[...]`) matches against the
//!   context as the ignore file leaves it; a source that matches nothing is an error.
//! - A source that is a symlink is followed (inside the context); symlinks below a folder
//!   source are sent as symlinks, never followed.
//! - A file source is sent under its base name; a folder source as its contents (Docker's
//!   COPY); with `--parents` every match keeps its path from the root, or from a `/./` in the
//!   source ("pivot"), with the folders on the way.
//! - `--exclude` patterns (`.dockerignore`'s syntax) match the names the entries get below the
//!   destination, and a folder they exclude is left out with what it holds.
//! - ADD: a local tar archive (gzip, bzip2, xz, zstd or plain, told by content) is extracted
//!   instead of copied; a URL is downloaded (mode 0600, `--checksum=sha256:…` verified) and not
//!   extracted; a git URL is cloned (without `.git` unless `--keep-git-dir`).
use super::fetch::{self, GitSource, TempDir};
use super::pattern::{glob, has_wildcard, Includes, Matcher};
use super::{Context, ContextError};
use crate::util::digest::Digest;
use sha2::{Digest as _, Sha256};
use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, ContextError>;

/// One COPY or ADD as the builder hands it over (after variable expansion).
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    /// The sources as written.
    pub(crate) sources: Vec<String>,
    /// `--exclude` patterns.
    pub(crate) excludes: Vec<String>,
    /// `--parents`.
    pub(crate) parents: bool,
    /// ADD's behaviour and flags; `None` for COPY.
    pub(crate) add: Option<AddOptions>,
}

/// ADD's flags.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddOptions {
    /// `--checksum=sha256:…` for a URL source.
    pub(crate) checksum: Option<String>,
    /// `--unpack`: local archives are extracted unless `Some(false)`; URLs only with
    /// `Some(true)`.
    pub(crate) unpack: Option<bool>,
    /// `--keep-git-dir`.
    pub(crate) keep_git_dir: bool,
}

/// What one entry of the selection is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Dir,
    File,
    Symlink,
    /// A tar archive whose entries are placed at the destination (ADD).
    Extract,
    /// A downloaded file: mode 0600, the server's Last-Modified as mtime when it gave one.
    Download {
        mtime: Option<u64>,
    },
}

/// One thing to send: `host` placed as `name` below the destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) name: PathBuf,
    pub(crate) host: PathBuf,
    pub(crate) kind: Kind,
}

/// The resolved sources of one COPY or ADD, in the order they are sent.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    pub(crate) entries: Vec<Entry>,
    /// The one file source that may become the destination itself.
    pub(crate) single_file: Option<String>,
    /// Downloads and clones; removed with the selection.
    pub(crate) temp: Option<TempDir>,
}

/// What one source resolved to at its top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    File,
    Other,
}

/// The three filters of a walk.
struct Filters<'a> {
    /// The ignore file's patterns, on paths from the context's root; `None` outside it.
    ignore: Option<&'a Matcher>,
    excludes: &'a Matcher,
    includes: Option<&'a Includes>,
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

impl Context {
    /// Resolves one COPY or ADD's sources (see the module doc).
    pub(crate) fn select(&self, req: &Request) -> Result<Selection> {
        if req.sources.is_empty() {
            return Err(ContextError::NoSources);
        }
        let stripped: Vec<String> = req
            .excludes
            .iter()
            .map(|e| e.trim().trim_start_matches('/').to_string())
            .collect();
        let excludes = Matcher::new(&stripped).map_err(ContextError::Exclude)?;
        let mut sel = Selection::default();
        let mut tops = Vec::new();
        for src in &req.sources {
            let remote = src.starts_with("http://") || src.starts_with("https://");
            let git = fetch::is_git_url(src);
            match (&req.add, remote || git) {
                (None, true) => {
                    return Err(ContextError::Unsupported {
                        source_name: src.clone(),
                        reason: "COPY takes files from the context only: use ADD for URLs".into(),
                    })
                }
                (Some(add), true) if git => {
                    tops.push(self.add_git(src, add, &excludes, &mut sel)?);
                }
                (Some(add), true) => tops.push(add_url(src, add, &excludes, &mut sel)?),
                (_, false) if req.parents => {
                    self.parents_source(src, &excludes, &mut sel.entries)?;
                    tops.push(Top::Other);
                }
                (add, false) => {
                    for named in self.matches(src)? {
                        tops.push(self.add_top(src, &named, add.as_ref(), &excludes, &mut sel)?);
                    }
                }
            }
        }
        if tops == [Top::File] && sel.entries.len() == 1 {
            sel.single_file = Some(slash(&sel.entries[0].name));
        }
        Ok(sel)
    }

    /// The context-relative paths a local source names (its wildcard's matches, or itself).
    fn matches(&self, src: &str) -> Result<Vec<String>> {
        let parts = lexical(src)?;
        let Some(first_wild) = parts.iter().position(|p| has_wildcard(p)) else {
            return Ok(vec![parts.join("/")]);
        };
        let base = parts[..first_wild].join("/");
        let pattern = parts[first_wild..].join("/");
        let re = glob(&pattern).map_err(|e| ContextError::Unsupported {
            source_name: src.to_string(),
            reason: e.to_string(),
        })?;
        let (base_host, base_rel) = self.resolve_dir(src, &base)?;
        let depth = parts.len() - first_wild;
        let mut out = Vec::new();
        self.glob_walk(&base_host, &base_rel, "", depth, &re, &mut out)?;
        if out.is_empty() {
            return Err(ContextError::NotFound {
                source_name: src.to_string(),
            });
        }
        Ok(out)
    }

    fn glob_walk(
        &self,
        dir: &Path,
        dir_rel: &str,
        from_base: &str,
        depth: usize,
        re: &regex::Regex,
        out: &mut Vec<String>,
    ) -> Result<()> {
        for name in sorted_names(dir)? {
            let name = name.to_string_lossy().into_owned();
            let rel = join(dir_rel, &name);
            let sub = join(from_base, &name);
            let host = dir.join(&name);
            let is_dir = fs::symlink_metadata(&host).is_ok_and(|m| m.is_dir());
            if !self.present(&rel, &host, is_dir)? {
                continue;
            }
            if re.is_match(&sub) {
                out.push(rel);
            } else if is_dir && depth > 1 {
                self.glob_walk(&host, &rel, &sub, depth - 1, re, out)?;
            }
        }
        Ok(())
    }

    /// Whether `rel` is in the context as the ignore file leaves it: not excluded, or a
    /// folder holding something an exception takes back.
    fn present(&self, rel: &str, host: &Path, is_dir: bool) -> Result<bool> {
        if !self.ignore.matches(rel) {
            return Ok(true);
        }
        if !is_dir || !self.ignore.exception_below(rel) {
            return Ok(false);
        }
        let none = Matcher::default();
        let filters = Filters {
            ignore: Some(&self.ignore),
            excludes: &none,
            includes: None,
        };
        let mut found = Vec::new();
        walk(host, Some(rel), Path::new(""), &filters, &mut found)?;
        Ok(!found.is_empty())
    }

    /// A folder named by `rel`, its symlinks followed inside the context.
    fn resolve_dir(&self, src: &str, rel: &str) -> Result<(PathBuf, String)> {
        let (host, resolved) = self.resolve(src, rel)?;
        if !host.is_dir() {
            return Err(ContextError::NotFound {
                source_name: src.to_string(),
            });
        }
        Ok((host, resolved))
    }

    /// `rel` with its symlinks followed; refused when they lead out of the context.
    fn resolve(&self, src: &str, rel: &str) -> Result<(PathBuf, String)> {
        let host = match fs::canonicalize(self.root.join(rel)) {
            Ok(h) => h,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return Err(ContextError::NotFound {
                    source_name: src.to_string(),
                })
            }
            Err(source) => {
                return Err(ContextError::Read {
                    path: self.root.join(rel),
                    source,
                })
            }
        };
        let Ok(inside) = host.strip_prefix(&self.root) else {
            return Err(ContextError::Outside {
                source_name: src.to_string(),
            });
        };
        let resolved = slash(inside);
        Ok((host, resolved))
    }

    /// Adds what one matched path of a local source holds.
    fn add_top(
        &self,
        src: &str,
        named: &str,
        add: Option<&AddOptions>,
        excludes: &Matcher,
        sel: &mut Selection,
    ) -> Result<Top> {
        let not_found = || ContextError::NotFound {
            source_name: src.to_string(),
        };
        let named_host = self.root.join(named);
        let meta = fs::symlink_metadata(&named_host).map_err(|_| not_found())?;
        if !self.present(named, &named_host, meta.is_dir())? {
            return Err(not_found());
        }
        let (host, resolved) = self.resolve(src, named)?;
        let meta = fs::metadata(&host).map_err(|_| not_found())?;
        if resolved != named && !self.present(&resolved, &host, meta.is_dir())? {
            return Err(not_found());
        }
        if meta.is_dir() {
            let filters = Filters {
                ignore: Some(&self.ignore),
                excludes,
                includes: None,
            };
            walk(
                &host,
                Some(&resolved),
                Path::new(""),
                &filters,
                &mut sel.entries,
            )?;
            return Ok(Top::Other);
        }
        if !meta.is_file() {
            return Err(ContextError::Unsupported {
                source_name: src.to_string(),
                reason: "it is not a file, folder or symlink".into(),
            });
        }
        let name = Path::new(named)
            .file_name()
            .map(PathBuf::from)
            .ok_or_else(not_found)?;
        if excludes.matches(&slash(&name)) {
            return Ok(Top::Other);
        }
        let extract = add.is_some_and(|a| a.unpack != Some(false)) && is_archive(&host);
        sel.entries.push(Entry {
            name,
            host,
            kind: if extract { Kind::Extract } else { Kind::File },
        });
        Ok(if extract { Top::Other } else { Top::File })
    }

    /// A `--parents` source: every match under the pivot, with its path from there.
    fn parents_source(&self, src: &str, excludes: &Matcher, out: &mut Vec<Entry>) -> Result<()> {
        let (pivot, pattern) = match src.split_once("/./") {
            Some((p, rest)) => (p, rest),
            None => ("", src),
        };
        if has_wildcard(pivot) {
            return Err(ContextError::Unsupported {
                source_name: src.to_string(),
                reason: "wildcards before `/./` are not supported".into(),
            });
        }
        let pivot_rel = lexical(pivot)?.join("/");
        let pattern = lexical(pattern)?.join("/");
        let (pivot_host, pivot_resolved) = self.resolve_dir(src, &pivot_rel)?;
        if !has_wildcard(&pattern) {
            let rel = join(&pivot_resolved, &pattern);
            let host = self.root.join(&rel);
            let meta = fs::symlink_metadata(&host).map_err(|_| ContextError::NotFound {
                source_name: src.to_string(),
            })?;
            if !self.present(&rel, &host, meta.is_dir())? {
                return Err(ContextError::NotFound {
                    source_name: src.to_string(),
                });
            }
        }
        let includes =
            Includes::new(std::slice::from_ref(&pattern)).map_err(ContextError::Exclude)?;
        let filters = Filters {
            ignore: Some(&self.ignore),
            excludes,
            includes: Some(&includes),
        };
        let before = out.len();
        walk(
            &pivot_host,
            Some(&pivot_resolved),
            Path::new(""),
            &filters,
            out,
        )?;
        if out.len() == before && has_wildcard(&pattern) {
            return Err(ContextError::NotFound {
                source_name: src.to_string(),
            });
        }
        Ok(())
    }

    /// ADD of a git repository: cloned, then sent as a folder's contents.
    fn add_git(
        &self,
        src: &str,
        add: &AddOptions,
        excludes: &Matcher,
        sel: &mut Selection,
    ) -> Result<Top> {
        let temp = temp_of(sel)?;
        let dir = temp.join(format!("git-{}", sel.entries.len()));
        let root = fetch::clone(
            &GitSource::parse(src),
            &dir,
            add.keep_git_dir,
            add.checksum.as_deref(),
        )?;
        let filters = Filters {
            ignore: None,
            excludes,
            includes: None,
        };
        walk(&root, None, Path::new(""), &filters, &mut sel.entries)?;
        Ok(Top::Other)
    }
}

/// ADD of a URL: downloaded into the selection's temporary folder and checked.
fn add_url(src: &str, add: &AddOptions, excludes: &Matcher, sel: &mut Selection) -> Result<Top> {
    let expected = match &add.checksum {
        Some(c) => Some(c.parse::<Digest>().map_err(|e| ContextError::Unsupported {
            source_name: src.to_string(),
            reason: format!("--checksum: {e}"),
        })?),
        None => None,
    };
    let name = url_file_name(src);
    let temp = temp_of(sel)?;
    let dir = temp.join(format!("url-{}", sel.entries.len()));
    fs::create_dir(&dir).map_err(|source| ContextError::Temp { source })?;
    let host = dir.join(&name);
    let (mut body, mtime) = fetch::download(src)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&host)
        .map_err(|source| ContextError::Temp { source })?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = body.read(&mut buf).map_err(|e| ContextError::Download {
            url: src.to_string(),
            message: e.to_string(),
        })?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        file.write_all(&buf[..n])
            .map_err(|source| ContextError::Temp { source })?;
    }
    let actual = Digest::from_hash(hasher.finalize().into());
    if let Some(expected) = expected {
        if expected != actual {
            return Err(ContextError::Checksum {
                url: src.to_string(),
                expected: expected.to_string(),
                actual: actual.to_string(),
            });
        }
    }
    if add.unpack == Some(true) && is_archive(&host) {
        sel.entries.push(Entry {
            name: PathBuf::from(&name),
            host,
            kind: Kind::Extract,
        });
        return Ok(Top::Other);
    }
    if excludes.matches(&name) {
        return Ok(Top::Other);
    }
    sel.entries.push(Entry {
        name: PathBuf::from(name),
        host,
        kind: Kind::Download { mtime },
    });
    Ok(Top::File)
}

/// The selection's temporary folder, made on first use.
fn temp_of(sel: &mut Selection) -> Result<PathBuf> {
    if sel.temp.is_none() {
        sel.temp = Some(TempDir::new().map_err(|source| ContextError::Temp { source })?);
    }
    Ok(sel
        .temp
        .as_ref()
        .map(|t| t.path().to_path_buf())
        .unwrap_or_default())
}

/// A URL's last path segment (Docker's file name for a download), else `__unnamed__`.
pub(crate) fn url_file_name(url: &str) -> String {
    let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = after_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split_once('/')
        .map(|(_, p)| p)
        .unwrap_or("");
    path.rsplit('/')
        .find(|s| !s.is_empty() && *s != "." && *s != "..")
        .map(str::to_string)
        .unwrap_or_else(|| "__unnamed__".to_string())
}

/// Whether the file at `path` is a tar archive, compressed or not, by its content.
fn is_archive(path: &Path) -> bool {
    fs::File::open(path).is_ok_and(super::untar::is_tar)
}

/// A source's path as components, `.` and empty ones dropped; `..` out of the root refused.
fn lexical(src: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.pop().is_none() {
                    return Err(ContextError::Outside {
                        source_name: src.to_string(),
                    });
                }
            }
            p => out.push(p.to_string()),
        }
    }
    Ok(out)
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else if b.is_empty() {
        a.to_string()
    } else {
        format!("{a}/{b}")
    }
}

fn sorted_names(dir: &Path) -> Result<Vec<std::ffi::OsString>> {
    let read = |source| ContextError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut names = fs::read_dir(dir)
        .map_err(read)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<io::Result<Vec<_>>>()
        .map_err(read)?;
    names.sort();
    Ok(names)
}

/// Adds what the folder `dir` holds to `out`, named below `prefix`, through the filters. A
/// folder the filters leave out is still walked when an exception may take back something
/// below it, and sent (before its content) when something is.
fn walk(
    dir: &Path,
    ctx_rel: Option<&str>,
    prefix: &Path,
    f: &Filters<'_>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    for name in sorted_names(dir)? {
        let host = dir.join(&name);
        let child_ctx = ctx_rel.map(|r| join(r, &name.to_string_lossy()));
        let child_name = prefix.join(&name);
        let shown = slash(&child_name);
        let meta = fs::symlink_metadata(&host).map_err(|source| ContextError::Read {
            path: host.clone(),
            source,
        })?;
        let ignored = match (f.ignore, &child_ctx) {
            (Some(m), Some(c)) => m.matches(c),
            _ => false,
        };
        let excluded = f.excludes.matches(&shown);
        let included = f.includes.is_none_or(|i| i.matches(&shown));
        let take = !ignored && !excluded && included;
        let kind = if meta.is_dir() {
            Kind::Dir
        } else if meta.file_type().is_symlink() {
            Kind::Symlink
        } else if meta.is_file() {
            Kind::File
        } else {
            if take {
                log::warn!(
                    "{} is skipped: not a file, folder or symlink",
                    host.display()
                );
            }
            continue;
        };
        let entry = Entry {
            name: child_name.clone(),
            host: host.clone(),
            kind: kind.clone(),
        };
        if kind != Kind::Dir {
            if take {
                out.push(entry);
            }
            continue;
        }
        if take {
            out.push(entry);
            walk(&host, child_ctx.as_deref(), &child_name, f, out)?;
            continue;
        }
        let may = (!ignored
            || child_ctx
                .as_deref()
                .is_some_and(|c| f.ignore.is_some_and(|m| m.exception_below(c))))
            && (!excluded || f.excludes.may_match_below(&shown))
            && (included || f.includes.is_some_and(|i| i.may_match_below(&shown)));
        if may {
            let mut below = Vec::new();
            walk(&host, child_ctx.as_deref(), &child_name, f, &mut below)?;
            if !below.is_empty() {
                out.push(entry);
                out.extend(below);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
