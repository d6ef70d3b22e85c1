//! Random file operations (fsx-style) on the FUSE overlay against a plain folder: the same
//! seeded sequence of writes, appends, truncates, mkdir, rmdir, rm, mv (files and merged
//! folders), ln, ln -s, chmod and cp runs in a container on `fuse-overlay` and on `vfs` (a plain
//! copy of the layers); every operation's exit status and the final tree must agree.
mod common;

use common::layered::{self, MANIFEST};
use common::TestEnv;

/// A small xorshift generator: the sequence is the seed's, on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DIRS: &[&str] = &[
    "/data",
    "/data/a",
    "/data/b",
    "/data/a/sub",
    "/data/opaque",
    "/data/gone",
    "/data/n",
    "/data/n/m",
];
/// Names the operations use. Layer 2's hardlinked pair (`a/one`, `a/one-link`) is left out:
/// removing one name of a lower hardlinked file leaves the other's link count as the layer
/// has it, on any overlay.
const NAMES: &[&str] = &[
    "owned", "keep", "extra", "x", "new", "old", "f", "g", "sub", "n", "m", "deep", "suid",
];

fn path(rng: &mut Rng) -> String {
    format!("{}/{}", rng.pick(DIRS), rng.pick(NAMES))
}

/// One random operation as a shell command.
fn operation(rng: &mut Rng, i: usize) -> String {
    let p = path(rng);
    let q = path(rng);
    let n = rng.below(9000);
    match rng.below(14) {
        0 => format!("printf 'w{i}-%s' {n} | dd of={p} bs=1 seek={n} conv=notrunc 2>/dev/null"),
        1 => format!("echo a{i} >> {p}"),
        2 => format!("truncate -s {n} {p}"),
        3 => format!("mkdir {p}"),
        4 => format!("rmdir {p}"),
        5 => format!("rm {p}"),
        6 => format!("rm -r {p}"),
        7 | 8 => format!("mv {p} {q}"),
        9 => format!("ln {p} {q}"),
        10 => format!("ln -s {} {p}", rng.pick(NAMES)),
        11 => format!("chmod {:o} {p}", 0o600 + rng.below(0o177)),
        12 => format!("cp {p} {q}"),
        _ => format!("cat {p} > /dev/null"),
    }
}

fn script(seed: u64, ops: usize) -> String {
    let mut rng = Rng(seed);
    let mut s = String::from("mkdir -p /data/n/m\n");
    for i in 0..ops {
        s.push_str(&format!(
            "{} 2>/dev/null; echo \"{i} $?\"\n",
            operation(&mut rng, i)
        ));
    }
    s.push_str(MANIFEST);
    s
}

fn run(env: &TestEnv, driver: &str, script: &str) -> String {
    let out = env.run(&[
        "--storage-driver",
        driver,
        "run",
        "--rm",
        "fsx",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(out.code, Some(0), "{driver}: {out}");
    out.stdout
}

#[test]
fn random_operations_on_the_fuse_overlay_match_a_plain_folder() {
    let (env, _reg) = layered::setup_named("fsx", false);
    for seed in [
        0x9e37_79b9_7f4a_7c15,
        0x0123_4567_89ab_cdef,
        0xdead_beef_cafe_f00d,
    ] {
        let script = script(seed, 300);
        let plain = run(&env, "vfs", &script);
        let fuse = run(&env, "fuse-overlay", &script);
        if plain != fuse {
            let diff: Vec<String> = plain
                .lines()
                .zip(fuse.lines())
                .filter(|(a, b)| a != b)
                .take(20)
                .map(|(a, b)| format!("vfs: {a}\nfuse: {b}"))
                .collect();
            panic!(
                "seed {seed:#x}: the trees differ\n{}\n--- script\n{script}",
                diff.join("\n")
            );
        }
    }
}
