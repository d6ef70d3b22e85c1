//! Dependencies between rcon's top-level modules point down the layers only.
//!
//! Reads every `src/**/*.rs` (not `src/bin`, whose programs stand alone), takes each file's
//! top-level module (`src/<top>/…` or `src/<top>.rs`), collects every `crate::<module>` path
//! outside comments and string literals (in `use` lines, grouped `use crate::{…}` and inline
//! paths) and fails listing each edge the table below does not allow, with file and line.
//!
//! The layers, top to bottom (a module may use any module of a lower rank):
//!
//! | rank | modules                   | what they are                                          |
//! |------|---------------------------|--------------------------------------------------------|
//! | 8    | cli, fuzzing              | the commands; fuzz entry points (test support)          |
//! | 8    | api                       | the Docker Engine API; a peer of cli (see PEERS)        |
//! | 7    | build, pod, kube, quadlet | Containerfiles; pods; Kubernetes YAML; Quadlet units    |
//! | 7    | autoupdate                | images brought up to date by restarting systemd units   |
//! | 6    | runtime                   | the processes rcon starts, one module per role          |
//! | 5    | container                 | records, state, create/list/stop, volumes, cp           |
//! | 4    | image, network, storage   | the three domains a container is made of                |
//! | 3    | ipc                       | typed messages between rcon's processes                 |
//! | 3    | events                    | what happened, recorded by every command and supervisor |
//! | 2    | linux                     | kernel wrappers                                         |
//! | 1    | sys                       | the only module with `unsafe`                           |
//! | leaf | config, util              | used by anyone; they use only each other (config → util) and sys |
//!
//! image, network and storage share a rank and may not see each other: none uses another
//! today (an image is unpacked into layers the storage drivers mount from their own paths; a
//! network knows nothing of either), and keeping them apart keeps each one replaceable. A
//! need between two of them is a decision to write down here, not an import to add.
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Ranks of the layered modules; higher uses lower.
const LAYERS: &[(&str, u32)] = &[
    ("cli", 8),
    ("api", 8),
    ("fuzzing", 8),
    ("build", 7),
    ("pod", 7),
    ("kube", 7),
    ("quadlet", 7),
    ("autoupdate", 7),
    ("runtime", 6),
    ("container", 5),
    ("image", 4),
    ("network", 4),
    ("storage", 4),
    ("ipc", 3),
    ("events", 3),
    ("linux", 2),
    ("sys", 1),
];

/// Leaves anyone may use, and what each of them may use itself.
const LEAVES: &[(&str, &[&str])] = &[("config", &["util", "sys"]), ("util", &["sys"])];

/// Same-rank modules that may use each other: the Docker API serves requests through the
/// commands' own validated configs (a create request is `create`'s flags, checked by the same
/// parser) and their output shapes; `system service` starts the API.
const PEERS: &[(&str, &str)] = &[("api", "cli"), ("cli", "api")];

fn rank(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

fn leaf(module: &str) -> Option<&'static [&'static str]> {
    LEAVES
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, uses)| *uses)
}

/// Whether `from` may use `to`. Unknown modules are reported by their own test.
fn allowed(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    if let Some(uses) = leaf(from) {
        return uses.contains(&to);
    }
    if leaf(to).is_some() {
        return true;
    }
    match (rank(from), rank(to)) {
        (Some(a), Some(b)) if a > b => true,
        (Some(a), Some(b)) if a == b => PEERS.contains(&(from, to)),
        _ => false,
    }
}

/// The code of a Rust file with comments, string literals and char literals blanked out
/// (newlines kept, so line numbers stay right).
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let blank = |out: &mut Vec<u8>, c: u8| out.push(if c == b'\n' { b'\n' } else { b' ' });
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let ident_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if c == b'/' && next == Some(b'/') {
            while i < b.len() && b[i] != b'\n' {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if c == b'/' && next == Some(b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    out.extend_from_slice(b"  ");
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    out.extend_from_slice(b"  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, b[i]);
                    i += 1;
                }
            }
        } else if !ident_before && (c == b'r' || (c == b'b' && next == Some(b'r'))) && {
            let start = if c == b'r' { i + 1 } else { i + 2 };
            let hashes = b[start..].iter().take_while(|&&h| h == b'#').count();
            b.get(start + hashes) == Some(&b'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let start = if c == b'r' { i + 1 } else { i + 2 };
            let hashes = b[start..].iter().take_while(|&&h| h == b'#').count();
            let body = start + hashes + 1;
            let mut close = b"\"".to_vec();
            close.extend(std::iter::repeat_n(b'#', hashes));
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |p| body + p + close.len());
            for &x in &b[i..end] {
                blank(&mut out, x);
            }
            i = end;
        } else if c == b'"' {
            blank(&mut out, c);
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' && i + 1 < b.len() {
                    blank(&mut out, b[i]);
                    i += 1;
                }
                blank(&mut out, b[i]);
                i += 1;
            }
            if i < b.len() {
                blank(&mut out, b[i]);
                i += 1;
            }
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a): only the former
            // closes within a few bytes.
            let close = if next == Some(b'\\') {
                b[i + 2..]
                    .iter()
                    .position(|&x| x == b'\'')
                    .map(|p| i + 2 + p)
            } else {
                let len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 1 + len)
            };
            match close {
                Some(end) => {
                    for &x in &b[i..=end] {
                        blank(&mut out, x);
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every `crate::<module>` in `src`'s code, with its line (1-based); `crate::{a, b::c}`
/// counts `a` and `b`.
fn crate_refs(src: &str) -> Vec<(String, usize)> {
    let code = code_only(src);
    let b = code.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let ident_at = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let start = j;
        while j < b.len() && is_ident(b[j]) {
            j += 1;
        }
        (code[start..j].to_string(), j)
    };
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut refs = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("crate") {
        let at = from + p;
        from = at + 5;
        if at > 0 && (is_ident(b[at - 1]) || b[at - 1] == b'$') {
            continue;
        }
        let mut j = at + 5;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if !code[j..].starts_with("::") {
            continue;
        }
        j += 2;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) == Some(&b'{') {
            // A group: the first name of each item at depth one.
            let mut depth = 0;
            let mut expect = true;
            while j < b.len() {
                match b[j] {
                    b'{' => {
                        depth += 1;
                        expect = depth == 1;
                        j += 1;
                    }
                    b'}' => {
                        depth -= 1;
                        j += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b',' => {
                        expect = depth == 1;
                        j += 1;
                    }
                    c if expect && is_ident(c) => {
                        let (name, end) = ident_at(j);
                        if name != "self" {
                            refs.push((name, line_of(j)));
                        }
                        expect = false;
                        j = end;
                    }
                    _ => j += 1,
                }
            }
        } else {
            let (name, _) = ident_at(j);
            if !name.is_empty() {
                refs.push((name, line_of(at)));
            }
        }
    }
    refs
}

/// The top-level module of a file under `src/`: `src/<top>/…` or `src/<top>.rs`; `None` for
/// the crate root files and `src/bin`.
fn top_module(rel: &Path) -> Option<String> {
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next()?;
    let nested = parts.next().is_some();
    match first.as_str() {
        "bin" => None,
        "lib.rs" | "main.rs" if !nested => None,
        f if !nested => f.strip_suffix(".rs").map(str::to_string),
        f => Some(f.to_string()),
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Every edge between top-level modules: (from, to) → the places it is made.
fn edges() -> BTreeMap<(String, String), Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let Some(top) = top_module(rel) else { continue };
        let text = fs::read_to_string(&file).unwrap();
        for (to, line) in crate_refs(&text) {
            if to != top {
                edges
                    .entry((top.clone(), to))
                    .or_default()
                    .push(format!("src/{}:{line}", rel.display()));
            }
        }
    }
    edges
}

#[test]
fn dependencies_point_down_the_layers_only() {
    let mut report = Vec::new();
    for ((from, to), places) in edges() {
        if rank(&to).is_none() && leaf(&to).is_none() {
            continue; // not a module: reported by the test below
        }
        if !allowed(&from, &to) {
            report.push(format!("  {from} → {to}: {}", places.join(", ")));
        }
    }
    assert!(
        report.is_empty(),
        "{} edges point up or sideways (the order is in tests/layering.rs):\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn every_module_the_code_names_has_a_place_in_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unknown: Vec<String> = Vec::new();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        let Some(top) = top_module(file.strip_prefix(&src).unwrap()) else {
            continue;
        };
        if rank(&top).is_none() && leaf(&top).is_none() && !unknown.contains(&top) {
            unknown.push(top);
        }
    }
    for ((_, to), places) in edges() {
        if rank(&to).is_none() && leaf(&to).is_none() {
            unknown.push(format!("{to} (named at {})", places.join(", ")));
        }
    }
    assert!(
        unknown.is_empty(),
        "modules missing from the layer table in tests/layering.rs: {}",
        unknown.join("; ")
    );
}

#[test]
fn references_in_comments_and_strings_are_not_edges() {
    let src = r##"
//! Uses [`crate::cli`] in a doc comment.
/* a block /* nested crate::cli */ crate::cli */
fn f<'a>(x: &'a str) -> char {
    let _ = "crate::cli \" crate::cli";
    let _ = r#"crate::cli "quoted" crate::cli"#;
    let _ = b"crate::cli";
    let _ = $crate::cli::x; // a macro's own crate
    let _ = mycrate::cli::x;
    let c = '"';
    crate::linux::f(c)
}
"##;
    assert_eq!(crate_refs(src), vec![("linux".to_string(), 11)]);
}

#[test]
fn grouped_and_inline_paths_each_count_their_module() {
    let src = "use crate::{\n    config::Paths,\n    linux::{caps, seccomp},\n    self,\n};\n\
               fn g() { crate :: util::fs::read(); }\n";
    let refs: Vec<_> = crate_refs(src).into_iter().map(|(m, _)| m).collect();
    assert_eq!(refs, ["config", "linux", "util"]);
}

#[test]
fn files_belong_to_their_top_level_module() {
    assert_eq!(top_module(Path::new("cli/run.rs")).as_deref(), Some("cli"));
    assert_eq!(
        top_module(Path::new("fuzzing.rs")).as_deref(),
        Some("fuzzing")
    );
    assert_eq!(
        top_module(Path::new("linux/mounts/kernel.rs")).as_deref(),
        Some("linux")
    );
    assert_eq!(top_module(Path::new("lib.rs")), None);
    assert_eq!(top_module(Path::new("main.rs")), None);
    assert_eq!(top_module(Path::new("bin/rcon-idmap.rs")), None);
}

#[test]
fn the_table_allows_down_and_leaves_only() {
    assert!(allowed("cli", "runtime"));
    assert!(allowed("container", "network"));
    assert!(allowed("network", "linux"));
    assert!(allowed("linux", "config"));
    assert!(allowed("config", "util"));
    assert!(!allowed("network", "container"));
    assert!(!allowed("container", "runtime"));
    assert!(!allowed("image", "storage"));
    assert!(!allowed("config", "image"));
    assert!(!allowed("util", "config"));
    assert!(!allowed("sys", "linux"));
}

/// Lines of a file's code (comments and strings blanked) that match `hit`, as `path:line`.
fn code_lines_matching(hit: impl Fn(&str) -> bool, skip: impl Fn(&Path) -> bool) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        if skip(rel) {
            continue;
        }
        let code = code_only(&fs::read_to_string(&file).unwrap());
        for (n, line) in code.lines().enumerate() {
            if hit(line) {
                found.push(format!("src/{}:{}", rel.display(), n + 1));
            }
        }
    }
    found
}

/// `src/sys/` and the privileged helper's own `sys.rs` (it links no library) are the only
/// places with `unsafe`; everything else is `#![deny(unsafe_code)]` without exceptions.
#[test]
fn unsafe_code_lives_in_sys_only() {
    let is_sys = |rel: &Path| {
        rel.starts_with("sys")
            || rel.file_name().is_some_and(|f| f == "sys.rs") && rel.starts_with("bin")
    };
    let found = code_lines_matching(
        |line| {
            line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == "unsafe" || w == "unsafe_code")
                && !line.contains("deny(unsafe_code)")
        },
        is_sys,
    );
    assert!(
        found.is_empty(),
        "unsafe outside sys:\n{}",
        found.join("\n")
    );
}

/// Errors are typed (thiserror enums with context), never a bare `String`.
#[test]
fn no_function_returns_a_string_as_its_error() {
    let found = code_lines_matching(string_error, |_| false);
    assert!(found.is_empty(), "Result<_, String>:\n{}", found.join("\n"));
}

/// Whether a line names `Result<…, String>`: the last top-level argument of a `Result<…>` is
/// `String` (so `Result<BTreeMap<String, String>>` is not one).
fn string_error(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = squeezed.as_str();
    while let Some(at) = rest.find("Result<") {
        let args = &rest[at + "Result<".len()..];
        let (mut depth, mut last_comma) = (0usize, None);
        for (i, c) in args.char_indices() {
            match c {
                '<' | '(' => depth += 1,
                ',' if depth == 0 => last_comma = Some(i),
                '>' | ')' if depth == 0 => {
                    if last_comma.is_some_and(|comma| &args[comma + 1..i] == "String") {
                        return true;
                    }
                    break;
                }
                '>' | ')' => depth -= 1,
                _ => {}
            }
        }
        rest = args;
    }
    false
}

#[test]
fn a_string_error_is_told_from_a_map_of_strings() {
    assert!(string_error("fn f() -> Result<(), String> {"));
    assert!(string_error(
        "fn f() -> std::result::Result<Vec<u8>, String>"
    ));
    assert!(!string_error(
        "fn f(m: &BTreeMap<String, String>) -> Result<()>"
    ));
    assert!(!string_error(
        "fn f() -> Result<BTreeMap<String, String>, Error>"
    ));
}
