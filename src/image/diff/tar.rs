//! Writing a layer tar: ustar headers, with PAX records for what ustar cannot hold (xattrs as
//! `SCHILY.xattr.*`, long names and link targets, sizes of 8 GiB and more, large ids).
//!
//! The bytes depend only on the entries given: no user or group names, no times besides each
//! entry's mtime, PAX headers with a fixed mode and time, so one tree always gives one diff ID.
use std::io::{self, Read, Write};

const BLOCK: usize = 512;
/// The largest size and id the ustar octal fields hold (11 and 7 digits).
const MAX_OCTAL_SIZE: u64 = 0o77777777777;
const MAX_OCTAL_ID: u64 = 0o7777777;

/// What a tar entry says about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The name inside the layer, without a leading `/`; folders end in `/`.
    pub(super) path: Vec<u8>,
    pub(super) kind: tar::EntryType,
    /// Permission bits with setuid, setgid and sticky.
    pub(super) mode: u32,
    pub(super) uid: u64,
    pub(super) gid: u64,
    /// Seconds since the epoch.
    pub(super) mtime: u64,
    /// Bytes of data that follow (regular files only).
    pub(super) size: u64,
    /// A symlink's target or a hardlink's first name.
    pub(super) link: Option<Vec<u8>>,
    /// Major and minor of a device node.
    pub(super) device: Option<(u32, u32)>,
    /// Extended attributes, by name.
    pub(super) xattrs: Vec<(String, Vec<u8>)>,
}

impl Entry {
    /// An entry of `kind` at `path` with no data, owned by 0:0, mode 0, time 0.
    pub(super) fn new(path: Vec<u8>, kind: tar::EntryType) -> Entry {
        Entry {
            path,
            kind,
            mode: 0,
            uid: 0,
            gid: 0,
            mtime: 0,
            size: 0,
            link: None,
            device: None,
            xattrs: Vec::new(),
        }
    }
}

/// A tar stream being written.
pub(super) struct TarWriter<W> {
    out: W,
    written: u64,
}

impl<W: Write> TarWriter<W> {
    pub(super) fn new(out: W) -> Self {
        TarWriter { out, written: 0 }
    }

    /// Writes one entry; `data` must yield `entry.size` bytes (fewer are padded with zeros,
    /// more are not read: a file that changes while it is read still gives a valid tar).
    pub(super) fn entry(&mut self, entry: &Entry, data: Option<&mut dyn Read>) -> io::Result<()> {
        let mut header = tar::Header::new_ustar();
        let mut pax: Vec<(String, Vec<u8>)> = Vec::new();
        if !set_name(&mut header, &entry.path) {
            pax.push(("path".into(), entry.path.clone()));
        }
        if let Some(link) = &entry.link {
            let field = &mut header.as_old_mut().linkname;
            if link.len() <= field.len() && !link.contains(&0) {
                field[..link.len()].copy_from_slice(link);
            } else {
                pax.push(("linkpath".into(), link.clone()));
            }
        }
        if entry.size > MAX_OCTAL_SIZE {
            pax.push(("size".into(), entry.size.to_string().into_bytes()));
        }
        if entry.uid > MAX_OCTAL_ID {
            pax.push(("uid".into(), entry.uid.to_string().into_bytes()));
        }
        if entry.gid > MAX_OCTAL_ID {
            pax.push(("gid".into(), entry.gid.to_string().into_bytes()));
        }
        for (name, value) in &entry.xattrs {
            pax.push((format!("SCHILY.xattr.{name}"), value.clone()));
        }
        if !pax.is_empty() {
            self.pax(&entry.path, &pax)?;
        }
        header.set_entry_type(entry.kind);
        header.set_mode(entry.mode & 0o7777);
        header.set_uid(entry.uid);
        header.set_gid(entry.gid);
        header.set_mtime(entry.mtime);
        header.set_size(entry.size);
        if let Some((major, minor)) = entry.device {
            header.set_device_major(major)?;
            header.set_device_minor(minor)?;
        }
        header.set_cksum();
        self.write(header.as_bytes())?;
        if entry.size > 0 {
            let mut data = data
                .ok_or_else(|| io::Error::other("an entry with a size needs its data"))?
                .take(entry.size)
                .chain(io::repeat(0))
                .take(entry.size);
            let mut buf = vec![0u8; 1 << 16];
            loop {
                let n = match data.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                self.write(&buf[..n])?;
            }
            self.pad()?;
        }
        Ok(())
    }

    /// The PAX header entry that describes the next entry.
    fn pax(&mut self, path: &[u8], records: &[(String, Vec<u8>)]) -> io::Result<()> {
        let mut data = Vec::new();
        for (key, value) in records {
            data.extend_from_slice(&pax_record(key, value));
        }
        let base = path
            .split(|b| *b == b'/')
            .rfind(|c| !c.is_empty())
            .unwrap_or(b"");
        let mut name = b"PaxHeaders.0/".to_vec();
        name.extend(base.iter().take(100 - name.len()));
        let mut header = tar::Header::new_ustar();
        set_name(&mut header, &name);
        header.set_entry_type(tar::EntryType::XHeader);
        header.set_mode(0o644);
        header.set_size(data.len() as u64);
        header.set_mtime(0);
        header.set_cksum();
        self.write(header.as_bytes())?;
        self.write(&data)?;
        self.pad()
    }

    /// Ends the archive with two zero blocks; returns the writer.
    pub(super) fn finish(mut self) -> io::Result<W> {
        self.write(&[0u8; 2 * BLOCK])?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn write(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)?;
        self.written += buf.len() as u64;
        Ok(())
    }

    fn pad(&mut self) -> io::Result<()> {
        let rem = (self.written % BLOCK as u64) as usize;
        if rem != 0 {
            self.write(&[0u8; BLOCK][..BLOCK - rem])?;
        }
        Ok(())
    }
}

/// Puts `path` into the ustar name (and prefix) fields; `false` when it does not fit, and the
/// name field then holds a cut copy (a PAX `path` record must say the real one).
fn set_name(header: &mut tar::Header, path: &[u8]) -> bool {
    let ustar = header.as_ustar_mut().expect("a ustar header");
    let fits = !path.contains(&0);
    if fits && path.len() <= ustar.name.len() {
        ustar.name[..path.len()].copy_from_slice(path);
        return true;
    }
    // Split at a `/` so that the prefix fits its 155 bytes and the rest the name's 100; the
    // trailing `/` of a folder stays with the name.
    let body = path.strip_suffix(b"/").unwrap_or(path);
    if fits {
        let split = (0..body.len()).rev().find(|&i| {
            body[i] == b'/' && i <= ustar.prefix.len() && path.len() - i - 1 <= ustar.name.len()
        });
        if let Some(i) = split.filter(|&i| i > 0 && i + 1 < body.len()) {
            ustar.prefix[..i].copy_from_slice(&path[..i]);
            let rest = &path[i + 1..];
            ustar.name[..rest.len()].copy_from_slice(rest);
            return true;
        }
    }
    let cut: Vec<u8> = path
        .iter()
        .copied()
        .filter(|b| *b != 0)
        .take(ustar.name.len())
        .collect();
    ustar.name[..cut.len()].copy_from_slice(&cut);
    false
}

/// One PAX record: `<length> <key>=<value>\n`, the length counting itself.
pub(super) fn pax_record(key: &str, value: &[u8]) -> Vec<u8> {
    let rest = key.len() + value.len() + 3; // space, '=', newline
    let mut len = rest + 1;
    while len != rest + len.to_string().len() {
        len = rest + len.to_string().len();
    }
    let mut out = format!("{len} {key}=").into_bytes();
    out.extend_from_slice(value);
    out.push(b'\n');
    out
}
