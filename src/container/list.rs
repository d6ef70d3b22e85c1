//! Finding containers: every container with its corrected state (`ps`), and one container by
//! exact name, full ID or unique ID prefix (every other command).
//!
//! A container exists once its `container.json` exists: `create` writes it last, `remove`
//! renames the folder away first, so a half-made or half-removed container is never listed.
use crate::config::Paths;
use crate::container::names;
use crate::container::record::{ContainerPaths, ContainerRecord};
use crate::container::state::{self, State, Status};
use crate::container::stop_marks;
use crate::linux::nsenter::Target;
use crate::network::setup::{NetError, Peer, Plan};
use crate::util::fs::read_json;
use std::fs;
use std::io;
use std::path::PathBuf;

/// Why a container could not be found or read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ListError {
    #[error("no container with name or ID {input:?} found: no such container (see `rcon ps -a`)")]
    NotFound { input: String },
    #[error("{count} containers have IDs starting with {input:?}: give more digits or the name")]
    Ambiguous { input: String, count: usize },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl ListError {
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, ListError::NotFound { .. })
    }
}

type Result<T> = std::result::Result<T, ListError>;

/// True for 64 lowercase hex digits.
pub(crate) fn is_full_id(s: &str) -> bool {
    s.len() == 64 && is_hex(s)
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The IDs of every container folder (without reading anything inside).
pub(crate) fn ids(paths: &Paths) -> Result<Vec<String>> {
    let dir = paths.containers();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(ListError::Io { path: dir, source }),
    };
    Ok(entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_full_id(n))
        .collect())
}

/// The record of container `id`; `None` when it does not exist (or is being created or
/// removed).
pub(crate) fn load(paths: &Paths, id: &str) -> Result<Option<ContainerRecord>> {
    let path = ContainerPaths::new(paths, id).record();
    read_json(&path).map_err(|source| ListError::Io { path, source })
}

/// The state of container `id`, corrected against the running system.
pub(crate) fn state_of(paths: &Paths, id: &str) -> Result<State> {
    let cp = ContainerPaths::new(paths, id);
    state::read_corrected(&cp.state(), &cp.lock())
        .map(|s| with_mark(s, || stop_marks::is_set(paths, id)))
        .map_err(|source| ListError::Io {
            path: cp.state(),
            source,
        })
}

/// The user's stop outlives a reboot (which empties the runroot, and the state with it): a
/// container that does not run and has the mark ([`stop_marks`]) was stopped by the user.
/// `marked` runs only when the state leaves the question open.
fn with_mark(mut s: State, marked: impl FnOnce() -> bool) -> State {
    if !s.stopped_by_user && !matches!(s.status, Status::Running | Status::Paused) && marked() {
        s.stopped_by_user = true;
    }
    s
}

/// A folder opened once, whose files are then opened relative to it: listing a thousand
/// containers then walks two path components per file instead of the whole path.
struct DirFd(Option<fs::File>);

/// Room for a whole record or state in one `read` (records are about 1 KiB).
const READ_CHUNK: usize = 16 * 1024;

impl DirFd {
    fn open(path: &std::path::Path) -> DirFd {
        DirFd(fs::File::open(path).ok())
    }

    /// Opens `rel` below the folder for reading; `None` when either is missing.
    fn open_file(&self, rel: &str) -> io::Result<Option<fs::File>> {
        use nix::fcntl::{openat, OFlag};
        use std::os::fd::AsRawFd;
        let Some(dir) = &self.0 else {
            return Ok(None);
        };
        let flags = OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW;
        match openat(
            Some(dir.as_raw_fd()),
            rel,
            flags,
            nix::sys::stat::Mode::empty(),
        ) {
            // openat just returned this descriptor and nothing else owns it.
            Ok(fd) => Ok(Some(fs::File::from(crate::sys::fd::own(fd)))),
            Err(nix::errno::Errno::ENOENT) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Reads `rel` below the folder and parses it as `T`; `None` when either is missing.
    /// `buf` is the room for one `read`, zeroed once and reused from file to file. Records
    /// and states are written whole by a rename, so one `read` that comes back short of the
    /// room has the whole file: no size query and no second `read` for the end. Should a
    /// short read ever stop early, the text does not parse, and the file is read again to
    /// its end before that counts as an error.
    fn read_json<T: serde::de::DeserializeOwned>(
        &self,
        rel: &str,
        buf: &mut Vec<u8>,
    ) -> io::Result<Option<T>> {
        use std::io::Read;
        let Some(mut file) = self.open_file(rel)? else {
            return Ok(None);
        };
        if buf.len() < READ_CHUNK {
            buf.resize(READ_CHUNK, 0);
        }
        let n = loop {
            match file.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        if n < buf.len() {
            // Checked as UTF-8 once, in one pass: parsing from text then skips the check of
            // every string on its own.
            let parsed = std::str::from_utf8(&buf[..n]).map(serde_json::from_str);
            if let Ok(Ok(v)) = parsed {
                return Ok(Some(v));
            }
        }
        let mut whole = buf[..n].to_vec();
        file.read_to_end(&mut whole)?;
        serde_json::from_slice(&whole)
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// Container `id` as the one whose network namespace another shares (`--network
/// container:ID`): its name for messages and what entering it needs.
pub(crate) fn network_peer(paths: &Paths, id: &str) -> std::result::Result<Peer, NetError> {
    let name = load(paths, id)
        .ok()
        .flatten()
        .map_or_else(|| id[..id.len().min(12)].to_string(), |r| r.name);
    match state_of(paths, id) {
        Ok(state) => Ok(Peer {
            name,
            target: Target::from(&state),
        }),
        Err(e) => Err(NetError::Shared {
            name,
            message: e.to_string(),
        }),
    }
}

/// What the supervisor's network setup needs of `record`, the shared container looked up.
pub(crate) fn network_plan<'a>(
    paths: &Paths,
    record: &'a ContainerRecord,
) -> std::result::Result<Plan<'a>, NetError> {
    let peer = match &record.network {
        crate::network::NetworkMode::Container(target) => Some(network_peer(paths, target)?),
        _ => None,
    };
    Ok(Plan {
        id: &record.id,
        name: &record.name,
        mode: &record.network,
        ports: &record.ports,
        peer,
    })
}

/// Every container with its corrected state, in no particular order. A container whose record
/// cannot be read is skipped with a warning, so one damaged file does not hide the others.
///
/// Each file is opened relative to its folder and read with one `read` (see
/// [`DirFd::read_json`]): three system calls per container that has not run since boot. Only
/// containers with a run folder (one read of the runroot's folder) have a state to read, and
/// the marks of the user's stops are read once, when a state leaves one open.
pub(crate) fn all(paths: &Paths) -> Result<Vec<(ContainerRecord, State)>> {
    let ids = ids(paths)?;
    let mut out = Vec::with_capacity(ids.len());
    Lister::new(paths).read(&ids, &mut out);
    Ok(out)
}

/// [`all`], read by two threads when there are many containers and two CPUs: for `ps`, whose
/// process ends after printing. Not for a process that must stay single-threaded after it
/// (a supervisor about to unshare).
pub(crate) fn all_parallel(paths: &Paths) -> Result<Vec<(ContainerRecord, State)>> {
    /// Below this many, a thread's start costs more than half the reading saves.
    const PARALLEL_FROM: usize = 200;
    let ids = ids(paths)?;
    let lister = Lister::new(paths);
    let mut out = Vec::with_capacity(ids.len());
    let two_cpus = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    if ids.len() < PARALLEL_FROM || !two_cpus {
        lister.read(&ids, &mut out);
        return Ok(out);
    }
    let (first, second) = ids.split_at(ids.len() / 2);
    let theirs = std::thread::scope(|s| {
        let other = s.spawn(|| {
            let mut part = Vec::with_capacity(second.len());
            lister.read(second, &mut part);
            part
        });
        lister.read(first, &mut out);
        other.join()
    });
    match theirs {
        Ok(part) => out.extend(part),
        // The other half is read here instead.
        Err(_) => lister.read(second, &mut out),
    }
    Ok(out)
}

/// What reading the containers' files shares: the two folders, the containers that have a run
/// folder, and the marks of the user's stops (read once, when a state leaves one open).
struct Lister<'a> {
    paths: &'a Paths,
    records: DirFd,
    states: DirFd,
    ran: std::collections::HashSet<String>,
    marks: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl<'a> Lister<'a> {
    fn new(paths: &'a Paths) -> Lister<'a> {
        let run_dir = paths.runroot.join("containers");
        let ran = crate::util::fs::entry_names(&run_dir);
        Lister {
            paths,
            records: DirFd::open(&paths.containers()),
            states: DirFd::open(&run_dir),
            ran,
            marks: std::sync::OnceLock::new(),
        }
    }

    /// Appends the containers `ids` with their corrected states to `out`.
    fn read(&self, ids: &[String], out: &mut Vec<(ContainerRecord, State)>) {
        let paths = self.paths;
        let mut buf = Vec::new();
        let mut rel = String::new();
        for id in ids {
            let record: ContainerRecord = match self
                .records
                .read_json(child(&mut rel, id, "container.json"), &mut buf)
            {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(e) => {
                    let path = ContainerPaths::new(paths, id).record();
                    log::warn!("skipping container {id}: {}: {e}", path.display());
                    continue;
                }
            };
            let st = if self.ran.contains(id) {
                self.states
                    .read_json::<State>(child(&mut rel, id, "state.json"), &mut buf)
            } else {
                Ok(None)
            };
            let st = match st {
                // Only a state that needs correcting takes the slow path (the lock, the write).
                Ok(s) if !s.clone().unwrap_or_default().correct() => Ok(s.unwrap_or_default()),
                _ => state_of(paths, id),
            };
            match st {
                Ok(s) => {
                    let marked = || {
                        let marks = self.marks.get_or_init(|| stop_marks::all(paths));
                        marks.contains(id)
                    };
                    out.push((record, with_mark(s, marked)));
                }
                Err(e) => log::warn!("skipping container {id}: {e}"),
            }
        }
    }
}

/// The images containers use (running or not): `rmi` and `image prune` leave them.
pub(crate) fn images_in_use(
    paths: &Paths,
) -> Result<std::collections::HashSet<crate::util::digest::Digest>> {
    Ok(all(paths)?.into_iter().map(|(r, _)| r.image_id).collect())
}

/// `ID/FILE` in `rel`, a String reused for every file of a listing.
fn child<'a>(rel: &'a mut String, id: &str, file: &str) -> &'a str {
    rel.clear();
    rel.push_str(id);
    rel.push('/');
    rel.push_str(file);
    rel
}

/// Bytes under `dir`, not following symlinks; unreadable parts are skipped.
pub(crate) fn tree_size(dir: &std::path::Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut total = 0;
    for e in entries.flatten() {
        let Ok(m) = e.path().symlink_metadata() else {
            continue;
        };
        total += m.len();
        if m.is_dir() {
            total += tree_size(&e.path());
        }
    }
    total
}

/// The size of a container's writable layer: its overlay upper folder, or for vfs the copy
/// less the image (`image_size`). Parts owned by subordinate ids that cannot be read count 0.
pub(crate) fn writable_size(paths: &Paths, record: &ContainerRecord, image_size: u64) -> u64 {
    let cp = ContainerPaths::new(paths, &record.id);
    if record.storage_driver == "vfs" {
        tree_size(&cp.rootfs()).saturating_sub(image_size)
    } else {
        tree_size(&cp.upper())
    }
}

/// The container `input` names: a full ID, an exact name, or a unique ID prefix, in that
/// order (Podman's).
pub(crate) fn find(paths: &Paths, input: &str) -> Result<ContainerRecord> {
    let not_found = || ListError::NotFound {
        input: input.to_string(),
    };
    if is_full_id(input) {
        if let Some(r) = load(paths, input)? {
            return Ok(r);
        }
    }
    if let Some(id) = names::holder(&paths.containers(), input) {
        if is_full_id(&id) {
            if let Some(r) = load(paths, &id)? {
                return Ok(r);
            }
        }
    }
    if !is_hex(input) {
        return Err(not_found());
    }
    let mut matches: Vec<String> = ids(paths)?
        .into_iter()
        .filter(|id| id.starts_with(input))
        .collect();
    // A folder without a record is being created or removed: not a match.
    matches.retain(|id| ContainerPaths::new(paths, id).record().exists());
    match matches.len() {
        0 => Err(not_found()),
        1 => load(paths, &matches[0])?.ok_or_else(not_found),
        count => Err(ListError::Ambiguous {
            input: input.to_string(),
            count,
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::util::fs::write_json;

    /// A record of container `id` named `name` (the other modules' tests take it too).
    pub(crate) fn record(id: &str, name: &str) -> ContainerRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "image_name": "busybox",
            "image_id": format!("sha256:{}", "1".repeat(64)), "layers": [],
            "created": "2024-01-01T00:00:00.000000000Z", "command": ["sh"],
            "storage_driver": "vfs", "stop_signal": 15, "stop_timeout": 10,
            "log_driver": "k8s-file"
        }))
        .unwrap()
    }

    /// A store in `dir` (the other modules' tests of the store take it too).
    pub(crate) fn paths(dir: &std::path::Path) -> Paths {
        Paths {
            root: dir.join("root"),
            runroot: dir.join("run"),
            config_home: dir.join("cfg"),
            volume_path: None,
            runtime_dir: None,
            home: dir.to_path_buf(),
        }
    }

    fn add(p: &Paths, id: &str, name: &str) {
        let cp = ContainerPaths::new(p, id);
        write_json(&cp.record(), &record(id, name)).unwrap();
        names::reserve(&p.containers(), name, id).unwrap();
    }

    #[test]
    fn find_by_id_name_and_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let a = format!("abc{}", "0".repeat(61));
        let b = format!("abd{}", "0".repeat(61));
        add(&p, &a, "first");
        add(&p, &b, "second");
        assert_eq!(find(&p, &a).unwrap().name, "first");
        assert_eq!(find(&p, "second").unwrap().id, b);
        assert_eq!(find(&p, "abc").unwrap().id, a);
        assert!(matches!(
            find(&p, "ab"),
            Err(ListError::Ambiguous { count: 2, .. })
        ));
        let e = find(&p, "nope").unwrap_err();
        assert!(e.is_not_found());
        assert!(e
            .to_string()
            .contains("no container with name or ID \"nope\" found"));
        // A folder without its record is not a container.
        fs::create_dir_all(p.containers().join(format!("abe{}", "0".repeat(61)))).unwrap();
        assert!(find(&p, "abe").unwrap_err().is_not_found());
        let listed = all(&p).unwrap();
        assert_eq!(listed.len(), 2);
        assert!(listed
            .iter()
            .all(|(_, s)| s.status == state::Status::Created));
    }

    #[test]
    fn many_containers_read_in_two_threads_are_the_same_list() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        for n in 0..250 {
            add(&p, &format!("{n:064x}"), &format!("c{n}"));
        }
        let mut one: Vec<_> = all(&p).unwrap().into_iter().map(|(r, _)| r.name).collect();
        let mut two: Vec<_> = all_parallel(&p)
            .unwrap()
            .into_iter()
            .map(|(r, _)| r.name)
            .collect();
        assert_eq!(one.len(), 250);
        one.sort();
        two.sort();
        assert_eq!(one, two);
    }

    #[test]
    fn all_reads_states_and_stop_marks() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let (a, b, c) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
        add(&p, &a, "exited");
        add(&p, &b, "created");
        add(&p, &c, "marked");
        let exited = State {
            status: Status::Exited,
            exit_code: 3,
            ..State::default()
        };
        // Bigger than one read's room: the rest is read too.
        let mut big = record(&a, "exited");
        big.labels.insert("big".into(), "x".repeat(READ_CHUNK + 10));
        write_json(&ContainerPaths::new(&p, &a).record(), &big).unwrap();
        write_json(&ContainerPaths::new(&p, &a).state(), &exited).unwrap();
        fs::create_dir_all(ContainerPaths::new(&p, &b).run).unwrap();
        stop_marks::set(&p, &c).unwrap();
        let mut listed = all(&p).unwrap();
        listed.sort_by(|x, y| x.0.id.cmp(&y.0.id));
        let got: Vec<_> = listed
            .iter()
            .map(|(r, s)| (r.name.as_str(), s.status, s.exit_code, s.stopped_by_user))
            .collect();
        assert_eq!(
            got,
            [
                ("exited", Status::Exited, 3, false),
                ("created", Status::Created, 0, false),
                ("marked", Status::Created, 0, true),
            ]
        );
        assert_eq!(listed[0].0.labels["big"].len(), READ_CHUNK + 10);
        // A damaged record is skipped, the others still listed.
        fs::write(ContainerPaths::new(&p, &b).record(), "{\"id\": ").unwrap();
        assert_eq!(all(&p).unwrap().len(), 2);
    }
}
