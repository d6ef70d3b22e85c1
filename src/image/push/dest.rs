//! Where a push goes: `[docker://]registry/repository[:tag|@digest]`, or one of the archive
//! transports (`oci-archive:`, `docker-archive:`, `oci:`, `dir:`), all parsed here in one
//! place so the archive writers plug in beside the registry.
use crate::image::reference::ReferenceError;
use crate::image::Reference;

/// The archive transports `rcon push` knows by name.
pub(crate) const ARCHIVE_TRANSPORTS: &[&str] = &["oci-archive", "docker-archive", "oci", "dir"];
/// Transports of the containers ecosystem rcon does not write to at all.
const OTHER_TRANSPORTS: &[&str] = &["containers-storage", "docker-daemon", "ostree", "sif"];

/// A parsed push destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// A registry: the reference, tag `latest` when none was given.
    Registry(Reference),
    /// An archive transport and what follows its colon (a path, maybe `:reference`).
    Archive { transport: String, path: String },
}

/// Why a destination cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DestinationError {
    #[error("invalid destination {input:?}: {source}")]
    Reference {
        input: String,
        source: ReferenceError,
    },
    #[error("destination {input:?}: transport {transport} is not supported; push to a registry (docker://) or use rcon save")]
    Transport { input: String, transport: String },
    #[error("destination {input:?}: {transport}: needs a path after the colon")]
    EmptyPath { input: String, transport: String },
}

/// Parses `input` as Podman does: a known `transport:` prefix picks the transport (`docker`
/// only as `docker://`), anything else is a registry reference.
pub(crate) fn parse_destination(input: &str) -> Result<Destination, DestinationError> {
    if let Some(rest) = input.strip_prefix("docker://") {
        return registry(input, rest);
    }
    if let Some((transport, rest)) = input.split_once(':') {
        if ARCHIVE_TRANSPORTS.contains(&transport) {
            if rest.is_empty() {
                return Err(DestinationError::EmptyPath {
                    input: input.into(),
                    transport: transport.into(),
                });
            }
            return Ok(Destination::Archive {
                transport: transport.into(),
                path: rest.into(),
            });
        }
        if OTHER_TRANSPORTS.contains(&transport) || transport == "docker" {
            return Err(DestinationError::Transport {
                input: input.into(),
                transport: transport.into(),
            });
        }
    }
    registry(input, input)
}

fn registry(input: &str, reference: &str) -> Result<Destination, DestinationError> {
    Reference::parse(reference)
        .map(Destination::Registry)
        .map_err(|source| DestinationError::Reference {
            input: input.into(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(s: &str) -> String {
        match parse_destination(s).unwrap() {
            Destination::Registry(r) => r.to_string(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn registry_destinations_with_or_without_the_docker_prefix() {
        assert_eq!(reg("127.0.0.1:5000/a/b"), "127.0.0.1:5000/a/b:latest");
        assert_eq!(reg("docker://127.0.0.1:5000/a:v1"), "127.0.0.1:5000/a:v1");
        assert_eq!(reg("localhost/x"), "localhost/x:latest");
        assert_eq!(reg("busybox"), "docker.io/library/busybox:latest");
    }

    #[test]
    fn archive_transports_are_recognised_and_others_refused() {
        assert_eq!(
            parse_destination("oci-archive:/tmp/x.tar:img").unwrap(),
            Destination::Archive {
                transport: "oci-archive".into(),
                path: "/tmp/x.tar:img".into()
            }
        );
        for t in ARCHIVE_TRANSPORTS {
            assert!(matches!(
                parse_destination(&format!("{t}:/p")).unwrap(),
                Destination::Archive { .. }
            ));
        }
        assert!(parse_destination("dir:").is_err());
        let e = parse_destination("containers-storage:x").unwrap_err();
        assert!(e.to_string().contains("containers-storage"), "{e}");
        assert!(parse_destination("docker:x").is_err());
        assert!(parse_destination("docker://").is_err());
        assert!(parse_destination("UPPER/case").is_err());
    }
}
