//! Unpacking a layer tarball as hostile input.
