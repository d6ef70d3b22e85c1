//! The `rcon` binary: dispatches to the library and maps the outcome to an exit code
//! (125 rcon failed, 126 cannot invoke, 127 not found, else the container's own code).
fn main() {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == rcon::linux::userns::HELPER_ARG)
    {
        rcon::runtime::role::main();
    }
    // Under the generator's names (`rcon-quadlet`, or a link in systemd's generator folders
    // named `rcon-user-generator`/`rcon-system-generator`), rcon is the Quadlet generator.
    let argv0 = std::env::args().next().unwrap_or_default();
    let invoked_as = std::path::Path::new(&argv0)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if invoked_as == "rcon-quadlet" || invoked_as.ends_with("-generator") {
        std::process::exit(rcon::cli::generator_main(
            &invoked_as,
            std::env::args().skip(1).collect(),
        ));
    }
    std::process::exit(rcon::cli::main());
}
