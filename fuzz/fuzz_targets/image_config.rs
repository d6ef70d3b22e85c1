//! libFuzzer entry for `rcon::fuzzing::image_config`; the body and what it checks live there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rcon::fuzzing::image_config(data));
