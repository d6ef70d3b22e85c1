//! The DNS responder of the named networks, run by the holder: it answers A (and, with no
//! record, AAAA and the rest) for the names of the containers on a network (name, short ID,
//! aliases, each also under `.dns.podman`), and forwards every other query to the host's
//! servers through a socket opened in the host's network namespace, then relays the answer.
//! The message handling is pure (parse a question, build an answer) and unit-tested.
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

pub(crate) const TYPE_A: u16 = 1;
const CLASS_IN: u16 = 1;
pub(crate) const RCODE_SERVFAIL: u8 = 2;
/// Answers of the responder's own names live this long in a cache.
const TTL: u32 = 60;
/// A forwarded query left unanswered this long is forgotten.
const FORWARD_TIMEOUT: Duration = Duration::from_secs(5);

/// The question of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Question {
    pub(crate) id: u16,
    /// Lowercase, without the final dot.
    pub(crate) name: String,
    pub(crate) qtype: u16,
    pub(crate) qclass: u16,
    /// Where the question ends in the message.
    pub(crate) end: usize,
}

/// The first question of `msg`, when it is a standard query (QR 0, opcode 0) with one.
pub(crate) fn parse_query(msg: &[u8]) -> Option<Question> {
    if msg.len() < 12 || msg[2] & 0xf8 != 0 {
        return None;
    }
    let qdcount = u16::from_be_bytes([msg[4], msg[5]]);
    if qdcount != 1 {
        return None;
    }
    let mut at = 12;
    let mut labels: Vec<String> = Vec::new();
    loop {
        let len = *msg.get(at)? as usize;
        at += 1;
        if len == 0 {
            break;
        }
        // Compression pointers do not occur in a question of a query.
        if len > 63 {
            return None;
        }
        let label = msg.get(at..at + len)?;
        labels.push(String::from_utf8_lossy(label).to_ascii_lowercase());
        at += len;
    }
    let fixed = msg.get(at..at + 4)?;
    Some(Question {
        id: u16::from_be_bytes([msg[0], msg[1]]),
        name: labels.join("."),
        qtype: u16::from_be_bytes([fixed[0], fixed[1]]),
        qclass: u16::from_be_bytes([fixed[2], fixed[3]]),
        end: at + 4,
    })
}

/// The answer to query `msg` (question `q`): `ips` as A records (none: an empty NOERROR, or
/// `rcode` when it is not 0).
pub(crate) fn build_answer(msg: &[u8], q: &Question, ips: &[Ipv4Addr], rcode: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(q.end + ips.len() * 16);
    out.extend_from_slice(&q.id.to_be_bytes());
    // QR, the opcode and RD of the query, AA; RA; the code.
    out.push(0x80 | (msg[2] & 0x79) | 0x04);
    out.push(0x80 | (rcode & 0x0f));
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(&(ips.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&msg[12..q.end]);
    for ip in ips {
        out.extend_from_slice(&[0xc0, 0x0c]); // the name: a pointer to the question's
        out.extend_from_slice(&TYPE_A.to_be_bytes());
        out.extend_from_slice(&CLASS_IN.to_be_bytes());
        out.extend_from_slice(&TTL.to_be_bytes());
        out.extend_from_slice(&4u16.to_be_bytes());
        out.extend_from_slice(&ip.octets());
    }
    out
}

/// The address of `name` among `entries` (names → address): the name as is, or under the
/// `dns.podman` domain.
pub(crate) fn lookup(entries: &[(Vec<String>, Ipv4Addr)], name: &str) -> Option<Ipv4Addr> {
    let bare = name.strip_suffix(".dns.podman").unwrap_or(name);
    entries
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(bare)))
        .map(|(_, ip)| *ip)
}

/// The response code of a name that does not exist.
const RCODE_NXDOMAIN: u8 = 3;

/// What the responder answers from a query: its own record, or forward it.
pub(crate) enum Reply {
    Answer(Vec<u8>),
    Forward,
    Ignore,
}

/// Decides on query `msg` with the network's `entries`.
pub(crate) fn respond(msg: &[u8], entries: &[(Vec<String>, Ipv4Addr)]) -> Reply {
    let Some(q) = parse_query(msg) else {
        return Reply::Ignore;
    };
    match lookup(entries, &q.name) {
        Some(ip) if q.qtype == TYPE_A && q.qclass == CLASS_IN => {
            Reply::Answer(build_answer(msg, &q, &[ip], 0))
        }
        // Known, but no record of that type: an empty answer, so the resolver does not wait.
        Some(_) => Reply::Answer(build_answer(msg, &q, &[], 0)),
        // The network's own domain (searched first by its containers): a name not there is
        // no name anywhere, answered at once rather than sent to the host's servers.
        None if q.name == "dns.podman" || q.name.ends_with(".dns.podman") => {
            Reply::Answer(build_answer(msg, &q, &[], RCODE_NXDOMAIN))
        }
        None => Reply::Forward,
    }
}

/// A forwarded query: which listener and client it came from, and its own ID.
struct Pending {
    listener: usize,
    client: SocketAddr,
    id: u16,
    at: Instant,
}

/// Forwards queries upstream and relays the answers back.
pub(crate) struct Forwarder {
    pub(crate) socket: UdpSocket,
    servers: Vec<SocketAddr>,
    pending: HashMap<u16, Pending>,
    next: u16,
}

impl Forwarder {
    pub(crate) fn new(socket: UdpSocket, servers: Vec<SocketAddr>) -> Forwarder {
        Forwarder {
            socket,
            servers,
            pending: HashMap::new(),
            next: std::process::id() as u16,
        }
    }

    /// Sends `msg` (from `client` on listener `listener`) to the first server; without one,
    /// the answer is SERVFAIL, returned for the caller to send.
    pub(crate) fn forward(
        &mut self,
        listener: usize,
        client: SocketAddr,
        msg: &[u8],
    ) -> Option<Vec<u8>> {
        let now = Instant::now();
        self.pending
            .retain(|_, p| now.duration_since(p.at) < FORWARD_TIMEOUT);
        let q = parse_query(msg)?;
        let Some(server) = self.servers.first().copied() else {
            return Some(build_answer(msg, &q, &[], RCODE_SERVFAIL));
        };
        let mut id = self.next;
        while self.pending.contains_key(&id) {
            id = id.wrapping_add(1);
        }
        self.next = id.wrapping_add(1);
        let mut out = msg.to_vec();
        out[0..2].copy_from_slice(&id.to_be_bytes());
        if self.socket.send_to(&out, server).is_err() {
            return Some(build_answer(msg, &q, &[], RCODE_SERVFAIL));
        }
        self.pending.insert(
            id,
            Pending {
                listener,
                client,
                id: q.id,
                at: now,
            },
        );
        None
    }

    /// An answer from upstream: (listener, client, message with the client's ID) to send.
    pub(crate) fn relay(
        &mut self,
        from: SocketAddr,
        msg: &mut [u8],
    ) -> Option<(usize, SocketAddr)> {
        if msg.len() < 12 || !self.servers.contains(&from) {
            return None;
        }
        let id = u16::from_be_bytes([msg[0], msg[1]]);
        let p = self.pending.remove(&id)?;
        msg[0..2].copy_from_slice(&p.id.to_be_bytes());
        Some((p.listener, p.client))
    }
}

/// The upstream servers: `RCON_DNS_UPSTREAM` (`IP[:PORT],…`) when set, else the nameservers
/// of the host's /etc/resolv.conf (loopback ones included: the upstream socket lives in the
/// host's network namespace).
pub(crate) fn upstream_servers(env: Option<&str>, resolv_conf: &str) -> Vec<SocketAddr> {
    if let Some(list) = env.filter(|l| !l.is_empty()) {
        return list
            .split(',')
            .filter_map(|s| {
                s.parse::<SocketAddr>()
                    .ok()
                    .or_else(|| s.parse::<Ipv4Addr>().ok().map(|ip| (ip, 53).into()))
            })
            .filter(SocketAddr::is_ipv4)
            .collect();
    }
    resolv_conf
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            (f.next() == Some("nameserver")).then_some(())?;
            f.next()?.parse::<Ipv4Addr>().ok()
        })
        .map(|ip| SocketAddr::from((ip, 53)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A query for `name`, type `qtype`, ID 0x1234, RD set.
    fn query(name: &str, qtype: u16) -> Vec<u8> {
        let mut m = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
        for label in name.split('.') {
            m.push(label.len() as u8);
            m.extend_from_slice(label.as_bytes());
        }
        m.push(0);
        m.extend_from_slice(&qtype.to_be_bytes());
        m.extend_from_slice(&CLASS_IN.to_be_bytes());
        m
    }

    fn entries() -> Vec<(Vec<String>, Ipv4Addr)> {
        vec![(
            vec!["web".into(), "0123456789ab".into(), "www".into()],
            Ipv4Addr::new(10, 89, 0, 2),
        )]
    }

    #[test]
    fn questions_parse() {
        let q = parse_query(&query("Web.dns.podman", TYPE_A)).unwrap();
        assert_eq!(q.id, 0x1234);
        assert_eq!(q.name, "web.dns.podman");
        assert_eq!(q.qtype, TYPE_A);
        assert_eq!(q.end, query("Web.dns.podman", TYPE_A).len());
        let mut answer = query("web", TYPE_A);
        answer[2] |= 0x80;
        assert!(parse_query(&answer).is_none(), "an answer is no query");
        assert!(parse_query(&[0; 5]).is_none());
        let mut cut = query("web", TYPE_A);
        cut.truncate(cut.len() - 2);
        assert!(parse_query(&cut).is_none());
    }

    #[test]
    fn own_names_are_answered_and_others_forwarded() {
        let m = query("www", TYPE_A);
        let Reply::Answer(a) = respond(&m, &entries()) else {
            panic!("not answered");
        };
        assert_eq!(&a[0..2], &[0x12, 0x34]);
        assert_eq!(a[2] & 0x80, 0x80, "QR");
        assert_eq!(a[3] & 0x0f, 0, "NOERROR");
        assert_eq!(u16::from_be_bytes([a[6], a[7]]), 1, "one answer");
        assert_eq!(&a[a.len() - 4..], &[10, 89, 0, 2]);
        let Reply::Answer(a) = respond(&query("0123456789ab.dns.podman", 28), &entries()) else {
            panic!("AAAA of a known name not answered");
        };
        assert_eq!(u16::from_be_bytes([a[6], a[7]]), 0, "no AAAA record");
        assert!(matches!(
            respond(&query("example.com", TYPE_A), &entries()),
            Reply::Forward
        ));
        // An unknown name in the network's own domain is no name: answered, not forwarded.
        let Reply::Answer(a) = respond(&query("nobody.dns.podman", TYPE_A), &entries()) else {
            panic!("an unknown dns.podman name was forwarded");
        };
        assert_eq!(a[3] & 0x0f, 3, "NXDOMAIN");
    }

    #[test]
    fn forwarded_answers_get_the_client_id_back() {
        let up = UdpSocket::bind("127.0.0.1:0").unwrap();
        let server = UdpSocket::bind("127.0.0.1:0").unwrap();
        let server_addr = server.local_addr().unwrap();
        let mut f = Forwarder::new(up, vec![server_addr]);
        let client: SocketAddr = "10.89.0.5:4000".parse().unwrap();
        assert!(f
            .forward(0, client, &query("example.com", TYPE_A))
            .is_none());
        let mut buf = [0u8; 512];
        let (n, from) = server.recv_from(&mut buf).unwrap();
        let mut answer = buf[..n].to_vec();
        answer[2] |= 0x80;
        assert!(f
            .relay("127.0.0.9:53".parse().unwrap(), &mut answer)
            .is_none());
        let _ = from;
        assert_eq!(f.relay(server_addr, &mut answer), Some((0, client)));
        assert_eq!(&answer[0..2], &[0x12, 0x34]);
        assert!(f.relay(server_addr, &mut answer).is_none(), "relayed once");
        let mut none = Forwarder::new(UdpSocket::bind("127.0.0.1:0").unwrap(), vec![]);
        let fail = none.forward(0, client, &query("x", TYPE_A)).unwrap();
        assert_eq!(fail[3] & 0x0f, RCODE_SERVFAIL);
    }

    #[test]
    fn upstream_servers_come_from_the_environment_or_resolv_conf() {
        let conf = "search lan\nnameserver 127.0.0.53\nnameserver ::1\nnameserver 10.0.0.1\n";
        assert_eq!(
            upstream_servers(None, conf),
            vec![
                "127.0.0.53:53".parse().unwrap(),
                "10.0.0.1:53".parse().unwrap()
            ]
        );
        assert_eq!(
            upstream_servers(Some("127.0.0.1:5353,10.1.1.1"), conf),
            vec![
                "127.0.0.1:5353".parse().unwrap(),
                "10.1.1.1:53".parse().unwrap()
            ]
        );
    }
}
