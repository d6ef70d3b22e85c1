//! A layered test image for the storage drivers: busybox, a layer of folders, files with
//! owners, setuid bits and user xattrs, hardlinks and symlinks, and a top layer with a
//! whiteout, an opaque folder and more files in a merged folder; and a shell script that
//! prints a tree's manifest.
use super::image::{self, Compression, ImageSpec, LayerBuilder};
use super::{Registry, TestEnv};

/// Layer 2 over busybox: folders, files with owners, setuid bits and user xattrs,
/// hardlinks, symlinks.
pub fn data_layer() -> image::Layer {
    LayerBuilder::new()
        .dir("data", 0o755, 0, 0)
        .dir("data/a", 0o755, 0, 0)
        .dir("data/a/sub", 0o750, 1000, 1000)
        .file("data/a/sub/deep", b"deep\n", 0o640, 1000, 1000)
        .file("data/a/one", b"one\n", 0o644, 0, 0)
        .file("data/a/suid", b"#!/bin/sh\n", 0o4755, 0, 0)
        .xattrs(&[("user.layer", b"two"), ("user.empty", b"")])
        .file("data/a/owned", b"owned\n", 0o600, 1000, 100)
        .hardlink("data/a/one-link", "data/a/one")
        .symlink("data/a/rel", "one")
        .symlink("data/a/abs", "/data/a/one")
        .xattrs(&[("user.folder", b"gone")])
        .dir("data/gone", 0o755, 0, 0)
        .file("data/gone/x", b"x\n", 0o644, 0, 0)
        .dir("data/opaque", 0o755, 0, 0)
        .file("data/opaque/old", b"old\n", 0o644, 0, 0)
        .file("data/hidden", b"hidden\n", 0o644, 0, 0)
        .xattrs(&[("user.folder", b"b")])
        .dir("data/b", 0o755, 0, 0)
        .xattrs(&[("user.keep", b"kept")])
        .file("data/b/keep", b"keep\n", 0o644, 0, 0)
        .build(Compression::Gzip)
}

/// Layer 3: a whiteout, an opaque folder, more in a merged folder, and (when asked) a new
/// `data/a/one`, which leaves layer 2's `data/a/one-link` with a hidden second link.
fn top_layer_with(replace_hardlinked: bool) -> image::Layer {
    LayerBuilder::new()
        .dir("data", 0o755, 0, 0)
        .whiteout("data", "hidden")
        .dir("data/opaque", 0o755, 0, 0)
        .opaque("data/opaque")
        .file("data/opaque/new", b"new\n", 0o644, 0, 0)
        .dir("data/b", 0o755, 0, 0)
        .file("data/b/top", b"top\n", 0o644, 0, 0)
        .file(
            if replace_hardlinked {
                "data/a/one"
            } else {
                "data/b/extra"
            },
            b"one, replaced\n",
            0o644,
            0,
            0,
        )
        .build(Compression::Gzip)
}

/// A test world with the layered image pulled as `name`.
pub fn setup_named(name: &str, replace_hardlinked: bool) -> (TestEnv, Registry) {
    let env = TestEnv::new();
    let reg = Registry::start(&env);
    let img = ImageSpec::oci()
        .layer(image::busybox_layer(Compression::Gzip))
        .layer(data_layer())
        .layer(top_layer_with(replace_hardlinked))
        .cmd(&["sh"])
        .build();
    reg.push(&format!("library/{name}:latest"), &img);
    env.write_registries_conf(&reg);
    env.run_ok(&["pull", "-q", name]);
    (env, reg)
}

/// Prints every name under /data: type and mode, owner, links (not for folders: overlayfs
/// counts a merged folder's links its own way), size, checksum or link target.
pub const MANIFEST: &str = r#"
cd /data && find . | sort | while read -r f; do
  if [ -L "$f" ]; then
    echo "$f l $(stat -c '%a %u:%g' "$f") -> $(readlink "$f")"
  elif [ -d "$f" ]; then
    echo "$f d $(stat -c '%a %u:%g' "$f")"
  elif [ -p "$f" ]; then
    echo "$f p $(stat -c '%a %u:%g %h' "$f")"
  else
    echo "$f f $(stat -c '%a %u:%g %h %s' "$f") $(md5sum < "$f" | cut -c1-12)"
  fi
done
"#;
