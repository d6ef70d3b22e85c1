//! Where rcon keeps things and the containers ecosystem's configuration files it reads.
pub mod auth;
pub(crate) mod certs;
pub(crate) mod containers_conf;
pub(crate) mod credhelper;
pub(crate) mod mounts_conf;
pub(crate) mod paths;
pub mod registries;

pub use paths::Paths;
