//! libFuzzer entry for `rcon::fuzzing::containerfile`; the body and what it checks live there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rcon::fuzzing::containerfile(data));
