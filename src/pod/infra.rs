//! The infra container's image: one empty layer, made in the store the first time a pod needs
//! it (nothing pulled, no pause binary: the infra's process is rcon's own init, pausing).
use super::Result;
use crate::config::Paths;
use crate::image::archive::{import, ImportOptions};
use crate::image::store::{index, ImageRecord, Store};
use crate::linux::idmap::IdMap;

/// The infra image's name, versioned as Podman versions its pause image.
pub(crate) fn image_name() -> String {
    format!("localhost/rcon-infra:{}", env!("CARGO_PKG_VERSION"))
}

/// What the infra runs, for `ps` and `inspect`: nothing is executed, rcon's init pauses.
pub(crate) const COMMAND: &str = "/rcon-infra";

/// The infra image, made when the store has none.
pub(crate) fn ensure_image(paths: &Paths) -> Result<ImageRecord> {
    let store = Store::open(paths)?;
    let name = image_name();
    let found = index::read(store.root())
        .map_err(|source| super::PodError::Io {
            path: store.root().join("images.json"),
            source,
        })?
        .by_name(&name)
        .cloned();
    if let Some(image) = found {
        return Ok(image);
    }
    // A tar of nothing: its two end-of-archive blocks.
    let empty = [0u8; 1024];
    let opts = ImportOptions {
        changes: vec![format!("CMD [\"{COMMAND}\"]")],
        message: "rcon's pod infra: holds a pod's namespaces".into(),
        platform: None,
        name: Some(name),
        source: "rcon-infra".into(),
    };
    Ok(import(&store, &IdMap::detect(), &empty[..], &opts)?)
}
