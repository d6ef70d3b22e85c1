//! `rcon system prune --filter` (and `container prune --filter`) through the real binary as the
//! unprivileged test user: `label=`, `label!=` and `until=` narrow what is removed; a filter
//! rcon does not know, or a time it cannot read, removes nothing.
mod common;

use common::world::busybox_world;

fn names(env: &common::TestEnv) -> Vec<String> {
    let mut v: Vec<String> = env
        .run_ok(&["ps", "-a", "--format", "{{.Names}}"])
        .lines()
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

#[test]
fn system_prune_removes_only_what_the_filters_allow() {
    let (env, _reg) = busybox_world();
    env.run_ok(&[
        "create", "--name", "a", "--label", "team=a", "busybox", "true",
    ]);
    env.run_ok(&[
        "create", "--name", "b", "--label", "team=b", "busybox", "true",
    ]);
    env.run_ok(&["create", "--name", "c", "busybox", "true"]);
    // Nothing was created an hour ago.
    env.run_ok(&["system", "prune", "-f", "--filter", "until=1h"]);
    assert_eq!(names(&env), ["a", "b", "c"]);
    env.run_ok(&["system", "prune", "-f", "--filter", "label=team=a"]);
    assert_eq!(names(&env), ["b", "c"]);
    env.run_ok(&["container", "prune", "-f", "--filter", "label!=team"]);
    assert_eq!(names(&env), ["b"]);
    let future = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 60)
        .to_string();
    env.run_ok(&[
        "system",
        "prune",
        "-f",
        "--filter",
        &format!("until={future}"),
    ]);
    assert_eq!(names(&env), Vec::<String>::new());
    // The image is no longer used by any container, but prune without -a keeps named images.
    assert!(env.run_ok(&["images", "-q"]).lines().count() == 1);
}

#[test]
fn unknown_filters_and_unreadable_times_remove_nothing() {
    let (env, _reg) = busybox_world();
    env.run_ok(&["create", "--name", "a", "busybox", "true"]);
    for f in ["until=soon", "dangling=true"] {
        let line = env
            .run(&["system", "prune", "-f", "--filter", f])
            .error_125();
        assert!(line.contains("--filter"), "{line}");
    }
    let line = env
        .run(&["system", "prune", "-f", "--volumes", "--filter", "until=1h"])
        .error_125();
    assert!(line.contains("--volumes"), "{line}");
    assert_eq!(names(&env), ["a"]);
}
