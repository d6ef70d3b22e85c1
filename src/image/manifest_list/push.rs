//! `manifest push` (and `push --all` of a list): with `all`, every member first, by digest,
//! into the destination repository (a stored image pushed as `push` does, a remote one
//! copied or mounted from its registry); then the index, by the destination's tag, naming
//! the members as they were pushed. Without `all` the index alone goes, its members assumed
//! present.
use super::{ListError, ListRecord, Source};
use crate::config::registries::RegistriesConf;
use crate::config::Paths;
use crate::image::progress::Progress;
use crate::image::push::{endpoint, PushError, PushOptions, Pushed, Pusher};
use crate::image::registry::Client;
use crate::image::store::{index, Store};
use crate::image::Reference;

/// Why a list push failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ListPushError {
    #[error(transparent)]
    Push(#[from] PushError),
    #[error(transparent)]
    List(#[from] ListError),
    #[error("member {digest} of {list}: image {image} is no longer in the store; add it again or remove it from the list")]
    MissingImage {
        list: String,
        digest: String,
        image: String,
    },
}

/// Pushes list `rec` to `dest`; returns the index as pushed.
pub(crate) fn push_list(
    paths: &Paths,
    rec: &ListRecord,
    dest: &Reference,
    all: bool,
    opts: &PushOptions,
) -> Result<Pushed, ListPushError> {
    let ep = endpoint(paths, dest)?;
    let client = Client::new(paths, opts.client.clone()).map_err(PushError::from)?;
    let store = Store::open(paths).map_err(PushError::from)?;
    let progress = Progress::new(opts.quiet);
    let mut pusher = Pusher::new(&client, &store, &ep, dest, opts, &progress);
    let mut out = rec.clone();
    if all {
        let images = index::read(store.root()).map_err(ListError::from)?;
        let conf = RegistriesConf::load(paths).map_err(ListError::from)?;
        pusher.progress().signatures();
        for member in &mut out.members {
            let (bytes, media_type) = match &member.source {
                Source::Local { image_id } => {
                    let img = images
                        .images
                        .iter()
                        .find(|i| &i.id == image_id)
                        .ok_or_else(|| ListPushError::MissingImage {
                            list: rec.name.clone(),
                            digest: member.entry.digest.to_string(),
                            image: image_id.short().to_string(),
                        })?;
                    pusher.blobs_of(img)?
                }
                Source::Remote { repository } => {
                    let src = Reference::parse(repository).map_err(|e| ListError::Member {
                        image: repository.clone(),
                        reason: e.to_string(),
                    })?;
                    let src_ep = conf
                        .endpoints(&src)
                        .map_err(ListError::from)?
                        .into_iter()
                        .rfind(|e| !e.mirror)
                        .expect("endpoints end with the registry itself");
                    pusher.copy_image(&src_ep, repository, &member.entry.digest)?
                }
            };
            let digest = crate::util::digest::Digest::of(&bytes);
            let pushed = pusher.put_manifest(&digest.to_string(), &bytes, &media_type)?;
            member.entry.digest = pushed.digest;
            member.entry.size = bytes.len() as u64;
            member.entry.media_type = media_type;
        }
    }
    let bytes = out.index_bytes(false);
    Ok(pusher.put_manifest(&dest.manifest_ref(), &bytes, out.media_type())?)
}
