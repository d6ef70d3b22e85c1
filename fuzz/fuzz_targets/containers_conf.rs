//! libFuzzer entry for `rcon::fuzzing::containers_conf`; the body and what it checks live there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rcon::fuzzing::containers_conf(data));
