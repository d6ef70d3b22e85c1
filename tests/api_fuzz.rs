//! Bad HTTP on `rcon system service`'s socket: truncated and mutated request heads, huge or
//! too many headers, broken chunked bodies, malformed JSON to the create endpoints and random
//! bytes, from a seeded generator (the seed is printed; `RCON_FUZZ_SEED` replays one). After
//! every few requests the service must still answer `/_ping`, and no bad request may have
//! created a container, network or volume. Every request has a short read timeout: a request
//! the service neither answers nor closes fails the test.
mod common;

use common::api::{parse_response, Service};
use common::world::eventually;
use common::TestEnv;
use std::io::{ErrorKind, Read, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// How long the service may take to answer or close one bad request.
const READ_TIMEOUT: Duration = Duration::from_secs(3);

/// xorshift64*: small, seeded, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// What the service did with one request.
#[derive(Debug)]
enum Outcome {
    /// An HTTP answer: its status.
    Answered(u16),
    /// The connection closed without an answer.
    Closed,
}

/// Sends `data` on a new connection; when `half_close`, shuts the sending side so the service
/// sees the end of a truncated request. Fails the test when the service neither answers nor
/// closes within [`READ_TIMEOUT`].
fn send(svc: &Service, data: &[u8], half_close: bool) -> Outcome {
    let mut s = UnixStream::connect(&svc.socket).expect("connect to the service");
    s.set_read_timeout(Some(READ_TIMEOUT)).unwrap();
    s.set_write_timeout(Some(READ_TIMEOUT)).unwrap();
    // The service may answer and close before it has read everything (a head too large):
    // a failed write is not the test's concern, what comes back is.
    let _ = s.write_all(data);
    if half_close {
        let _ = s.shutdown(Shutdown::Write);
    }
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::ConnectionReset => break,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                panic!(
                    "the service neither answered nor closed within {READ_TIMEOUT:?}: {:?} \
                     (got {:?})",
                    String::from_utf8_lossy(&data[..data.len().min(300)]),
                    String::from_utf8_lossy(&raw)
                );
            }
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
    if raw.is_empty() {
        return Outcome::Closed;
    }
    match parse_response(&raw) {
        Ok((status, _)) => Outcome::Answered(status),
        Err(e) => panic!(
            "not an HTTP answer ({e}): {:?}",
            String::from_utf8_lossy(&raw)
        ),
    }
}

/// A request with `Connection: close` and, when `body` is not empty, a JSON content type.
fn request(method: &str, path: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n");
    if !body.is_empty() {
        r.push_str("Content-Type: application/json\r\n");
    }
    r.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut r = r.into_bytes();
    r.extend_from_slice(body);
    r
}

/// Requests that only read: whatever a mutation makes of them, they change nothing.
const READS: &[&str] = &[
    "/_ping",
    "/v1.41/version",
    "/info",
    "/containers/json?all=1",
    "/v1.44/containers/json?filters=%7B%22label%22%3A%5B%22a%22%5D%7D",
    "/images/json",
    "/networks",
    "/volumes",
    "/system/df",
];

/// The endpoints that create something from a JSON body, with a valid body for each (which
/// the fuzzer only ever sends broken).
const CREATES: &[(&str, &str)] = &[
    (
        "/v1.44/containers/create?name=fuzzed",
        r#"{"Image":"busybox","Cmd":["true"],"HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":"8080"}]}}}"#,
    ),
    (
        "/v1.44/networks/create",
        r#"{"Name":"fuzznet","Driver":"bridge","Labels":{"a":"b"}}"#,
    ),
    (
        "/v1.44/volumes/create",
        r#"{"Name":"fuzzvol","Labels":{"a":"b"}}"#,
    ),
];

/// JSON that parses but has the wrong types: Docker answers 400.
const ILL_TYPED: &[(&str, &str)] = &[
    ("/v1.44/containers/create", r#"{"Image":5}"#),
    (
        "/v1.44/containers/create",
        r#"{"Image":"busybox","Cmd":{"a":1}}"#,
    ),
    ("/v1.44/containers/create", r#"[1,2,3]"#),
    ("/v1.44/networks/create", r#"{"Name":["x"]}"#),
    ("/v1.44/volumes/create", r#"{"Name":{"x":1}}"#),
];

/// `body` made invalid JSON: truncated, a byte replaced, or garbage appended or inserted;
/// never valid, never empty.
fn break_json(rng: &mut Rng, body: &str) -> Vec<u8> {
    loop {
        let mut b = body.as_bytes().to_vec();
        match rng.below(4) {
            // Never to nothing: an empty body is a valid request for some endpoints.
            0 => b.truncate(1 + rng.below(b.len() - 1)),
            1 => {
                let i = rng.below(b.len());
                const BREAKERS: &[u8] = b"{}[]\",:\\\x00\xff";
                b[i] = BREAKERS[rng.below(BREAKERS.len())];
            }
            2 => {
                let n = 1 + rng.below(8);
                b.extend_from_slice(&rng.bytes(n));
            }
            _ => {
                let i = rng.below(b.len());
                let n = 1 + rng.below(4);
                b.splice(i..i, rng.bytes(n));
            }
        }
        if !b.is_empty() && serde_json::from_slice::<serde_json::Value>(&b).is_err() {
            return b;
        }
    }
}

/// What the test user's store holds: containers, networks and volumes.
fn store(env: &TestEnv) -> String {
    let ctrs = env.run_ok(&["ps", "-aq"]);
    let nets = env.run_ok(&["network", "ls", "--format", "{{.Name}}"]);
    let vols = env.run_ok(&["volume", "ls", "-q"]);
    format!("containers: {ctrs:?} networks: {nets:?} volumes: {vols:?}")
}

/// The service still answers, and nothing was created.
fn still_fine(env: &TestEnv, svc: &mut Service, baseline: &str, after: &str) {
    assert!(svc.alive(), "the service died after {after}");
    let (status, body) = svc.request("GET", "/_ping", b"");
    assert_eq!((status, body.as_str()), (200, "OK"), "/_ping after {after}");
    assert_eq!(store(env), baseline, "the store changed after {after}");
}

#[test]
fn the_service_survives_random_and_truncated_requests_and_creates_nothing_from_them() {
    let env = TestEnv::new();
    let mut svc = Service::start(&env);
    let baseline = store(&env);
    let seed = std::env::var("RCON_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_fa11_u64);
    println!("RCON_FUZZ_SEED={seed}");
    let mut rng = Rng(seed | 1);

    for round in 0..60 {
        for _ in 0..8 {
            let kind = rng.below(6);
            match kind {
                // A read, truncated anywhere: the service sees the end of the stream.
                0 => {
                    let r = request("GET", READS[rng.below(READS.len())], b"");
                    let cut = rng.below(r.len());
                    send(&svc, &r[..cut], true);
                }
                // A read with bytes of its head replaced.
                1 => {
                    let mut r = request("GET", READS[rng.below(READS.len())], b"");
                    for _ in 0..1 + rng.below(4) {
                        let i = rng.below(r.len());
                        r[i] = rng.next() as u8;
                    }
                    send(&svc, &r, true);
                }
                // A create with broken JSON: 400, never a container.
                2 => {
                    let (path, body) = CREATES[rng.below(CREATES.len())];
                    let bad = break_json(&mut rng, body);
                    let r = request("POST", path, &bad);
                    match send(&svc, &r, false) {
                        Outcome::Answered(400) => {}
                        other => panic!(
                            "POST {path} with {:?}: want 400, got {other:?}",
                            String::from_utf8_lossy(&bad)
                        ),
                    }
                }
                // A create whose body ends before its Content-Length says.
                3 => {
                    let (path, body) = CREATES[rng.below(CREATES.len())];
                    let mut r = request("POST", path, body.as_bytes());
                    r.truncate(r.len() - 1 - rng.below(body.len()));
                    send(&svc, &r, true);
                }
                // Random bytes, sometimes after a valid request line.
                4 => {
                    let mut r = if rng.below(2) == 0 {
                        b"POST /containers/create HTTP/1.1\r\n".to_vec()
                    } else {
                        Vec::new()
                    };
                    let n = 1 + rng.below(2048);
                    r.extend_from_slice(&rng.bytes(n));
                    send(&svc, &r, true);
                }
                // A create with a broken chunked body: 400, never a container.
                _ => {
                    let (path, body) = CREATES[rng.below(CREATES.len())];
                    let mut r = format!(
                        "POST {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\
                         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    )
                    .into_bytes();
                    let half = body.len() / 2;
                    match rng.below(3) {
                        // A size that is not hex: 400.
                        0 => r.extend_from_slice(format!("zz\r\n{body}\r\n0\r\n\r\n").as_bytes()),
                        // A chunk longer than its size: 400.
                        1 => r.extend_from_slice(
                            format!("{half:x}\r\n{body}\r\n0\r\n\r\n").as_bytes(),
                        ),
                        // A size far beyond what comes, then the client goes: the service
                        // may only wait for the rest, then give up.
                        _ => {
                            r.extend_from_slice(format!("ffffffffff\r\n{body}").as_bytes());
                            send(&svc, &r, true);
                            continue;
                        }
                    }
                    match send(&svc, &r, false) {
                        Outcome::Answered(400 | 413) => {}
                        other => panic!("{path} with a broken chunked body: got {other:?}"),
                    }
                }
            }
        }
        if round % 4 == 3 {
            still_fine(
                &env,
                &mut svc,
                &baseline,
                &format!("round {round} (seed {seed})"),
            );
        }
    }
    still_fine(&env, &mut svc, &baseline, "the random requests");
    let home = env.user().home.clone();
    eventually(10, "the connection processes to end", || {
        service_processes(&home) == 1
    });
}

#[test]
fn huge_heads_get_431_or_400_and_the_connection_closes() {
    let env = TestEnv::new();
    let mut svc = Service::start(&env);
    let baseline = store(&env);
    // One header of 80 KiB: past the 64 KiB head limit.
    let big = "a".repeat(80 << 10);
    let r =
        format!("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\nX-Big: {big}\r\n\r\n");
    match send(&svc, r.as_bytes(), false) {
        Outcome::Answered(431 | 400) => {}
        other => panic!("an 80 KiB header: got {other:?}"),
    }
    // A request line of 100 KiB.
    let r = format!(
        "GET /_ping?{} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n",
        "b".repeat(100 << 10)
    );
    match send(&svc, r.as_bytes(), false) {
        Outcome::Answered(431 | 414 | 400) => {}
        other => panic!("a 100 KiB request line: got {other:?}"),
    }
    // Five hundred small headers.
    let mut r =
        String::from("POST /containers/create HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n");
    for i in 0..500 {
        r.push_str(&format!("X-H{i}: v\r\n"));
    }
    r.push_str("Content-Length: 2\r\n\r\n{}");
    match send(&svc, r.as_bytes(), false) {
        Outcome::Answered(431 | 400) => {}
        other => panic!("500 headers: got {other:?}"),
    }
    // A body past the JSON limit: refused, nothing created.
    let body = format!(r#"{{"Image":"busybox","Cmd":["{}"]}}"#, "c".repeat(5 << 20));
    let r = request("POST", "/v1.44/containers/create", body.as_bytes());
    match send(&svc, &r, false) {
        Outcome::Answered(413 | 400) => {}
        other => panic!("a 5 MiB create body: got {other:?}"),
    }
    still_fine(&env, &mut svc, &baseline, "the huge requests");
}

#[test]
fn ill_typed_create_bodies_get_400_and_create_nothing() {
    let env = TestEnv::new();
    let mut svc = Service::start(&env);
    let baseline = store(&env);
    for (path, body) in ILL_TYPED {
        let (status, answer) = svc.request("POST", path, body.as_bytes());
        assert_eq!(status, 400, "POST {path} {body}: {answer}");
        assert!(answer.contains(r#""message""#), "{answer}");
    }
    // No body at all, and an empty object where a name or image is required.
    for path in ["/v1.44/containers/create", "/v1.44/networks/create"] {
        let (status, answer) = svc.request("POST", path, b"");
        assert_eq!(status, 400, "POST {path} without a body: {answer}");
        let (status, answer) = svc.request("POST", path, b"{}");
        assert_eq!(status, 400, "POST {path} {{}}: {answer}");
    }
    still_fine(&env, &mut svc, &baseline, "the ill-typed bodies");
    // Every connection's process has ended: only the service is left.
    let home = env.user().home.clone();
    eventually(10, "the connection processes to end", || {
        service_processes(&home) == 1
    });
}

/// Processes of the test user named `rcon` (the service and its connection children).
fn service_processes(home: &std::path::Path) -> usize {
    let mark = format!("HOME={}", home.display());
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            let pid = e.file_name();
            let pid = pid.to_string_lossy();
            if pid.parse::<u32>().is_err() {
                return false;
            }
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            comm.trim() == "rcon" && environ.split(|b| *b == 0).any(|v| v == mark.as_bytes())
        })
        .count()
}
