//! Where rcon keeps things and the containers ecosystem's configuration files it reads.
pub mod auth;
pub mod certs;
pub mod containers_conf;
pub mod credhelper;
pub mod paths;
pub mod registries;

pub use paths::Paths;
