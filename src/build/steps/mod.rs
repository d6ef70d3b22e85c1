//! The steps that change files: RUN, and COPY, ADD and WORKDIR.
pub(crate) mod copy;
pub(crate) mod copy_from;
pub(crate) mod run;
