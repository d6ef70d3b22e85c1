//! libFuzzer entry for `rcon::fuzzing::seccomp_profile`; the body and what it checks live there.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| rcon::fuzzing::seccomp_profile(data));
