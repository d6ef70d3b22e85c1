//! The content-addressed store: blobs, unpacked layers, and the image index.
pub mod index;
