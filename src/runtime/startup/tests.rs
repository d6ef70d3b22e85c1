//! The shared start-up steps against a fake that records every call: their order, what each
//! failure is called and numbered, without privileges.
use super::failure::EXIT_CANNOT_INVOKE;
use super::*;

/// Records each call as a short word; `fail` names one call that fails with `errno`.
#[derive(Default)]
struct Fake {
    calls: Vec<String>,
    fail: Option<(&'static str, i32)>,
    cwd: Option<PathBuf>,
    parent_gone: bool,
}

impl Fake {
    fn failing(call: &'static str, errno: i32) -> Fake {
        Fake {
            fail: Some((call, errno)),
            ..Fake::default()
        }
    }

    fn call(&mut self, name: impl Into<String>) -> io::Result<()> {
        let name = name.into();
        let word = name.split(' ').next().unwrap_or_default().to_string();
        self.calls.push(name);
        match self.fail {
            Some((call, errno)) if call == word => Err(io::Error::from_raw_os_error(errno)),
            _ => Ok(()),
        }
    }

    fn caps_call(&mut self, name: &str) -> Result<(), CapsError> {
        self.call(name).map_err(|e| CapsError::Call {
            what: "set the capability sets",
            source: nix::errno::Errno::from_raw(e.raw_os_error().unwrap_or(0)),
        })
    }

    fn position(&self, name: &str) -> usize {
        self.calls
            .iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", self.calls))
    }
}

impl Sys for Fake {
    fn exited(&mut self, _: &OwnedFd) -> bool {
        let _ = self.call("parent?");
        self.parent_gone
    }
    /// Moves nothing: the report channel stays where the test made it.
    fn move_above(&mut self, fd: RawFd, min: RawFd) -> io::Result<RawFd> {
        self.call(format!("move-above {min}"))?;
        Ok(fd)
    }
    fn join_netns(&mut self, _: &OwnedFd) -> io::Result<()> {
        self.call("netns")
    }

    fn join_namespace(
        &mut self,
        _: &OwnedFd,
        ns: crate::linux::nsenter::Namespace,
    ) -> io::Result<()> {
        self.call(ns.name())
    }
    fn set_hostname(&mut self, name: &str) -> io::Result<()> {
        self.call(format!("hostname {name}"))
    }
    fn set_domainname(&mut self, name: &str) -> io::Result<()> {
        self.call(format!("domainname {name}"))
    }
    fn mount(
        &mut self,
        rootfs: &Path,
        steps: &[Step],
        owner: Option<(u32, u32)>,
    ) -> Result<(), Failure> {
        let owner = owner.map_or(String::new(), |(u, g)| format!(" as {u}:{g}"));
        self.call(format!("mount {} {}{owner}", rootfs.display(), steps.len()))
            .map_err(|e| Failure::call(Stage::Mounts, "cannot mount", &e))
    }
    fn pivot_root(&mut self, rootfs: &Path, readonly: bool) -> Result<(), Failure> {
        self.call(format!("pivot {} {readonly}", rootfs.display()))
            .map_err(|e| Failure::call(Stage::Root, "cannot pivot", &e))
    }
    fn install_stdio(&mut self, _: [RawFd; 3]) -> io::Result<()> {
        self.call("stdio")
    }
    fn setsid(&mut self) -> io::Result<()> {
        self.call("setsid")
    }
    fn give_terminal(&mut self, uid: u32, gid: u32) {
        let _ = self.call(format!("chown-tty {uid}:{gid}"));
    }
    fn set_controlling_terminal(&mut self) -> io::Result<()> {
        self.call("ctty")
    }
    fn set_rlimit(&mut self, limit: &Rlimit) -> io::Result<()> {
        self.call(format!("rlimit {}", limit.flag_name()))
    }
    fn load_seccomp(&mut self, _: &Filter) -> io::Result<()> {
        self.call("seccomp")
    }
    fn drop_bounding(&mut self, _: &CapSets, _: u32) -> Result<(), CapsError> {
        self.caps_call("bounding")
    }
    fn set_keepcaps(&mut self, keep: bool) -> io::Result<()> {
        self.call(format!("keepcaps {keep}"))
    }
    fn set_groups(&mut self, groups: &[u32]) -> io::Result<()> {
        self.call(format!("groups {groups:?}"))
    }
    fn set_gid(&mut self, gid: u32) -> io::Result<()> {
        self.call(format!("gid {gid}"))
    }
    fn set_uid(&mut self, uid: u32) -> io::Result<()> {
        self.call(format!("uid {uid}"))
    }
    fn set_caps(&mut self, _: &CapSets, _: u32) -> Result<(), CapsError> {
        self.caps_call("caps")
    }
    fn set_pdeathsig(&mut self) -> io::Result<()> {
        self.call("pdeathsig")
    }
    fn set_undumpable(&mut self) -> io::Result<()> {
        self.call("undumpable")
    }
    fn chdir(&mut self, dir: &str) -> io::Result<()> {
        self.call(format!("chdir {dir}"))
    }
    fn getcwd(&mut self) -> io::Result<PathBuf> {
        self.call("getcwd")?;
        Ok(self.cwd.clone().unwrap_or_else(|| "/".into()))
    }
    fn set_no_new_privs(&mut self) -> io::Result<()> {
        self.call("nnp")
    }
    fn set_umask(&mut self, mask: u32) {
        let _ = self.call(format!("umask {mask:o}"));
    }
    /// Moves nothing: the report channel stays where the test made it.
    fn move_fd(&mut self, fd: RawFd, to: RawFd) -> io::Result<RawFd> {
        self.call(format!("move {fd}->{to}"))?;
        Ok(fd)
    }
    fn close_from(&mut self, first: RawFd) -> io::Result<()> {
        self.call(format!("close-from {first}"))
    }
    fn keep_across_exec(&mut self, fd: RawFd) -> io::Result<()> {
        self.call(format!("keep {fd}"))
    }
    fn copy_to(&mut self, fd: RawFd, to: RawFd) -> io::Result<()> {
        self.call(format!("copy {fd}->{to}"))
    }
    fn close_at_exec_from(&mut self, first: RawFd) -> io::Result<()> {
        self.call(format!("cloexec-from {first}"))
    }
    fn reset_signals(&mut self) {
        let _ = self.call("signals");
    }
    fn execve(&mut self, path: &CString, _: &[CString], _: &[CString]) -> io::Error {
        let _ = self.call(format!("execve {}", path.to_string_lossy()));
        io::Error::from_raw_os_error(match self.fail {
            Some(("execve", errno)) => errno,
            _ => libc::ENOENT,
        })
    }
    fn run_pid1(&mut self, _: &Plan, _: &Pid1, _: Reporter) -> Failure {
        let _ = self.call("pid1");
        Failure::new(Stage::Init, "the fake init ended")
    }
}

/// `ret ALLOW`: never loaded by these tests, only handed to the fake.
fn allow_all() -> Filter {
    Filter::from_bytes(&[6, 0, 0, 0, 0, 0, 0xff, 0x7f]).unwrap()
}

fn plan() -> Plan {
    Plan {
        container: None,
        session: Session::default(),
        rlimits: vec![Rlimit {
            typ: oci_spec::runtime::PosixRlimitType::RlimitNofile,
            soft: 10,
            hard: 20,
        }],
        seccomp: Some(Arc::new(allow_all())),
        no_new_privs: false,
        user: Credentials {
            uid: 1000,
            gid: 100,
            groups: vec![100, 10],
            set_groups: true,
        },
        caps: CapSets::default(),
        last_cap: 40,
        die_with_parent: false,
        umask: 0o022,
        cwd: "/home".into(),
        fds: Fds::CloseAll,
        command: Command::new(&["/bin/true".into()], &[]).unwrap(),
        pid1: None,
    }
}

/// Runs `plan` against `sys` with a real report pair; returns the failure and what the parent
/// learned.
fn run_with(plan: &Plan, sys: &mut Fake) -> (Failure, Outcome) {
    let (listener, mut reporter) = report::pair().unwrap();
    let failure = match run(plan, sys, [0, 1, 2], &mut reporter) {
        Err(f) => f,
        Ok(never) => match never {},
    };
    reporter.failed(&failure);
    drop(crate::sys::fd::own(reporter.0));
    (failure, listener.outcome().unwrap())
}

#[test]
fn every_step_runs_in_order_and_execve_comes_last() {
    let mut sys = Fake::default();
    let (failure, outcome) = run_with(&plan(), &mut sys);
    // The report channel moves to 3 (unless it is there already): the one call whose argument
    // depends on the test process.
    let calls: Vec<&String> = sys
        .calls
        .iter()
        .filter(|c| !c.starts_with("move "))
        .collect();
    assert_eq!(
        calls,
        [
            "stdio",
            "setsid",
            "rlimit nofile",
            "seccomp",
            "bounding",
            "keepcaps true",
            "groups [100, 10]",
            "gid 100",
            "uid 1000",
            "undumpable",
            "keepcaps false",
            "caps",
            "undumpable",
            "chdir /home",
            "getcwd",
            "umask 22",
            "close-from 4",
            "signals",
            "execve /bin/true",
        ]
        .map(String::from)
        .iter()
        .collect::<Vec<_>>()
    );
    assert_eq!(failure.code(), EXIT_NOT_FOUND);
    assert_eq!(outcome, Outcome::Failed(failure));
}

#[test]
fn seccomp_loads_before_switching_user_without_no_new_privs() {
    let mut sys = Fake::default();
    run_with(&plan(), &mut sys);
    assert!(sys.position("seccomp") < sys.position("uid 1000"));
}

#[test]
fn seccomp_loads_after_switching_user_when_no_new_privs() {
    let mut sys = Fake::default();
    let p = Plan {
        no_new_privs: true,
        ..plan()
    };
    run_with(&p, &mut sys);
    let seccomp = sys.position("seccomp");
    assert!(seccomp > sys.position("uid 1000"));
    assert!(seccomp > sys.position("nnp"));
    assert!(seccomp > sys.position("chdir /home"));
    assert_eq!(sys.calls.iter().filter(|c| *c == "seccomp").count(), 1);
}

#[test]
fn the_bounding_set_drops_before_the_user_changes_and_the_sets_after() {
    let mut sys = Fake::default();
    run_with(&plan(), &mut sys);
    assert!(sys.position("bounding") < sys.position("gid 100"));
    assert!(sys.position("caps") > sys.position("uid 1000"));
    assert!(sys.position("keepcaps true") < sys.position("uid 1000"));
}

#[test]
fn the_working_folder_is_entered_as_the_user() {
    let mut sys = Fake::default();
    run_with(&plan(), &mut sys);
    assert!(sys.position("chdir /home") > sys.position("uid 1000"));
}

#[test]
fn the_parent_death_signal_is_set_again_after_the_user_change_for_the_first_process() {
    let mut sys = Fake::default();
    let p = Plan {
        die_with_parent: true,
        ..plan()
    };
    run_with(&p, &mut sys);
    assert!(sys.position("pdeathsig") > sys.position("caps"));
    assert_eq!(
        sys.calls.last().map(String::as_str),
        Some("execve /bin/true")
    );
}

#[test]
fn groups_are_left_alone_where_the_namespace_denies_setgroups() {
    let mut sys = Fake::default();
    let mut p = plan();
    p.user.set_groups = false;
    run_with(&p, &mut sys);
    assert!(!sys.calls.iter().any(|c| c.starts_with("groups")));
}

#[test]
fn a_limit_above_the_hard_limit_fails_the_start_with_125_and_names_the_flag() {
    let mut sys = Fake::failing("rlimit", libc::EPERM);
    let (failure, outcome) = run_with(&plan(), &mut sys);
    assert_eq!(failure.code(), EXIT_FAILED);
    assert_eq!(failure.stage, Stage::Rlimits);
    assert!(
        failure
            .message
            .starts_with("cannot set ulimit nofile=10:20: operation not permitted"),
        "{failure}"
    );
    assert_eq!(sys.calls.last().map(String::as_str), Some("rlimit nofile"));
    assert_eq!(outcome, Outcome::Failed(failure));
}

#[test]
fn a_missing_working_folder_is_127_and_a_forbidden_one_126() {
    let mut sys = Fake::failing("chdir", libc::ENOENT);
    let (failure, _) = run_with(&plan(), &mut sys);
    assert_eq!(failure.code(), EXIT_NOT_FOUND);
    assert_eq!(
        failure.message,
        "cannot enter the working folder `/home`: no such file or directory"
    );
    let mut sys = Fake::failing("chdir", libc::EACCES);
    assert_eq!(run_with(&plan(), &mut sys).0.code(), EXIT_CANNOT_INVOKE);
}

#[test]
fn a_working_folder_outside_the_root_is_refused_before_execve() {
    let mut sys = Fake {
        cwd: Some("(unreachable)/tmp".into()),
        ..Fake::default()
    };
    let (failure, _) = run_with(&plan(), &mut sys);
    assert_eq!(failure.code(), EXIT_FAILED);
    assert!(failure.message.contains("resolves outside the container"));
    assert!(!sys.calls.iter().any(|c| c.starts_with("execve")));
}

#[test]
fn exec_keeps_preserved_descriptors_and_closes_the_rest_at_execve() {
    let mut sys = Fake::default();
    let p = Plan {
        fds: Fds::Preserve(2),
        ..plan()
    };
    run_with(&p, &mut sys);
    assert!(sys.calls.contains(&"keep 3".to_string()));
    assert!(sys.calls.contains(&"keep 4".to_string()));
    assert!(sys.calls.contains(&"cloexec-from 5".to_string()));
    assert!(!sys.calls.iter().any(|c| c.starts_with("close-from")));
}

#[test]
fn the_init_starts_the_command_instead_of_execve() {
    let mut sys = Fake::default();
    let p = Plan {
        pid1: Some(Pid1 {
            title: None,
            tty: false,
            pause: false,
        }),
        ..plan()
    };
    let (failure, _) = run_with(&p, &mut sys);
    assert_eq!(failure.stage, Stage::Init);
    assert_eq!(sys.calls.last().map(String::as_str), Some("pid1"));
    assert!(!sys.calls.iter().any(|c| c.starts_with("execve")));
}

#[test]
fn a_terminal_goes_to_the_user_and_becomes_the_controlling_terminal() {
    let mut sys = Fake::default();
    let p = Plan {
        session: Session {
            own_terminal: true,
            controlling_terminal: true,
        },
        ..plan()
    };
    run_with(&p, &mut sys);
    assert_eq!(
        &sys.calls[..4],
        ["stdio", "setsid", "chown-tty 1000:100", "ctty"]
    );
}

#[test]
fn a_search_that_finds_nothing_tries_every_path_folder() {
    let mut sys = Fake::default();
    let p = Plan {
        command: Command::new(&["ls".into()], &["PATH=/a:/b".into()]).unwrap(),
        ..plan()
    };
    let (failure, outcome) = run_with(&p, &mut sys);
    let tried: Vec<_> = sys
        .calls
        .iter()
        .filter(|c| c.starts_with("execve"))
        .collect();
    assert_eq!(tried, ["execve /a/ls", "execve /b/ls"]);
    assert_eq!(failure.code(), EXIT_NOT_FOUND);
    assert_eq!(outcome, Outcome::Failed(failure));
}

/// A first process's container: network, names, a mount plan of one step, a read-only root.
fn container() -> Container {
    let null = || OwnedFd::from(std::fs::File::open("/dev/null").unwrap());
    Container {
        clone_flags: (libc::CLONE_NEWNS | libc::CLONE_NEWUTS) as u64,
        parent: Some(null()),
        netns: Some(Arc::new(null())),
        joins: vec![(crate::linux::nsenter::Namespace::Ipc, Arc::new(null()))],
        hostname: Some("box".into()),
        domainname: None,
        rootfs: "/rootfs".into(),
        mounts: Vec::new(),
        readonly_root: true,
        userns: None,
    }
}

#[test]
fn the_first_process_guards_itself_then_builds_its_container_before_the_shared_steps() {
    let mut sys = Fake::default();
    let p = Plan {
        container: Some(container()),
        die_with_parent: true,
        ..plan()
    };
    run_with(&p, &mut sys);
    assert_eq!(
        &sys.calls[..11],
        [
            "pdeathsig",
            "undumpable",
            "parent?",
            "move-above 3",
            "stdio",
            "netns",
            "ipc",
            "hostname box",
            "mount /rootfs 0",
            "pivot /rootfs true",
            "setsid",
        ]
    );
    assert!(sys.position("pivot /rootfs true") < sys.position("rlimit nofile"));
}

#[test]
fn a_keep_id_process_enters_its_user_namespace_after_its_root_and_before_its_user() {
    let null = || OwnedFd::from(std::fs::File::open("/dev/null").unwrap());
    let mut sys = Fake::default();
    let mut c = container();
    c.userns = Some(Arc::new(crate::linux::keepid::Userns {
        fd: null(),
        uid_map: "0 1 1000\n1000 0 1\n".into(),
        gid_map: "0 1 1000\n1000 0 1\n".into(),
        root: (1, 1),
    }));
    let p = Plan {
        container: Some(c),
        ..plan()
    };
    run_with(&p, &mut sys);
    let pivot = sys.position("pivot /rootfs true");
    assert!(sys.position("mount /rootfs 0 as 1:1") < pivot);
    let user = sys.position("user");
    assert_eq!(user, pivot + 1, "{:?}", sys.calls);
    assert!(user < sys.position("setsid"));
    assert!(user < sys.position("rlimit nofile"));
}

#[test]
fn a_first_process_whose_supervisor_ended_stops_before_touching_anything() {
    let mut sys = Fake {
        parent_gone: true,
        ..Fake::default()
    };
    let p = Plan {
        container: Some(container()),
        ..plan()
    };
    let (failure, _) = run_with(&p, &mut sys);
    assert_eq!(failure.stage, Stage::Guard);
    assert_eq!(failure.code(), EXIT_FAILED);
    assert_eq!(sys.calls.last().map(String::as_str), Some("parent?"));
}

#[test]
fn a_failed_mount_stops_the_first_process_with_125() {
    let mut sys = Fake::failing("mount", libc::EPERM);
    let p = Plan {
        container: Some(container()),
        ..plan()
    };
    let (failure, outcome) = run_with(&p, &mut sys);
    assert_eq!(failure.stage, Stage::Mounts);
    assert_eq!(failure.code(), EXIT_FAILED);
    assert!(!sys.calls.iter().any(|c| c.starts_with("pivot")));
    assert_eq!(outcome, Outcome::Failed(failure));
}

#[test]
fn an_exec_joins_no_namespace_and_mounts_nothing() {
    let mut sys = Fake::default();
    run_with(&plan(), &mut sys);
    for call in ["netns", "hostname", "mount", "pivot", "pdeathsig"] {
        assert!(
            !sys.calls.iter().any(|c| c.starts_with(call)),
            "{call} in {:?}",
            sys.calls
        );
    }
}
