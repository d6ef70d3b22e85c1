//! The hidden roles of the rcon binary, as typed data.
//!
//! A process rcon starts for itself (the per-container supervisor, the networks' holder, a
//! layer unpacker, a stopped container's cp worker, a tree remover) runs as
//! `rcon __userns-helper <role>`, where `<role>` is one [`Role`] as JSON: the role and every
//! argument it takes, typed. Nothing parses a helper's argv by hand. The spawning code (image,
//! container, network) names the role here, low in the layers; `runtime::role` dispatches it.
//!
//! Paths travel as JSON strings when they are UTF-8 and as byte arrays when not, so any path
//! the kernel accepts reaches the helper unchanged.
use serde::{Deserialize, Serialize};
use std::ffi::OsStr;
use std::path::PathBuf;

/// What a helper process is to do, with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum Role {
    /// Removes `path` and everything below it, as root of the store's user namespace.
    Remove {
        #[serde(with = "os_path")]
        path: PathBuf,
    },
    /// Gives the folder `path` to `uid:gid` of the store's user namespace, as its root (a
    /// build's cache mount with `uid=`/`gid=`); never follows a symlink.
    Chown {
        #[serde(with = "os_path")]
        path: PathBuf,
        uid: u32,
        gid: u32,
    },
    /// Unpacks the layer on stdin into `dest` and reports on stdout
    /// (`image::unpack::HelperReply`, one frame).
    Unpack {
        #[serde(with = "os_path")]
        dest: PathBuf,
        /// Only the user is mapped: owners go to xattrs instead of chown.
        single_uid: bool,
    },
    /// Writes the container writable layer `upper` (an overlay upper folder in the store's
    /// form) to stdout as an uncompressed OCI layer tar (`image::diff`).
    Diff {
        #[serde(with = "os_path")]
        upper: PathBuf,
        /// Owners recorded in `user.containers.override_stat` are the real ones.
        single_uid: bool,
        mtimes: Mtimes,
        /// The container's mount destinations: left out while they are the empty files or
        /// folders made as mount points.
        mount_targets: Vec<String>,
        /// `upper` is being adopted as a layer's tree as it stands: the mount points are
        /// removed from it first (`image::diff::prune`).
        #[serde(default)]
        adopt: bool,
        /// A build step's layer: a folder around mount destinations stays (as Podman's
        /// builds keep the /run/secrets they made); only the mount points go.
        #[serde(default)]
        build: bool,
    },
    /// The supervisor of container `id` (detached; it outlives the CLI).
    Supervise {
        store: StorePaths,
        id: String,
        /// The terminal's size, rows and columns, when the first client attaches with `-t`.
        size: Option<(u16, u16)>,
    },
    /// `rcon cp` into or out of the stopped container `id`.
    Cp {
        store: StorePaths,
        id: String,
        op: CpOp,
    },
    /// `volume export` and `volume import` of volume `name`.
    VolumeCp {
        store: StorePaths,
        name: String,
        op: CpOp,
    },
    /// The networks' holder of this user (detached; it lives while containers are on networks).
    Netns { store: StorePaths },
    /// `rcon unshare`: in a mount namespace of its own, replaces itself with `command`
    /// (program first; a shell when empty) with `env` added to its environment.
    Unshare {
        #[serde(with = "os_paths")]
        command: Vec<PathBuf>,
        env: Vec<(String, String)>,
        /// `--rootless-netns`: a descriptor, inherited, of the networks' holder's network
        /// namespace, joined before the command runs.
        #[serde(default)]
        netns_fd: Option<i32>,
    },
}

/// The store's two folders, as `config::Paths::resolve` takes them back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StorePaths {
    #[serde(with = "os_path")]
    pub(crate) root: PathBuf,
    #[serde(with = "os_path")]
    pub(crate) runroot: PathBuf,
    /// The named volumes' folder (`--volumepath`).
    #[serde(with = "os_path")]
    pub(crate) volumes: PathBuf,
}

impl StorePaths {
    pub(crate) fn of(paths: &crate::config::Paths) -> StorePaths {
        StorePaths {
            root: paths.root.clone(),
            runroot: paths.runroot.clone(),
            volumes: paths.volumes(),
        }
    }
}

/// The modification times a `Diff` writes: the files' own, none later than a time (seconds
/// since the epoch), or that time for every entry (reproducible builds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum Mtimes {
    #[default]
    Keep,
    Clamp(i64),
    Set(i64),
}

/// Whose files a cp worker places are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum Owners {
    /// The placing process's (the container's root, or the user on the host).
    #[default]
    Placer,
    /// The uid and gid each entry of the archive names (`cp --archive=false`).
    Archive,
    /// These ids, for every entry (`cp`'s default: the container's user).
    Set { uid: u32, gid: u32 },
}

/// How a cp worker places an archive's entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct Put {
    pub(crate) owners: Owners,
    /// An entry may replace a folder with a file or a file with a folder (`cp --overwrite`);
    /// otherwise such an entry is refused.
    pub(crate) overwrite: bool,
}

/// What a cp worker does inside the container's root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum CpOp {
    /// Packs `path` to its stdout.
    Out { path: String, follow: bool },
    /// Places an archive made by `pack` from its stdin at `path`.
    In {
        path: String,
        contents: bool,
        #[serde(default)]
        put: Put,
    },
    /// Unpacks a user's archive from its stdin into the folder `path`.
    InRaw {
        path: String,
        #[serde(default)]
        put: Put,
    },
    /// Unpacks an archive from its stdin into the folder `path`, owners as the archive says
    /// (`volume import`).
    InOwned { path: String },
    /// Packs `path` (symlinks on the way and at its end followed inside the root) in the
    /// placement form of a build's COPY: a folder as its contents, written as a layer is
    /// (hardlinks, owners, xattrs; `single_uid`: owners from the store's xattr), a file as
    /// one entry under its name.
    OutCopy { path: String, single_uid: bool },
    /// Packs the container's root filesystem alone (no volumes, nothing mounted on it) as a
    /// layer is written, owners as the container sees them (`rcon export`), without the
    /// absolute paths `excluded` (what rcon made for mounts in the writable layer).
    Export {
        single_uid: bool,
        #[serde(default)]
        excluded: Vec<String>,
    },
    /// Lists, as a JSON array of absolute paths on its stdout (sorted by name at each level),
    /// what a build's `COPY --from` wildcard names: below the folder `base` (symlinks on the
    /// way followed inside the root), every path `depth` components deep or less whose path
    /// from `base` matches the regular expression `pattern`; a match is not descended into,
    /// nor is a symlink.
    Glob {
        base: String,
        pattern: String,
        depth: usize,
    },
    /// A build's COPY or ADD: places the archive on its stdin at the absolute `dest` with
    /// Docker's rules (`container::cp::build`). `single_file` names the one file entry that
    /// becomes `dest` itself unless `dest` ends in `/` or is a folder; otherwise `dest` is a
    /// folder the entries go into. `chown` (`user[:group]`, resolved with the container's own
    /// passwd and group files) and `chmod` (octal or symbolic) apply to every entry placed.
    Build {
        dest: String,
        single_file: Option<String>,
        chown: Option<String>,
        chmod: Option<String>,
    },
}

impl Role {
    /// The role's short name, in messages (`rcon: <name>: …`).
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Role::Remove { .. } => "remove",
            Role::Chown { .. } => "chown",
            Role::Unpack { .. } => "unpack",
            Role::Diff { .. } => "diff",
            Role::Supervise { .. } => "supervise",
            Role::Cp { .. } => "cp",
            Role::VolumeCp { .. } => "volume",
            Role::Netns { .. } => "netns",
            Role::Unshare { .. } => "unshare",
        }
    }

    /// Whether the role outlives the process that started it: no parent-death signal.
    pub(crate) fn detached(&self) -> bool {
        matches!(self, Role::Supervise { .. } | Role::Netns { .. })
    }

    /// Whether the role puts rcon into a container's PID namespace (the supervisor, whose
    /// clone is the container's first process): it runs from a sealed copy of rcon when the
    /// user could write its file (`linux::sealed_exe`).
    pub(crate) fn sealed(&self) -> bool {
        matches!(self, Role::Supervise { .. })
    }

    /// The role as the one argument after `__userns-helper`.
    pub(crate) fn encode(&self) -> String {
        // Serializing these plain types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The role from that argument; `None` when it is not one (only rcon starts helpers).
    pub(crate) fn decode(arg: &OsStr) -> Option<Role> {
        serde_json::from_slice(arg.as_encoded_bytes()).ok()
    }
}

/// Serde for paths that may not be UTF-8: a string when they are, else the bytes.
mod os_path {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::ffi::OsString;
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    use std::path::{Path, PathBuf};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Form<'a> {
        Text(std::borrow::Cow<'a, str>),
        Bytes(Vec<u8>),
    }

    pub(crate) fn serialize<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
        match path.to_str() {
            Some(text) => Form::Text(text.into()).serialize(s),
            None => Form::Bytes(path.as_os_str().as_bytes().to_vec()).serialize(s),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        Ok(match Form::deserialize(d)? {
            Form::Text(text) => PathBuf::from(text.into_owned()),
            Form::Bytes(bytes) => PathBuf::from(OsString::from_vec(bytes)),
        })
    }
}

/// Serde for a list of paths (or arguments) that may not be UTF-8, each as `os_path` has it.
mod os_paths {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::path::PathBuf;

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct One(#[serde(with = "super::os_path")] PathBuf);

    pub(crate) fn serialize<S: Serializer>(paths: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
        let all: Vec<One> = paths.iter().cloned().map(One).collect();
        all.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
        Ok(Vec::<One>::deserialize(d)?
            .into_iter()
            .map(|o| o.0)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    fn store() -> StorePaths {
        StorePaths {
            root: "/home/u/.local/share/rcon".into(),
            runroot: "/run/user/1000/rcon".into(),
            volumes: "/home/u/volumes".into(),
        }
    }

    #[test]
    fn every_role_survives_the_command_line() {
        let roles = [
            Role::Remove {
                path: "/x/y".into(),
            },
            Role::Unpack {
                dest: PathBuf::from(OsStr::from_bytes(b"/layers/\xff\xfe")),
                single_uid: true,
            },
            Role::Supervise {
                store: store(),
                id: "ab".repeat(32),
                size: Some((24, 80)),
            },
            Role::Cp {
                store: store(),
                id: "cd".repeat(32),
                op: CpOp::In {
                    path: "/x/.".into(),
                    contents: true,
                    put: Put {
                        owners: Owners::Set {
                            uid: 1001,
                            gid: 1001,
                        },
                        overwrite: true,
                    },
                },
            },
            Role::Cp {
                store: store(),
                id: "cd".repeat(32),
                op: CpOp::Out {
                    path: "/a b".into(),
                    follow: true,
                },
            },
            Role::Cp {
                store: store(),
                id: "cd".repeat(32),
                op: CpOp::InRaw {
                    path: "/".into(),
                    put: Put {
                        owners: Owners::Archive,
                        overwrite: false,
                    },
                },
            },
            Role::Cp {
                store: store(),
                id: "cd".repeat(32),
                op: CpOp::Build {
                    dest: "/app/".into(),
                    single_file: Some("a b.txt".into()),
                    chown: Some("1000:staff".into()),
                    chmod: Some("u=rwX,go=rX".into()),
                },
            },
            Role::Netns { store: store() },
            Role::Diff {
                upper: "/c/upper".into(),
                single_uid: false,
                mtimes: Mtimes::Clamp(1_700_000_000),
                mount_targets: vec!["/etc/hosts".into()],
                adopt: true,
                build: true,
            },
            Role::Chown {
                path: "/c".into(),
                uid: 7,
                gid: 8,
            },
            Role::Unshare {
                command: vec!["rm".into(), PathBuf::from(OsStr::from_bytes(b"/x/\xff"))],
                env: vec![("RCON_UNSHARED".into(), "1".into())],
                netns_fd: Some(7),
            },
        ];
        for role in roles {
            let arg = role.encode();
            assert_eq!(Role::decode(OsStr::new(&arg)), Some(role));
        }
    }

    #[test]
    fn anything_else_is_no_role() {
        for arg in ["remove", "", "{}", r#"{"remove":{"path":"/x","extra":1}}"#] {
            assert_eq!(Role::decode(OsStr::new(arg)), None, "{arg}");
        }
    }

    #[test]
    fn only_the_supervisor_and_the_holder_are_detached_and_only_the_supervisor_sealed() {
        let sup = Role::Supervise {
            store: store(),
            id: String::new(),
            size: None,
        };
        let netns = Role::Netns { store: store() };
        let remove = Role::Remove { path: "/".into() };
        assert!(sup.detached() && netns.detached() && !remove.detached());
        assert!(sup.sealed() && !netns.sealed() && !remove.sealed());
        assert_eq!(
            [sup.name(), netns.name(), remove.name()],
            ["supervise", "netns", "remove"]
        );
    }
}
