//! `images` (`image ls`): the store's images, newest first, filtered and formatted as Podman
//! does. It reads `images.json` and, of each image, only the two fields of its config blob
//! that the listing shows (creation time and labels), so five hundred images list quickly.
use super::format::{human_size, print_rows, write_aligned, write_stdout, Format};
use super::image::ImagesArgs;
use super::image_filter::ImageFilters;
use super::Context;
use crate::config::registries::RegistriesConf;
use crate::image::lookup;
use crate::image::store::index::{self, ImageRecord};
use crate::image::store::Store;
use crate::image::Reference;
use crate::util::time;
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::Write;

/// What `images` shows of an image's config blob.
#[derive(Debug, Default, PartialEq)]
struct ConfigHead {
    /// `created`, Unix seconds; 0 when missing or not a time.
    created: i64,
    /// `config.Labels`, null when missing.
    labels: Value,
}

impl ConfigHead {
    /// Parses a config blob. Only `created` and `config` are taken out of the top object (the
    /// rest, history and layer digests, is skipped unread), `created` borrowed from the text.
    /// A config that does not fit that shape (a number for `created`, an escape in it, a key
    /// twice) is read as a whole JSON value, and one that is not JSON has neither field.
    fn parse(bytes: &[u8]) -> ConfigHead {
        #[derive(Deserialize)]
        struct Head<'a> {
            #[serde(default)]
            created: Option<&'a str>,
            #[serde(default)]
            config: Option<Value>,
        }
        let secs = |t: Option<&str>| t.and_then(time::parse_rfc3339).unwrap_or(0);
        let labels = |config: Option<&Value>| {
            config
                .and_then(|c| c.get("Labels"))
                .cloned()
                .unwrap_or(Value::Null)
        };
        // Only an object takes the short way: serde would take an array for the struct too.
        let object = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        if let Some(h) = object
            .then(|| serde_json::from_slice::<Head>(bytes).ok())
            .flatten()
        {
            return ConfigHead {
                created: secs(h.created),
                labels: labels(h.config.as_ref()),
            };
        }
        let Ok(v) = serde_json::from_slice::<Value>(bytes) else {
            return ConfigHead::default();
        };
        ConfigHead {
            created: secs(v.get("created").and_then(Value::as_str)),
            labels: labels(v.get("config")),
        }
    }

    /// The head of `img`'s config blob (read and checked against its digest); the default
    /// when the blob is missing or damaged.
    fn of(store: Option<&Store>, img: &ImageRecord) -> ConfigHead {
        match store.map(|s| s.read_blob(&img.id)) {
            Some(Ok(bytes)) => ConfigHead::parse(&bytes),
            _ => ConfigHead::default(),
        }
    }
}

/// `(repository, tag)` pairs of an image's names; `<none>` when it has none.
pub(super) fn repo_tags(img: &ImageRecord) -> Vec<(String, String)> {
    if img.names.is_empty() {
        return vec![("<none>".into(), "<none>".into())];
    }
    img.names
        .iter()
        .map(|n| match Reference::parse(n) {
            Ok(r) => (r.name(), r.tag.unwrap_or_else(|| "<none>".into())),
            Err(_) => (n.clone(), "<none>".into()),
        })
        .collect()
}

pub(super) fn images(ctx: &Context, a: &ImagesArgs) -> anyhow::Result<i32> {
    let format = Format::parse(a.format.as_deref())?;
    let idx = index::read(&ctx.paths.storage())?;
    // Opened once for every config; a store that cannot be opened shows no configs.
    let store = Store::open(&ctx.paths).ok();
    let filters = if a.filter.is_empty() {
        ImageFilters::parse(&[], 0, |_| Ok(None))?
    } else {
        let conf = RegistriesConf::load(&ctx.paths)?;
        ImageFilters::parse(&a.filter, time::now_secs(), |name| {
            Ok(lookup::find(&idx, &conf, name)?.map(|i| ConfigHead::of(store.as_ref(), i).created))
        })?
    };
    let mut imgs: Vec<(&ImageRecord, ConfigHead)> = idx
        .images
        .iter()
        // A build step's image without a name is an intermediate one: listed with -a.
        .filter(|img| a.all || !img.dangling() || !img.intermediate)
        .map(|img| (img, ConfigHead::of(store.as_ref(), img)))
        .collect();
    imgs.sort_by_key(|(_, c)| std::cmp::Reverse(c.created));
    match a.sort.as_str() {
        "id" => imgs.sort_by(|x, y| x.0.id.hex().cmp(y.0.id.hex())),
        "size" => imgs.sort_by_key(|(i, _)| i.size),
        _ => {}
    }
    let wanted_repo = a.repository.as_ref().map(|repo| {
        let name = Reference::parse(repo)
            .map(|r| r.name())
            .unwrap_or_else(|_| repo.clone());
        (repo, name)
    });
    // The names a REPOSITORY argument asks for; the table shows only those lines of an image.
    let wanted = |r: &str, t: &str| {
        wanted_repo.as_ref().is_none_or(|(repo, want)| {
            r == want || format!("{r}:{t}") == **repo || r.ends_with(&format!("/{repo}"))
        })
    };
    imgs.retain(|(img, c)| {
        filters.keep(img, c.created, &c.labels) && repo_tags(img).iter().any(|(r, t)| wanted(r, t))
    });
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        return write_stdout(|out| {
            for (img, _) in &imgs {
                if seen.insert(&img.id) {
                    writeln!(out, "{}", id_text(img, a))?;
                }
            }
            Ok(())
        });
    }
    if let Format::Json = format {
        let rows: Vec<Value> = imgs.iter().map(|(img, c)| json_row(img, c)).collect();
        print_rows(&format, &rows, &[])?;
        return Ok(0);
    }
    let mut rows: Vec<Row> = imgs
        .iter()
        .flat_map(|(img, c)| {
            repo_tags(img)
                .into_iter()
                .filter(|(repo, tag)| wanted(repo, tag))
                .map(move |(repo, tag)| Row {
                    img,
                    config: c,
                    id: id_text(img, a),
                    repo,
                    tag,
                })
        })
        .collect();
    // Repository and tag order the lines, not the images: each name is a line of its own.
    match a.sort.as_str() {
        "repository" => rows.sort_by(|x, y| (&x.repo, &x.tag).cmp(&(&y.repo, &y.tag))),
        "tag" => rows.sort_by(|x, y| x.tag.cmp(&y.tag)),
        _ => {}
    }
    let rows = rows.into_iter();
    if let Format::Default = format {
        // The default table needs only its columns: no row object to build and render.
        let mut cells: Vec<Vec<String>> = Vec::new();
        if !a.noheading {
            cells.push(
                default_columns(a.digests)
                    .iter()
                    .map(|(h, _)| h.to_string())
                    .collect(),
            );
        }
        cells.extend(rows.map(|row| row.default_cells(a.digests)));
        return write_stdout(|out| write_aligned(out, &cells));
    }
    let rows: Vec<Value> = rows.map(|row| row.template()).collect();
    super::format::print_rows_heading(&format, &rows, &[], !a.noheading)?;
    Ok(0)
}

/// The image's ID as the listing shows it: 12 digits, or `sha256:` and all of them.
fn id_text(img: &ImageRecord, a: &ImagesArgs) -> String {
    if a.no_trunc {
        img.id.to_string()
    } else {
        img.id.short().to_string()
    }
}

/// The default table's columns (Podman's) as headers and the templates that print the same
/// cells; the table itself is made by [`Row::default_cells`], which a test holds to these.
fn default_columns(digests: bool) -> Vec<(&'static str, &'static str)> {
    let mut cols = vec![("REPOSITORY", "{{.Repository}}"), ("TAG", "{{.Tag}}")];
    if digests {
        cols.push(("DIGEST", "{{.Digest}}"));
    }
    cols.extend([
        ("IMAGE ID", "{{.ID}}"),
        ("CREATED", "{{.Created}}"),
        ("SIZE", "{{.Size}}"),
    ]);
    cols
}

/// `--format json`'s object for one image (Podman's field names).
fn json_row(img: &ImageRecord, c: &ConfigHead) -> Value {
    json!({
        "Id": img.id.hex(),
        "ParentId": "",
        "RepoTags": img.names,
        "RepoDigests": img.repo_digests,
        "Size": img.size,
        "SharedSize": 0,
        "VirtualSize": img.size,
        "Labels": c.labels,
        "Containers": 0,
        "Names": img.names,
        "Digest": img.digest.to_string(),
        "Created": c.created,
        "CreatedAt": time::rfc3339(c.created),
    })
}

/// One line of the table: an image under one of its names.
struct Row<'a> {
    img: &'a ImageRecord,
    config: &'a ConfigHead,
    id: String,
    repo: String,
    tag: String,
}

impl Row<'_> {
    /// The cells of [`default_columns`], made straight from the record and config.
    fn default_cells(self, digests: bool) -> Vec<String> {
        let mut cells = vec![self.repo, self.tag];
        if digests {
            cells.push(self.img.digest.to_string());
        }
        cells.extend([
            self.id,
            time::human_since(self.config.created),
            human_size(self.img.size),
        ]);
        cells
    }

    /// The object `--format TEMPLATE` renders.
    fn template(self) -> Value {
        let (img, secs) = (self.img, self.config.created);
        json!({
            "ID": self.id,
            "Id": img.id.hex(),
            "Repository": self.repo,
            "Tag": self.tag,
            "Digest": img.digest.to_string(),
            "Created": time::human_since(secs),
            "CreatedSince": time::human_since(secs),
            "CreatedAt": time::go_time_of_secs(secs),
            "CreatedTime": time::rfc3339(secs),
            "Size": human_size(img.size),
            "VirtualSize": human_size(img.size),
            "SharedSize": human_size(0),
            "Labels": self.config.labels,
            "Names": img.names,
            "RepoTags": img.names,
            "RepoDigests": img.repo_digests,
            "Containers": 0,
            "ReadOnly": false,
            "Dangling": img.dangling(),
            "History": img.names_history.join(", "),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::format::Template;
    use crate::util::digest::Digest;

    fn image(n: u8, names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: Digest::of(&[n]),
            digest: Digest::of(&[n, n]),
            index_digest: None,
            names: names.iter().map(|s| s.to_string()).collect(),
            repo_digests: vec![],
            layers: vec![],
            size: 4_270_000 * u64::from(n),
            pulled: "2026-01-01T00:00:00Z".into(),
            build_key: None,
            intermediate: false,
            digest_names: vec![],
            names_history: vec![],
        }
    }

    #[test]
    fn the_default_table_prints_what_its_templates_print() {
        let images = [
            image(1, &["docker.io/library/busybox:latest", "localhost/x:1.0"]),
            image(2, &[]),
            image(3, &["127.0.0.1:5000/bench/many:t3"]),
        ];
        let config = ConfigHead {
            created: 1_700_000_000,
            labels: json!({"a": "b"}),
        };
        for digests in [false, true] {
            let templates: Vec<Template> = default_columns(digests)
                .iter()
                .map(|(_, t)| Template::parse(t).unwrap())
                .collect();
            for img in &images {
                for (repo, tag) in repo_tags(img) {
                    let row = || Row {
                        img,
                        config: &config,
                        id: img.id.short().to_string(),
                        repo: repo.clone(),
                        tag: tag.clone(),
                    };
                    let tpl = row().template();
                    let want: Vec<String> =
                        templates.iter().map(|t| t.render(&tpl).unwrap()).collect();
                    assert_eq!(row().default_cells(digests), want, "{repo}:{tag}");
                }
            }
        }
    }

    #[test]
    fn config_heads_read_as_the_whole_value_would() {
        let cases: [&[u8]; 9] = [
            br#"{"created":"2025-05-20T00:00:00Z","config":{"Labels":{"k":"v"},"Env":[]},"history":[{}]}"#,
            br#"{"config":{"Labels":null}}"#,
            br#"{"created":5,"config":{"Labels":{"k":"v"}}}"#,
            br#"{"created":"2025-05-20T00:00:00Z","created":"2024-01-01T00:00:00Z"}"#,
            br#"{"created":"2025-05-20T00:00:00\u005a","config":["Labels"]}"#,
            br#"["2025-05-20T00:00:00Z",{"Labels":{"k":"v"}}]"#,
            br#"{"created":"not a time","config":"x"}"#,
            b"not json",
            b"",
        ];
        for bytes in cases {
            let v: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
            let want = ConfigHead {
                created: v
                    .get("created")
                    .and_then(Value::as_str)
                    .and_then(time::parse_rfc3339)
                    .unwrap_or(0),
                labels: v.pointer("/config/Labels").cloned().unwrap_or(Value::Null),
            };
            assert_eq!(
                ConfigHead::parse(bytes),
                want,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert_eq!(
            ConfigHead::parse(
                br#"{"created":"2025-05-20T00:00:00Z","config":{"Labels":{"k":"v"}}}"#
            )
            .labels,
            json!({"k": "v"})
        );
    }
}
