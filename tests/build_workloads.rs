//! Real `rcon build` workloads as the unprivileged test user, on the Debian bookworm tree that
//! contrib/ci/setup.sh debootstraps into /var/cache/rcon-ci: `apt-get install` from the host's
//! Debian mirror, `pip install` from the package index, a multi-stage C build whose binary is
//! copied into a busybox stage, and cache mounts that spare the second build every download.
//! The Debian image's apt sources name the mirror the host's apt uses.
mod common;

use common::image::{self, Compression, ImageSpec, Layer};
use common::{Registry, TestEnv};
use std::path::{Path, PathBuf};
use std::time::Instant;

const CACHE: &str = "/var/cache/rcon-ci";

/// The first Debian mirror of the host's apt sources (one-line or deb822 form), as setup.sh
/// picks it for debootstrap.
fn host_mirror() -> String {
    let mut files = vec![PathBuf::from("/etc/apt/sources.list")];
    if let Ok(dir) = std::fs::read_dir("/etc/apt/sources.list.d") {
        let mut more: Vec<PathBuf> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "list" || x == "sources"))
            .collect();
        more.sort();
        files.extend(more);
    }
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in text.lines() {
            let line = line.trim();
            if !(line.starts_with("deb ") || line.starts_with("URIs:")) {
                continue;
            }
            for word in line.split_whitespace() {
                let w = word.trim_end_matches('/');
                if (w.starts_with("http://") || w.starts_with("https://")) && w.ends_with("/debian")
                {
                    return w.to_string();
                }
            }
        }
    }
    "http://deb.debian.org/debian".to_string()
}

/// A world with `bookworm` (the debootstrap tree) and `busybox` pulled into the test user's
/// store, or None (with the reason printed) when setup.sh could not make the Debian tree.
fn debian_world() -> Option<(TestEnv, Registry)> {
    let tar_path = Path::new(CACHE).join("bookworm.tar");
    let Ok(tar) = std::fs::read(&tar_path) else {
        eprintln!(
            "SKIPPED: {} is missing: contrib/ci/setup.sh (as root) debootstraps it; see \
             {CACHE}/debootstrap.log for why it could not",
            tar_path.display()
        );
        return None;
    };
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let deb = ImageSpec::oci()
        .layer(Layer::from_tar(tar, Compression::None))
        .cmd(&["bash"])
        .build();
    reg.push("library/bookworm:latest", &deb);
    let bb = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .cmd(&["sh"])
        .build();
    reg.push("library/busybox:latest", &bb);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", "bookworm"]);
    env.run_ok(&["pull", "-q", "busybox"]);
    Some((env, reg))
}

/// A context folder owned by the test user, holding `files` (path, content).
fn context(env: &TestEnv, name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let user = env.user();
    let dir = user.home.join(name);
    user.mkdirs(&dir);
    for (path, data) in files {
        user.write_file(dir.join(path), data);
    }
    dir
}

/// `rcon build --build-arg MIRROR=<host mirror> <extra> <dir>`, failing the test unless it
/// succeeds; returns its output and prints how long it took.
fn build(env: &TestEnv, dir: &Path, extra: &[&str]) -> common::Output {
    let mirror = format!("MIRROR={}", host_mirror());
    let mut args = vec!["build", "--build-arg", &mirror];
    args.extend_from_slice(extra);
    let d = dir.to_string_lossy().into_owned();
    args.push(&d);
    let start = Instant::now();
    let out = env.run(&args);
    eprintln!("rcon {} took {:.1?}", args.join(" "), start.elapsed());
    assert_eq!(out.code, Some(0), "{out}");
    out
}

/// The shell that points the image's apt at the host's mirror ($MIRROR, a build argument).
const SOURCES: &str = "rm -f /etc/apt/sources.list.d/* && \
     echo \"deb $MIRROR bookworm main\" > /etc/apt/sources.list";

#[test]
fn apt_get_install_in_a_run_step_gives_a_runnable_package() {
    let Some((env, _reg)) = debian_world() else {
        return;
    };
    let file = format!(
        "FROM bookworm\n\
         ARG MIRROR\n\
         RUN {SOURCES} && apt-get update && \
             apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*\n\
         CMD [\"hello\", \"-g\", \"built by rcon\"]\n"
    );
    let dir = context(&env, "apt", &[("Containerfile", file.as_bytes())]);
    let out = build(&env, &dir, &["-t", "apt-hello"]);
    assert!(out.stdout.contains("Setting up hello"), "{out}");
    assert_eq!(env.run_ok(&["run", "--rm", "apt-hello"]), "built by rcon\n");
    let status = env.run_ok(&["run", "--rm", "apt-hello", "dpkg-query", "-W", "hello"]);
    assert!(status.starts_with("hello\t"), "{status}");
}

/// The host's CA bundle (pip's cert= on the host) for the build's pip, or an empty file.
fn host_ca_bundle() -> Vec<u8> {
    let path = std::env::var("PIP_CERT")
        .unwrap_or_else(|_| "/etc/ssl/certs/ca-certificates.crt".to_string());
    std::fs::read(path).unwrap_or_default()
}

#[test]
fn pip_install_in_a_venv_gives_an_importable_package() {
    let Some((env, _reg)) = debian_world() else {
        return;
    };
    let ca = host_ca_bundle();
    let index = std::env::var("PIP_INDEX_URL").unwrap_or_default();
    let file = "FROM bookworm\n\
                ARG PIP_INDEX_URL\n\
                COPY ca.crt /etc/pip-ca.crt\n\
                ENV PIP_DISABLE_PIP_VERSION_CHECK=1\n\
                RUN python3 -m venv /opt/venv && \
                    if [ -s /etc/pip-ca.crt ]; then export PIP_CERT=/etc/pip-ca.crt; fi && \
                    if [ -n \"$PIP_INDEX_URL\" ]; then export PIP_INDEX_URL; else unset PIP_INDEX_URL; fi && \
                    /opt/venv/bin/pip install --no-cache-dir six==1.16.0\n\
                ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n";
    let dir = context(
        &env,
        "pip",
        &[("Containerfile", file.as_bytes()), ("ca.crt", &ca)],
    );
    let arg = format!("PIP_INDEX_URL={index}");
    let out = build(&env, &dir, &["-t", "pip-six", "--build-arg", &arg]);
    assert!(out.stdout.contains("Successfully installed six"), "{out}");
    let ran = env.run_ok(&[
        "run",
        "--rm",
        "pip-six",
        "python",
        "-c",
        "import six; print(six.__version__, six.__file__.startswith('/opt/venv/'))",
    ]);
    assert_eq!(ran, "1.16.0 True\n");
}

const HELLO_C: &str = "#include <stdio.h>\n\
    int main(int argc, char **argv) {\n\
        printf(\"compiled %s with %d args\\n\", __VERSION__[0] ? \"ok\" : \"?\", argc - 1);\n\
        return 0;\n\
    }\n";

#[test]
fn a_binary_compiled_with_gcc_runs_in_a_busybox_stage() {
    let Some((env, _reg)) = debian_world() else {
        return;
    };
    let file = format!(
        "FROM bookworm AS toolchain\n\
         ARG MIRROR\n\
         RUN {SOURCES} && apt-get update && \
             apt-get install -y --no-install-recommends gcc libc6-dev\n\
         FROM toolchain AS compile\n\
         COPY hello.c /src/hello.c\n\
         RUN mkdir -p /out && gcc -static -O2 -o /out/hello /src/hello.c\n\
         FROM busybox\n\
         COPY --from=compile /out/hello /usr/local/bin/hello\n\
         ENTRYPOINT [\"/usr/local/bin/hello\"]\n"
    );
    let dir = context(
        &env,
        "gcc",
        &[
            ("Containerfile", file.as_bytes()),
            ("hello.c", HELLO_C.as_bytes()),
        ],
    );
    build(&env, &dir, &["-t", "slim-hello"]);
    assert_eq!(
        env.run_ok(&["run", "--rm", "slim-hello", "a", "b"]),
        "compiled ok with 2 args\n"
    );
    // The slim stage is busybox plus the one binary: no compiler came along.
    let has_gcc = env.run(&[
        "run",
        "--rm",
        "--entrypoint",
        "sh",
        "slim-hello",
        "-c",
        "ls /usr/bin/gcc",
    ]);
    assert_ne!(has_gcc.code, Some(0), "{has_gcc}");
}

#[test]
fn cache_mounts_spare_the_second_build_every_download() {
    let Some((env, _reg)) = debian_world() else {
        return;
    };
    let file = format!(
        "FROM bookworm\n\
         ARG MIRROR\n\
         RUN {SOURCES} && rm -f /etc/apt/apt.conf.d/docker-clean && \
             echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' \
             > /etc/apt/apt.conf.d/keep-cache\n\
         RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
             --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
             echo \"debs before: $(ls /var/cache/apt/archives | grep -c '\\.deb$')\" && \
             apt-get update && apt-get install -y --no-install-recommends hello\n"
    );
    let dir = context(&env, "cached", &[("Containerfile", file.as_bytes())]);
    let first = build(&env, &dir, &["-t", "cached"]);
    assert!(first.stdout.contains("debs before: 0"), "{first}");
    assert!(!first.stdout.contains("Need to get 0 B"), "{first}");
    assert!(first.stdout.contains("main amd64 Packages"), "{first}");

    let second = build(&env, &dir, &["--no-cache", "-t", "cached"]);
    assert!(second.stdout.contains("debs before: 1"), "{second}");
    assert!(second.stdout.contains("Need to get 0 B"), "{second}");
    // The package lists come from the cache too: at most the InRelease file is fetched.
    assert!(!second.stdout.contains("amd64 Packages"), "{second}");
    assert_eq!(
        env.run_ok(&["run", "--rm", "cached", "hello"]),
        "Hello, world!\n"
    );
}
