//! Seccomp filters for the container's processes.
//!
//! The CLI compiles the container's profile once, when it creates the container: the built-in
//! profile ([`default`]), or a JSON profile from `--security-opt seccomp=PATH` or
//! containers.conf, with the rules chosen for the container's capabilities and this machine's
//! architecture and kernel. libseccomp turns the rules into classic BPF, which is kept beside
//! the container's spec as [`FILE`] and named in the spec's annotations ([`ANNOTATION`]). The
//! supervisor and `exec` read that file before they clone, and the child only hands the
//! prepared program to the kernel ([`Filter::load`]): no allocation, no library call.
//!
//! Ordering (the child's side): with no_new_privs the filter is loaded last, right before
//! execve; without it the kernel wants CAP_SYS_ADMIN in the user namespace, so the filter goes
//! in before the user and capabilities change, and the calls made after it (setgroups,
//! setresuid, capset, prctl, chdir, execve) must be allowed by the profile, as the built-in
//! one does.
pub(crate) mod default;
pub(crate) mod profile;

use libseccomp::ScmpSyscall;
use libseccomp::{ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext};
use profile::{Action, Op, Profile};
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

/// The compiled filter's file in the container's folder.
pub(crate) const FILE: &str = "seccomp.bpf";
/// The spec annotation that says the container runs under the filter in [`FILE`].
pub(crate) const ANNOTATION: &str = "run.rcon.seccomp";
/// The kernel's limit on a filter's length (BPF_MAXINSNS).
const MAX_INSTRUCTIONS: usize = 4096;
/// A profile file larger than this is refused unread.
const MAX_PROFILE_BYTES: u64 = 4 << 20;

/// Which profile a container runs under.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Choice {
    /// rcon's built-in profile.
    #[default]
    Default,
    /// No filter (`seccomp=unconfined`, `--privileged`).
    Unconfined,
    /// An OCI/Docker JSON profile.
    File(PathBuf),
}

impl From<crate::config::containers_conf::SeccompSetting> for Choice {
    fn from(s: crate::config::containers_conf::SeccompSetting) -> Choice {
        use crate::config::containers_conf::SeccompSetting;
        match s {
            SeccompSetting::Default => Choice::Default,
            SeccompSetting::Unconfined => Choice::Unconfined,
            SeccompSetting::Path(p) => Choice::File(p),
        }
    }
}

impl Choice {
    /// How inspect names it (`SeccompProfilePath`): empty for the built-in profile.
    pub(crate) fn describe(&self) -> String {
        match self {
            Choice::Default => String::new(),
            Choice::Unconfined => "unconfined".into(),
            Choice::File(p) => p.display().to_string(),
        }
    }
}

/// Why no filter could be made or loaded.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SeccompError {
    #[error("cannot read the seccomp profile {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the seccomp profile {0} is larger than 4 MiB")]
    TooLarge(PathBuf),
    #[error("the seccomp profile {path}: {source}")]
    Profile {
        path: PathBuf,
        #[source]
        source: profile::ProfileError,
    },
    #[error("cannot compile the seccomp profile: {0}")]
    Compile(String),
    #[error("the compiled seccomp filter {path} is damaged ({why}): recreate the container")]
    Damaged { path: PathBuf, why: &'static str },
    #[error("cannot read the compiled seccomp filter {path}: {source}")]
    ReadFilter {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Reads a JSON profile, bounded in size.
pub(crate) fn read_profile(path: &Path) -> Result<Profile, SeccompError> {
    let read = |source| SeccompError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read)?;
    let mut text = Vec::new();
    file.take(MAX_PROFILE_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(read)?;
    if text.len() as u64 > MAX_PROFILE_BYTES {
        return Err(SeccompError::TooLarge(path.to_path_buf()));
    }
    Profile::from_json(&text).map_err(|source| SeccompError::Profile {
        path: path.to_path_buf(),
        source,
    })
}

/// The profile a choice names; `None` for unconfined.
pub(crate) fn profile_for(choice: &Choice) -> Result<Option<Profile>, SeccompError> {
    match choice {
        Choice::Default => Ok(Some(default::profile())),
        Choice::Unconfined => Ok(None),
        Choice::File(p) => read_profile(p).map(Some),
    }
}

/// A compiled filter: classic BPF instructions, ready for the kernel.
#[derive(Debug, Clone)]
pub(crate) struct Filter(Vec<libc::sock_filter>);

/// Go's name of this machine's architecture, as profiles' `arches` use it.
fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// The native architecture's 32-bit companions, which the built-in profile also covers.
fn sub_arches() -> &'static [ScmpArch] {
    match std::env::consts::ARCH {
        "x86_64" => &[ScmpArch::X86, ScmpArch::X32],
        "aarch64" => &[ScmpArch::Arm],
        _ => &[],
    }
}

fn kernel() -> (u32, u32) {
    nix::sys::utsname::uname()
        .ok()
        .and_then(|u| profile::kernel_version(&u.release().to_string_lossy()))
        .unwrap_or((0, 0))
}

fn scmp_action(a: Action) -> ScmpAction {
    match a {
        Action::Allow => ScmpAction::Allow,
        Action::Errno(e) => ScmpAction::Errno(e as i32),
        Action::KillThread => ScmpAction::KillThread,
        Action::KillProcess => ScmpAction::KillProcess,
        Action::Trap => ScmpAction::Trap,
        Action::Trace(t) => ScmpAction::Trace(t as u16),
        Action::Log => ScmpAction::Log,
    }
}

fn comparison(a: &profile::ArgRule) -> ScmpArgCompare {
    let (op, datum) = match a.op {
        Op::Ne => (ScmpCompareOp::NotEqual, a.value),
        Op::Lt => (ScmpCompareOp::Less, a.value),
        Op::Le => (ScmpCompareOp::LessOrEqual, a.value),
        Op::Eq => (ScmpCompareOp::Equal, a.value),
        Op::Ge => (ScmpCompareOp::GreaterEqual, a.value),
        Op::Gt => (ScmpCompareOp::Greater, a.value),
        Op::MaskedEq => (ScmpCompareOp::MaskedEqual(a.value), a.value_two),
    };
    ScmpArgCompare::new(a.index, op, datum)
}

/// Compiles `profile` for a container holding `caps` (`CAP_*` names).
pub(crate) fn compile(profile: &Profile, caps: &[String]) -> Result<Filter, SeccompError> {
    let err = |what: String| SeccompError::Compile(what);
    let mut ctx = ScmpFilterContext::new(scmp_action(profile.default_action))
        .map_err(|e| err(e.to_string()))?;
    let arches: Vec<ScmpArch> = if profile.architectures.is_empty() {
        sub_arches().to_vec()
    } else {
        let mut v = Vec::new();
        for name in &profile.architectures {
            v.push(
                name.parse::<ScmpArch>()
                    .map_err(|_| err(format!("unknown architecture {name:?}")))?,
            );
        }
        v
    };
    // A binary search on the call number instead of a list of hundreds of comparisons: the
    // kernel runs the filter once per call number when it loads it (to cache the calls that
    // are always allowed), so a linear filter made every container start slower, and every
    // call a container makes that the cache does not cover.
    ctx.set_ctl_optimize(2).map_err(|e| err(e.to_string()))?;
    let native = ScmpArch::native();
    for arch in arches.into_iter().filter(|a| *a != native) {
        ctx.add_arch(arch)
            .map_err(|e| err(format!("architecture {arch:?}: {e}")))?;
    }
    let (arch, kernel) = (go_arch(), kernel());
    for rule in &profile.syscalls {
        // A rule that repeats the default action changes nothing (libseccomp refuses it).
        if rule.action == profile.default_action || !profile::applies(rule, caps, arch, kernel) {
            continue;
        }
        let cmps: Vec<ScmpArgCompare> = rule.args.iter().map(comparison).collect();
        for name in &rule.names {
            // A name this libseccomp does not know is a call this machine does not have.
            let Ok(call) = ScmpSyscall::from_name(name) else {
                continue;
            };
            ctx.add_rule_conditional(scmp_action(rule.action), call, &cmps)
                .map_err(|e| err(format!("the rule for {name}: {e}")))?;
        }
    }
    let mut out = tempfile_in_memory().map_err(|e| err(e.to_string()))?;
    ctx.export_bpf(&out).map_err(|e| err(e.to_string()))?;
    let mut bytes = Vec::new();
    out.rewind()
        .and_then(|_| out.read_to_end(&mut bytes))
        .map_err(|e| err(e.to_string()))?;
    Filter::from_bytes(&bytes).map_err(|why| err(why.into()))
}

/// [`compile`] of the profile `choice` names, remembered in `cache` (a folder of the user's run
/// root): libseccomp takes tens of milliseconds over a profile of hundreds of rules, longer
/// than a whole container start, so each (profile, capabilities, architecture, kernel) is
/// compiled once per boot. A cache entry that cannot be read or written only costs the
/// compile. `None` when the choice is to run unconfined.
///
/// A profile file is named in the key by its whole content. The built-in profile is named by
/// the rcon file that holds it ([`builtin_identity`]): formatting and hashing its hundreds of
/// rules cost every `create` more than the rest of the key.
pub(crate) fn compile_cached(
    choice: &Choice,
    caps: &[String],
    cache: &Path,
) -> Result<Option<Filter>, SeccompError> {
    let builtin = match choice {
        Choice::Unconfined => return Ok(None),
        Choice::Default => builtin_identity(),
        Choice::File(_) => None,
    };
    let (source, mut profile) = match builtin {
        Some(identity) => (identity, None),
        None => {
            let Some(p) = profile_for(choice)? else {
                return Ok(None);
            };
            (format!("{p:?}"), Some(p))
        }
    };
    let mut sorted = caps.to_vec();
    sorted.sort();
    let key = crate::util::digest::Digest::of(
        format!(
            "{}|{source}|{sorted:?}|{}|{:?}",
            env!("CARGO_PKG_VERSION"),
            go_arch(),
            kernel()
        )
        .as_bytes(),
    );
    let file = cache.join(format!("{}.bpf", key.hex()));
    if let Ok(filter) = Filter::read(&file) {
        return Ok(Some(filter));
    }
    if profile.is_none() {
        profile = profile_for(choice)?;
    }
    let Some(profile) = profile else {
        return Ok(None);
    };
    let filter = compile(&profile, caps)?;
    if let Err(e) = crate::util::fs::atomic_write_mode(&file, &filter.to_bytes(), 0o600) {
        log::debug!(
            "cannot keep the compiled seccomp filter in {}: {e}",
            file.display()
        );
    }
    Ok(Some(filter))
}

/// The built-in profile's name in a cache key: the rcon file it is compiled into (the one this
/// process started from, also when it runs from its sealed copy), by device, inode, size and
/// change time. A rebuilt or replaced rcon has another, so it never loads a filter that an
/// older build compiled from another built-in profile. `None` when the file cannot be looked
/// at: the profile's content names it then.
fn builtin_identity() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let exe = crate::linux::sealed_exe::original_exe().ok()?;
    let m = std::fs::metadata(&exe).ok()?;
    Some(format!(
        "built-in in {} {} {} {} {}.{}",
        exe.display(),
        m.dev(),
        m.ino(),
        m.size(),
        m.ctime(),
        m.ctime_nsec()
    ))
}

/// An anonymous in-memory file for libseccomp's export.
fn tempfile_in_memory() -> std::io::Result<std::fs::File> {
    let fd = nix::sys::memfd::memfd_create(
        c"rcon-seccomp",
        nix::sys::memfd::MemFdCreateFlag::MFD_CLOEXEC,
    )?;
    Ok(std::fs::File::from(fd))
}

impl Filter {
    /// The instructions as bytes, in the machine's order (the file's form).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 8);
        for i in &self.0 {
            out.extend_from_slice(&i.code.to_ne_bytes());
            out.push(i.jt);
            out.push(i.jf);
            out.extend_from_slice(&i.k.to_ne_bytes());
        }
        out
    }

    /// Reads instructions written by [`Filter::to_bytes`] (or libseccomp's export).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Filter, &'static str> {
        if bytes.is_empty() || bytes.len() % 8 != 0 {
            return Err("not a whole number of instructions");
        }
        if bytes.len() / 8 > MAX_INSTRUCTIONS {
            return Err("longer than the kernel accepts");
        }
        Ok(Filter(
            bytes
                .chunks_exact(8)
                .map(|c| libc::sock_filter {
                    code: u16::from_ne_bytes([c[0], c[1]]),
                    jt: c[2],
                    jf: c[3],
                    k: u32::from_ne_bytes([c[4], c[5], c[6], c[7]]),
                })
                .collect(),
        ))
    }

    /// The filter a container's spec names ([`ANNOTATION`]) in its folder `dir`; `None` when
    /// it runs unconfined. A named filter that cannot be read fails: never unconfined by
    /// accident.
    pub(crate) fn for_spec(
        spec: &oci_spec::runtime::Spec,
        dir: &Path,
    ) -> Result<Option<Filter>, SeccompError> {
        let Some(file) = spec.annotations().as_ref().and_then(|a| a.get(ANNOTATION)) else {
            return Ok(None);
        };
        if file != FILE {
            return Err(SeccompError::Damaged {
                path: dir.join(file),
                why: "the spec names another file",
            });
        }
        Filter::read(&dir.join(FILE)).map(Some)
    }

    /// Reads a container's compiled filter.
    pub(crate) fn read(path: &Path) -> Result<Filter, SeccompError> {
        let bytes = std::fs::read(path).map_err(|source| SeccompError::ReadFilter {
            path: path.to_path_buf(),
            source,
        })?;
        Filter::from_bytes(&bytes).map_err(|why| SeccompError::Damaged {
            path: path.to_path_buf(),
            why,
        })
    }

    /// Hands the filter to the kernel for this thread. Allocates nothing: safe between fork
    /// and execve. Needs no_new_privs or CAP_SYS_ADMIN in the current user namespace.
    pub(crate) fn load(&self) -> std::io::Result<()> {
        crate::sys::seccomp::set_mode_filter(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profile_compiles_for_podmans_default_capabilities() {
        let caps: Vec<String> = ["CAP_CHOWN", "CAP_KILL", "CAP_SYS_CHROOT"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let f = compile(&default::profile(), &caps).unwrap();
        assert!(f.0.len() > 100, "an allow-list of hundreds of calls");
        let back = Filter::from_bytes(&f.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), f.to_bytes());
    }

    #[test]
    fn a_cached_filter_is_the_compiled_one_and_a_damaged_entry_is_compiled_again() {
        let dir = tempfile::tempdir().unwrap();
        let caps = vec!["CAP_CHOWN".to_string()];
        let p = Choice::Default;
        let cached = |caps: &[String]| compile_cached(&p, caps, dir.path()).unwrap().unwrap();
        let first = cached(&caps);
        assert_eq!(
            first.to_bytes(),
            compile(&default::profile(), &caps).unwrap().to_bytes()
        );
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(entries.len(), 1, "one entry per profile and capability set");
        let again = cached(&caps);
        assert_eq!(first.to_bytes(), again.to_bytes());
        std::fs::write(entries[0].path(), b"junk").unwrap();
        let mended = cached(&caps);
        assert_eq!(mended.to_bytes(), first.to_bytes());
        let other = cached(&["CAP_SYS_ADMIN".to_string()]);
        assert_ne!(
            other.to_bytes(),
            first.to_bytes(),
            "capabilities change the filter"
        );
    }

    #[test]
    fn damaged_filter_bytes_are_refused() {
        assert!(Filter::from_bytes(&[]).is_err());
        assert!(Filter::from_bytes(&[0; 7]).is_err());
        assert!(Filter::from_bytes(&vec![0; 8 * (MAX_INSTRUCTIONS + 1)]).is_err());
    }

    #[test]
    fn a_rule_for_an_unknown_call_is_skipped_and_a_default_repeat_ignored() {
        let p = Profile::from_json(
            br#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
                {"names":["no_such_call_anywhere"],"action":"SCMP_ACT_ERRNO"},
                {"names":["read"],"action":"SCMP_ACT_ALLOW"},
                {"names":["mkdir"],"action":"SCMP_ACT_ERRNO","errnoRet":13}]}"#,
        )
        .unwrap();
        compile(&p, &[]).unwrap();
    }
}
