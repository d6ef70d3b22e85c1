//! libFuzzer entry for `rcon::fuzzing::archive_manifest`; the body and what it checks live there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rcon::fuzzing::archive_manifest(data));
