//! The few rtnetlink requests rcon's networks need, written by hand (a socket, a message, an
//! acknowledgement): a bridge, a veth pair with one end moved into another namespace,
//! addresses, links up, a link removed. Every request acts on the network namespace the
//! socket was opened in; names are looked up in the caller's current one.
use std::io;
use std::net::Ipv4Addr;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

const NLMSG_ERROR: u16 = 2;
const RTM_NEWLINK: u16 = 16;
const RTM_DELLINK: u16 = 17;
const RTM_NEWADDR: u16 = 20;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_ACK: u16 = 4;
const NLM_F_EXCL: u16 = 0x200;
const NLM_F_CREATE: u16 = 0x400;
const IFLA_ADDRESS: u16 = 1;
const IFLA_IFNAME: u16 = 3;
const IFLA_MTU: u16 = 4;
const IFLA_MASTER: u16 = 10;
const IFLA_LINKINFO: u16 = 18;
const IFLA_NET_NS_FD: u16 = 28;
const IFLA_INFO_KIND: u16 = 1;
const IFLA_INFO_DATA: u16 = 2;
const VETH_INFO_PEER: u16 = 1;
const IFA_ADDRESS: u16 = 1;
const IFA_LOCAL: u16 = 2;
const IFA_BROADCAST: u16 = 4;
const NLA_F_NESTED: u16 = 0x8000;
const IFF_UP: u32 = 1;

/// A route-netlink socket in the namespace it was opened in.
pub(crate) struct Rtnl {
    fd: OwnedFd,
    seq: u32,
}

/// One request being built: header, fixed part, attributes (nests patched on close).
struct Msg {
    buf: Vec<u8>,
    nests: Vec<usize>,
}

impl Msg {
    fn new(typ: u16, flags: u16) -> Msg {
        let mut buf = Vec::with_capacity(256);
        buf.extend_from_slice(&0u32.to_ne_bytes());
        buf.extend_from_slice(&typ.to_ne_bytes());
        buf.extend_from_slice(&(flags | NLM_F_REQUEST | NLM_F_ACK).to_ne_bytes());
        buf.extend_from_slice(&[0; 8]); // seq, pid: filled in by send
        Msg {
            buf,
            nests: Vec::new(),
        }
    }

    /// struct ifinfomsg.
    fn ifinfo(&mut self, index: i32, flags: u32, change: u32) -> &mut Msg {
        self.buf.extend_from_slice(&[0, 0, 0, 0]); // family AF_UNSPEC, pad, type
        self.buf.extend_from_slice(&index.to_ne_bytes());
        self.buf.extend_from_slice(&flags.to_ne_bytes());
        self.buf.extend_from_slice(&change.to_ne_bytes());
        self
    }

    fn pad(&mut self) {
        while self.buf.len() % 4 != 0 {
            self.buf.push(0);
        }
    }

    fn attr(&mut self, typ: u16, data: &[u8]) -> &mut Msg {
        self.buf
            .extend_from_slice(&((4 + data.len()) as u16).to_ne_bytes());
        self.buf.extend_from_slice(&typ.to_ne_bytes());
        self.buf.extend_from_slice(data);
        self.pad();
        self
    }

    fn str_attr(&mut self, typ: u16, s: &str) -> &mut Msg {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        self.attr(typ, &v)
    }

    fn u32_attr(&mut self, typ: u16, v: u32) -> &mut Msg {
        self.attr(typ, &v.to_ne_bytes())
    }

    fn begin(&mut self, typ: u16) -> &mut Msg {
        self.nests.push(self.buf.len());
        self.attr(typ | NLA_F_NESTED, &[])
    }

    fn end(&mut self) -> &mut Msg {
        if let Some(at) = self.nests.pop() {
            let len = (self.buf.len() - at) as u16;
            self.buf[at..at + 2].copy_from_slice(&len.to_ne_bytes());
        }
        self
    }
}

fn err(what: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

impl Rtnl {
    /// Opens a socket in the caller's current network namespace.
    pub(crate) fn open() -> io::Result<Rtnl> {
        use nix::sys::socket::{socket, AddressFamily, SockFlag, SockProtocol, SockType};
        let fd = socket(
            AddressFamily::Netlink,
            SockType::Raw,
            SockFlag::SOCK_CLOEXEC,
            SockProtocol::NetlinkRoute,
        )
        .map_err(|e| err("cannot open a netlink socket", e.into()))?;
        Ok(Rtnl { fd, seq: 1 })
    }

    /// Sends `msg` and waits for its acknowledgement.
    fn send(&mut self, mut msg: Msg, what: &str) -> io::Result<()> {
        use nix::sys::socket::{recv, sendto, MsgFlags, NetlinkAddr};
        self.seq += 1;
        let len = msg.buf.len() as u32;
        msg.buf[0..4].copy_from_slice(&len.to_ne_bytes());
        msg.buf[8..12].copy_from_slice(&self.seq.to_ne_bytes());
        // The kernel: port 0, no groups.
        let kernel = NetlinkAddr::new(0, 0);
        sendto(self.fd.as_raw_fd(), &msg.buf, &kernel, MsgFlags::empty())
            .map_err(|e| err(what, e.into()))?;
        let mut reply = [0u8; 4096];
        loop {
            let n = match recv(self.fd.as_raw_fd(), &mut reply, MsgFlags::empty()) {
                Ok(n) => n,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(err(what, e.into())),
            };
            if n < 20 {
                return Err(err(what, io::Error::other("short netlink reply")));
            }
            let typ = u16::from_ne_bytes([reply[4], reply[5]]);
            let seq = u32::from_ne_bytes([reply[8], reply[9], reply[10], reply[11]]);
            if typ != NLMSG_ERROR || seq != self.seq {
                continue;
            }
            let code = i32::from_ne_bytes([reply[16], reply[17], reply[18], reply[19]]);
            return match code {
                0 => Ok(()),
                c => Err(err(what, io::Error::from_raw_os_error(-c))),
            };
        }
    }

    /// A bridge named `name`, up; an existing one is fine.
    pub(crate) fn add_bridge(&mut self, name: &str) -> io::Result<()> {
        let mut m = Msg::new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
        m.ifinfo(0, IFF_UP, IFF_UP)
            .str_attr(IFLA_IFNAME, name)
            .begin(IFLA_LINKINFO)
            .str_attr(IFLA_INFO_KIND, "bridge")
            .end();
        match self.send(m, &format!("cannot create bridge {name}")) {
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => self.set_up(index(name)?),
            other => other,
        }
    }

    /// A veth pair: `name` here, up, on bridge `master`; `peer` in the namespace `peer_ns`
    /// with MAC `mac` and MTU `mtu` (left down: the caller configures it there).
    pub(crate) fn add_veth(
        &mut self,
        name: &str,
        master: u32,
        peer: &str,
        peer_ns: BorrowedFd<'_>,
        mac: [u8; 6],
        mtu: u32,
    ) -> io::Result<()> {
        let mut m = Msg::new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
        m.ifinfo(0, IFF_UP, IFF_UP)
            .str_attr(IFLA_IFNAME, name)
            .u32_attr(IFLA_MASTER, master)
            .u32_attr(IFLA_MTU, mtu)
            .begin(IFLA_LINKINFO)
            .str_attr(IFLA_INFO_KIND, "veth")
            .begin(IFLA_INFO_DATA)
            .begin(VETH_INFO_PEER)
            .ifinfo(0, 0, 0)
            .str_attr(IFLA_IFNAME, peer)
            .u32_attr(IFLA_NET_NS_FD, peer_ns.as_raw_fd() as u32)
            .attr(IFLA_ADDRESS, &mac)
            .u32_attr(IFLA_MTU, mtu)
            .end()
            .end()
            .end();
        self.send(m, &format!("cannot create veth pair {name}/{peer}"))
    }

    /// Address `ip/prefix` on link `index`; an existing one is fine.
    pub(crate) fn add_addr(&mut self, index: u32, ip: Ipv4Addr, prefix: u8) -> io::Result<()> {
        let mut m = Msg::new(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
        m.buf
            .extend_from_slice(&[libc::AF_INET as u8, prefix, 0, 0]);
        m.buf.extend_from_slice(&index.to_ne_bytes());
        let bits = if prefix >= 32 { 0 } else { u32::MAX >> prefix };
        let broadcast = Ipv4Addr::from(u32::from(ip) | bits);
        m.attr(IFA_LOCAL, &ip.octets())
            .attr(IFA_ADDRESS, &ip.octets())
            .attr(IFA_BROADCAST, &broadcast.octets());
        match self.send(m, &format!("cannot add address {ip}/{prefix}")) {
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => Ok(()),
            other => other,
        }
    }

    /// Link `index` up.
    pub(crate) fn set_up(&mut self, index: u32) -> io::Result<()> {
        let mut m = Msg::new(RTM_NEWLINK, 0);
        m.ifinfo(index as i32, IFF_UP, IFF_UP);
        self.send(m, &format!("cannot set link {index} up"))
    }

    /// Removes link `index` (a veth takes its peer with it).
    pub(crate) fn del_link(&mut self, index: u32) -> io::Result<()> {
        let mut m = Msg::new(RTM_DELLINK, 0);
        m.ifinfo(index as i32, 0, 0);
        self.send(m, &format!("cannot remove link {index}"))
    }
}

/// The index of link `name` in the caller's current network namespace.
pub(crate) fn index(name: &str) -> io::Result<u32> {
    let c = std::ffi::CString::new(name).map_err(io::Error::other)?;
    crate::sys::ifname::index(&c).map_err(|e| err(&format!("no network interface {name}"), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_attributes_carry_their_lengths() {
        let mut m = Msg::new(RTM_NEWLINK, NLM_F_CREATE);
        m.ifinfo(0, IFF_UP, IFF_UP)
            .str_attr(IFLA_IFNAME, "rcon1")
            .begin(IFLA_LINKINFO)
            .str_attr(IFLA_INFO_KIND, "bridge")
            .end();
        // header 16 + ifinfomsg 16 + name (4 + 6 → 12) + linkinfo (4 + kind 4 + 7 → 12) = 60
        assert_eq!(m.buf.len(), 60);
        let linkinfo = &m.buf[44..48];
        assert_eq!(u16::from_ne_bytes([linkinfo[0], linkinfo[1]]), 16);
        assert_eq!(
            u16::from_ne_bytes([linkinfo[2], linkinfo[3]]),
            IFLA_LINKINFO | NLA_F_NESTED
        );
    }
}
