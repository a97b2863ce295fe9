//! What the map looks like: camera, colours, text, label selection and the scene to draw.
//! Pure data; the browser renderer in `web` executes the [`scene::Scene`].

pub mod camera;
pub mod labels;
pub mod legibility;
pub mod scene;
pub mod style;
pub mod svg;
pub mod text;

pub use camera::Camera;
pub use scene::{Scene, ViewState};
