//! The build context: where COPY and ADD read from, with `.containerignore` applied.
