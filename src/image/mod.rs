//! The image side: references, the registry client, the store, unpacking, pull, push,
//! archives (save, load, import), and making images (a container's diff, committed layers and
//! images).
pub(crate) mod archive;
pub(crate) mod commit;
pub(crate) mod diff;
pub(crate) mod layer_tar;
pub(crate) mod lookup;
pub(crate) mod manifest_list;
pub(crate) mod parents;
pub(crate) mod progress;
pub(crate) mod pull;
pub(crate) mod push;
pub mod registry;
pub(crate) mod resolve;
pub(crate) mod sign;
pub(crate) mod store;
pub(crate) mod unpack;

pub(crate) use crate::util::reference;
pub(crate) use reference::Reference;
