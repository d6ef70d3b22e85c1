//! Unit tests of the mount plan and its executor (with a recording fake), and of target
//! resolution inside a root.
use super::kernel::names;
use super::*;
use std::path::{Path, PathBuf};

fn mount(dest: &str, typ: &str, opts: &[&str]) -> Mount {
    let mut m = Mount::default();
    m.set_destination(PathBuf::from(dest));
    m.set_typ(Some(typ.to_string()));
    m.set_source(Some(PathBuf::from(typ)));
    m.set_options(Some(opts.iter().map(|o| o.to_string()).collect()));
    m
}

fn targets(steps: &[Step]) -> Vec<String> {
    steps
        .iter()
        .map(|s| match s {
            Step::Fs { target, fstype, .. } => format!("{fstype} {target}"),
            Step::Bind { source, target, .. } => format!("bind {} {target}", source.display()),
            Step::Symlink { path, to, .. } => format!("link {path} {to}"),
            Step::Mkdir { path } => format!("mkdir {path}"),
            Step::Exists { path } => format!("exists {path}"),
            Step::Mask { path } => format!("mask {path}"),
            Step::ReadOnly { path } => format!("ro {path}"),
        })
        .collect()
}

#[test]
fn an_empty_spec_gets_podmans_mounts_devices_links_masks_and_readonly_paths() {
    let steps = plan(&PlanInput {
        private_net: true,
        cwd: "/",
        ..Default::default()
    })
    .unwrap();
    let t = targets(&steps);
    let expect_start = [
        "proc /proc",
        "tmpfs /dev",
        "bind /dev/null /dev/null",
        "bind /dev/zero /dev/zero",
        "bind /dev/full /dev/full",
        "bind /dev/random /dev/random",
        "bind /dev/urandom /dev/urandom",
        "bind /dev/tty /dev/tty",
        "link /dev/fd /proc/self/fd",
        "link /dev/stdin /proc/self/fd/0",
        "link /dev/stdout /proc/self/fd/1",
        "link /dev/stderr /proc/self/fd/2",
        "link /dev/ptmx pts/ptmx",
        "devpts /dev/pts",
        "mqueue /dev/mqueue",
        "sysfs /sys",
        "tmpfs /dev/shm",
        "link /etc/mtab /proc/mounts",
        "mask /proc/acpi",
    ];
    assert_eq!(t[..expect_start.len()], expect_start);
    assert!(t.contains(&"mask /sys/devices/virtual/powercap".to_string()));
    assert_eq!(t.last().unwrap(), "ro /proc/sysrq-trigger");
    let Step::Fs { flags, data, .. } = &steps[13] else {
        panic!()
    };
    assert_eq!(*flags, MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC);
    assert_eq!(data, "newinstance,ptmxmode=0666,mode=0620,gid=5");
    let Step::Fs {
        flags, optional, ..
    } = &steps[15]
    else {
        panic!()
    };
    assert!(flags.contains(MsFlags::MS_RDONLY) && !optional);
}

#[test]
fn host_network_binds_the_hosts_sys_read_only_and_a_terminal_gets_a_console() {
    let spec_mounts = [mount("/sys", "sysfs", &["ro", "nosuid"])];
    let steps = plan(&PlanInput {
        mounts: &spec_mounts,
        private_net: false,
        tty: true,
        cwd: "/work",
        masked: Some(&[]),
        readonly: Some(&[]),
        ..Default::default()
    })
    .unwrap();
    let t = targets(&steps);
    assert!(t.contains(&"bind /proc/self/fd/0 /dev/console".to_string()));
    assert!(t.contains(&"bind /sys /sys".to_string()));
    assert_eq!(t.last().unwrap(), "mkdir /work");
    assert!(t.contains(&"link /etc/mtab /proc/mounts".to_string()));
    // A --workdir must be there, unless a mount lies at, around or below it.
    let given = |cwd| {
        let steps = plan(&PlanInput {
            mounts: &spec_mounts,
            cwd,
            cwd_must_exist: true,
            masked: Some(&[]),
            readonly: Some(&[]),
            ..Default::default()
        })
        .unwrap();
        targets(&steps).last().unwrap().clone()
    };
    assert_eq!(given("/work"), "exists /work");
    for on_mount in ["/dev", "/dev/shm/x", "/sys/block"] {
        assert!(given(on_mount).starts_with("mkdir"), "{on_mount}");
    }
    let sys = steps
        .iter()
        .find(|s| matches!(s, Step::Bind { target, .. } if target == "/sys"))
        .unwrap();
    let Step::Bind {
        recursive, attrs, ..
    } = sys
    else {
        panic!()
    };
    assert!(*recursive && attrs.contains(MsFlags::MS_RDONLY));
}

#[test]
fn a_container_without_ipc_shm_gets_no_default_dev_shm() {
    let steps = plan(&PlanInput {
        private_net: true,
        cwd: "/",
        no_shm: true,
        ..Default::default()
    })
    .unwrap();
    let t = targets(&steps);
    assert!(!t.iter().any(|s| s.ends_with("/dev/shm")), "{t:?}");
    assert!(t.contains(&"mqueue /dev/mqueue".to_string()), "{t:?}");
}

#[test]
fn a_terminal_from_open_pty_brings_its_devpts_instance_along() {
    let steps = plan(&PlanInput {
        private_net: true,
        tty: true,
        devpts_from_supervisor: true,
        cwd: "/",
        ..Default::default()
    })
    .unwrap();
    let t = targets(&steps);
    assert!(t.contains(&"bind /dev/pts /dev/pts".to_string()), "{t:?}");
    assert!(!t.iter().any(|s| s.starts_with("devpts ")), "{t:?}");
    assert!(t.contains(&"bind /proc/self/fd/0 /dev/console".to_string()));
}

#[test]
fn spec_mounts_keep_their_order_options_and_bind_forms() {
    let mut vol = mount("/data", "bind", &["rbind", "ro", "nodev", "rprivate", "Z"]);
    vol.set_source(Some(PathBuf::from("/home/u/data")));
    let tmp = mount(
        "/tmp",
        "tmpfs",
        &["rw", "noexec", "size=10m", "mode=1777", "tmpcopyup"],
    );
    let spec_mounts = [tmp, vol, mount("/sys/fs/cgroup", "cgroup2", &["ro"])];
    let steps = plan(&PlanInput {
        mounts: &spec_mounts,
        private_net: true,
        cwd: "/",
        masked: Some(&[]),
        readonly: Some(&[]),
        ..Default::default()
    })
    .unwrap();
    // The spec's mounts come last, before the /etc/mtab link.
    let n = steps.len() - 1;
    assert_eq!(
        steps[n - 3],
        Step::Fs {
            target: "/tmp".into(),
            fstype: "tmpfs".into(),
            source: "tmpfs".into(),
            flags: MsFlags::MS_NOEXEC,
            data: "size=10m,mode=1777".into(),
            optional: false,
            copy_up: true,
        }
    );
    assert_eq!(
        steps[n - 2],
        Step::Bind {
            source: "/home/u/data".into(),
            target: "/data".into(),
            recursive: true,
            attrs: MsFlags::MS_RDONLY | MsFlags::MS_NODEV,
        }
    );
    assert!(matches!(&steps[n - 1], Step::Fs { optional: true, .. }));
    let bad = [mount("../etc", "tmpfs", &[])];
    let input = PlanInput {
        mounts: &bad,
        cwd: "/",
        ..Default::default()
    };
    assert!(matches!(plan(&input), Err(MountError::Destination { .. })));
}

#[test]
fn generated_etc_files_are_bound_unless_the_spec_mounts_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hosts"), "127.0.0.1 localhost\n").unwrap();
    std::fs::write(dir.path().join("hostname"), "abc\n").unwrap();
    let mut own_hostname = mount("/etc/hostname", "bind", &["bind"]);
    own_hostname.set_source(Some(PathBuf::from("/x")));
    let spec_mounts = [own_hostname];
    let steps = plan(&PlanInput {
        mounts: &spec_mounts,
        etc_dir: Some(dir.path()),
        cwd: "/",
        ..Default::default()
    })
    .unwrap();
    let t = targets(&steps);
    assert!(t.contains(&format!(
        "bind {} /etc/hosts",
        dir.path().join("hosts").display()
    )));
    assert_eq!(t.iter().filter(|s| s.ends_with("/etc/hostname")).count(), 1);
    assert!(!t.iter().any(|s| s.ends_with("/etc/resolv.conf")));
}

/// Records calls; paths listed in `missing` do not exist, `dirs` are folders.
#[derive(Default)]
struct Fake {
    calls: Vec<String>,
    missing: Vec<&'static str>,
    dirs: Vec<&'static str>,
    fail_gid: bool,
}

impl Sys for Fake {
    type Target = String;
    fn open(&mut self, path: &str, create: Create) -> io::Result<Option<String>> {
        if create == Create::Nothing && self.missing.contains(&path) {
            return Ok(None);
        }
        if create != Create::Nothing && self.missing.contains(&path) {
            self.calls.push(format!("create {create:?} {path}"));
        }
        Ok(Some(path.to_string()))
    }
    fn is_dir(&mut self, t: &String) -> io::Result<bool> {
        Ok(self.dirs.contains(&t.as_str()))
    }
    fn source_is_dir(&mut self, s: &Path) -> io::Result<bool> {
        Ok(self.dirs.contains(&s.to_str().unwrap()))
    }
    fn mount_fs(
        &mut self,
        t: &String,
        fstype: &str,
        _: &str,
        _: MsFlags,
        data: &str,
    ) -> io::Result<()> {
        self.calls.push(format!("mount {fstype} {t} {data}"));
        if self.fail_gid && data.contains("gid=") {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        }
        if fstype == "cgroup2" {
            return Err(io::Error::from_raw_os_error(libc::EPERM));
        }
        Ok(())
    }
    fn bind(&mut self, s: &Path, t: &String, rec: bool, a: MsFlags) -> io::Result<()> {
        self.calls.push(format!("bind {} {t} {rec}", s.display()));
        if !a.is_empty() {
            self.calls
                .push(format!("attrs {t} {:?}", a.contains(MsFlags::MS_RDONLY)));
        }
        Ok(())
    }
    fn bind_self(&mut self, t: &String, a: MsFlags) -> io::Result<()> {
        self.calls.push(format!("bind-self {t}"));
        self.calls
            .push(format!("attrs {t} {:?}", a.contains(MsFlags::MS_RDONLY)));
        Ok(())
    }
    fn symlink(&mut self, p: &str, to: &str) -> io::Result<()> {
        self.calls.push(format!("link {p} {to}"));
        Ok(())
    }
    fn copy_tree(&mut self, from: &String, to: &String) -> io::Result<()> {
        self.calls.push(format!("copy-up {from} {to}"));
        Ok(())
    }
}

#[test]
fn the_executor_masks_by_kind_skips_missing_paths_and_retries_devpts_without_gid() {
    let steps = vec![
        Step::Fs {
            target: "/dev/pts".into(),
            fstype: "devpts".into(),
            source: "devpts".into(),
            flags: MsFlags::empty(),
            data: "newinstance,gid=5,mode=0620".into(),
            optional: false,
            copy_up: false,
        },
        Step::Fs {
            target: "/sys/fs/cgroup".into(),
            fstype: "cgroup2".into(),
            source: "cgroup2".into(),
            flags: MsFlags::empty(),
            data: String::new(),
            optional: true,
            copy_up: false,
        },
        Step::Bind {
            source: "/dev/null".into(),
            target: "/dev/null".into(),
            recursive: false,
            attrs: MsFlags::empty(),
        },
        Step::Mask {
            path: "/proc/kcore".into(),
        },
        Step::Mask {
            path: "/proc/acpi".into(),
        },
        Step::Mask {
            path: "/proc/timer_stats".into(),
        },
        Step::ReadOnly {
            path: "/proc/sys".into(),
        },
        Step::ReadOnly {
            path: "/proc/asound".into(),
        },
    ];
    let mut fake = Fake {
        missing: vec!["/proc/timer_stats", "/proc/asound", "/dev/null"],
        dirs: vec!["/proc/acpi"],
        fail_gid: true,
        ..Default::default()
    };
    apply(&steps, &mut fake).unwrap();
    assert_eq!(
        fake.calls,
        [
            "mount devpts /dev/pts newinstance,gid=5,mode=0620",
            "mount devpts /dev/pts newinstance,mode=0620",
            "mount cgroup2 /sys/fs/cgroup ",
            "create File /dev/null",
            "bind /dev/null /dev/null false",
            "bind /dev/null /proc/kcore false",
            "mount tmpfs /proc/acpi size=0k",
            "bind-self /proc/sys",
            "attrs /proc/sys true",
        ]
    );
}

#[test]
fn a_tmpfs_with_tmpcopyup_gets_what_its_folder_held() {
    let tmpfs = |copy_up| Step::Fs {
        target: "/tmp".into(),
        fstype: "tmpfs".into(),
        source: "tmpfs".into(),
        flags: MsFlags::empty(),
        data: String::new(),
        optional: false,
        copy_up,
    };
    let mut fake = Fake::default();
    apply(&[tmpfs(true), tmpfs(false)], &mut fake).unwrap();
    assert_eq!(
        fake.calls,
        [
            "mount tmpfs /tmp ",
            "copy-up /tmp /tmp",
            "mount tmpfs /tmp "
        ]
    );
}

#[test]
fn copy_up_copies_files_folders_and_links_with_their_modes() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let (from, to) = (t.path().join("from"), t.path().join("to"));
    std::fs::create_dir_all(from.join("sub")).unwrap();
    std::fs::create_dir(&to).unwrap();
    std::fs::write(from.join("sub/f"), "data").unwrap();
    std::fs::set_permissions(from.join("sub/f"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("sub/f", from.join("link")).unwrap();
    let open = |p: &Path| {
        crate::sys::fd::own(
            nix::fcntl::open(
                p,
                nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY,
                nix::sys::stat::Mode::empty(),
            )
            .unwrap(),
        )
    };
    super::copyup::copy_tree(&open(&from), &open(&to), 8).unwrap();
    assert_eq!(std::fs::read_to_string(to.join("sub/f")).unwrap(), "data");
    let mode = std::fs::metadata(to.join("sub/f"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(
        std::fs::read_link(to.join("link")).unwrap(),
        Path::new("sub/f")
    );
}

#[test]
fn names_stay_inside_the_root() {
    assert_eq!(names("/a/./b/../c/"), ["a", "c"]);
    assert_eq!(names("../../etc"), ["etc"]);
    assert!(names("/").is_empty());
}

#[test]
fn kernel_open_creates_targets_inside_the_root_through_dangling_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(tmp.path().join("outside")).unwrap();
    std::os::unix::fs::symlink("../run/resolv.conf", root.join("etc/resolv.conf")).unwrap();
    std::os::unix::fs::symlink("/../../outside", root.join("escape")).unwrap();
    let mut k = Kernel::new(&root).unwrap();
    k.open("/etc/resolv.conf", Create::File).unwrap().unwrap();
    assert!(root.join("run/resolv.conf").is_file());
    k.open("/escape/x", Create::Dir).unwrap().unwrap();
    assert!(root.join("outside/x").is_dir());
    assert!(!tmp.path().join("outside/x").exists());
    assert!(k.open("/nope", Create::Nothing).unwrap().is_none());
    k.symlink("/dev/fd", "/proc/self/fd").unwrap();
    assert_eq!(
        std::fs::read_link(root.join("dev/fd")).unwrap(),
        Path::new("/proc/self/fd")
    );
}

/// The kernel executor, with the target's symlink swapped by "the container" right before the
/// bind: what the bind and its attributes reach must not depend on a second lookup.
struct Swapping {
    kernel: Kernel,
    link: PathBuf,
}

impl Sys for Swapping {
    type Target = std::os::fd::OwnedFd;
    fn open(&mut self, path: &str, create: Create) -> io::Result<Option<Self::Target>> {
        self.kernel.open(path, create)
    }
    fn is_dir(&mut self, t: &Self::Target) -> io::Result<bool> {
        self.kernel.is_dir(t)
    }
    fn source_is_dir(&mut self, s: &Path) -> io::Result<bool> {
        self.kernel.source_is_dir(s)
    }
    fn mount_fs(
        &mut self,
        t: &Self::Target,
        fstype: &str,
        source: &str,
        flags: MsFlags,
        data: &str,
    ) -> io::Result<()> {
        self.kernel.mount_fs(t, fstype, source, flags, data)
    }
    fn bind(&mut self, s: &Path, t: &Self::Target, rec: bool, a: MsFlags) -> io::Result<()> {
        std::fs::remove_file(&self.link)?;
        std::os::unix::fs::symlink("b", &self.link)?;
        self.kernel.bind(s, t, rec, a)
    }
    fn bind_self(&mut self, t: &Self::Target, a: MsFlags) -> io::Result<()> {
        self.kernel.bind_self(t, a)
    }
    fn symlink(&mut self, p: &str, to: &str) -> io::Result<()> {
        self.kernel.symlink(p, to)
    }
    fn copy_tree(&mut self, from: &Self::Target, to: &Self::Target) -> io::Result<()> {
        self.kernel.copy_tree(from, to)
    }
}

#[test]
fn a_read_only_bind_is_read_only_even_when_its_path_changes_under_it() {
    if !nix::unistd::geteuid().is_root() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    let source = tmp.path().join("source");
    for dir in [root.join("a/x"), root.join("b/x"), source.clone()] {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(source.join("from-source"), b"").unwrap();
    std::os::unix::fs::symlink("a", root.join("link")).unwrap();
    let (root2, source2) = (root.clone(), source.clone());
    // A mount namespace of this thread's own: nothing done here reaches the host.
    let result = std::thread::spawn(move || {
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).unwrap();
        let none = None::<&str>;
        nix::mount::mount(none, "/", none, MsFlags::MS_REC | MsFlags::MS_PRIVATE, none).unwrap();
        let mut sys = Swapping {
            kernel: Kernel::new(&root2).unwrap(),
            link: root2.join("link"),
        };
        let steps = [Step::Bind {
            source: source2,
            target: "/link/x".into(),
            recursive: false,
            attrs: MsFlags::MS_RDONLY | MsFlags::MS_NOSUID,
        }];
        apply(&steps, &mut sys).unwrap();
        // The bind landed where the target was opened, and it is read-only there.
        assert!(root2.join("a/x/from-source").exists(), "the bind is on a/x");
        let write = std::fs::write(root2.join("a/x/new"), b"");
        assert_eq!(
            write.map_err(|e| e.raw_os_error()),
            Err(Some(libc::EROFS)),
            "the bind on a/x is writable"
        );
        // What the path leads to now was left alone.
        std::fs::write(root2.join("b/x/new"), b"").expect("b/x became read-only");
    })
    .join();
    assert!(std::fs::read_dir(source.clone()).unwrap().count() == 1);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
