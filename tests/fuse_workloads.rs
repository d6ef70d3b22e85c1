//! Real workloads on the FUSE overlay in a Debian bookworm image: `dpkg -i` of a .deb fetched
//! on the host with `apt-get download`, `python3 -m venv`, untarring a large tree, renaming a
//! populated lower folder. The image is the debootstrap tree contrib/ci/setup.sh caches in
//! /var/cache/rcon-ci (one uncompressed layer); it is pushed to the loopback registry here.
mod common;

use common::image::{Compression, ImageSpec, Layer};
use common::{Registry, TestEnv};
use std::path::Path;

const CACHE: &str = "/var/cache/rcon-ci";

#[test]
fn debian_workloads_run_on_the_fuse_overlay() {
    let tar_path = Path::new(CACHE).join("bookworm.tar");
    let deb = std::fs::read_dir(Path::new(CACHE).join("debs"))
        .ok()
        .and_then(|d| {
            d.flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "deb"))
        });
    let (Ok(tar), Some(deb)) = (std::fs::read(&tar_path), deb) else {
        panic!(
            "{} or a .deb in {CACHE}/debs is missing: run contrib/ci/setup.sh as root (it \
             debootstraps the image and fetches the package)",
            tar_path.display()
        );
    };
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(Layer::from_tar(tar, Compression::None))
        .cmd(&["bash"])
        .build();
    reg.push("library/bookworm:latest", &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "bookworm"]);
    let debs = deb.parent().unwrap().display().to_string();
    let name = deb.file_name().unwrap().to_string_lossy().into_owned();
    let script = format!(
        r#"
set -e
dpkg -i /debs/{name} >/dev/null
hello
dpkg -s hello | grep -q '^Status: install ok installed'
python3 -m venv /opt/venv
/opt/venv/bin/python -c 'import sys; print(sys.prefix)'
mkdir /tmp/copy
tar -C / -cf - usr/lib | tar -C /tmp/copy -xf -
diff -r /usr/lib /tmp/copy/usr/lib && echo copy-same
n=$(find /usr/share/doc | wc -l)
mv /usr/share/doc /usr/share/doc-moved
[ ! -e /usr/share/doc ]
[ "$(find /usr/share/doc-moved | wc -l)" = "$n" ] && echo moved-all
mkdir /usr/share/doc && ls -A /usr/share/doc | wc -l
"#
    );
    let out = env.run(&[
        "--storage-driver",
        "fuse-overlay",
        "run",
        "--rm",
        "-v",
        &format!("{debs}:/debs:ro"),
        "bookworm",
        "bash",
        "-c",
        &script,
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert_eq!(
        out.stdout, "Hello, world!\n/opt/venv\ncopy-same\nmoved-all\n0\n",
        "{out}"
    );
}
