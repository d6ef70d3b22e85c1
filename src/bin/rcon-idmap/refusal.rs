//! rcon-idmap's refusals: every reason it says no (or fails), each shown as one lowercase line
//! after `rcon-idmap: `. A plain enum with a hand-written `Display`: the helper links std and
//! libc alone, no error crate.
use super::{Range, MAX_EXTENTS, MAX_MAP_TEXT};
use std::fmt;
use std::io;

/// Why rcon-idmap refuses (or fails); shown as one lowercase line after `rcon-idmap: `.
#[derive(Debug)]
pub(crate) enum Refusal {
    Usage,
    NotText,
    InvalidPid {
        text: String,
    },
    NoTriples {
        kind: &'static str,
    },
    NotANumber {
        text: String,
    },
    OutOfRange {
        text: String,
    },
    LineCount {
        kind: &'static str,
        lines: usize,
    },
    EmptyRange {
        kind: &'static str,
        range: Range,
    },
    Overflow {
        kind: &'static str,
        range: Range,
    },
    NotGranted {
        kind: &'static str,
        range: Range,
        file: &'static str,
        who: String,
    },
    OverlapInside {
        kind: &'static str,
        a: u32,
        b: u32,
    },
    OverlapOutside {
        kind: &'static str,
        a: u32,
        b: u32,
    },
    MapTooLong {
        kind: &'static str,
        bytes: usize,
    },
    MissingCaps,
    ReadFile {
        path: &'static str,
        source: io::Error,
    },
    ProcDir {
        what: &'static str,
        pid: i32,
        source: io::Error,
    },
    NotOwned {
        pid: i32,
        uid: u32,
    },
    ProcFile {
        pid: i32,
        source: FileError,
    },
    BadStatus {
        pid: i32,
    },
    Thread {
        pid: i32,
    },
    NotChild {
        pid: i32,
        parent: i32,
        caller: i32,
    },
    OtherUid {
        pid: i32,
        uid: u32,
    },
    Namespace {
        what: &'static str,
        path: String,
        source: io::Error,
    },
    SameNamespace {
        pid: i32,
    },
    NamespaceOwner {
        pid: i32,
        source: io::Error,
    },
    ForeignNamespace {
        pid: i32,
        owner: u32,
        uid: u32,
    },
    AlreadyMapped {
        pid: i32,
    },
    Capabilities {
        what: &'static str,
        source: io::Error,
    },
    Withdrawn,
    Stdin {
        source: io::Error,
    },
}

const USAGE: &str = "usage: rcon-idmap [--wait] <pid>|--check \
                     uid <inside> <outside> <count>... gid <inside> <outside> <count>...";

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Refusal::*;
        match self {
            Usage => f.write_str(USAGE),
            NotText => f.write_str("arguments must be decimal numbers and keywords"),
            Withdrawn => {
                f.write_str("the caller gave up before the target was ready: nothing written")
            }
            Stdin { source } => {
                write!(f, "cannot read the caller's go on standard input: {source}")
            }
            InvalidPid { text } => write!(f, "invalid pid {text}"),
            NoTriples { kind } => write!(
                f,
                "the {kind} section needs one or more triples <inside> <outside> <count>"
            ),
            NotANumber { text } => write!(f, "not a decimal number: {text:?}"),
            OutOfRange { text } => write!(f, "number out of range: {text}"),
            LineCount { kind, lines } => {
                write!(
                    f,
                    "the {kind} map must have 1 to {MAX_EXTENTS} lines, not {lines}"
                )
            }
            EmptyRange { kind, range: r } => {
                write!(f, "{kind} range {} {} 0 is empty", r.inside, r.outside)
            }
            Overflow { kind, range: r } => write!(
                f,
                "{kind} range {} {} {} overflows",
                r.inside, r.outside, r.count
            ),
            NotGranted {
                kind,
                range: r,
                file,
                who,
            } => write!(
                f,
                "{kind} range {} {} {} is outside the ranges {file} grants to {who}",
                r.inside, r.outside, r.count
            ),
            OverlapInside { kind, a, b } => {
                write!(
                    f,
                    "{kind} ranges overlap inside the namespace at {a} and {b}"
                )
            }
            OverlapOutside { kind, a, b } => {
                write!(f, "{kind} ranges overlap on the host at {a} and {b}")
            }
            MapTooLong { kind, bytes } => write!(
                f,
                "the {kind} map is {bytes} bytes; the kernel takes at most {MAX_MAP_TEXT}"
            ),
            MissingCaps => f.write_str(
                "missing capabilities: run `setcap cap_setuid,cap_setgid+ep` on this binary \
                 (and make sure its file system is not mounted nosuid)",
            ),
            ReadFile { path, source } => write!(f, "cannot read {path}: {source}"),
            ProcDir { what, pid, source } => write!(f, "cannot {what} /proc/{pid}: {source}"),
            NotOwned { pid, uid } => write!(f, "process {pid} is not owned by uid {uid}"),
            ProcFile { pid, source } => write!(f, "process {pid}: {source}"),
            BadStatus { pid } => write!(f, "cannot parse /proc/{pid}/status"),
            Thread { pid } => write!(f, "{pid} is a thread, not a process"),
            NotChild {
                pid,
                parent,
                caller,
            } => write!(
                f,
                "process {pid} is not a child of the caller (its parent is {parent}, the caller \
                 is {caller})"
            ),
            OtherUid { pid, uid } => {
                write!(f, "process {pid} does not run entirely as uid {uid}")
            }
            Namespace { what, path, source } => write!(f, "cannot {what} {path}: {source}"),
            SameNamespace { pid } => {
                write!(f, "process {pid} has not created a new user namespace")
            }
            NamespaceOwner { pid, source } => write!(
                f,
                "cannot read the owner of process {pid}'s user namespace: {source}"
            ),
            ForeignNamespace { pid, owner, uid } => write!(
                f,
                "the user namespace of process {pid} belongs to uid {owner}, not {uid}"
            ),
            AlreadyMapped { pid } => write!(f, "process {pid} already has a uid map"),
            Capabilities { what, source } => write!(f, "cannot {what}: {source}"),
        }
    }
}

impl std::error::Error for Refusal {}

/// Why a file under /proc/<pid> could not be read or written.
#[derive(Debug)]
pub(crate) enum FileError {
    Read(io::Error),
    Open {
        name: &'static str,
        source: io::Error,
    },
    Short {
        name: &'static str,
        written: usize,
        len: usize,
    },
    Write {
        name: &'static str,
        source: io::Error,
    },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Read(e) => write!(f, "{e}"),
            FileError::Open { name, source } => write!(f, "cannot open {name}: {source}"),
            FileError::Short { name, written, len } => {
                write!(f, "short write to {name}: {written} of {len} bytes")
            }
            FileError::Write { name, source } => write!(f, "cannot write {name}: {source}"),
        }
    }
}

impl std::error::Error for FileError {}
