//! The user's stops that outlive a reboot: one empty file per container in
//! `$root/containers/stopped-by-user/`, named by the container's ID.
//!
//! The state's `stopped_by_user` is lost with the runroot at a reboot; the mark keeps it for
//! `--restart unless-stopped` at boot and `ps --filter stopped-by-user=true`. All marks sit in
//! one folder so a listing of every container reads them with one folder read, not one lookup
//! per container.
//!
//! Earlier versions kept the mark inside the container's folder (`<id>/stopped-by-user`). The
//! first rcon that needs the folder moves those marks into it: it builds the folder under a
//! temporary name and renames it into place, so the folder exists only once every old mark is
//! in it. While it does not exist, a single container's mark is looked for in both places.
use crate::config::Paths;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file name of a mark in the old place, inside the container's folder.
const OLD_MARK: &str = "stopped-by-user";

/// The folder of marks.
fn folder(paths: &Paths) -> PathBuf {
    paths.containers().join("stopped-by-user")
}

/// The folder of marks, made (with the old marks moved in) when it is missing.
fn ensure_folder(paths: &Paths) -> io::Result<PathBuf> {
    let dir = folder(paths);
    if dir.is_dir() {
        return Ok(dir);
    }
    let staging = paths.containers().join(format!(
        ".stopped-by-user-{}",
        crate::util::time::unique_suffix()
    ));
    fs::create_dir_all(&staging)?;
    let moved = move_old_marks(paths, &staging);
    let placed = moved.and_then(|old| {
        fs::rename(&staging, &dir)?;
        Ok(old)
    });
    match placed {
        Ok(old) => {
            for mark in old {
                let _ = fs::remove_file(mark);
            }
            Ok(dir)
        }
        // Another rcon placed the folder first: it moved the same marks.
        Err(_) if dir.is_dir() => {
            let _ = fs::remove_dir_all(&staging);
            Ok(dir)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Marks every container marked in the old place in `staging`; returns the old marks, removed
/// once the folder is in place.
fn move_old_marks(paths: &Paths, staging: &Path) -> io::Result<Vec<PathBuf>> {
    let mut old = Vec::new();
    for id in crate::container::list::ids(paths).map_err(io::Error::other)? {
        let mark = paths.containers().join(&id).join(OLD_MARK);
        if mark.exists() {
            fs::write(staging.join(&id), b"")?;
            old.push(mark);
        }
    }
    Ok(old)
}

/// Marks container `id` stopped by the user.
pub(crate) fn set(paths: &Paths, id: &str) -> io::Result<()> {
    fs::write(ensure_folder(paths)?.join(id), b"")
}

/// Ends the user's stop of container `id` (a start, or its removal).
pub(crate) fn clear(paths: &Paths, id: &str) {
    let _ = fs::remove_file(folder(paths).join(id));
    let _ = fs::remove_file(paths.containers().join(id).join(OLD_MARK));
}

/// Whether container `id` is marked.
pub(crate) fn is_set(paths: &Paths, id: &str) -> bool {
    let dir = folder(paths);
    if dir.is_dir() {
        return dir.join(id).exists();
    }
    paths.containers().join(id).join(OLD_MARK).exists()
}

/// Every marked container, read with one folder read (the old marks moved in first, once).
pub(crate) fn all(paths: &Paths) -> HashSet<String> {
    let dir = match ensure_folder(paths) {
        Ok(dir) => dir,
        // A store that cannot be written (read-only, or full) still lists its marks.
        Err(_) => {
            let ids = crate::container::list::ids(paths).unwrap_or_default();
            return ids.into_iter().filter(|id| is_set(paths, id)).collect();
        }
    };
    crate::util::fs::entry_names(&dir)
}

/// Removes the marks of containers that are gone (a removal cut short between the two);
/// returns how many went.
pub(crate) fn sweep(paths: &Paths) -> usize {
    let Ok(entries) = fs::read_dir(folder(paths)) else {
        return 0;
    };
    let mut swept = 0;
    for e in entries.flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        if !paths.containers().join(&id).is_dir() && fs::remove_file(e.path()).is_ok() {
            swept += 1;
        }
    }
    swept
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::container::list::tests::paths;

    #[test]
    fn old_marks_move_into_the_folder_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        for id in [&a, &b] {
            fs::create_dir_all(p.containers().join(id)).unwrap();
        }
        fs::write(p.containers().join(&a).join(OLD_MARK), "").unwrap();
        assert!(is_set(&p, &a) && !is_set(&p, &b));
        assert_eq!(all(&p), HashSet::from([a.clone()]));
        assert!(!p.containers().join(&a).join(OLD_MARK).exists());
        assert!(is_set(&p, &a));
        set(&p, &b).unwrap();
        clear(&p, &a);
        assert_eq!(all(&p), HashSet::from([b.clone()]));
        fs::remove_dir_all(p.containers().join(&b)).unwrap();
        assert_eq!(sweep(&p), 1);
        assert!(all(&p).is_empty());
    }
}
