//! carte-mentale: a political motion as an interactive, force-directed mind map.
//!
//! Layers depend one way only: `model` → `layout` → `view` → `interaction` → `web`.
//! Only `web` (compiled for wasm32 alone) touches web-sys, wasm-bindgen or gloo.
//! See ARCHITECTURE.md.

pub mod interaction;
pub mod layout;
pub mod model;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;
