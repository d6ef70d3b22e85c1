//! Helper processes inside a user namespace that maps the store's ids.
