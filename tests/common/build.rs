//! Helpers of the `rcon build` tests: a context folder of the test user's, a build of it.
use super::{Output, TestEnv, TestUser};
use std::path::{Path, PathBuf};

/// A context folder owned by the test user, holding `files` (path, content).
pub fn context(user: &TestUser, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = user.home.join(name);
    user.mkdirs(&dir);
    for (path, data) in files {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            user.mkdirs(parent);
        }
        user.write_file(&p, data);
    }
    dir
}

/// `rcon build EXTRA… DIR`.
pub fn build(env: &TestEnv, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let d = dir.to_string_lossy().into_owned();
    args.push(&d);
    env.run(&args)
}
