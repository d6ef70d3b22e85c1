//! Registry credentials: containers-auth.json and ~/.docker/config.json.

/// A username and password (or identity token) for one registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}
