//! rcon-idmap: writes uid_map/gid_map for a child of its caller (placeholder until the store issue lands).
fn main() {}
