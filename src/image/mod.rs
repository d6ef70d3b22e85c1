//! The image side: references, the registry client, the store, unpacking, pull, and making
//! images (a container's diff, committed layers and images).
pub(crate) mod archive;
pub(crate) mod commit;
pub(crate) mod diff;
pub(crate) mod lookup;
pub(crate) mod progress;
pub(crate) mod pull;
pub mod registry;
pub(crate) mod resolve;
pub(crate) mod store;
pub(crate) mod unpack;

pub(crate) use crate::util::reference;
pub(crate) use reference::Reference;
