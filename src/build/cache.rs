//! The build cache's keys: a step is reused when its parent image, its instruction, the
//! variables it sees and the content of every file it reads are the same. Content, never
//! times: a touched file keeps the cache, one changed byte does not.
use crate::util::digest::Digest;
use sha2::{Digest as _, Sha256};

/// What decides whether a step can be reused.
#[derive(Debug, Clone, Default)]
pub(crate) struct StepInputs<'a> {
    /// The parent image's ID, or `scratch`.
    pub(crate) parent: &'a str,
    /// The instruction with its words expanded, as the history records it.
    pub(crate) instruction: &'a str,
    /// The variables the step sees (build args in scope, the environment a RUN gets).
    pub(crate) vars: Vec<(String, String)>,
    /// The checksums of the content it reads: COPY/ADD sources, bind-mounted folders.
    pub(crate) content: Vec<Digest>,
    /// Anything else that changes the result (the image format, a fixed timestamp).
    pub(crate) extra: Vec<(&'static str, String)>,
}

impl StepInputs<'_> {
    /// The cache key: a sha256 over a length-prefixed encoding of every input, so no two
    /// different inputs can encode alike.
    pub(crate) fn key(&self) -> Digest {
        let mut h = Sha256::new();
        let mut put = |s: &[u8]| {
            h.update((s.len() as u64).to_be_bytes());
            h.update(s);
        };
        put(b"rcon-build-cache-v1");
        put(self.parent.as_bytes());
        put(self.instruction.as_bytes());
        let mut vars = self.vars.clone();
        vars.sort();
        put(&(vars.len() as u64).to_be_bytes());
        for (k, v) in &vars {
            put(k.as_bytes());
            put(v.as_bytes());
        }
        put(&(self.content.len() as u64).to_be_bytes());
        for c in &self.content {
            put(c.to_string().as_bytes());
        }
        put(&(self.extra.len() as u64).to_be_bytes());
        for (k, v) in &self.extra {
            put(k.as_bytes());
            put(v.as_bytes());
        }
        Digest::from_hex(&format!("{:x}", h.finalize())).expect("sha256 gives 64 hex digits")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> StepInputs<'static> {
        StepInputs {
            parent: "sha256:aa",
            instruction: "RUN make",
            vars: vec![("A".into(), "1".into()), ("B".into(), "2".into())],
            content: vec![],
            extra: vec![("format", "oci".into())],
        }
    }

    #[test]
    fn every_input_changes_the_key_and_variable_order_does_not() {
        let k = base().key();
        assert_eq!(k, base().key());
        let mut swapped = base();
        swapped.vars.reverse();
        assert_eq!(swapped.key(), k);
        let changes: Vec<StepInputs> = vec![
            StepInputs {
                parent: "sha256:ab",
                ..base()
            },
            StepInputs {
                instruction: "RUN make all",
                ..base()
            },
            StepInputs {
                vars: vec![("A".into(), "1".into())],
                ..base()
            },
            StepInputs {
                content: vec![Digest::from_hex(&"1".repeat(64)).unwrap()],
                ..base()
            },
            StepInputs {
                extra: vec![("format", "docker".into())],
                ..base()
            },
            // Moving text between fields is a different input.
            StepInputs {
                vars: vec![("A".into(), "12".into())],
                ..base()
            },
        ];
        for c in changes {
            assert_ne!(c.key(), k, "{c:?}");
        }
    }
}
