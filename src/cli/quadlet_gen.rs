//! The Quadlet generator: finds the quadlet files and their drop-ins in the search folders,
//! has [`crate::quadlet`] translate them, and writes the services where systemd asked
//! (`rcon-quadlet [-user] [-dryrun] [-v] NORMAL_DIR [EARLY_DIR LATE_DIR]`, or rcon under the
//! name `rcon-user-generator`/`rcon-system-generator` in systemd's generator folders).
//!
//! Search folders, first wins for a file name: for a user `$XDG_CONFIG_HOME/containers/systemd`
//! (default `~/.config/containers/systemd`), `/etc/containers/systemd/users/$UID`,
//! `/etc/containers/systemd/users`; for root `/run/containers/systemd`,
//! `/etc/containers/systemd` (without its `users/`), `/usr/share/containers/systemd`.
//! `QUADLET_UNIT_DIRS` (colon-separated) replaces them. Each is read with its subfolders.
//! Drop-ins (`*.conf`) are read from `web.container.d/`, and less specific folders before it:
//! `container.d/` (every container), `a-.container.d/` for `a-b.container`, and
//! `app@.container.d/` for the instance `app@one.container`; a file name found twice is taken
//! from the more specific folder, then from the earlier search folder; they apply in the order
//! of their names.
use crate::quadlet::syntax::UnitFile;
use crate::quadlet::{self, Kind, Source};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The folders quadlet files are looked for in, most important first.
pub(super) fn search_dirs(user: bool) -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os("QUADLET_UNIT_DIRS").filter(|d| !d.is_empty()) {
        return std::env::split_paths(&dirs).collect();
    }
    if user {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
            .unwrap_or_else(|| PathBuf::from("/nonexistent"));
        vec![
            config.join("containers/systemd"),
            PathBuf::from(format!(
                "/etc/containers/systemd/users/{}",
                nix::unistd::getuid()
            )),
            PathBuf::from("/etc/containers/systemd/users"),
        ]
    } else {
        [
            "/run/containers/systemd",
            "/etc/containers/systemd",
            "/usr/share/containers/systemd",
        ]
        .map(PathBuf::from)
        .to_vec()
    }
}

/// The folder `rcon quadlet install` writes to.
pub(super) fn install_dir(user: bool) -> PathBuf {
    if std::env::var_os("QUADLET_UNIT_DIRS").is_some() || user {
        search_dirs(user).remove(0)
    } else {
        PathBuf::from("/etc/containers/systemd")
    }
}

/// What the search folders hold: quadlet files by name (first found wins) and drop-in
/// folders by name (every one found, in search order).
#[derive(Default)]
pub(super) struct Found {
    pub(super) files: BTreeMap<String, PathBuf>,
    dropins: BTreeMap<String, Vec<PathBuf>>,
}

pub(super) fn scan(dirs: &[PathBuf], user: bool) -> Found {
    let mut found = Found::default();
    for dir in dirs {
        walk(dir, dir, user, &mut found, 0);
    }
    found
}

fn walk(base: &Path, dir: &Path, user: bool, found: &mut Found, depth: u32) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        // A link at the base is followed; below it, only files are (no loops).
        let is_dir = if dir == base {
            path.is_dir()
        } else {
            e.file_type().is_ok_and(|t| t.is_dir())
        };
        if is_dir {
            if name.ends_with(".d") {
                found.dropins.entry(name).or_default().push(path);
            } else if !(dir == base && name == "users" && !user && base.ends_with("systemd"))
                && depth < 16
            {
                walk(base, &path, user, found, depth + 1);
            }
        } else if Kind::of(&name).is_some() {
            found.files.entry(name).or_insert(path);
        }
    }
}

/// The drop-in folder names for a unit file name, least specific first.
fn dropin_names(name: &str) -> Vec<String> {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return Vec::new();
    };
    let mut out = vec![format!("{ext}.d")];
    let mut prefix = String::new();
    let parts: Vec<&str> = stem.split('-').collect();
    for p in &parts[..parts.len().saturating_sub(1)] {
        prefix.push_str(p);
        prefix.push('-');
        out.push(format!("{prefix}.{ext}.d"));
    }
    if let Some((template, instance)) = stem.split_once('@') {
        if !instance.is_empty() {
            out.push(format!("{template}@.{ext}.d"));
        }
    }
    out.push(format!("{name}.d"));
    out
}

/// A quadlet file or drop-in that cannot be read.
#[derive(Debug, thiserror::Error)]
pub(super) enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Syntax(#[from] crate::quadlet::syntax::SyntaxError),
}

fn read_unit(path: &Path) -> Result<UnitFile, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(UnitFile::parse(path, &text)?)
}

/// Reads one quadlet file with its drop-ins. An instance file that is empty (or a link to
/// its template) takes its template's settings.
pub(super) fn load(found: &Found, name: &str, path: &Path) -> Result<Source, LoadError> {
    let mut unit = read_unit(path)?;
    let mut source_path = path.to_path_buf();
    if unit.sections.is_empty() {
        if let Some((stem, ext)) = name.rsplit_once('.') {
            if let Some((template, instance)) = stem.split_once('@') {
                let tname = format!("{template}@.{ext}");
                if let (false, Some(tpath)) = (instance.is_empty(), found.files.get(&tname)) {
                    unit = read_unit(tpath)?;
                    source_path = tpath.clone();
                }
            }
        }
    }
    // conf name → its path: a more specific folder replaces, an earlier search folder stays.
    let mut confs: BTreeMap<OsString, PathBuf> = BTreeMap::new();
    for dname in dropin_names(name) {
        let mut level: BTreeMap<OsString, PathBuf> = BTreeMap::new();
        for d in found.dropins.get(&dname).into_iter().flatten() {
            let Ok(read) = std::fs::read_dir(d) else {
                continue;
            };
            for e in read.filter_map(Result::ok) {
                let f = e.file_name();
                if f.to_string_lossy().ends_with(".conf") {
                    level.entry(f).or_insert(e.path());
                }
            }
        }
        confs.extend(level);
    }
    for conf in confs.values() {
        unit.merge(read_unit(conf)?);
    }
    Ok(Source {
        path: source_path,
        name: name.to_string(),
        unit,
    })
}

/// `rcon-quadlet …`: the generator's command line, its exit code.
pub fn generator_main(invoked_as: &str, args: Vec<String>) -> i32 {
    let mut user = invoked_as.contains("user");
    let mut dryrun = false;
    let mut verbose = false;
    let mut dirs = Vec::new();
    for a in args {
        match a.trim_start_matches('-') {
            _ if !a.starts_with('-') => dirs.push(PathBuf::from(a)),
            "user" => user = true,
            "dryrun" => dryrun = true,
            "v" | "verbose" => verbose = true,
            "no-kmsg-log" => {}
            "version" => {
                println!("rcon-quadlet {}", env!("CARGO_PKG_VERSION"));
                return 0;
            }
            "h" | "help" => {
                println!(
                    "Usage: {invoked_as} [-user] [-dryrun] [-v] NORMAL_DIR [EARLY_DIR LATE_DIR]\n\
                     Turns the quadlet files (.container, .volume, .network, .pod, .kube, .image, \
                     .build) into systemd services that run rcon."
                );
                return 0;
            }
            _ => {
                eprintln!("{invoked_as}: unknown option {a}: see `{invoked_as} -help`");
                return 125;
            }
        }
    }
    let normal = dirs.first().cloned();
    if normal.is_none() && !dryrun {
        eprintln!(
            "{invoked_as}: missing the output folder: {invoked_as} [-user] NORMAL_DIR \
             [EARLY_DIR LATE_DIR], or -dryrun"
        );
        return 125;
    }
    let normal = normal.unwrap_or_default();
    let rcon = match std::env::current_exe() {
        Ok(p) => p.display().to_string(),
        Err(e) => {
            eprintln!("{invoked_as}: cannot find rcon's own path: {e}");
            return 125;
        }
    };
    let search = search_dirs(user);
    if verbose {
        for d in &search {
            eprintln!("{invoked_as}: reading {}", d.display());
        }
    }
    let found = scan(&search, user);
    let mut sources = Vec::new();
    let mut failed = false;
    for (name, path) in &found.files {
        match load(&found, name, path) {
            Ok(s) => sources.push(s),
            Err(e) => {
                eprintln!("{invoked_as}: {e}");
                failed = true;
            }
        }
    }
    let (units, errors) = quadlet::generate(&sources, &quadlet::Options { rcon, user });
    for e in &errors {
        eprintln!("{invoked_as}: {e}");
        failed = true;
    }
    let mut skipped: Vec<_> = errors
        .iter()
        .map(|e| e.file.display().to_string())
        .collect();
    skipped.dedup();
    for s in &skipped {
        eprintln!("{invoked_as}: {s}: no unit generated");
    }
    for u in &units {
        if dryrun {
            println!("---{}---\n{}", u.service, u.text);
            continue;
        }
        if let Err(e) = write_unit(&normal, u) {
            eprintln!("{invoked_as}: cannot write {}: {e}", u.service);
            failed = true;
        } else if verbose {
            eprintln!("{invoked_as}: wrote {}", normal.join(&u.service).display());
        }
    }
    i32::from(failed)
}

fn write_unit(dir: &Path, u: &quadlet::Generated) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    crate::util::fs::atomic_write(&dir.join(&u.service), u.text.as_bytes())?;
    for (sub, link) in &u.links {
        let (at, target) = if sub.is_empty() {
            (dir.join(link), PathBuf::from(&u.service))
        } else {
            let d = dir.join(sub);
            std::fs::create_dir_all(&d)?;
            (d.join(link), Path::new("..").join(&u.service))
        };
        let _ = std::fs::remove_file(&at);
        std::os::unix::fs::symlink(target, at)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_in_folders_go_from_the_type_to_the_unit() {
        assert_eq!(
            dropin_names("a-b-c.container"),
            [
                "container.d",
                "a-.container.d",
                "a-b-.container.d",
                "a-b-c.container.d"
            ]
        );
        assert_eq!(
            dropin_names("app@one.volume"),
            ["volume.d", "app@.volume.d", "app@one.volume.d"]
        );
    }

    #[test]
    fn drop_ins_merge_by_name_the_specific_folder_winning() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("container.d")).unwrap();
        std::fs::create_dir_all(d.join("sub/web.container.d")).unwrap();
        std::fs::write(d.join("sub/web.container"), "[Container]\nImage=a\n").unwrap();
        std::fs::write(d.join("container.d/10-all.conf"), "[Container]\nImage=b\n").unwrap();
        std::fs::write(
            d.join("container.d/20-x.conf"),
            "[Container]\nLabel=from=top\n",
        )
        .unwrap();
        std::fs::write(
            d.join("sub/web.container.d/20-x.conf"),
            "[Container]\nLabel=from=unit\n",
        )
        .unwrap();
        let found = scan(&[d.to_path_buf()], true);
        let s = load(&found, "web.container", &found.files["web.container"]).unwrap();
        assert_eq!(s.unit.last("Container", "Image").unwrap().value, "b");
        let labels: Vec<_> = s
            .unit
            .all("Container", "Label")
            .iter()
            .map(|e| e.value.clone())
            .collect();
        assert_eq!(labels, ["from=unit"]);
    }

    #[test]
    fn an_empty_instance_file_takes_its_templates_settings() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("app@.container"),
            "[Container]\nImage=a\nExec=echo %i\n",
        )
        .unwrap();
        std::os::unix::fs::symlink("app@.container", d.join("app@one.container")).unwrap();
        std::fs::write(d.join("app@two.container"), "").unwrap();
        let found = scan(&[d.to_path_buf()], true);
        for n in ["app@one.container", "app@two.container"] {
            let s = load(&found, n, &found.files[n]).unwrap();
            assert_eq!(
                s.unit.last("Container", "Exec").unwrap().value,
                "echo %i",
                "{n}"
            );
        }
    }

    #[test]
    fn the_first_search_folder_wins_for_a_file_name() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::write(a.path().join("w.container"), "[Container]\nImage=a\n").unwrap();
        std::fs::write(b.path().join("w.container"), "[Container]\nImage=b\n").unwrap();
        std::fs::write(b.path().join("notes.txt"), "").unwrap();
        let found = scan(&[a.path().into(), b.path().into()], true);
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.files["w.container"], a.path().join("w.container"));
    }
}
