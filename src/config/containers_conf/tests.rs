use super::*;

#[test]
fn later_files_win_and_a_missing_profile_means_the_built_in_one() {
    let mut c = ContainersConf::default();
    c.merge_text("[containers]\nseccomp_profile = \"unconfined\"\n")
        .unwrap();
    assert_eq!(c.seccomp(), SeccompSetting::Unconfined);
    c.merge_text("[engine]\nx = 1\n").unwrap();
    assert_eq!(
        c.seccomp(),
        SeccompSetting::Unconfined,
        "a file without the key keeps it"
    );
    c.merge_text("[containers]\nseccomp_profile = \"/nonexistent/p.json\"\n")
        .unwrap();
    assert_eq!(c.seccomp(), SeccompSetting::Default);
    assert!(c.merge_text("[containers\n").is_err());
    assert!(c.merge_text("[containers]\nseccomp_profile = 3\n").is_err());
}

#[test]
fn every_key_rcon_uses_is_read_and_merged_key_by_key() {
    let mut c = ContainersConf::default();
    assert_eq!(c.log_driver(), "k8s-file");
    assert_eq!(c.events_logger(), "file");
    assert_eq!(c.stop_timeout(), 10);
    assert_eq!(c.rootless_network_cmd(), None);
    c.merge_text(
        r#"
[containers]
default_capabilities = ["CHOWN", "KILL"]
default_ulimits = ["nofile=1024:2048"]
env = ["A=1", "PATH=/bin"]
log_driver = "journald"
log_size_max = "10m"
pids_limit = 100
tz = "Europe/Paris"
umask = "0077"
userns = "keep-id"
ipcns = "private"
no_hosts = true
dns_servers = ["10.0.0.1"]
dns_searches = ["example.com"]
dns_options = ["ndots:2"]
healthcheck_events = false
http_proxy = false
unknown_key_of_podman = "kept out"

[engine]
events_logger = "none"
events_logfile_path = "/tmp/ev.log"
events_logfile_max_size = 4096
cgroup_manager = "cgroupfs"
image_default_transport = "docker://"
stop_timeout = 3
env = ["HTTP_PROXY=http://p:1"]

[network]
default_rootless_network_cmd = "pasta"
dns_bind_port = 5353
"#,
    )
    .unwrap();
    assert_eq!(c.log_driver(), "journald");
    assert_eq!(c.containers.log_size_max, Some(10_000_000));
    assert_eq!(c.containers.pids_limit, Some(100));
    assert_eq!(c.containers.no_hosts, Some(true));
    assert_eq!(c.containers.ipcns.as_deref(), Some("private"));
    assert!(!c.healthcheck_events());
    assert!(!c.http_proxy());
    assert_eq!(c.events_logger(), "none");
    assert_eq!(c.events_logfile_max_size(), 4096);
    assert_eq!(c.stop_timeout(), 3);
    assert_eq!(c.rootless_network_cmd(), Some("pasta"));
    assert_eq!(c.network.dns_bind_port, Some(5353));
    c.merge_text("[containers]\ntz = \"UTC\"\n").unwrap();
    assert_eq!(c.containers.tz.as_deref(), Some("UTC"));
    assert_eq!(
        c.containers.umask.as_deref(),
        Some("0077"),
        "a later file leaves the other keys as they were"
    );
}

#[test]
fn values_outside_their_choices_are_refused_naming_the_key() {
    for (text, key) in [
        ("[containers]\nlog_driver = \"syslog\"\n", "log_driver"),
        ("[engine]\nevents_logger = \"kafka\"\n", "events_logger"),
        ("[engine]\ncgroup_manager = \"x\"\n", "cgroup_manager"),
        (
            "[network]\ndefault_rootless_network_cmd = \"vpnkit\"\n",
            "default_rootless_network_cmd",
        ),
        ("[containers]\numask = \"999\"\n", "umask"),
        ("[containers]\nlog_size_max = \"lots\"\n", "lots"),
        ("[engine]\nstop_timeout = \"10\"\n", "stop_timeout"),
    ] {
        let mut c = ContainersConf::default();
        let e = c.merge_text(text).unwrap_err().to_string();
        assert!(e.contains(key), "{text}: {e}");
        assert_eq!(c, ContainersConf::default(), "nothing merged from {text}");
    }
}

#[test]
fn sizes_read_as_podman_reads_them() {
    use super::keys::parse_size;
    assert_eq!(parse_size("4096"), Some(4096));
    assert_eq!(parse_size("-1"), Some(-1));
    assert_eq!(parse_size("1m"), Some(1_000_000));
    assert_eq!(parse_size("1MB"), Some(1_000_000));
    assert_eq!(parse_size("1.5k"), Some(1500));
    assert_eq!(parse_size("2G"), Some(2_000_000_000));
    assert_eq!(parse_size("m"), None);
    assert_eq!(parse_size("10x"), None);
}

#[test]
fn drop_ins_come_after_their_file_in_name_order() {
    let dir = std::env::temp_dir().join(format!("rcon-conf-test-{}", std::process::id()));
    let d = dir.join("containers.conf.d");
    std::fs::create_dir_all(&d).unwrap();
    for n in ["20-b.conf", "10-a.conf", "notes.txt"] {
        std::fs::write(d.join(n), "").unwrap();
    }
    let found = drop_ins(&dir.join("containers.conf"));
    let names: Vec<_> = found
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["10-a.conf", "20-b.conf"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
