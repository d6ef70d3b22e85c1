//! `--chmod` of COPY and ADD: octal (`755`, `0644`, at most `7777`) or chmod(1)'s symbolic
//! form with no umask (`+x`, `u=rwX,go=rX`, `g=u`), as Docker reads it.

/// Why a `--chmod` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid --chmod {value:?}: give an octal mode up to 7777 (e.g. 755) or a symbolic one \
     (e.g. u=rwX,go=rX)"
)]
pub(crate) struct ModeError {
    pub(crate) value: String,
}

/// One parsed `--chmod`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ModeSpec {
    Octal(u32),
    Symbolic(Vec<Clause>),
}

/// One comma-separated part of a symbolic mode: whom it affects and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    /// The bits of `u`, `g` and `o` named (all of them when none is).
    who: u32,
    actions: Vec<(char, Perms)>,
}

/// What an action sets: permission letters, or a copy of one class's bits.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Perms {
    Letters(String),
    Copy(char),
}

const USER: u32 = 0o4700;
const GROUP: u32 = 0o2070;
const OTHER: u32 = 0o1007;

/// Parses `--chmod`.
pub(crate) fn parse_chmod(value: &str) -> Result<ModeSpec, ModeError> {
    let bad = || ModeError {
        value: value.to_string(),
    };
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return match u32::from_str_radix(value, 8) {
            Ok(m) if m <= 0o7777 => Ok(ModeSpec::Octal(m)),
            _ => Err(bad()),
        };
    }
    let mut clauses = Vec::new();
    for part in value.split(',') {
        let mut chars = part.chars().peekable();
        let mut who = 0;
        while let Some(&c) = chars.peek() {
            who |= match c {
                'u' => USER,
                'g' => GROUP,
                'o' => OTHER,
                'a' => USER | GROUP | OTHER,
                _ => break,
            };
            chars.next();
        }
        if who == 0 {
            who = USER | GROUP | OTHER;
        }
        let mut actions = Vec::new();
        while let Some(op) = chars.next() {
            if !matches!(op, '+' | '-' | '=') {
                return Err(bad());
            }
            let mut letters = String::new();
            let mut copy = None;
            while let Some(&c) = chars.peek() {
                match c {
                    'r' | 'w' | 'x' | 'X' | 's' | 't' if copy.is_none() => letters.push(c),
                    'u' | 'g' | 'o' if letters.is_empty() && copy.is_none() => copy = Some(c),
                    '+' | '-' | '=' => break,
                    _ => return Err(bad()),
                }
                chars.next();
            }
            actions.push((
                op,
                match copy {
                    Some(c) => Perms::Copy(c),
                    None => Perms::Letters(letters),
                },
            ));
        }
        if actions.is_empty() {
            return Err(bad());
        }
        clauses.push(Clause { who, actions });
    }
    Ok(ModeSpec::Symbolic(clauses))
}

impl ModeSpec {
    /// The mode (permission bits, `0o7777`) an entry gets, from its own `old` mode.
    pub(crate) fn apply(&self, old: u32, is_dir: bool) -> u32 {
        let clauses = match self {
            ModeSpec::Octal(m) => return *m,
            ModeSpec::Symbolic(c) => c,
        };
        let mut mode = old & 0o7777;
        for clause in clauses {
            for (op, perms) in &clause.actions {
                let bits = match perms {
                    Perms::Letters(letters) => {
                        letters.chars().fold(0, |acc, c| {
                            acc | match c {
                                'r' => 0o444,
                                'w' => 0o222,
                                'x' => 0o111,
                                'X' if is_dir || mode & 0o111 != 0 => 0o111,
                                's' => 0o6000,
                                't' => 0o1000,
                                _ => 0,
                            }
                        }) & clause.who
                    }
                    Perms::Copy(class) => {
                        let shift = match class {
                            'u' => 6,
                            'g' => 3,
                            _ => 0,
                        };
                        let three = (mode >> shift) & 7;
                        (three << 6 | three << 3 | three) & clause.who
                    }
                };
                match op {
                    '+' => mode |= bits,
                    '-' => mode &= !bits,
                    _ => {
                        // `=` clears the classes' permission bits (and set-id bits for u and g),
                        // keeping a directory's set-id bits as chmod(1) does.
                        let mut clear = clause.who & 0o777;
                        if !is_dir {
                            clear |= clause.who & 0o6000;
                        }
                        mode = (mode & !clear) | bits;
                    }
                }
            }
        }
        mode
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(spec: &str, old: u32, dir: bool) -> u32 {
        parse_chmod(spec).unwrap().apply(old, dir)
    }

    #[test]
    fn octal_modes_replace_the_old_one() {
        assert_eq!(apply("755", 0o600, false), 0o755);
        assert_eq!(apply("0644", 0o777, true), 0o644);
        assert_eq!(apply("4755", 0, false), 0o4755);
        for bad in ["", "8", "17777", "rwx", "u=q", "u", "+y", "u+r,"] {
            assert!(parse_chmod(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn symbolic_modes_follow_chmod() {
        assert_eq!(apply("+x", 0o644, false), 0o755);
        assert_eq!(apply("u=rwX,go=rX", 0o600, false), 0o644);
        assert_eq!(apply("u=rwX,go=rX", 0o700, false), 0o755);
        assert_eq!(apply("u=rwX,go=rX", 0o700, true), 0o755);
        assert_eq!(apply("u=rwX,go=rX", 0o600, true), 0o755);
        assert_eq!(apply("g=u", 0o640, false), 0o660);
        assert_eq!(apply("go-w", 0o666, false), 0o644);
        assert_eq!(apply("a=r", 0o777, false), 0o444);
        assert_eq!(apply("u+s", 0o755, false), 0o4755);
        assert_eq!(apply("o+t", 0o777, true), 0o1777);
        assert_eq!(apply("u=rw,g=r,o=", 0o777, false), 0o640);
        assert_eq!(apply("u+x-w", 0o644, false), 0o544);
    }
}
