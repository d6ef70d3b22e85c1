//! The Containerfile language: directives, instructions, heredocs and variable substitution.
