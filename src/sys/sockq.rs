//! How much a socket has sent that its peer has not read yet (SIOCOUTQ). For a Unix datagram
//! socket that is every datagram still queued at the receiver: zero means the receiver has
//! read all of them.
use std::io;
use std::os::fd::RawFd;

mod ioctl {
    nix::ioctl_read_bad!(siocoutq, libc::TIOCOUTQ, libc::c_int);
}

/// Bytes sent on `fd` and not yet taken by the receiver.
pub(crate) fn unread(fd: RawFd) -> io::Result<usize> {
    let mut n: libc::c_int = 0;
    // SAFETY: SIOCOUTQ (the same number as TIOCOUTQ) writes exactly one int, which `n` is.
    unsafe { ioctl::siocoutq(fd, &mut n) }?;
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;
    use std::os::unix::net::UnixDatagram;

    #[test]
    fn datagrams_count_until_the_receiver_reads_them() {
        let (a, b) = UnixDatagram::pair().unwrap();
        assert_eq!(unread(a.as_raw_fd()).unwrap(), 0);
        a.send(b"hello").unwrap();
        assert!(unread(a.as_raw_fd()).unwrap() > 0);
        let mut buf = [0u8; 8];
        b.recv(&mut buf).unwrap();
        assert_eq!(unread(a.as_raw_fd()).unwrap(), 0);
    }
}
