//! Unit tests of registries.conf parsing, merging and endpoint resolution.
use super::*;

const HEX: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn conf(text: &str) -> RegistriesConf {
    let mut c = RegistriesConf::default();
    c.merge_text(Path::new("/test/registries.conf"), text)
        .unwrap();
    c
}

fn r(s: &str) -> Reference {
    Reference::parse(s).unwrap()
}

fn hosts(eps: &[Endpoint]) -> Vec<String> {
    eps.iter()
        .map(|e| {
            format!(
                "{}/{}{}",
                e.host,
                e.repository,
                if e.mirror { " (mirror)" } else { "" }
            )
        })
        .collect()
}

fn names(refs: &[Reference]) -> Vec<String> {
    refs.iter().map(|r| r.to_string()).collect()
}

#[test]
fn without_configuration_short_names_go_to_docker_hub() {
    let c = RegistriesConf::default();
    assert_eq!(
        names(&c.candidates("busybox").unwrap()),
        ["docker.io/library/busybox:latest"]
    );
    let eps = c.endpoints(&r("busybox")).unwrap();
    assert_eq!(
        eps,
        vec![Endpoint {
            host: "registry-1.docker.io".into(),
            repository: "library/busybox".into(),
            insecure: false,
            mirror: false
        }]
    );
    assert!(c.search_registries().is_empty());
}

#[test]
fn v2_search_registries_give_one_candidate_each_in_order() {
    let c = conf(
        r#"
        unqualified-search-registries = ["quay.io", "docker.io/"]
        short-name-mode = "enforcing"
    "#,
    );
    assert_eq!(c.search_registries(), ["quay.io", "docker.io"]);
    assert_eq!(
        names(&c.candidates("busybox:1").unwrap()),
        ["quay.io/busybox:1", "docker.io/library/busybox:1"]
    );
    assert_eq!(
        names(&c.candidates("localhost:5000/x").unwrap()),
        ["localhost:5000/x:latest"]
    );
    assert!(c.candidates("Busybox").is_err());
}

#[test]
fn v1_format_is_converted() {
    let c = conf(
        r#"
        [registries.search]
        registries = ["registry.example.com", "docker.io"]
        [registries.insecure]
        registries = ["localhost:5000"]
        [registries.block]
        registries = ["evil.example.com"]
    "#,
    );
    assert_eq!(c.search_registries(), ["registry.example.com", "docker.io"]);
    assert!(c.is_insecure("localhost:5000"));
    assert!(!c.is_insecure("localhost:5001"));
    assert!(!c.is_insecure("registry.example.com"));
    let err = c
        .endpoints(&r("evil.example.com/x"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("registry evil.example.com is blocked in /test/registries.conf"),
        "{err}"
    );
}

#[test]
fn mixing_v1_and_v2_is_refused() {
    let mut c = RegistriesConf::default();
    let err = c
        .merge_text(Path::new("/x.conf"), "unqualified-search-registries = [\"a.io\"]\n[registries.search]\nregistries = [\"b.io\"]\n")
        .unwrap_err();
    assert!(err.to_string().contains("mixes the v1"), "{err}");
}

#[test]
fn malformed_file_is_a_one_line_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("registries.conf");
    fs::write(
        &p,
        "unqualified-search-registries = [\"quay.io\"\n[[registry]]\n",
    )
    .unwrap();
    let err = RegistriesConf::load_files(std::slice::from_ref(&p))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!(
            "invalid registries configuration {}: line ",
            p.display()
        )),
        "{err}"
    );
    assert!(!err.contains('\n'), "{err}");
    fs::write(&p, "[[registry]]\nlocation = \"https://quay.io\"\n").unwrap();
    let err = RegistriesConf::load_files(&[p]).unwrap_err().to_string();
    assert!(err.contains("URL scheme"), "{err}");
}

#[test]
fn drop_ins_override_in_lexical_order() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("registries.conf");
    let d = dir.path().join("registries.conf.d");
    fs::create_dir(&d).unwrap();
    fs::write(&main, "unqualified-search-registries = [\"a.io\"]\n[[registry]]\nlocation = \"a.io\"\ninsecure = true\n[aliases]\nfoo = \"a.io/foo\"\n").unwrap();
    fs::write(d.join("20-b.conf"), "unqualified-search-registries = [\"c.io\"]\n[[registry]]\nlocation = \"a.io\"\ninsecure = false\n").unwrap();
    fs::write(
        d.join("10-a.conf"),
        "unqualified-search-registries = [\"b.io\"]\n[aliases]\nbar = \"b.io/bar\"\n",
    )
    .unwrap();
    fs::write(d.join("30-c.conf"), "[aliases]\nfoo = \"c.io/foo\"\n").unwrap();
    fs::write(d.join("ignored.txt"), "not toml [").unwrap();
    let mut files = vec![main.clone()];
    files.extend(drop_ins(&d).unwrap());
    files.push(dir.path().join("missing.conf"));
    let c = RegistriesConf::load_files(&files).unwrap();
    assert_eq!(c.search_registries(), ["c.io"]);
    assert!(!c.is_insecure("a.io"));
    assert_eq!(names(&c.candidates("foo").unwrap()), ["c.io/foo:latest"]);
    assert_eq!(names(&c.candidates("bar").unwrap()), ["b.io/bar:latest"]);
    let read: Vec<String> = c
        .sources()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        read,
        ["registries.conf", "10-a.conf", "20-b.conf", "30-c.conf"]
    );
}

#[test]
fn user_file_replaces_system_file_and_env_file_stands_alone() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths {
        root: dir.path().join("root"),
        runroot: dir.path().join("run"),
        config_home: dir.path().join("config"),
        volume_path: None,
        runtime_dir: None,
        home: dir.path().to_path_buf(),
    };
    let sys = dir.path().join("etc/registries.conf");
    let sys_d = dir.path().join("etc/registries.conf.d");
    let user_d = paths.containers_config().join("registries.conf.d");
    fs::create_dir_all(&sys_d).unwrap();
    fs::create_dir_all(&user_d).unwrap();
    fs::write(sys_d.join("a.conf"), "").unwrap();
    fs::write(user_d.join("b.conf"), "").unwrap();
    let files = config_files(&paths, None, &sys, &sys_d).unwrap();
    assert_eq!(
        files,
        vec![sys.clone(), sys_d.join("a.conf"), user_d.join("b.conf")]
    );
    let user = paths.containers_config().join("registries.conf");
    fs::write(&user, "").unwrap();
    let files = config_files(&paths, None, &sys, &sys_d).unwrap();
    assert_eq!(files, vec![user.clone(), user_d.join("b.conf")]);
    let only = dir.path().join("only.conf");
    assert_eq!(
        config_files(&paths, Some(only.clone()), &sys, &sys_d).unwrap(),
        vec![only]
    );
}

#[test]
fn alias_is_used_alone_with_the_inputs_tag_or_digest() {
    let c = conf(
        r#"
        unqualified-search-registries = ["quay.io", "docker.io"]
        [aliases]
        "fedora" = "registry.fedoraproject.org/fedora"
        "ns/tool" = "ghcr.io/org/tool"
    "#,
    );
    assert_eq!(
        names(&c.candidates("fedora").unwrap()),
        ["registry.fedoraproject.org/fedora:latest"]
    );
    assert_eq!(
        names(&c.candidates("fedora:40").unwrap()),
        ["registry.fedoraproject.org/fedora:40"]
    );
    let d = format!("sha256:{HEX}");
    assert_eq!(
        names(&c.candidates(&format!("ns/tool@{d}")).unwrap()),
        [format!("ghcr.io/org/tool@{d}")]
    );
    assert_eq!(names(&c.candidates("other").unwrap()).len(), 2);
    assert_eq!(
        names(&c.candidates("docker.io/fedora").unwrap()),
        ["docker.io/library/fedora:latest"]
    );
}

#[test]
fn alias_must_be_fully_qualified_without_tag() {
    for bad in ["fedora", "quay.io/fedora:40"] {
        let mut c = RegistriesConf::default();
        let err = c
            .merge_text(Path::new("/a.conf"), &format!("[aliases]\nx = \"{bad}\"\n"))
            .unwrap_err();
        assert!(
            err.to_string().starts_with("alias \"x\" in /a.conf"),
            "{err}"
        );
    }
}

#[test]
fn mirrors_come_first_in_order_then_the_registry() {
    let c = conf(
        r#"
        [[registry]]
        location = "docker.io"
        [[registry.mirror]]
        location = "mirror-a.example.com:5000"
        insecure = true
        [[registry.mirror]]
        location = "mirror-b.example.com/hub"
    "#,
    );
    let eps = c.endpoints(&r("busybox")).unwrap();
    assert_eq!(
        hosts(&eps),
        [
            "mirror-a.example.com:5000/library/busybox (mirror)",
            "mirror-b.example.com/hub/library/busybox (mirror)",
            "registry-1.docker.io/library/busybox",
        ]
    );
    assert!(eps[0].insecure && !eps[1].insecure && !eps[2].insecure);
}

#[test]
fn digest_only_mirrors_serve_only_digests() {
    let c = conf(
        r#"
        [[registry]]
        prefix = "quay.io"
        location = "quay.io"
        mirror-by-digest-only = true
        [[registry.mirror]]
        location = "m1.local"

        [[registry]]
        location = "ghcr.io"
        [[registry.mirror]]
        location = "digests.local"
        pull-from-mirror = "digest-only"
        [[registry.mirror]]
        location = "tags.local"
        pull-from-mirror = "tag-only"
        [[registry.mirror]]
        location = "all.local"
        pull-from-mirror = "all"
    "#,
    );
    let d = format!("sha256:{HEX}");
    assert_eq!(
        hosts(&c.endpoints(&r("quay.io/a/b:1")).unwrap()),
        ["quay.io/a/b"]
    );
    assert_eq!(
        hosts(&c.endpoints(&r(&format!("quay.io/a/b@{d}"))).unwrap()),
        ["m1.local/a/b (mirror)", "quay.io/a/b"]
    );
    assert_eq!(
        hosts(&c.endpoints(&r("ghcr.io/x")).unwrap()),
        ["tags.local/x (mirror)", "all.local/x (mirror)", "ghcr.io/x"]
    );
    assert_eq!(
        hosts(&c.endpoints(&r(&format!("ghcr.io/x:1@{d}"))).unwrap()),
        [
            "digests.local/x (mirror)",
            "all.local/x (mirror)",
            "ghcr.io/x"
        ]
    );
    let mut bad = RegistriesConf::default();
    let err = bad.merge_text(Path::new("/b.conf"), "[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\nlocation = \"m.io\"\npull-from-mirror = \"sometimes\"\n");
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("use all, digest-only or tag-only"));
}

#[test]
fn prefix_rewrites_the_repository_and_longest_prefix_wins() {
    let c = conf(
        r#"
        [[registry]]
        prefix = "example.com/foo"
        location = "internal.local:5000/bar/baz"
        [[registry]]
        prefix = "example.com"
        location = "example.com"
        insecure = true
        [[registry]]
        prefix = "docker.io/library"
        location = "hub-cache.local/library-copy"
    "#,
    );
    assert_eq!(
        hosts(&c.endpoints(&r("example.com/foo/app:1")).unwrap()),
        ["internal.local:5000/bar/baz/app"]
    );
    assert_eq!(
        hosts(&c.endpoints(&r("example.com/foo:1")).unwrap()),
        ["internal.local:5000/bar/baz"]
    );
    let eps = c.endpoints(&r("example.com/foobar/app")).unwrap();
    assert_eq!(hosts(&eps), ["example.com/foobar/app"]);
    assert!(eps[0].insecure);
    assert_eq!(
        hosts(&c.endpoints(&r("busybox")).unwrap()),
        ["hub-cache.local/library-copy/busybox"]
    );
    assert_eq!(
        hosts(&c.endpoints(&r("user/app")).unwrap()),
        ["registry-1.docker.io/user/app"]
    );
    // A host-only prefix does not match the same host on another port.
    assert!(!c.is_insecure("example.com:5000"));
    assert!(c.is_insecure("example.com"));
}

#[test]
fn wildcard_prefix_matches_subdomains_only() {
    let c = conf(
        r#"
        [[registry]]
        prefix = "*.example.com"
        insecure = true
        [[registry]]
        prefix = "*.mirrored.org"
        location = "cache.local"
    "#,
    );
    assert!(c.is_insecure("reg.example.com"));
    assert!(c.is_insecure("a.b.example.com:5000"));
    assert!(!c.is_insecure("example.com"));
    assert!(!c.is_insecure("badexample.com"));
    let eps = c.endpoints(&r("reg.example.com/x/y")).unwrap();
    assert_eq!(hosts(&eps), ["reg.example.com/x/y"]);
    assert!(eps[0].insecure);
    assert_eq!(
        hosts(&c.endpoints(&r("eu.mirrored.org/x")).unwrap()),
        ["cache.local/x"]
    );
    let mut bad = RegistriesConf::default();
    assert!(bad
        .merge_text(
            Path::new("/c.conf"),
            "[[registry]]\nprefix = \"example.com\"\n"
        )
        .is_err());
    assert!(bad
        .merge_text(
            Path::new("/c.conf"),
            "[[registry]]\nprefix = \"a.*.com\"\nlocation = \"a.com\"\n"
        )
        .is_err());
}

#[test]
fn blocked_registry_names_the_file() {
    let c = conf(
        r#"
        [[registry]]
        location = "blocked.io"
        blocked = true
        [[registry]]
        prefix = "blocked.io/allowed"
        location = "blocked.io/allowed"
    "#,
    );
    let err = c.endpoints(&r("blocked.io/x")).unwrap_err();
    assert!(matches!(err, RegistriesError::Blocked { .. }));
    assert_eq!(
        err.to_string(),
        "registry blocked.io is blocked in /test/registries.conf: blocked.io/x:latest cannot be pulled; remove `blocked = true` there to allow it"
    );
    assert_eq!(
        hosts(&c.endpoints(&r("blocked.io/allowed/y")).unwrap()),
        ["blocked.io/allowed/y"]
    );
}
