//! The browser boundary: the only module that touches web-sys, wasm-bindgen and gloo.
//!
//! - `viewer/` (feature `viewer`): the map's handle, `CarteMentale`, the whole JS surface of
//!   a map, and everything only it uses, split by job: `handle.rs` (create on a canvas, load,
//!   size, camera, selection, destroy), `finding.rs` (search, filters, outline, keyboard node,
//!   URL fragment), `snapshot.rs` (the one value the page renders, pushed after each change),
//!   `panel.rs` (what the detail panel lists), `export.rs` (PNG; what the SVG, the CSV
//!   and the print view take), `events.rs` (DOM event wiring and the events sent to the page),
//!   `frame.rs` (the frame loop, running only while the map animates), `render.rs` (a scene
//!   on a Canvas 2D context). With the `probes` feature (tests and benchmarks only; the public build leaves
//!   it out), `probes.rs` adds hooks for tests and benchmarks, and `bench.rs` the layout
//!   benchmark's `LayoutBench`.
//! - `types.rs`: what a load returns, and reading the sources a page fetched.
//! - `convert.rs` (`convertOutline`, feature `authoring`) turns a Markdown outline and its
//!   table into the project's JSON: built alone (`--no-default-features --features
//!   authoring`) it is the small converter module (`www/pkg-lecteur`) a page fetches only for
//!   such sources.
//! - `exporter.rs` (feature `export`) writes the exports of a map from the document it read
//!   and what its handle says: the SVG poster (`posterSvg`), the CSV (`contributionsCsv`) and
//!   a lever's print view (`printData`).
//!   Built alone (`--no-default-features --features export`) it is the exports module
//!   (`www/pkg-export`) a page fetches at a visitor's first such export.
//! - `measure.rs`: text widths from a canvas, for the map's labels and the poster's.
//! - `json.rs`: the values returned to the page, as JSON text that `JSON.parse` reads.
//! - `studio.rs` (the studio's `Studio` handle) is in the staff's module only, with the
//!   `workbooks` feature: `studio.html` loads that module, never the public map's.

/// Every module's allocator: TLSF (`rlsf`'s variant built for size), O(1) per allocation and
/// free, in place of the standard library's dlmalloc: −5 KB of the map's module, −2.3 KB
/// gzip. The layout's ticks, alternated with both, take the same time (docs/size.md).
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

#[cfg(feature = "authoring")]
mod convert;
#[cfg(feature = "export")]
mod exporter;
#[cfg(any(feature = "viewer", feature = "export"))]
mod measure;
#[cfg(feature = "workbooks")]
mod studio;
mod types;
#[cfg(feature = "viewer")]
mod viewer;

#[cfg(feature = "authoring")]
pub use convert::convert_outline;
#[cfg(feature = "export")]
pub use exporter::{contributions_csv, poster_svg, print_data};
#[cfg(feature = "workbooks")]
pub use studio::Studio;
#[cfg(feature = "probes")]
pub use viewer::LayoutBench;
#[cfg(feature = "viewer")]
pub use viewer::{CarteMentale, needs_converter};

#[cfg(any(feature = "viewer", feature = "authoring", feature = "export"))]
mod json;
/// A value as a plain JS object (what the handle and the modules return).
#[cfg(any(feature = "viewer", feature = "authoring", feature = "export"))]
use json::to_js;
