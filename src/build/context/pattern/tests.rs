//! Docker's documented `.dockerignore` examples and the pattern matcher's own cases.
use super::*;

fn m(patterns: &[&str]) -> Matcher {
    Matcher::new(patterns).unwrap()
}

#[test]
fn docker_documented_ignore_examples() {
    // (patterns, path, excluded)
    let table: &[(&[&str], &str, bool)] = &[
        (&["*/temp*"], "somedir/temporary.txt", true),
        (&["*/temp*"], "somedir/temp", true),
        (&["*/temp*"], "temp", false),
        (&["*/temp*"], "a/b/temp", false),
        (&["*/*/temp*"], "somedir/subdir/temporary.txt", true),
        (&["*/*/temp*"], "somedir/temporary.txt", false),
        (&["temp?"], "tempa", true),
        (&["temp?"], "tempb", true),
        (&["temp?"], "temp", false),
        (&["temp?"], "tempab", false),
        (&["**/*.go"], "main.go", true),
        (&["**/*.go"], "a/b/c.go", true),
        (&["**/*.go"], "a/b/c.gox", false),
        (&["*.md", "!README.md"], "notes.md", true),
        (&["*.md", "!README.md"], "README.md", false),
        (
            &["*.md", "!README*.md", "README-secret.md"],
            "README-secret.md",
            true,
        ),
        (
            &["*.md", "!README*.md", "README-secret.md"],
            "README-x.md",
            false,
        ),
        (
            &["*.md", "README-secret.md", "!README*.md"],
            "README-secret.md",
            false,
        ),
        // A folder's match covers what is below it.
        (&["node_modules"], "node_modules/a/b.js", true),
        (&["dir/*"], "dir/a/b", true),
        (&["dir"], "dirx", false),
        // The matcher keeps a leading slash (the ignore file's reader drops it); dots go.
        (&["/abs"], "abs", false),
        (&["./a/./b/"], "a/b", true),
        // `**` forms.
        (&["**"], "anything/at/all", true),
        (&["dir/**"], "dir/x", true),
        (&["dir/**"], "dirx", false),
        (&["**/x"], "x", true),
        (&["**/x"], "a/b/x", true),
        (&["**/x"], "a/bx", false),
        (&["a/**/b"], "a/b", true),
        (&["a/**/b"], "a/x/y/b", true),
        (&["a/**/b"], "a/x/yb", false),
        (&["**foo"], "a/xfoo", true),
        (&["a**b"], "a/x/b", true),
        // Classes and escapes.
        (&["[a-c].txt"], "b.txt", true),
        (&["[^a-c].txt"], "b.txt", false),
        (&["[^a-c].txt"], "d.txt", true),
        (&["a\\*b"], "a*b", true),
        (&["a\\*b"], "axb", false),
        (&["{a,b}"], "{a,b}", true),
        (&["{a,b}"], "a", false),
        (&["a.b"], "axb", false),
        (&["a+(b)"], "a+(b)", true),
    ];
    for (patterns, path, excluded) in table {
        assert_eq!(
            m(patterns).matches(path),
            *excluded,
            "{patterns:?} on {path}"
        );
    }
}

#[test]
fn the_root_is_never_excluded_and_bad_patterns_are_errors() {
    assert!(!m(&["*"]).matches("."));
    assert!(!m(&["*"]).matches(""));
    assert!(m(&["*"]).matches("a"));
    assert_eq!(Matcher::new(&["!"]).unwrap_err(), PatternError::LoneBang);
    assert!(Matcher::new(&["a\\"]).is_err());
    assert!(Matcher::new(&["[abc"]).is_err());
}

#[test]
fn excluded_folders_are_walked_only_when_an_exception_may_reach_below() {
    let plain = m(&["dir", "!dir/keep"]);
    assert!(plain.matches("dir/other"));
    assert!(!plain.matches("dir/keep"));
    assert!(plain.may_match_below("dir"));
    assert!(!plain.may_match_below("elsewhere"));
    assert!(m(&["x", "!**/keep"]).may_match_below("x"));
    assert!(!m(&["x"]).may_match_below("x"));
    // An ignore file's folders: only an exception's literal path reaches below.
    let ignore = m(&["subdir1", "subdir2", "!*/sub1*", "!subdir1/sub3*"]);
    assert!(ignore.exception_below("subdir1"));
    assert!(!ignore.exception_below("subdir2"));
    assert!(ignore.may_match_below("subdir2"));
}

#[test]
fn includes_skip_folders_off_their_paths() {
    let inc = Includes::new(&["src/app".to_string()]).unwrap();
    assert!(inc.matches("src/app/x"));
    assert!(!inc.matches("src/lib"));
    assert!(inc.may_match_below("src"));
    assert!(!inc.may_match_below("docs"));
    let wild = Includes::new(&["src/**/*.txt".to_string()]).unwrap();
    assert!(wild.matches("src/a.txt"));
    assert!(wild.matches("src/x/y/c.txt"));
    assert!(wild.may_match_below("anything"));
}

#[test]
fn sources_glob_like_go_filepath_match() {
    let g = |p: &str, s: &str| glob(p).unwrap().is_match(s);
    assert!(g("*.txt", "a.txt"));
    assert!(!g("*.txt", "d/a.txt"));
    assert!(g("dir/*/x", "dir/a/x"));
    assert!(!g("dir/*/x", "dir/a/b/x"));
    assert!(g("index.?s", "index.js"));
    assert!(g("arr[[]0].txt", "arr[0].txt"));
    assert!(g("**", "a"));
    assert!(!g("**", "a/b"));
    assert!(has_wildcard("a/*"));
    assert!(!has_wildcard("a\\*b"));
    assert!(!has_wildcard("plain/path"));
}

#[test]
fn paths_clean_as_go_cleans_them() {
    for (input, out) in [
        ("", "."),
        ("a//b/./c/", "a/b/c"),
        ("/a/../../b", "/b"),
        ("../a", "../a"),
        ("a/../..", ".."),
        ("/", "/"),
    ] {
        assert_eq!(clean(input), out, "{input}");
    }
}
