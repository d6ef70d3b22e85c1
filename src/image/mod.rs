//! The image side: references, the registry client, the store, unpacking, and pull.
pub mod lookup;
pub mod progress;
pub mod pull;
pub mod registry;
pub mod store;
pub mod unpack;

pub use crate::util::reference;
pub use reference::Reference;
