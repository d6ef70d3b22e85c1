//! The image side: references, the registry client, the store, unpacking, and pull.
pub(crate) mod lookup;
pub(crate) mod progress;
pub(crate) mod pull;
pub(crate) mod resolve;
pub mod registry;
pub(crate) mod store;
pub(crate) mod unpack;

pub(crate) use crate::util::reference;
pub(crate) use reference::Reference;
