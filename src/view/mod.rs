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

/// `x.clamp(lo, hi)` for bounds computed at run time (`lo <= hi`): the same value (NaN stays
/// NaN), without `f32::clamp`'s check of the bounds, whose panic message formats them with
/// `{:?}` and so keeps Rust's float formatting code in the wasm.
pub fn clamp(x: f32, lo: f32, hi: f32) -> f32 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}
pub use scene::{Scene, ViewState};

#[cfg(test)]
mod tests {
    #[test]
    fn clamp_is_f32_clamp() {
        let xs = [
            f32::NEG_INFINITY,
            -2.0,
            -0.0,
            0.0,
            0.5,
            1.0,
            3.0,
            f32::INFINITY,
            f32::NAN,
        ];
        for lo in [-1.0f32, -0.0, 0.0, 1.0] {
            for hi in [0.0f32, 1.0, 2.5, f32::INFINITY] {
                if lo > hi {
                    continue;
                }
                for x in xs {
                    assert_eq!(super::clamp(x, lo, hi).to_bits(), x.clamp(lo, hi).to_bits());
                }
            }
        }
    }
}
