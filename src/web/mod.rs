//! The browser boundary: the only module that touches web-sys, wasm-bindgen and gloo.
