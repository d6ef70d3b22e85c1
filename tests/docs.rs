//! The committed man pages and completion scripts match the clap definitions.
//! Regenerate them with `RCON_UPDATE_DOCS=1 cargo test --test docs`.
use std::fs;
use std::path::Path;

#[test]
fn man_pages_and_completions_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = rcon::cli::docs::render_all();
    assert!(files.iter().any(|(p, _)| p.ends_with("man/rcon-pull.1")));
    if std::env::var_os("RCON_UPDATE_DOCS").is_some() {
        for dir in ["man", "completions"] {
            let _ = fs::remove_dir_all(root.join(dir));
        }
        for (path, bytes) in &files {
            let full = root.join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, bytes).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (path, bytes) in &files {
        if fs::read(root.join(path)).ok().as_deref() != Some(bytes.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    for dir in ["man", "completions"] {
        for entry in fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            let rel = Path::new(dir).join(entry.file_name());
            if !files.iter().any(|(p, _)| *p == rel) {
                stale.push(format!("{} (no longer generated)", rel.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {}; run `RCON_UPDATE_DOCS=1 cargo test --test docs` and commit",
        stale.join(", ")
    );
}

#[test]
fn completion_command_prints_the_committed_scripts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "rcon.bash"),
        ("zsh", "_rcon"),
        ("fish", "rcon.fish"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rcon"))
            .args(["completion", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            out.stdout,
            fs::read(root.join("completions").join(file)).unwrap(),
            "{shell}"
        );
    }
}
