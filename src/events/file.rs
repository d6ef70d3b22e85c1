//! The `file` backend: one JSON event a line, appended under `<file>.lock`.
//!
//! A writer holds the lock while it appends its line with one `write` on an `O_APPEND`
//! descriptor, so lines from many processes never interleave. Past the size limit the writer
//! keeps the newer half of the file (from the first whole line after the middle), written to a
//! temporary file renamed over the old one, and records a `log-rotation` event first: readers
//! following the file see it shrink or change and start again at its beginning.
use super::{Event, ReadError, ReadOptions};
use crate::util::fs::{temp_sibling, Lock};
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often a follower looks for new lines.
const POLL: Duration = Duration::from_millis(100);

fn lock_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Appends `event`, rotating first when the file would reach `max_size` (0: never).
pub(super) fn append(path: &Path, event: &Event, max_size: u64) -> io::Result<()> {
    let line = to_line(event)?;
    let _lock = Lock::exclusive(&lock_path(path))?;
    if max_size > 0 {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > 0 && size + line.len() as u64 >= max_size {
            keep_newer_half(path)?;
            write_line(
                path,
                &to_line(&Event::system("log-rotation", &path.to_string_lossy()))?,
            )?;
        }
    }
    write_line(path, &line)
}

/// The events file and its lock, open: appends without reaching either by its path.
pub(super) struct Opened {
    log: File,
    lock: File,
}

impl Opened {
    pub(super) fn open(path: &Path) -> io::Result<Opened> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let lock = crate::util::fs::open_lock_file(&lock_path(path))?;
        let log = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(path)?;
        Ok(Opened { log, lock })
    }

    pub(super) fn append(&self, event: &Event) -> io::Result<()> {
        let line = to_line(event)?;
        let _held = crate::util::fs::FdLock::exclusive(&self.lock)?;
        (&self.log).write_all(&line)
    }
}

fn to_line(event: &Event) -> io::Result<Vec<u8>> {
    let mut line = serde_json::to_vec(event)?;
    line.push(b'\n');
    Ok(line)
}

fn write_line(path: &Path, line: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)?;
    // One write: an O_APPEND write of a regular file lands whole at the end.
    f.write_all(line)
}

/// Replaces the file with its second half, from the first line that starts after the middle.
fn keep_newer_half(path: &Path) -> io::Result<()> {
    let mut orig = File::open(path)?;
    let size = orig.metadata()?.len();
    orig.seek(SeekFrom::Start(size / 2))?;
    let mut reader = BufReader::new(orig);
    let mut partial = Vec::new();
    reader.read_until(b'\n', &mut partial)?;
    let tmp = temp_sibling(path);
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)?;
    let copied = io::copy(&mut reader, &mut out).and_then(|_| out.sync_all());
    if let Err(e) = copied.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Reads the file's events the options select; with `stream`, follows it (from its end unless
/// `since` is given) until `until` passes or the sink refuses an event.
pub(super) fn read(
    path: &Path,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(&Event) -> io::Result<()>,
) -> Result<(), ReadError> {
    let err = |source: io::Error| ReadError::File {
        path: path.display().to_string(),
        source,
    };
    let mut follower = Follower {
        path,
        file: None,
        ino: 0,
        pos: 0,
        pending: Vec::new(),
        line_no: 0,
    };
    let from_end = opts.stream && opts.since.is_none();
    follower.open(from_end).map_err(err)?;
    loop {
        let more = follower.drain(&mut |e| {
            if opts.keeps(e) {
                sink(e)
            } else {
                Ok(())
            }
        });
        match more {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => return Err(err(e)),
        }
        if !opts.stream || opts.until.is_some_and(|u| now_nanos() >= u) {
            return Ok(());
        }
        std::thread::sleep(POLL);
        follower.check_rotation().map_err(err)?;
    }
}

fn now_nanos() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// A reader of the events file that survives its rotation.
struct Follower<'a> {
    path: &'a Path,
    file: Option<File>,
    ino: u64,
    pos: u64,
    /// The start of a line whose end is not written yet.
    pending: Vec<u8>,
    line_no: u64,
}

impl Follower<'_> {
    /// Opens the file (a missing one is read as empty until it appears).
    fn open(&mut self, at_end: bool) -> io::Result<()> {
        match File::open(self.path) {
            Ok(mut f) => {
                let meta = f.metadata()?;
                self.ino = meta.ino();
                self.pos = if at_end { meta.len() } else { 0 };
                f.seek(SeekFrom::Start(self.pos))?;
                self.file = Some(f);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.file = None;
                self.pos = 0;
            }
            Err(e) => return Err(e),
        }
        self.pending.clear();
        Ok(())
    }

    /// Starts again at the beginning of a file that was replaced or truncated.
    fn check_rotation(&mut self) -> io::Result<()> {
        match std::fs::metadata(self.path) {
            Ok(m) if self.file.is_none() || m.ino() != self.ino || m.len() < self.pos => {
                self.open(false)
            }
            _ => Ok(()),
        }
    }

    /// Hands every whole line read so far to `each`; false once `each` refused one.
    fn drain(&mut self, each: &mut dyn FnMut(&Event) -> io::Result<()>) -> io::Result<bool> {
        let Some(file) = self.file.as_mut() else {
            return Ok(true);
        };
        let mut buf = Vec::new();
        let n = file.read_to_end(&mut buf)?;
        self.pos += n as u64;
        self.pending.extend_from_slice(&buf);
        let end = match self.pending.iter().rposition(|b| *b == b'\n') {
            Some(i) => i + 1,
            None => return Ok(true),
        };
        let whole: Vec<u8> = self.pending.drain(..end).collect();
        for line in whole.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            self.line_no += 1;
            match serde_json::from_slice::<Event>(line) {
                Ok(e) => {
                    if each(&e).is_err() {
                        return Ok(false);
                    }
                }
                Err(e) => log::warn!(
                    "skipping line {} of {}: not an event: {e}",
                    self.line_no,
                    self.path.display()
                ),
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("rcon-events-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn read_all(path: &Path) -> Vec<Event> {
        let mut seen = Vec::new();
        read(path, &ReadOptions::default(), &mut |e| {
            seen.push(e.clone());
            Ok(())
        })
        .unwrap();
        seen
    }

    #[test]
    fn rotation_keeps_the_newer_half_and_says_so() {
        let d = temp_dir("rotate");
        let path = d.join("events.log");
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!(
                "{{\"Name\":\"busybox\",\"Status\":\"pull\",\"Time\":\"2022-04-06T11:26:42.7236679{i:02}+02:00\",\"Type\":\"image\",\"Attributes\":null}}\n"
            ));
        }
        std::fs::write(&path, &text).unwrap();
        let size = text.len() as u64;
        append(&path, &Event::system("refresh", ""), size / 2).unwrap();
        let events = read_all(&path);
        let statuses: Vec<_> = events.iter().map(|e| e.status.as_str()).collect();
        assert_eq!(statuses.len(), 51, "{statuses:?}");
        assert_eq!(&statuses[49..], ["log-rotation", "refresh"]);
        assert_eq!(events[49].name, path.to_string_lossy());
        assert!(events[0].time.ends_with("51+02:00"), "{}", events[0].time);
        append(&path, &Event::system("refresh", ""), 0).unwrap();
        assert_eq!(read_all(&path).len(), 52, "0 never rotates");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn many_writers_never_tear_a_line() {
        let d = temp_dir("writers");
        let path = d.join("events.log");
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for i in 0..200 {
                        let e = Event::volume("create", &format!("{t}-{i}-{}", "x".repeat(300)));
                        append(&path, &e, 0).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1600);
        for line in text.lines() {
            serde_json::from_str::<Event>(line).unwrap();
        }
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_missing_file_reads_as_no_events() {
        let d = temp_dir("missing");
        assert!(read_all(&d.join("none.log")).is_empty());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
