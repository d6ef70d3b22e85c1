//! The `Glob` op of the cp worker: a build's `COPY --from` wildcard matched against the
//! source image's tree, with the image's root as the process's root (so a symlink on the way
//! to the base folder can only lead to another place inside it). Matching follows Go's
//! `filepath.Match` as the build side compiled it: the pattern is a regular expression over
//! the path below the base, whose `*` and `?` never cross a `/`; the walk goes `depth` levels
//! down, never into a symlink and never below a match.
use super::archive::ArchiveError;
use std::io::Write;
use std::path::Path;

fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes the matches below `base` as a JSON array of absolute paths to `out`.
pub(crate) fn list(
    base: &Path,
    pattern: &str,
    depth: usize,
    mut out: impl Write,
) -> Result<(), ArchiveError> {
    let re = regex::Regex::new(pattern).map_err(|e| ArchiveError::Io {
        path: base.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()),
    })?;
    let mut found = Vec::new();
    if std::fs::metadata(base).is_ok_and(|m| m.is_dir()) {
        walk(base, "", depth, &re, &mut found)?;
    }
    let text = serde_json::to_vec(&found).map_err(|e| ArchiveError::Io {
        path: base.display().to_string(),
        source: std::io::Error::other(e),
    })?;
    out.write_all(&text).map_err(io_at(base))?;
    out.flush().map_err(io_at(base))
}

/// Appends to `found` the paths below `dir` (at `rel` from the base) that `re` matches.
pub(crate) fn walk(
    dir: &Path,
    rel: &str,
    depth: usize,
    re: &regex::Regex,
    found: &mut Vec<String>,
) -> Result<(), ArchiveError> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(io_at(dir))?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .map_err(io_at(dir))?;
    names.sort();
    for name in names {
        let name = name.to_string_lossy().into_owned();
        let sub = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let path = dir.join(&name);
        if re.is_match(&sub) {
            found.push(path.to_string_lossy().into_owned());
        } else if depth > 1 && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            walk(&path, &sub, depth - 1, re, found)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_matches_at_its_depth_only_and_skips_symlinked_folders() {
        let t = tempfile::tempdir().unwrap();
        let b = t.path();
        std::fs::create_dir_all(b.join("d/e")).unwrap();
        std::fs::write(b.join("d/a.txt"), "").unwrap();
        std::fs::write(b.join("d/e/b.txt"), "").unwrap();
        std::fs::write(b.join("c.txt"), "").unwrap();
        std::os::unix::fs::symlink("d", b.join("l")).unwrap();
        let re = regex::Regex::new("^[^/]*/[^/]*\\.txt$").unwrap();
        let mut found = Vec::new();
        walk(b, "", 2, &re, &mut found).unwrap();
        let want = b.join("d/a.txt").to_string_lossy().into_owned();
        assert_eq!(found, vec![want]);
    }

    #[test]
    fn listing_is_a_json_array_and_empty_for_a_missing_base() {
        let t = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        list(&t.path().join("nope"), "^x$", 1, &mut out).unwrap();
        assert_eq!(out, b"[]");
    }
}
