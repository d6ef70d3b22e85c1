//! This process's argument area (`arg_start..arg_end` of /proc/self/stat), the memory behind
//! /proc/self/cmdline, overwritten to change the command line others see.
use std::io;

/// `arg_start` and `arg_end` (fields 48 and 49) of /proc/PID/stat text.
pub(crate) fn parse_area(stat: &str) -> Option<(usize, usize)> {
    // The command name (field 2) may hold spaces and parentheses: count after its last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(45);
    let start: usize = fields.next()?.parse().ok()?;
    let end: usize = fields.next()?.parse().ok()?;
    (start != 0 && end > start).then_some((start, end))
}

/// This process's argument area, as the kernel reports it.
pub(crate) fn area() -> io::Result<(usize, usize)> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    parse_area(&stat)
        .ok_or_else(|| io::Error::other("cannot read the argument area from /proc/self/stat"))
}

/// Overwrites the argument area, which must start at `start` (as read before a fork-like
/// clone, whose copy has the same addresses), with `bytes`, no longer than the area.
pub(crate) fn overwrite(start: usize, bytes: &[u8]) -> io::Result<()> {
    let (real_start, end) = area()?;
    if real_start != start || bytes.len() > end - start {
        return Err(io::Error::other("the argument area is not where it was"));
    }
    // SAFETY: checked above: `start..start + len` lies in this process's argument area, the
    // argument strings on the initial stack, writable and at least `len` bytes long. Nothing in
    // the process reads them (std keeps its own copy of the arguments), and the area does not
    // overlap `bytes`, which lives on the heap.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), start as *mut u8, bytes.len()) };
    Ok(())
}
