//! libFuzzer entry for `rcon::fuzzing::auth_json`; the body and what it checks live there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rcon::fuzzing::auth_json(data));
