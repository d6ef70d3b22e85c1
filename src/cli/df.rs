//! `rcon system df [-v] [--format]`: the disk space images, containers and volumes take, as
//! Podman's `system df` prints it.
//!
//! Images: every stored image; active when a container uses it; the size counts each layer
//! once (images share layers), the reclaimable part is the images no container uses. Containers:
//! the size of each writable layer (what `ps --size` shows); active when running; the
//! reclaimable part is the stopped ones'. Volumes: the size of each volume's data; active when a
//! container names it. Sizes are written as Podman writes them here (`2.008MB`, `0B`).
use super::format::{align, print_rows, Format};
use super::Context;
use crate::container::list;
use crate::container::record::ContainerRecord;
use crate::container::state::{State, Status};
use crate::container::volumes;
use crate::image::store::index::{self, ImageRecord};
use crate::image::store::Store;
use crate::image::Reference;
use crate::util::digest::Digest;
use crate::util::time;
use clap::Args;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Args)]
pub(crate) struct DfArgs {
    /// Show each image, container and volume
    #[arg(short, long)]
    pub(crate) verbose: bool,
    /// Output as json or a Go template (`{{.Type}} {{.Total}} {{.Active}} {{.Size}} {{.Reclaimable}}`)
    #[arg(long, value_name = "FORMAT")]
    pub(crate) format: Option<String>,
}

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) kind: &'static str,
    pub(crate) total: usize,
    pub(crate) active: usize,
    pub(crate) size: u64,
    pub(crate) reclaimable: u64,
}

impl Summary {
    /// `11.48kB (1%)`: the reclaimable size and its rounded share of the size.
    fn reclaimable_text(&self) -> String {
        let pct = if self.size == 0 {
            0
        } else {
            (self.reclaimable as f64 * 100.0 / self.size as f64).round() as u64
        };
        format!("{} ({pct}%)", go_size(self.reclaimable))
    }

    fn row(&self) -> Value {
        json!({
            "Type": self.kind,
            "Total": self.total,
            "Active": self.active,
            "Size": go_size(self.size),
            "Reclaimable": self.reclaimable_text(),
            "RawSize": self.size,
            "RawReclaimable": self.reclaimable,
        })
    }
}

/// A size as Go's `units.HumanSize`: decimal units, four significant digits, no space.
pub(crate) fn go_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    let int_digits = if v < 1.0 {
        1
    } else {
        (v.log10().floor() as usize) + 1
    };
    let decimals = 4usize.saturating_sub(int_digits);
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}{}", UNITS[u])
}

/// Each image with how many containers use it and its shared and unique bytes.
struct ImageUse<'a> {
    img: &'a ImageRecord,
    containers: usize,
    shared: u64,
    /// The config's creation time, seconds since the epoch.
    created: Option<i64>,
}

/// The sums of the summary's image line: layers counted once; images without containers.
fn image_summary(uses: &[ImageUse<'_>], layer_size: &dyn Fn(&Digest) -> u64) -> Summary {
    let mut seen = HashSet::new();
    let mut size = 0;
    for u in uses {
        for l in &u.img.layers {
            if seen.insert(l.clone()) {
                size += layer_size(l);
            }
        }
    }
    Summary {
        kind: "Images",
        total: uses.len(),
        active: uses.iter().filter(|u| u.containers > 0).count(),
        size,
        reclaimable: uses
            .iter()
            .filter(|u| u.containers == 0)
            .map(|u| u.img.size)
            .sum(),
    }
}

pub(super) fn df(ctx: &Context, a: &DfArgs) -> anyhow::Result<i32> {
    let idx = index::read(&ctx.paths.storage())?;
    let store = Store::open(&ctx.paths)?;
    let containers = list::all(&ctx.paths)?;
    let mut layer_sizes: HashMap<Digest, u64> = HashMap::new();
    let mut layer_users: HashMap<Digest, usize> = HashMap::new();
    for img in &idx.images {
        for l in &img.layers {
            *layer_users.entry(l.clone()).or_default() += 1;
            if !layer_sizes.contains_key(l) {
                let size = store.layer_info(l).map(|i| i.size).unwrap_or(0);
                layer_sizes.insert(l.clone(), size);
            }
        }
    }
    let size_of = |l: &Digest| layer_sizes.get(l).copied().unwrap_or(0);
    let uses: Vec<ImageUse<'_>> = idx
        .images
        .iter()
        .map(|img| ImageUse {
            img,
            containers: containers
                .iter()
                .filter(|(r, _)| r.image_id == img.id)
                .count(),
            shared: img
                .layers
                .iter()
                .filter(|l| layer_users.get(*l).copied().unwrap_or(0) > 1)
                .map(size_of)
                .sum(),
            created: store
                .read_blob(&img.id)
                .ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                .and_then(|c| c.get("created")?.as_str().and_then(time::parse_rfc3339)),
        })
        .collect();
    let images = image_summary(&uses, &size_of);

    let image_size: HashMap<&Digest, u64> = idx.images.iter().map(|i| (&i.id, i.size)).collect();
    let ctrs: Vec<(&ContainerRecord, &State, u64)> = containers
        .iter()
        .map(|(r, s)| {
            let virt = image_size.get(&r.image_id).copied().unwrap_or(0);
            (r, s, list::writable_size(&ctx.paths, r, virt))
        })
        .collect();
    let running = |s: &State| matches!(s.status, Status::Running | Status::Paused);
    let ctr_summary = Summary {
        kind: "Containers",
        total: ctrs.len(),
        active: ctrs.iter().filter(|(_, s, _)| running(s)).count(),
        size: ctrs.iter().map(|(_, _, n)| n).sum(),
        reclaimable: ctrs
            .iter()
            .filter(|(_, s, _)| !running(s))
            .map(|(_, _, n)| n)
            .sum(),
    };

    let vols: Vec<(String, usize, u64)> = volumes::list(&ctx.paths)?
        .into_iter()
        .map(|v| {
            let links = containers
                .iter()
                .filter(|(r, _)| volumes::volumes_of(r).contains(&v.name))
                .count();
            let size = list::tree_size(&v.mountpoint);
            (v.name, links, size)
        })
        .collect();
    let vol_summary = Summary {
        kind: "Local Volumes",
        total: vols.len(),
        active: vols.iter().filter(|(_, l, _)| *l > 0).count(),
        size: vols.iter().map(|(_, _, s)| s).sum(),
        reclaimable: vols
            .iter()
            .filter(|(_, l, _)| *l == 0)
            .map(|(_, _, s)| s)
            .sum(),
    };
    let summaries = [images, ctr_summary, vol_summary];

    if !a.verbose || a.format.is_some() {
        let format = Format::parse(a.format.as_deref())?;
        let rows: Vec<Value> = summaries.iter().map(Summary::row).collect();
        print_rows(
            &format,
            &rows,
            &[
                ("TYPE", "{{.Type}}"),
                ("TOTAL", "{{.Total}}"),
                ("ACTIVE", "{{.Active}}"),
                ("SIZE", "{{.Size}}"),
                ("RECLAIMABLE", "{{.Reclaimable}}"),
            ],
        )?;
        return Ok(0);
    }
    print_verbose(&uses, &ctrs, &vols);
    Ok(0)
}

/// The `-v` tables: each image, container and volume.
fn print_verbose(
    uses: &[ImageUse<'_>],
    ctrs: &[(&ContainerRecord, &State, u64)],
    vols: &[(String, usize, u64)],
) {
    let since = |secs: Option<i64>| {
        secs.map(|t| time::human_since(t).trim_end_matches(" ago").to_string())
            .unwrap_or_default()
    };
    let mut cells = vec![[
        "REPOSITORY",
        "TAG",
        "IMAGE ID",
        "CREATED",
        "SIZE",
        "SHARED SIZE",
        "UNIQUE SIZE",
        "CONTAINERS",
    ]
    .map(String::from)
    .to_vec()];
    for u in uses {
        let (repo, tag) = match u.img.names.first().map(|n| Reference::parse(n)) {
            Some(Ok(r)) => (r.name(), r.tag.unwrap_or_else(|| "<none>".into())),
            Some(Err(_)) => (u.img.names[0].clone(), "<none>".into()),
            None => ("<none>".into(), "<none>".into()),
        };
        cells.push(vec![
            repo,
            tag,
            u.img.id.hex()[..12].to_string(),
            since(u.created),
            go_size(u.img.size),
            go_size(u.shared),
            go_size(u.img.size.saturating_sub(u.shared)),
            u.containers.to_string(),
        ]);
    }
    println!("Images space usage:\n");
    for l in align(&cells) {
        println!("{l}");
    }
    let mut cells = vec![[
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "LOCAL VOLUMES",
        "SIZE",
        "CREATED",
        "STATUS",
        "NAMES",
    ]
    .map(String::from)
    .to_vec()];
    for (r, s, size) in ctrs {
        cells.push(vec![
            r.id[..12].to_string(),
            r.image_id.hex()[..12].to_string(),
            r.command.join(" "),
            volumes::volumes_of(r).len().to_string(),
            go_size(*size),
            since(time::parse_rfc3339(&r.created)),
            s.status.as_str().to_string(),
            r.name.clone(),
        ]);
    }
    println!("\nContainers space usage:\n");
    for l in align(&cells) {
        println!("{l}");
    }
    let mut cells = vec![["VOLUME NAME", "LINKS", "SIZE"].map(String::from).to_vec()];
    for (name, links, size) in vols {
        cells.push(vec![name.clone(), links.to_string(), go_size(*size)]);
    }
    println!("\nLocal Volumes space usage:\n");
    for l in align(&cells) {
        println!("{l}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_gos_human_sizes() {
        assert_eq!(go_size(0), "0B");
        assert_eq!(go_size(27), "27B");
        assert_eq!(go_size(2_008_000), "2.008MB");
        assert_eq!(go_size(11_478), "11.48kB");
        assert_eq!(go_size(1_500), "1.5kB");
        assert_eq!(go_size(100_000), "100kB");
    }

    #[test]
    fn reclaimable_shows_its_rounded_share() {
        let s = Summary {
            kind: "Images",
            total: 4,
            active: 1,
            size: 2_008_000,
            reclaimable: 11_478,
        };
        assert_eq!(s.reclaimable_text(), "11.48kB (1%)");
        let empty = Summary {
            size: 0,
            reclaimable: 0,
            ..s
        };
        assert_eq!(empty.reclaimable_text(), "0B (0%)");
    }

    fn image(id: &str, layers: &[&str], size: u64) -> ImageRecord {
        let d = |s: &str| Digest::from_hex(&s.repeat(64)).unwrap();
        serde_json::from_value(json!({
            "id": d(id).to_string(),
            "digest": d(id).to_string(),
            "names": [],
            "layers": layers.iter().map(|l| d(l).to_string()).collect::<Vec<_>>(),
            "size": size,
            "pulled": "2024-01-01T00:00:00Z",
        }))
        .unwrap()
    }

    #[test]
    fn image_sizes_count_shared_layers_once_and_unused_images_as_reclaimable() {
        let a = image("a", &["1", "2"], 30);
        let b = image("b", &["1"], 10);
        let uses = [
            ImageUse {
                img: &a,
                containers: 1,
                shared: 10,
                created: None,
            },
            ImageUse {
                img: &b,
                containers: 0,
                shared: 10,
                created: None,
            },
        ];
        let sizes = |l: &Digest| if l.hex().starts_with('1') { 10 } else { 20 };
        let s = image_summary(&uses, &sizes);
        assert_eq!((s.total, s.active, s.size, s.reclaimable), (2, 1, 30, 10));
    }
}
