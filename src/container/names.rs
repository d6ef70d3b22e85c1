//! Container names: validation, generated `adjective_surname` names, and the atomic
//! reservation that makes a name unique among the user's containers.
//!
//! A name is reserved by creating the symlink `containers/names/<name>` → `<id>` with
//! symlink(2), which fails with EEXIST when another container holds it: two `rcon run --name x`
//! started at once cannot both win. The record (`container.json`) also carries the name; the
//! symlink is the lock, the record is what commands show.
use std::fs;
use std::io;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// Why a name cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NameError {
    #[error(
        "invalid container name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]* \
         (at most 253 characters)"
    )]
    Invalid { name: String },
    #[error(
        "the container name {name:?} is already in use by container {holder}: remove or rename \
         that container, or use --replace"
    )]
    InUse { name: String, holder: String },
    #[error(
        "the name {name:?} is already in use by pod {holder}: pods and containers share names; \
         pick another name"
    )]
    PodName { name: String, holder: String },
    #[error("cannot reserve the container name {name:?} in {path}: {source}")]
    Io {
        name: String,
        path: PathBuf,
        source: io::Error,
    },
}

/// Checks `name` against Podman's rule `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
pub(crate) fn validate(name: &str) -> Result<(), NameError> {
    let mut bytes = name.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if first_ok && rest_ok && name.len() <= 253 {
        Ok(())
    } else {
        Err(NameError::Invalid { name: name.into() })
    }
}

const ADJECTIVES: &[&str] = &[
    "agile", "amazing", "bold", "brave", "bright", "busy", "calm", "careful", "charming",
    "cheerful", "clever", "cool", "cosmic", "curious", "daring", "dazzling", "eager", "elastic",
    "elegant", "epic", "fervent", "fierce", "focused", "friendly", "gallant", "gentle", "happy",
    "hardy", "honest", "hopeful", "humble", "jolly", "keen", "kind", "lively", "loyal", "lucid",
    "mellow", "merry", "mighty", "modest", "nice", "nimble", "noble", "patient", "peaceful",
    "placid", "plucky", "polite", "proud", "quick", "quiet", "radiant", "rapid", "relaxed",
    "serene", "sharp", "shiny", "silly", "sleepy", "smart", "sober", "steady", "stoic", "sunny",
    "swift", "tender", "thirsty", "tidy", "trusting", "upbeat", "vibrant", "vigilant", "vivid",
    "warm", "wise", "witty", "zealous", "zen",
];

const SURNAMES: &[&str] = &[
    "agnesi",
    "albattani",
    "allen",
    "archimedes",
    "babbage",
    "banach",
    "bardeen",
    "bartik",
    "bassi",
    "bell",
    "bhabha",
    "blackwell",
    "bohr",
    "boole",
    "borg",
    "bose",
    "brahmagupta",
    "brattain",
    "burnell",
    "cannon",
    "carson",
    "cerf",
    "chandrasekhar",
    "clarke",
    "curie",
    "darwin",
    "davinci",
    "dijkstra",
    "dirac",
    "einstein",
    "elion",
    "euclid",
    "euler",
    "faraday",
    "fermat",
    "fermi",
    "feynman",
    "franklin",
    "galileo",
    "gauss",
    "goldberg",
    "goodall",
    "hamilton",
    "hawking",
    "heisenberg",
    "hermann",
    "hertz",
    "hodgkin",
    "hoover",
    "hopper",
    "hypatia",
    "jackson",
    "jennings",
    "johnson",
    "kalam",
    "kepler",
    "khorana",
    "knuth",
    "kowalevski",
    "lamarr",
    "lamport",
    "leakey",
    "leavitt",
    "lovelace",
    "lumiere",
    "margulis",
    "maxwell",
    "mayer",
    "mccarthy",
    "meitner",
    "mendel",
    "mirzakhani",
    "morse",
    "newton",
    "nobel",
    "noether",
    "pascal",
    "pasteur",
    "payne",
    "perlman",
    "pike",
    "planck",
    "poincare",
    "raman",
    "ramanujan",
    "ritchie",
    "rosalind",
    "sammet",
    "shannon",
    "shockley",
    "sinoussi",
    "stallman",
    "swanson",
    "tesla",
    "thompson",
    "torvalds",
    "turing",
    "volhard",
    "wescoff",
    "wiles",
    "williams",
    "wozniak",
    "wright",
    "yalow",
    "yonath",
];

/// A generated name from random bytes: `adjective_surname`, with a digit appended on retries
/// (`attempt > 0`) as Docker does.
pub(crate) fn generate(random: u64, attempt: u32) -> String {
    let adj = ADJECTIVES[(random % ADJECTIVES.len() as u64) as usize];
    let sur = SURNAMES[((random >> 32) % SURNAMES.len() as u64) as usize];
    if attempt == 0 {
        format!("{adj}_{sur}")
    } else {
        format!("{adj}_{sur}{}", (random >> 16) % 10)
    }
}

/// `containers/names`: one symlink per reserved name.
pub(crate) fn names_dir(containers: &Path) -> PathBuf {
    containers.join("names")
}

/// Reserves `name` for container `id`. Fails with [`NameError::InUse`] naming the holder when
/// another container has it.
pub(crate) fn reserve(containers: &Path, name: &str, id: &str) -> Result<(), NameError> {
    validate(name)?;
    let dir = names_dir(containers);
    let path = dir.join(name);
    let io_err = |source| NameError::Io {
        name: name.into(),
        path: path.clone(),
        source,
    };
    fs::create_dir_all(&dir).map_err(io_err)?;
    match symlink(id, &path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(NameError::InUse {
            name: name.into(),
            holder: holder(containers, name).unwrap_or_else(|| "(being created)".into()),
        }),
        Err(e) => Err(io_err(e)),
    }
}

/// The ID of the container holding `name`, if any.
pub(crate) fn holder(containers: &Path, name: &str) -> Option<String> {
    if validate(name).is_err() {
        return None;
    }
    fs::read_link(names_dir(containers).join(name))
        .ok()
        .map(|t| t.to_string_lossy().into_owned())
}

/// True when `name` was reserved at least `age` ago (its link's own time).
pub(crate) fn is_stale(containers: &Path, name: &str, age: std::time::Duration) -> bool {
    fs::symlink_metadata(names_dir(containers).join(name))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|e| e >= age)
}

/// Gives `name` up, only if `id` holds it (a name taken over since is left alone).
pub(crate) fn release(containers: &Path, name: &str, id: &str) -> io::Result<()> {
    if holder(containers, name).as_deref() != Some(id) {
        return Ok(());
    }
    match fs::remove_file(names_dir(containers).join(name)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_podmans_rule() {
        for ok in ["a", "web1", "my_app.v2-x", "0abc"] {
            assert!(validate(ok).is_ok(), "{ok}");
        }
        for bad in ["", "_x", "-x", ".x", "a b", "a/b", "ä", "a:b"] {
            assert!(validate(bad).is_err(), "{bad}");
        }
        assert!(validate(&"a".repeat(254)).is_err());
    }

    #[test]
    fn generated_names_are_valid() {
        for r in [0u64, 1, u64::MAX, 0x1234_5678_9abc_def0] {
            for attempt in 0..3 {
                let n = generate(r, attempt);
                assert!(validate(&n).is_ok(), "{n}");
                assert!(n.contains('_'));
            }
        }
    }

    #[test]
    fn reservation_is_exclusive_and_names_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        reserve(dir.path(), "web", "aaaa").unwrap();
        match reserve(dir.path(), "web", "bbbb") {
            Err(NameError::InUse { holder, .. }) => assert_eq!(holder, "aaaa"),
            other => panic!("expected InUse, got {other:?}"),
        }
        // Only the holder releases it.
        release(dir.path(), "web", "bbbb").unwrap();
        assert_eq!(holder(dir.path(), "web").as_deref(), Some("aaaa"));
        release(dir.path(), "web", "aaaa").unwrap();
        assert_eq!(holder(dir.path(), "web"), None);
        reserve(dir.path(), "web", "bbbb").unwrap();
        assert!(!is_stale(
            dir.path(),
            "web",
            std::time::Duration::from_secs(60)
        ));
        assert!(is_stale(dir.path(), "web", std::time::Duration::ZERO));
    }
}
