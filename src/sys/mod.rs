//! The only module with `unsafe`: thin, safe functions over the raw system calls rcon needs
//! (descriptors, clone/fork, execve, signals …). Each `unsafe` block says why it is sound in a
//! `// SAFETY:` comment; everything above this module is `#![deny(unsafe_code)]`.
#![allow(unsafe_code)]

pub(crate) mod args;
pub(crate) mod capset;
pub(crate) mod clock;
pub(crate) mod cloexec;
pub(crate) mod fd;
pub(crate) mod fileops;
pub(crate) mod flock;
pub(crate) mod fork;
pub(crate) mod fuse;
pub(crate) mod ifname;
pub(crate) mod memory;
pub(crate) mod mount_api;
pub(crate) mod nsfs;
pub(crate) mod openat2;
pub(crate) mod pdeathsig;
pub(crate) mod pidfd;
pub(crate) mod process;
pub(crate) mod rawio;
pub(crate) mod rlimit;
pub(crate) mod seccomp;
pub(crate) mod signal;
pub(crate) mod sigpipe;
pub(crate) mod sockq;
pub(crate) mod spawn;
pub(crate) mod splice;
pub(crate) mod stat64;
pub(crate) mod term;
pub(crate) mod tty;
pub(crate) mod userns;
pub(crate) mod uts;
pub(crate) mod xattr;
