//! Subordinate id ranges and writing uid_map/gid_map.
