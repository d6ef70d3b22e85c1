//! Debian's podman-compose (1.0.3) driving rcon as its podman, as the test user: a web server
//! with a published port and a bind-mounted page, a database-like service with a named volume
//! and an env file, a worker that reaches the database by name, on a shared network, with
//! labels, depends_on and a restart policy. `up -d`, `ps`, `logs`, `exec`, `stop`, `start`,
//! `down -v`; then nothing of the application is left: no container, volume, supervisor,
//! slirp4netns, pasta or network holder.
mod common;

use common::world::{busybox_world, eventually, user_processes};
use common::{bins, run_command, Output, TestEnv};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

const COMPOSE: &str = r#"version: "3"
services:
  web:
    image: docker.io/library/busybox:latest
    command: ["busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
    ports:
      - "PORT:8080"
    volumes:
      - ./www:/www:ro
    networks: [appnet]
    labels:
      app.role: frontend
    restart: unless-stopped
  db:
    image: docker.io/library/busybox:latest
    command: ["sh", "-c", "while true; do echo \"pong from db $$DB_NAME\" | nc -l -p 5432; done"]
    env_file: [db.env]
    volumes:
      - dbdata:/data
    networks: [appnet]
    labels:
      app.role: database
  worker:
    image: docker.io/library/busybox:latest
    command: ["sh", "-c", "while true; do echo ping | nc db 5432; sleep 1; done"]
    depends_on: [db]
    networks: [appnet]
volumes:
  dbdata:
networks:
  appnet:
"#;

/// `podman-compose --podman-path rcon ARGS` in `dir`, as the test user.
fn compose(env: &TestEnv, dir: &Path, args: &[&str]) -> Output {
    let rcon = bins().rcon.to_str().unwrap().to_string();
    let mut all = vec!["--podman-path", rcon.as_str()];
    all.extend_from_slice(args);
    let mut cmd = env.user().command("podman-compose", &all);
    cmd.current_dir(dir);
    run_command(cmd, None, Duration::from_secs(120))
}

fn compose_ok(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let out = compose(env, dir, args);
    assert_eq!(out.code, Some(0), "podman-compose {args:?}: {out}");
    out.stdout
}

#[test]
fn podman_compose_runs_a_three_service_application_on_rcon_and_down_leaves_nothing() {
    let (env, _reg) = busybox_world();
    let port = common::registry::free_port();
    let dir = env.user().home.join("shop");
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::write(dir.join("www/index.html"), "hello from web\n").unwrap();
    std::fs::write(dir.join("db.env"), "DB_NAME=appdb\n").unwrap();
    std::fs::write(
        dir.join("docker-compose.yml"),
        COMPOSE.replace("PORT", &port.to_string()),
    )
    .unwrap();
    let status = std::process::Command::new("chown")
        .arg("-R")
        .arg(format!("{}:{}", env.user().uid, env.user().gid))
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());

    compose_ok(&env, &dir, &["up", "-d"]);
    // The web service on its published port.
    common::world::http_get_until(port, "hello from web", 30);
    // The worker reaches the database by its service name, with the env file's value.
    eventually(30, "the worker to reach db by name", || {
        compose(&env, &dir, &["logs", "worker"])
            .stdout
            .contains("pong from db appdb")
    });
    let ps = compose_ok(&env, &dir, &["ps"]);
    for s in ["shop_web_1", "shop_db_1", "shop_worker_1"] {
        assert!(ps.contains(s), "{s}: {ps}");
    }
    assert!(
        ps.contains(&format!("{port}->8080/tcp")),
        "the published port: {ps}"
    );
    let labelled = env.run_ok(&[
        "ps",
        "--filter",
        "label=app.role=database",
        "--format",
        "{{.Names}}",
    ]);
    assert_eq!(labelled.trim(), "shop_db_1");
    let host = compose_ok(&env, &dir, &["exec", "-T", "web", "hostname"]);
    assert!(!host.trim().is_empty(), "{host}");
    compose_ok(&env, &dir, &["stop", "-t", "1"]);
    let running = env.run_ok(&["ps", "-q"]);
    assert_eq!(running.trim(), "", "stop stopped every service");
    compose_ok(&env, &dir, &["start"]);
    eventually(30, "the web service to answer again", || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    compose_ok(&env, &dir, &["down", "-v", "-t", "1"]);
    assert_eq!(env.run_ok(&["ps", "-aq"]).trim(), "");
    let vols = env.run_ok(&["volume", "ls", "-q"]);
    assert!(
        !vols.contains("dbdata"),
        "down -v removed the volume: {vols}"
    );
    // podman-compose leaves its network, as with Podman; removing it ends the holder.
    env.run_ok(&["network", "rm", "shop_appnet"]);
    let home = env.user().home.clone();
    eventually(20, "every process of the application to end", || {
        [
            "rcon-sup",
            "slirp4netns",
            "pasta",
            "passt",
            "rcon-netns",
            "rcon-init",
        ]
        .iter()
        .all(|c| user_processes(c, &home).is_empty())
    });
}
