//! Man pages and shell completions, generated from the clap definitions. The committed copies
//! in `man/` and `completions/` are checked against these by a test (`tests/docs.rs`).
use super::system::Shell;
use clap_complete::Generator;
use std::path::PathBuf;

/// The completion script for `shell`.
pub(crate) fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = super::system::command();
    let mut buf = Vec::new();
    match shell {
        Shell::Bash => {
            clap_complete::generate(clap_complete::Shell::Bash, &mut cmd, "rcon", &mut buf)
        }
        Shell::Zsh => {
            clap_complete::generate(clap_complete::Shell::Zsh, &mut cmd, "rcon", &mut buf)
        }
        Shell::Fish => {
            clap_complete::generate(clap_complete::Shell::Fish, &mut cmd, "rcon", &mut buf)
        }
    }
    buf
}

/// Every generated file, by its path relative to the repository root:
/// `man/rcon.1`, `man/rcon-<sub>.1`, `man/rcon-<group>-<sub>.1`, `completions/rcon.bash`,
/// `completions/_rcon`, `completions/rcon.fish`.
pub fn render_all() -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut root = super::system::command();
    root.build();
    man_pages(&root, "rcon", &mut out);
    for (shell, name) in [
        (Shell::Bash, "rcon.bash"),
        (Shell::Zsh, "_rcon"),
        (Shell::Fish, "rcon.fish"),
    ] {
        out.push((PathBuf::from("completions").join(name), completion(shell)));
    }
    debug_assert_eq!(clap_complete::Shell::Zsh.file_name("rcon"), "_rcon");
    out
}

fn man_pages(cmd: &clap::Command, name: &str, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let page = cmd
        .clone()
        .name(name.to_string())
        .display_name(name.to_string())
        .bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .title(name.to_uppercase())
        .section("1")
        .source(format!("rcon {}", env!("CARGO_PKG_VERSION")))
        .manual("rcon Manual")
        .render(&mut buf)
        .expect("rendering into memory cannot fail");
    out.push((PathBuf::from("man").join(format!("{name}.1")), buf));
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        man_pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}
