//! The stored image a name stands for, pulled as a `--pull` policy says: one place for
//! `run`, `create` and `build`'s FROM.
use crate::config::registries::{RegistriesConf, RegistriesError};
use crate::config::Paths;
use crate::image::lookup::{self, LookupError};
use crate::image::pull::{self, PullError, PullOptions};
use crate::image::store::{index, ImageRecord};

/// `--pull`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum PullPolicy {
    Always,
    #[default]
    Missing,
    Never,
    Newer,
}

/// Why the image could not be had.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ResolveError {
    #[error(transparent)]
    Registries(#[from] RegistriesError),
    #[error("cannot read the image index: {0}")]
    Index(#[from] std::io::Error),
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error("{0}: image not known, and --pull never forbids pulling it: pull it first")]
    NeverPull(String),
}

/// The stored image `name` names, pulled first when `policy` says so.
pub(crate) fn resolve(
    paths: &Paths,
    name: &str,
    policy: PullPolicy,
    opts: &PullOptions,
) -> Result<ImageRecord, ResolveError> {
    let conf = RegistriesConf::load(paths)?;
    let local = || -> Result<Option<ImageRecord>, ResolveError> {
        let idx = index::read(&paths.storage())?;
        Ok(lookup::find(&idx, &conf, name)?.cloned())
    };
    let do_pull = || -> Result<ImageRecord, ResolveError> { Ok(pull::pull(paths, name, opts)?) };
    match policy {
        PullPolicy::Never => local()?.ok_or_else(|| ResolveError::NeverPull(name.to_string())),
        PullPolicy::Missing => match local()? {
            Some(img) => Ok(img),
            None => do_pull(),
        },
        PullPolicy::Always => do_pull(),
        PullPolicy::Newer => match do_pull() {
            Ok(img) => Ok(img),
            Err(e) => match local()? {
                Some(img) => {
                    log::warn!("cannot check {name} for a newer image: {e}");
                    Ok(img)
                }
                None => Err(e),
            },
        },
    }
}
