//! Where rcon keeps things and the containers ecosystem's configuration files it reads.
pub mod auth;
pub mod certs;
pub(crate) mod containers_conf;
pub(crate) mod credhelper;
pub mod paths;
pub mod registries;

pub use paths::Paths;
