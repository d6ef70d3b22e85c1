//! Unit tests of the container start-up plan: clone flags, thread counting, short ids.
use super::*;
use oci_spec::runtime::{LinuxBuilder, LinuxNamespaceBuilder};

#[test]
fn namespaces_map_to_clone_flags_without_a_new_user_namespace() {
    let ns = |typ| LinuxNamespaceBuilder::default().typ(typ).build().unwrap();
    let linux = LinuxBuilder::default()
        .namespaces(vec![
            ns(LinuxNamespaceType::User),
            ns(LinuxNamespaceType::Pid),
            ns(LinuxNamespaceType::Ipc),
            ns(LinuxNamespaceType::Uts),
            ns(LinuxNamespaceType::Cgroup),
        ])
        .build()
        .unwrap();
    let (flags, private_net) = namespaces(&linux).unwrap();
    let want = libc::CLONE_NEWNS
        | libc::CLONE_NEWPID
        | libc::CLONE_NEWIPC
        | libc::CLONE_NEWUTS
        | libc::CLONE_NEWCGROUP;
    assert_eq!(flags, want as u64);
    assert!(!private_net);
    let with_net = LinuxBuilder::default()
        .namespaces(vec![ns(LinuxNamespaceType::Network)])
        .build()
        .unwrap();
    let (flags, private_net) = namespaces(&with_net).unwrap();
    assert!(private_net && flags & libc::CLONE_NEWNET as u64 != 0);
    let joined = LinuxBuilder::default()
        .namespaces(vec![LinuxNamespaceBuilder::default()
            .typ(LinuxNamespaceType::Network)
            .path("/proc/1/ns/net")
            .build()
            .unwrap()])
        .build()
        .unwrap();
    let err = namespaces(&joined).unwrap_err();
    assert_eq!(err.code, 125);
    assert!(err.message.contains("not supported yet"), "{}", err.message);
}

#[test]
fn a_test_thread_is_counted() {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let t = std::thread::spawn(move || rx.recv());
    assert!(threads() >= 2);
    drop(tx);
    let _ = t.join();
}

#[test]
fn the_short_id_is_twelve_characters() {
    assert_eq!(short("0123456789abcdef"), "0123456789ab");
    assert_eq!(short("abc"), "abc");
}
