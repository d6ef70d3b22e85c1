//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) and crash regressions
//! (`fuzz/regressions/<target>/`) through the fuzz targets' bodies in `rcon::fuzzing`, under
//! the normal `cargo test`: no nightly, no libFuzzer, seconds. Each corpus must exist and hold
//! files, so the test cannot pass by replaying nothing; a panicking input is named.
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The regular files of `dir`, sorted; empty when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Runs `body` on each file; returns the files that panicked, with the message.
fn replay(body: fn(&[u8]), inputs: &[PathBuf]) -> Vec<String> {
    let mut failed = Vec::new();
    for path in inputs {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| body(&data))) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{}: {message}", path.display()));
        }
    }
    failed
}

#[test]
fn every_corpus_and_regression_input_runs_through_its_target_without_panicking() {
    let mut failed = Vec::new();
    let mut replayed = 0;
    for (name, body) in rcon::fuzzing::TARGETS {
        let corpus = files(&fuzz_dir().join("corpus").join(name));
        assert!(
            !corpus.is_empty(),
            "fuzz/corpus/{name} is missing or empty: commit its seed corpus"
        );
        let regressions = files(&fuzz_dir().join("regressions").join(name));
        replayed += corpus.len() + regressions.len();
        failed.extend(replay(*body, &corpus));
        failed.extend(replay(*body, &regressions));
    }
    assert!(
        failed.is_empty(),
        "{} of {replayed} inputs panicked:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn every_target_has_a_libfuzzer_binary_and_every_binary_a_target() {
    let mut binaries: Vec<String> = files(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    binaries.sort();
    let mut targets: Vec<String> = rcon::fuzzing::TARGETS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    targets.sort();
    assert_eq!(
        binaries, targets,
        "fuzz/fuzz_targets/ and rcon::fuzzing::TARGETS differ"
    );
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    for name in &targets {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] for {name}"
        );
    }
}
