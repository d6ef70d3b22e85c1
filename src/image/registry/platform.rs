//! Platforms (`os/arch[/variant]`): the host's, parsing `--platform`, and picking the best
//! entry of an image index, with the variant defaults the OCI ecosystem uses.
use super::manifest::IndexEntry;
use super::RegistryError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An image platform as it appears in an index entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Platform {
    #[serde(default)]
    pub(crate) os: String,
    #[serde(default)]
    pub(crate) architecture: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<String>,
}

impl Platform {
    /// The platform this binary runs on.
    pub(crate) fn host() -> Platform {
        let (arch, variant) = match std::env::consts::ARCH {
            "x86_64" => ("amd64", None),
            "x86" => ("386", None),
            "aarch64" => ("arm64", Some("v8")),
            "arm" => ("arm", Some("v7")),
            "powerpc64" if cfg!(target_endian = "little") => ("ppc64le", None),
            "mips64" if cfg!(target_endian = "little") => ("mips64le", None),
            "loongarch64" => ("loong64", None),
            other => (other, None),
        };
        Platform {
            os: std::env::consts::OS.to_string(),
            architecture: arch.to_string(),
            variant: variant.map(str::to_string),
        }
    }

    /// Parses `os/arch[/variant]`, accepting the common architecture aliases
    /// (`x86_64`, `aarch64`, `armhf`, `armel`).
    pub(crate) fn parse(s: &str) -> Result<Platform, RegistryError> {
        let bad = |reason: &str| RegistryError::InvalidPlatform {
            spec: s.to_string(),
            reason: reason.to_string(),
        };
        let lower = s.trim().to_ascii_lowercase();
        let parts: Vec<&str> = lower.split('/').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(bad("empty component"));
        }
        let (os, arch, variant) = match parts.as_slice() {
            [os, arch] => (*os, *arch, None),
            [os, arch, variant] => (*os, *arch, Some(*variant)),
            _ => return Err(bad("expected two or three components")),
        };
        let (arch, alias_variant) = match arch {
            "x86_64" | "x86-64" => ("amd64", None),
            "aarch64" => ("arm64", None),
            "armhf" => ("arm", Some("v7")),
            "armel" => ("arm", Some("v6")),
            "i386" | "i686" => ("386", None),
            other => (other, None),
        };
        let variant = variant.or(alias_variant).map(str::to_string);
        Ok(Platform {
            os: os.to_string(),
            architecture: arch.to_string(),
            variant,
        })
    }

    /// The variant with the ecosystem's defaults applied: none for amd64, `v8` for arm64,
    /// `v7` for arm; a bare number gets its `v`.
    fn normalized_variant(&self) -> Option<String> {
        let given = self.variant.as_deref().filter(|v| !v.is_empty()).map(|v| {
            if v.bytes().all(|b| b.is_ascii_digit()) {
                format!("v{v}")
            } else {
                v.to_string()
            }
        });
        match self.architecture.as_str() {
            "amd64" => None,
            "arm64" => Some(given.unwrap_or_else(|| "v8".to_string())),
            "arm" => Some(given.unwrap_or_else(|| "v7".to_string())),
            _ => given,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// Picks the index entry for `want`: same OS and architecture, the exact (normalised) variant
/// first; for 32-bit arm, older variants the wanted one can run (v7 runs v6 and v5).
/// Entries without a platform are never chosen.
pub(crate) fn select<'a>(entries: &'a [IndexEntry], want: &Platform) -> Option<&'a IndexEntry> {
    let want_variant = want.normalized_variant();
    let candidates = || {
        entries.iter().filter_map(|e| {
            let p = e.platform.as_ref()?;
            (p.os == want.os && p.architecture == want.architecture)
                .then(|| (e, p.normalized_variant()))
        })
    };
    if let Some((e, _)) = candidates().find(|(_, v)| *v == want_variant) {
        return Some(e);
    }
    if want.architecture == "arm" {
        let rank =
            |v: &Option<String>| -> Option<u32> { v.as_deref()?.strip_prefix('v')?.parse().ok() };
        let wanted = rank(&want_variant)?;
        return candidates()
            .filter_map(|(e, v)| rank(&v).filter(|r| *r <= wanted).map(|r| (e, r)))
            .max_by_key(|(_, r)| *r)
            .map(|(e, _)| e);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::registry::manifest::Descriptor;
    use crate::util::digest::Digest;

    fn entry(n: u8, platform: Option<&str>) -> IndexEntry {
        IndexEntry {
            descriptor: Descriptor {
                media_type: "application/vnd.oci.image.manifest.v1+json".into(),
                digest: Digest::of(&[n]),
                size: 1,
                urls: Vec::new(),
                annotations: None,
            },
            platform: platform.map(|p| {
                let mut parts = p.split('/');
                Platform {
                    os: parts.next().unwrap().into(),
                    architecture: parts.next().unwrap().into(),
                    variant: parts.next().map(str::to_string),
                }
            }),
        }
    }

    #[test]
    fn parses_platforms_and_aliases() {
        let p = Platform::parse("linux/arm64/v8").unwrap();
        assert_eq!(
            (p.os.as_str(), p.architecture.as_str(), p.variant.as_deref()),
            ("linux", "arm64", Some("v8"))
        );
        let p = Platform::parse("linux/x86_64").unwrap();
        assert_eq!(p.architecture, "amd64");
        assert_eq!(p.variant, None);
        assert_eq!(
            Platform::parse("Linux/armhf").unwrap().to_string(),
            "linux/arm/v7"
        );
        assert!(Platform::parse("linux").is_err());
        assert!(Platform::parse("linux//v7").is_err());
        assert!(Platform::parse("linux/arm/v7/x").is_err());
    }

    #[test]
    fn host_platform_is_linux_with_a_known_arch() {
        let h = Platform::host();
        assert_eq!(h.os, "linux");
        assert!(!h.architecture.is_empty());
        assert_ne!(h.architecture, "x86_64");
    }

    #[test]
    fn selects_by_os_and_arch_ignoring_amd64_variant() {
        let entries = [
            entry(1, Some("linux/arm64/v8")),
            entry(2, Some("linux/amd64")),
            entry(3, None),
        ];
        let want = Platform::parse("linux/amd64").unwrap();
        assert_eq!(
            select(&entries, &want).unwrap().descriptor.digest,
            Digest::of(&[2])
        );
        let want = Platform::parse("windows/amd64").unwrap();
        assert!(select(&entries, &want).is_none());
    }

    #[test]
    fn arm64_defaults_to_v8_on_both_sides() {
        let entries = [entry(1, Some("linux/arm64")), entry(2, Some("linux/amd64"))];
        let want = Platform::parse("linux/arm64/v8").unwrap();
        assert_eq!(
            select(&entries, &want).unwrap().descriptor.digest,
            Digest::of(&[1])
        );
        let entries = [entry(1, Some("linux/arm64/v8"))];
        let want = Platform::parse("linux/arm64").unwrap();
        assert!(select(&entries, &want).is_some());
    }

    #[test]
    fn arm_prefers_the_exact_variant_then_the_newest_older_one() {
        let entries = [
            entry(5, Some("linux/arm/v5")),
            entry(6, Some("linux/arm/v6")),
            entry(7, Some("linux/arm/v7")),
        ];
        let want = Platform::parse("linux/arm").unwrap();
        assert_eq!(
            select(&entries, &want).unwrap().descriptor.digest,
            Digest::of(&[7])
        );
        let want = Platform::parse("linux/arm/v6").unwrap();
        assert_eq!(
            select(&entries, &want).unwrap().descriptor.digest,
            Digest::of(&[6])
        );
        let older = [
            entry(5, Some("linux/arm/v5")),
            entry(6, Some("linux/arm/v6")),
        ];
        let want = Platform::parse("linux/arm/v7").unwrap();
        assert_eq!(
            select(&older, &want).unwrap().descriptor.digest,
            Digest::of(&[6])
        );
        let want = Platform::parse("linux/arm/v5").unwrap();
        let newer = [entry(7, Some("linux/arm/v7"))];
        assert!(select(&newer, &want).is_none());
    }
}
