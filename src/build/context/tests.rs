//! Opening contexts: folders, stdin (a tar or a Containerfile alone), git; the Containerfile
//! and the ignore file found; temporary folders gone with the context.
use super::*;
use std::fs;
use std::process::Command;

fn dir_context(files: &[(&str, &str)]) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = t.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    t
}

#[test]
fn arguments_name_contexts_as_docker_reads_them() {
    assert_eq!(ContextSource::parse("-"), ContextSource::Stdin);
    assert_eq!(
        ContextSource::parse("."),
        ContextSource::Dir(PathBuf::from("."))
    );
    assert_eq!(
        ContextSource::parse("https://example.com/ctx.tar.gz"),
        ContextSource::Url("https://example.com/ctx.tar.gz".into())
    );
    assert_eq!(
        ContextSource::parse("https://example.com/x.git#v1:docs"),
        ContextSource::Git(GitSource {
            url: "https://example.com/x.git".into(),
            reference: Some("v1".into()),
            subdir: Some("docs".into()),
        })
    );
    assert_eq!(
        ContextSource::parse("git@github.com:o/r.git#:sub"),
        ContextSource::Git(GitSource {
            url: "git@github.com:o/r.git".into(),
            reference: None,
            subdir: Some("sub".into()),
        })
    );
    assert!(matches!(
        ContextSource::parse("github.com/o/r"),
        ContextSource::Git(GitSource { ref url, .. }) if url == "https://github.com/o/r"
    ));
}

#[test]
fn the_containerfile_is_found_and_read_even_when_ignored() {
    let t = dir_context(&[
        ("Dockerfile", "FROM a\n"),
        (".dockerignore", "Dockerfile\n.dockerignore\n"),
        ("build/Other", "FROM b\n"),
        ("build/Other.dockerignore", "*.log\n"),
    ]);
    let ctx = Context::open(
        &ContextSource::Dir(t.path().into()),
        &OpenOptions::default(),
    )
    .unwrap();
    assert_eq!(ctx.containerfile(), ctx.root().join("Dockerfile"));
    assert!(ctx.ignore().matches("Dockerfile"));
    assert_eq!(fs::read_to_string(ctx.containerfile()).unwrap(), "FROM a\n");
    // `-f` relative to the context when not found from here; its own ignore file wins.
    let opts = OpenOptions {
        file: Some("build/Other".into()),
        ..OpenOptions::default()
    };
    let ctx = Context::open(&ContextSource::Dir(t.path().into()), &opts).unwrap();
    assert_eq!(ctx.containerfile(), ctx.root().join("build/Other"));
    assert!(ctx.ignore().matches("x.log"));
    assert!(!ctx.ignore().matches("Dockerfile"));
    let missing = OpenOptions {
        file: Some("nope".into()),
        ..OpenOptions::default()
    };
    assert!(matches!(
        Context::open(&ContextSource::Dir(t.path().into()), &missing),
        Err(ContextError::NoContainerfile { .. })
    ));
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        Context::open(
            &ContextSource::Dir(empty.path().into()),
            &OpenOptions::default()
        ),
        Err(ContextError::NoDefaultContainerfile { .. })
    ));
    assert!(matches!(
        Context::open(
            &ContextSource::Dir(empty.path().join("none")),
            &OpenOptions::default()
        ),
        Err(ContextError::Folder { .. })
    ));
}

#[test]
fn stdin_brings_a_context_archive_or_a_containerfile_and_both_go_with_the_context() {
    let tar = untar::tests::raw_tar(&[
        ("Containerfile", 'f', "FROM scratch\nCOPY a /\n", 0o644),
        ("a", 'f', "A", 0o644),
    ]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    io::Write::write_all(&mut gz, &tar).unwrap();
    let gz = gz.finish().unwrap();
    let ctx =
        Context::open_with(&ContextSource::Stdin, &OpenOptions::default(), &mut &gz[..]).unwrap();
    let root = ctx.root().to_path_buf();
    assert_eq!(fs::read_to_string(root.join("a")).unwrap(), "A");
    assert_eq!(ctx.containerfile(), root.join("Containerfile"));
    let temp = root.parent().unwrap().to_path_buf();
    drop(ctx);
    assert!(!temp.exists(), "the unpacked context stays behind");

    let text = b"FROM alpine\nRUN true\n";
    let ctx = Context::open_with(
        &ContextSource::Stdin,
        &OpenOptions::default(),
        &mut &text[..],
    )
    .unwrap();
    assert_eq!(fs::read(ctx.containerfile()).unwrap(), text);
    assert!(!ctx.containerfile().starts_with(ctx.root()));
    assert_eq!(fs::read_dir(ctx.root()).unwrap().count(), 0);

    // `-f -` with a folder context reads the Containerfile from stdin; not both from stdin.
    let t = dir_context(&[("a", "A")]);
    let opts = OpenOptions {
        file: Some("-".into()),
        ..OpenOptions::default()
    };
    let ctx =
        Context::open_with(&ContextSource::Dir(t.path().into()), &opts, &mut &text[..]).unwrap();
    assert_eq!(fs::read(ctx.containerfile()).unwrap(), text);
    assert!(matches!(
        Context::open_with(&ContextSource::Stdin, &opts, &mut &text[..]),
        Err(ContextError::StdinTwice)
    ));

    // A hostile archive fails, and its temporary folder goes all the same.
    let before: Vec<_> = temp_names();
    let evil = untar::tests::raw_tar(&[("../x", 'f', "x", 0o644)]);
    assert!(matches!(
        Context::open_with(
            &ContextSource::Stdin,
            &OpenOptions::default(),
            &mut &evil[..]
        ),
        Err(ContextError::Untar { .. })
    ));
    assert_eq!(temp_names(), before);
}

fn temp_names() -> Vec<std::ffi::OsString> {
    let base = std::env::var_os("TMPDIR")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| PathBuf::from("/var/tmp"));
    let pid = format!("rcon-build-{}-", std::process::id());
    let mut names: Vec<_> = fs::read_dir(base)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(&pid))
        .collect();
    names.sort();
    names
}

#[test]
fn a_git_context_is_cloned_at_its_ref_and_subdir() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let repo = t.path().join("repo");
    fs::create_dir_all(repo.join("docs")).unwrap();
    fs::write(repo.join("docs/Containerfile"), "FROM docs\n").unwrap();
    fs::write(repo.join("Containerfile"), "FROM top\n").unwrap();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "-C"])
            .arg(&repo)
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    git(&["tag", "v1"]);
    fs::write(repo.join("Containerfile"), "FROM later\n").unwrap();
    git(&["commit", "-qam", "two"]);
    let url = format!("file://{}", repo.display());
    let open = |fragment: &str| {
        let source = GitSource::parse(&format!("{url}{fragment}"));
        Context::open(&ContextSource::Git(source), &OpenOptions::default())
    };
    let ctx = open("").unwrap();
    assert_eq!(
        fs::read_to_string(ctx.containerfile()).unwrap(),
        "FROM later\n"
    );
    assert!(!ctx.root().join(".git").exists());
    let ctx = open("#v1").unwrap();
    assert_eq!(
        fs::read_to_string(ctx.containerfile()).unwrap(),
        "FROM top\n"
    );
    let ctx = open("#main:docs").unwrap();
    assert_eq!(
        fs::read_to_string(ctx.containerfile()).unwrap(),
        "FROM docs\n"
    );
    assert!(matches!(open("#main:../.."), Err(ContextError::Git { .. })));
    assert!(matches!(
        open("#no-such-ref"),
        Err(ContextError::Git { .. })
    ));
}

#[test]
fn http_dates_parse() {
    assert_eq!(
        fetch::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(784_111_777)
    );
    assert_eq!(fetch::parse_http_date("yesterday"), None);
}

#[test]
fn placements_are_checked_before_anything_runs() {
    assert!(Placement::new("/app/", Some("1000:staff"), Some("u+x")).is_ok());
    assert!(matches!(
        Placement::new("app", None, None),
        Err(ContextError::Dest { .. })
    ));
    assert!(matches!(
        Placement::new("/app", Some(":x"), None),
        Err(ContextError::Chown(_))
    ));
    assert!(matches!(
        Placement::new("/app", None, Some("999")),
        Err(ContextError::Chmod(_))
    ));
}

#[test]
fn only_http_and_https_containerfiles_are_downloaded() {
    assert!(super::is_url(Path::new(
        "https://example.com/Containerfile"
    )));
    assert!(super::is_url(Path::new("http://example.com/Dockerfile")));
    assert!(!super::is_url(Path::new("./https:/x")));
    assert!(!super::is_url(Path::new("Containerfile")));
}

#[test]
fn a_git_source_is_checked_against_its_commit() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let repo = t.path().join("repo");
    fs::create_dir_all(&repo).unwrap();
    fs::write(repo.join("f"), "x\n").unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "-C"])
            .arg(&repo)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    let head = git(&["rev-parse", "HEAD"]);
    let source = GitSource::parse(&format!("file://{}", repo.display()));
    let clone = |n: &str, sum: &str| fetch::clone(&source, &t.path().join(n), false, Some(sum));
    assert!(clone("full", &head).unwrap().join("f").is_file());
    assert!(clone("short", &head[..12].to_ascii_uppercase()).is_ok());
    let wrong = clone("wrong", "0123456789abcdef").unwrap_err().to_string();
    assert!(wrong.contains("does not match the commit"), "{wrong}");
    let sha = clone("sha", "sha256:00").unwrap_err().to_string();
    assert!(sha.contains("checksum is its commit id"), "{sha}");
}
