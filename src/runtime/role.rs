//! The one dispatch of rcon's hidden roles: `rcon __userns-helper <role>` ([`main`]).
//!
//! The role arrives as one typed [`Role`] (JSON in argv[2]); a sealed role re-executes from the
//! sealed copy of rcon first, then the process enters its user namespace with its parent's help
//! (`ipc::helper::enter`) and runs the role's entry point, each in the module that owns the
//! work. On failure it prints one `rcon: <role>: <message>` line on stderr and exits 1: the
//! parent quotes that line.
use crate::config::Paths;
use crate::ipc::helper::{self, EnterError};
use crate::ipc::role::{Role, StorePaths};
use crate::linux::sealed_exe::SealedExeError;
use crate::linux::userns::{self, Tie};
use std::io;
use std::path::PathBuf;

/// Why a role failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RoleError {
    #[error(transparent)]
    Sealed(#[from] SealedExeError),
    #[error(transparent)]
    Enter(#[from] EnterError),
    #[error("cannot resolve rcon's folders: {0}")]
    Paths(#[source] io::Error),
    #[error("cannot remove {path}: {source}")]
    Remove {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot chown {path}: {source}")]
    Chown {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Unpack(#[from] crate::image::unpack::HelperError),
    #[error(transparent)]
    Diff(#[from] crate::image::diff::DiffError),
    #[error(transparent)]
    Supervise(#[from] crate::runtime::supervisor::SuperviseError),
    #[error(transparent)]
    Cp(#[from] crate::container::cp::stopped::StoppedCpError),
    #[error(transparent)]
    Volume(#[from] crate::container::volumes::transfer::TransferError),
    #[error(transparent)]
    Netns(#[from] crate::network::holder::HolderError),
    #[error(transparent)]
    Unshare(#[from] crate::runtime::unshare::UnshareError),
}

/// Entry point of `rcon __userns-helper <role>`; `main` calls it before anything else, while
/// the process is still single-threaded. Exits 0 when the role succeeds, else 1.
pub fn main() -> ! {
    let Some(role) = userns::role_arg().and_then(|arg| Role::decode(&arg)) else {
        eprintln!("rcon: {}", userns::INTERNAL);
        std::process::exit(1)
    };
    let code = match run(role.clone()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("rcon: {}: {e}", role.name());
            1
        }
    };
    std::process::exit(code)
}

fn run(role: Role) -> Result<(), RoleError> {
    if role.sealed() {
        // First: the re-execution keeps the sync descriptor and its name in the environment,
        // which `enter` consumes.
        crate::linux::sealed_exe::ensure_sealed()?;
    }
    let tie = if role.detached() {
        Tie::Detached
    } else {
        Tie::Attached
    };
    // This process is single-threaded here (main has spawned nothing), which unshare of a
    // user namespace (and setns into one) requires.
    helper::enter(tie)?;
    match role {
        Role::Remove { path } => {
            userns::remove_path(&path).map_err(|source| RoleError::Remove { path, source })
        }
        Role::Chown { path, uid, gid } => {
            crate::container::volumes::prepare::chown_tree(&path, uid, gid)
                .map_err(|source| RoleError::Chown { path, source })
        }
        Role::Unpack { dest, single_uid } => {
            Ok(crate::image::unpack::helper_unpack(&dest, single_uid)?)
        }
        Role::Diff {
            upper,
            single_uid,
            mtimes,
            mount_targets,
            adopt,
            build,
        } => {
            let mut opts = crate::image::diff::Options::new(single_uid, mtimes, &mount_targets);
            opts.keep_folders = build;
            Ok(crate::image::diff::helper_diff(&upper, opts, adopt)?)
        }
        Role::Supervise { store, id, size } => {
            let paths = resolve(&store)?;
            Ok(crate::runtime::supervisor::helper_supervise(
                paths, &id, size,
            )?)
        }
        Role::Cp { store, id, op } => {
            let paths = resolve(&store)?;
            Ok(crate::container::cp::stopped::helper_cp(&paths, &id, &op)?)
        }
        Role::VolumeCp { store, name, op } => {
            let paths = resolve(&store)?;
            Ok(crate::container::volumes::transfer::helper(
                &paths, &name, &op,
            )?)
        }
        Role::Netns { store } => {
            let paths = resolve(&store)?;
            Ok(crate::network::holder::helper_netns(paths)?)
        }
        Role::Unshare {
            command,
            env,
            netns_fd,
        } => Err(crate::runtime::unshare::helper_unshare(&command, &env, netns_fd).into()),
    }
}

fn resolve(store: &StorePaths) -> Result<Paths, RoleError> {
    let mut paths =
        Paths::resolve(Some(&store.root), Some(&store.runroot)).map_err(RoleError::Paths)?;
    paths.volume_path = Some(store.volumes.clone());
    Ok(paths)
}
