//! The `rcon` binary: dispatches to the library and maps the outcome to an exit code
//! (125 rcon failed, 126 cannot invoke, 127 not found, else the container's own code).
fn main() {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == rcon::linux::userns::HELPER_ARG)
    {
        rcon::runtime::role::main();
    }
    std::process::exit(rcon::cli::main());
}
