//! Memory of the calling process: giving back the pages of clean, read-only file mappings.

/// Drops the pages of read-only file mappings (the program's code, the C library's) from the
/// resident set; pages needed later come back from the page cache on first use. Mappings
/// with private modified pages (relocated RELRO data shows as read-only) are left alone: only
/// a mapping whose `Anonymous:` is 0 is clean file content, safe to drop and read again.
pub(crate) fn trim_clean_file_pages() {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let first = fields.next().unwrap_or_default();
        if let Some((start, end)) = first.split_once('-') {
            let perms = fields.next().unwrap_or_default();
            let path = fields.nth(3).unwrap_or_default();
            let range = (
                usize::from_str_radix(start, 16),
                usize::from_str_radix(end, 16),
            );
            current = match range {
                (Ok(s), Ok(e))
                    if perms.as_bytes().get(1) == Some(&b'-') && path.starts_with('/') && e > s =>
                {
                    Some((s, e - s))
                }
                _ => None,
            };
        } else if first == "Anonymous:" {
            if let (Some((start, len)), Some("0")) = (current.take(), fields.next()) {
                // SAFETY: the range is a whole read-only, file-backed mapping of this process
                // without private modified pages (checked above): dropping its pages loses
                // nothing, the next access reads them from the file again.
                unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_DONTNEED) };
            }
        }
    }
}

/// Gives the free memory at the top of the C library's heaps back to the kernel (what
/// start-up allocated and freed stays resident otherwise).
pub(crate) fn trim_heap() {
    // SAFETY: malloc_trim takes the allocator's own locks and releases only free memory; no
    // pointer of ours is involved.
    unsafe { libc::malloc_trim(0) };
}
