//! Sources resolved as Docker resolves them: placement names, globs, ignore rules, refusals.
use super::*;
use crate::build::context::{ContextSource, OpenOptions};
use std::os::unix::fs::symlink;

/// A context folder with a Containerfile and the given files (`name/` makes a folder).
pub(crate) fn context_with(files: &[&str], ignore: Option<&str>) -> (tempfile::TempDir, Context) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("ctx");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("Containerfile"), "FROM scratch\n").unwrap();
    for f in files {
        let p = root.join(f.trim_end_matches('/'));
        fs::create_dir_all(if f.ends_with('/') {
            &p
        } else {
            p.parent().unwrap()
        })
        .unwrap();
        if !f.ends_with('/') {
            fs::write(&p, format!("content of {f}")).unwrap();
        }
    }
    if let Some(text) = ignore {
        fs::write(root.join(".dockerignore"), text).unwrap();
    }
    let ctx = Context::open(&ContextSource::Dir(root), &OpenOptions::default()).unwrap();
    (t, ctx)
}

fn copy(sources: &[&str]) -> Request {
    Request {
        sources: sources.iter().map(|s| s.to_string()).collect(),
        ..Request::default()
    }
}

fn names(sel: &Selection) -> Vec<String> {
    sel.entries
        .iter()
        .map(|e| {
            let mut n = e.name.to_string_lossy().into_owned();
            if e.kind == Kind::Dir {
                n.push('/');
            }
            n
        })
        .collect()
}

#[test]
fn files_go_under_their_base_name_and_folders_as_their_contents() {
    let (_t, ctx) = context_with(
        &["a.txt", "dir/b.txt", "dir/sub/c.txt", "other/d.txt"],
        None,
    );
    let sel = ctx.select(&copy(&["a.txt"])).unwrap();
    assert_eq!(names(&sel), ["a.txt"]);
    assert_eq!(sel.single_file.as_deref(), Some("a.txt"));
    let sel = ctx.select(&copy(&["/dir/sub/c.txt"])).unwrap();
    assert_eq!(names(&sel), ["c.txt"]);
    let sel = ctx.select(&copy(&["dir/"])).unwrap();
    assert_eq!(names(&sel), ["b.txt", "sub/", "sub/c.txt"]);
    assert_eq!(sel.single_file, None);
    let sel = ctx.select(&copy(&["a.txt", "other"])).unwrap();
    assert_eq!(names(&sel), ["a.txt", "d.txt"]);
    assert_eq!(sel.single_file, None);
    // `./x/../a.txt` stays inside and is `a.txt`.
    let sel = ctx.select(&copy(&["./dir/../a.txt"])).unwrap();
    assert_eq!(names(&sel), ["a.txt"]);
}

#[test]
fn wildcards_match_like_filepath_match() {
    let (_t, ctx) = context_with(
        &[
            "a.txt",
            "b.txt",
            "c.md",
            "dir/one/x",
            "dir/two/x",
            "dir/two/y",
            "arr[0].txt",
        ],
        None,
    );
    let sel = ctx.select(&copy(&["*.txt"])).unwrap();
    assert_eq!(names(&sel), ["a.txt", "arr[0].txt", "b.txt"]);
    let sel = ctx.select(&copy(&["dir/*/x"])).unwrap();
    assert_eq!(names(&sel), ["x", "x"]);
    let sel = ctx.select(&copy(&["arr[[]0].txt"])).unwrap();
    assert_eq!(names(&sel), ["arr[0].txt"]);
    // One file through a wildcard may still become the destination itself.
    assert_eq!(
        ctx.select(&copy(&["c.*"])).unwrap().single_file.as_deref(),
        Some("c.md")
    );
    let err = ctx.select(&copy(&["*.none"])).unwrap_err();
    assert!(matches!(err, ContextError::NotFound { ref source_name } if source_name == "*.none"));
}

#[test]
fn the_ignore_file_hides_sources_and_exceptions_bring_them_back() {
    let (_t, ctx) = context_with(
        &[
            "app.py",
            "secret.key",
            "node_modules/lib/x.js",
            "node_modules/keep/y.js",
            "logs/a.log",
        ],
        Some("*.key\nnode_modules\n!node_modules/keep\nlogs/\n"),
    );
    let sel = ctx.select(&copy(&["."])).unwrap();
    assert_eq!(
        names(&sel),
        [
            ".dockerignore",
            "Containerfile",
            "app.py",
            "node_modules/",
            "node_modules/keep/",
            "node_modules/keep/y.js"
        ]
    );
    assert!(matches!(
        ctx.select(&copy(&["secret.key"])),
        Err(ContextError::NotFound { .. })
    ));
    assert!(matches!(
        ctx.select(&copy(&["logs/a.log"])),
        Err(ContextError::NotFound { .. })
    ));
    // The excluded folder is reachable for what its exception keeps.
    let sel = ctx.select(&copy(&["node_modules"])).unwrap();
    assert_eq!(names(&sel), ["keep/", "keep/y.js"]);
    // A source that matches nothing visible fails the whole COPY, naming it.
    assert!(matches!(
        ctx.select(&copy(&["*.py", "*.key"])),
        Err(ContextError::NotFound { ref source_name }) if source_name == "*.key"
    ));
}

#[test]
fn sources_outside_the_context_are_refused() {
    let (t, ctx) = context_with(&["in.txt", "dir/"], None);
    fs::write(t.path().join("outside.txt"), "secret").unwrap();
    symlink(t.path().join("outside.txt"), ctx.root().join("out-link")).unwrap();
    symlink("../../", ctx.root().join("dir/up")).unwrap();
    for src in [
        "../outside.txt",
        "dir/../../outside.txt",
        "out-link",
        "dir/up/outside.txt",
    ] {
        let err = ctx.select(&copy(&[src])).unwrap_err();
        assert!(
            matches!(err, ContextError::Outside { ref source_name } if source_name == src),
            "{src}: {err}"
        );
    }
    assert!(matches!(
        ctx.select(&copy(&[])),
        Err(ContextError::NoSources)
    ));
    assert!(matches!(
        ctx.select(&copy(&["missing"])),
        Err(ContextError::NotFound { .. })
    ));
}

#[test]
fn symlinks_are_followed_when_named_and_kept_below_folders() {
    let (_t, ctx) = context_with(&["real/f.txt", "tree/g.txt"], None);
    symlink("real/f.txt", ctx.root().join("named")).unwrap();
    symlink("g.txt", ctx.root().join("tree/link")).unwrap();
    symlink("/etc/passwd", ctx.root().join("tree/abs")).unwrap();
    let sel = ctx.select(&copy(&["named"])).unwrap();
    assert_eq!(names(&sel), ["named"]);
    assert_eq!(sel.entries[0].kind, Kind::File);
    assert_eq!(sel.entries[0].host, ctx.root().join("real/f.txt"));
    let sel = ctx.select(&copy(&["tree"])).unwrap();
    assert_eq!(names(&sel), ["abs", "g.txt", "link"]);
    assert_eq!(sel.entries[0].kind, Kind::Symlink);
    assert_eq!(sel.entries[2].kind, Kind::Symlink);
}

#[test]
fn parents_keep_the_path_and_excludes_match_names_below_the_destination() {
    let (_t, ctx) = context_with(
        &[
            "x/a.txt",
            "y/a.txt",
            "src/a.txt",
            "src/x/b.txt",
            "src/x/y/c.txt",
            "src/x/y/d.md",
        ],
        None,
    );
    let mut req = copy(&["./x/a.txt", "./y/a.txt"]);
    req.parents = true;
    assert_eq!(
        names(&ctx.select(&req).unwrap()),
        ["x/", "x/a.txt", "y/", "y/a.txt"]
    );
    let mut req = copy(&["./src/**/*.txt"]);
    req.parents = true;
    assert_eq!(
        names(&ctx.select(&req).unwrap()),
        [
            "src/",
            "src/a.txt",
            "src/x/",
            "src/x/b.txt",
            "src/x/y/",
            "src/x/y/c.txt"
        ]
    );
    let mut req = copy(&["./src/./x/y/*.txt"]);
    req.parents = true;
    assert_eq!(
        names(&ctx.select(&req).unwrap()),
        ["x/", "x/y/", "x/y/c.txt"]
    );
    let mut req = copy(&["src"]);
    // `*.md` is top-level only, as in Docker: `**/*.md` reaches below.
    req.excludes = vec!["*.md".into(), "**/*.md".into(), "x/b.txt".into()];
    assert_eq!(
        names(&ctx.select(&req).unwrap()),
        ["a.txt", "x/", "x/y/", "x/y/c.txt"]
    );
    let mut req = copy(&["src/x/y/d.md", "x/a.txt"]);
    req.excludes = vec!["*.md".into()];
    assert_eq!(names(&ctx.select(&req).unwrap()), ["a.txt"]);
    let mut req = copy(&["./nothing/*.txt"]);
    req.parents = true;
    assert!(ctx.select(&req).is_err());
}

#[test]
fn add_extracts_local_archives_told_by_content() {
    let (_t, ctx) = context_with(&["fake.tar.gz"], None);
    let tar_bytes =
        crate::build::context::untar::tests::raw_tar(&[("inside.txt", 'f', "x", 0o644)]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    io::Write::write_all(&mut gz, &tar_bytes).unwrap();
    fs::write(ctx.root().join("real.bin"), gz.finish().unwrap()).unwrap();
    let mut req = copy(&["real.bin", "fake.tar.gz"]);
    req.add = Some(AddOptions::default());
    let sel = ctx.select(&req).unwrap();
    assert_eq!(sel.entries[0].kind, Kind::Extract);
    assert_eq!(sel.entries[1].kind, Kind::File);
    // COPY copies the archive as it is; ADD --unpack=false too.
    req.add = None;
    assert_eq!(ctx.select(&req).unwrap().entries[0].kind, Kind::File);
    req.add = Some(AddOptions {
        unpack: Some(false),
        ..AddOptions::default()
    });
    assert_eq!(ctx.select(&req).unwrap().entries[0].kind, Kind::File);
    let url = copy(&["https://example.com/x.tar"]);
    assert!(matches!(
        ctx.select(&url),
        Err(ContextError::Unsupported { .. })
    ));
}

#[test]
fn url_file_names_are_the_last_path_segment() {
    for (url, name) in [
        ("https://example.com/a/b/file.tar.gz?x=1#f", "file.tar.gz"),
        ("https://example.com/dir/", "dir"),
        ("https://example.com", "__unnamed__"),
        ("http://h/", "__unnamed__"),
    ] {
        assert_eq!(url_file_name(url), name, "{url}");
    }
}
