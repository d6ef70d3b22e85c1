//! The steps that change files: RUN, and COPY, ADD and WORKDIR.
pub(crate) mod copy;
pub(crate) mod run;
