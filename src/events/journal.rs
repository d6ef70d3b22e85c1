//! The `journald` backend: one journal entry per event with Podman's field names.
use super::{Event, ReadError, ReadOptions};
use std::io;

pub(super) fn send(_event: &Event) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "the journald events backend is not available",
    ))
}

pub(super) fn read(
    _opts: &ReadOptions,
    _sink: &mut dyn FnMut(&Event) -> io::Result<()>,
) -> Result<(), ReadError> {
    Err(ReadError::Journal(
        "the journald events backend is not available".into(),
    ))
}
