//! Which ignore file a build reads, and its lines as Docker reads them.
//!
//! The first that exists wins, and only it is read: `--ignorefile PATH`; beside the
//! Containerfile, `<Containerfile>.containerignore` then `<Containerfile>.dockerignore`; in the
//! context's root, `.containerignore` then `.dockerignore`. A line starting with `#` is a
//! comment; the others are trimmed, a leading `!` makes an exception, and each pattern is
//! cleaned with a leading `/` dropped, so every pattern is anchored at the context's root.
//! The Containerfile and the ignore file are read even when the patterns exclude them.
use super::pattern::{clean, Matcher, PatternError};
use std::path::{Path, PathBuf};

/// Why the ignore file could not be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum IgnoreError {
    #[error("cannot read the ignore file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Pattern {
        path: PathBuf,
        #[source]
        source: PatternError,
    },
}

/// The most of an ignore file read.
const MAX_FILE: u64 = 16 << 20;

/// The ignore file that applies, if any (see the module doc).
pub(crate) fn find(
    context: &Path,
    containerfile: Option<&Path>,
    explicit: Option<&Path>,
) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let mut candidates = Vec::new();
    if let Some(file) = containerfile {
        for ext in ["containerignore", "dockerignore"] {
            let mut name = file.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            candidates.push(PathBuf::from(name));
        }
    }
    candidates.push(context.join(".containerignore"));
    candidates.push(context.join(".dockerignore"));
    candidates.into_iter().find(|p| p.is_file())
}

/// Reads the ignore file `path` (an explicit one must exist).
pub(crate) fn load(path: &Path) -> Result<Matcher, IgnoreError> {
    use std::io::Read;
    let read = |source| IgnoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(read)?
        .take(MAX_FILE)
        .read_to_end(&mut bytes)
        .map_err(read)?;
    Matcher::new(&lines(&String::from_utf8_lossy(&bytes))).map_err(|source| IgnoreError::Pattern {
        path: path.to_path_buf(),
        source,
    })
}

/// The patterns of an ignore file's text, as Docker's reader yields them.
pub(crate) fn lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut pattern = line.trim();
        if pattern.is_empty() {
            continue;
        }
        let invert = pattern.starts_with('!');
        if invert {
            pattern = pattern[1..].trim();
        }
        let mut cleaned = String::new();
        if !pattern.is_empty() {
            cleaned = clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
        }
        out.push(if invert {
            format!("!{cleaned}")
        } else {
            cleaned
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_docker_reads_them() {
        let text = "\u{feff}# comment\n  \n/abs/path\n! /keep/me \n  # not a comment\nrel//x/\r\n";
        assert_eq!(
            lines(text),
            ["abs/path", "!keep/me", "# not a comment", "rel/x"]
        );
        let m = Matcher::new(&lines("*\n!/src\n/src/gen\n")).unwrap();
        assert!(m.matches("README"));
        assert!(!m.matches("src/main.rs"));
        assert!(m.matches("src/gen/x.rs"));
    }

    #[test]
    fn the_first_ignore_file_found_wins() {
        let t = tempfile::tempdir().unwrap();
        let ctx = t.path();
        assert_eq!(find(ctx, None, None), None);
        std::fs::write(ctx.join(".dockerignore"), "a").unwrap();
        assert_eq!(find(ctx, None, None), Some(ctx.join(".dockerignore")));
        std::fs::write(ctx.join(".containerignore"), "b").unwrap();
        assert_eq!(find(ctx, None, None), Some(ctx.join(".containerignore")));
        let cf = ctx.join("sub/Build.file");
        std::fs::create_dir(ctx.join("sub")).unwrap();
        std::fs::write(ctx.join("sub/Build.file.dockerignore"), "c").unwrap();
        assert_eq!(
            find(ctx, Some(&cf), None),
            Some(ctx.join("sub/Build.file.dockerignore"))
        );
        let explicit = ctx.join("mine");
        assert_eq!(
            find(ctx, Some(&cf), Some(&explicit)),
            Some(explicit.clone())
        );
        assert!(matches!(load(&explicit), Err(IgnoreError::Read { .. })));
    }
}
