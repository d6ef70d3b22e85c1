//! The only module with `unsafe`: thin, safe functions over the raw system calls rcon needs
//! (descriptors, clone/fork, execve, signals …). Each `unsafe` block says why it is sound in a
//! `// SAFETY:` comment; everything above this module is `#![deny(unsafe_code)]`.
#![allow(unsafe_code)]

pub mod args;
pub mod capset;
pub mod clock;
pub mod cloexec;
pub mod fd;
pub mod fileops;
pub mod flock;
pub mod fork;
pub mod fuse;
pub mod ifname;
pub mod limits;
pub mod memory;
pub mod mount_api;
pub mod openat2;
pub mod pdeathsig;
pub mod pidfd;
pub mod process;
pub mod rawio;
pub mod rlimit;
pub mod seccomp;
pub mod sigpipe;
pub mod stat64;
pub mod term;
pub mod tty;
pub mod userns;
pub mod uts;
pub mod xattr;
