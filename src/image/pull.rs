//! Pull: reference → manifest → config → layers, verified and unpacked into the store.
