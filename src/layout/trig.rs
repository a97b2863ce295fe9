//! Sine and cosine of the layout's angles: bit for bit those of the `libm` crate (the rest of
//! the layout's functions), for every |x| below 2^28 · π/2, without its reduction of larger
//! arguments (`rem_pio2_large` and its table of the digits of 2/π, about 5 KB of the map's
//! module), which no angle of a layout comes near. Beyond that bound, and for infinities and
//! NaN, the result is NaN.
//!
//! Ported from the `libm` crate (`sinf.rs`, `cosf.rs`, `k_sinf.rs`, `k_cosf.rs`,
//! `rem_pio2f.rs`), itself from FreeBSD's `s_sinf.c`, `s_cosf.c`, `k_sinf.c`, `k_cosf.c` and
//! `e_rem_pio2f.c`, which carry this notice:
//!
//! > Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//! >
//! > Developed at SunPro, a Sun Microsystems, Inc. business.
//! > Permission to use, copy, modify, and distribute this
//! > software is freely granted, provided that this notice
//! > is preserved.
//!
//! (Conversion to float by Ian Lance Taylor, Cygnus Support; optimized by Bruce D. Evans.)

use std::f64::consts::{FRAC_2_PI, FRAC_PI_2};

/// Small multiples of π/2, rounded to double precision.
const PIO2: [f64; 5] = [
    0.0,
    FRAC_PI_2,
    2.0 * FRAC_PI_2,
    3.0 * FRAC_PI_2,
    4.0 * FRAC_PI_2,
];

/// sin(x) for |x| ≲ π/4, in double precision, rounded once.
fn k_sin(x: f64) -> f32 {
    const S1: f64 = -0.166_666_666_416_265_24; // -0x15555554cbac77.0p-55
    const S2: f64 = 0.008_333_329_385_889_463; // 0x111110896efbb2.0p-59
    const S3: f64 = -0.000_198_393_348_360_966_32; // -0x1a00f9e2cae774.0p-65
    const S4: f64 = 0.000_002_718_311_493_989_822; // 0x16cd878c3b46a7.0p-71
    let z = x * x;
    let w = z * z;
    let r = S3 + z * S4;
    let s = z * x;
    ((x + s * (S1 + z * S2)) + s * w * r) as f32
}

/// cos(x) for |x| ≲ π/4, in double precision, rounded once.
fn k_cos(x: f64) -> f32 {
    const C0: f64 = -0.499_999_997_251_031; // -0x1ffffffd0c5e81.0p-54
    const C1: f64 = 0.041_666_623_323_739_06; // 0x155553e1053a42.0p-57
    const C2: f64 = -0.001_388_676_377_460_993; // -0x16c087e80f1e27.0p-62
    const C3: f64 = 0.000_024_390_448_796_277_41; // 0x199342e0ee5069.0p-68
    let z = x * x;
    let w = z * z;
    let r = C2 + z * C3;
    (((1.0 + z * C0) + w * C1) + (w * z) * r) as f32
}

/// `x` as `n · π/2 + y`, |y| ≲ π/4, for |x| < 2^28 · π/2 (`ix`: the bits of |x|); `None`
/// beyond.
fn reduce(x: f32, ix: u32) -> Option<(i32, f64)> {
    const TOINT: f64 = 1.5 / f64::EPSILON;
    const PIO2_1: f64 = 1.570_796_310_901_641_8; // 0x3FF921FB, 0x50000000
    const PIO2_1T: f64 = 1.589_325_477_352_819_6e-8; // 0x3E5110b4, 0x611A6263
    if ix >= 0x4dc9_0fdb {
        return None;
    }
    let x64 = f64::from(x);
    // Rounds to the nearest integer (round-to-nearest is the only mode wasm and Rust have).
    let f_n = (x64 * FRAC_2_PI + TOINT) - TOINT;
    Some((f_n as i32, x64 - f_n * PIO2_1 - f_n * PIO2_1T))
}

pub fn sin(x: f32) -> f32 {
    let x64 = f64::from(x);
    let ix = x.to_bits() & 0x7fff_ffff;
    let sign = x.is_sign_negative();
    if ix <= 0x3f49_0fda {
        // |x| ≲ π/4
        return if ix < 0x3980_0000 { x } else { k_sin(x64) };
    }
    if ix <= 0x407b_53d1 {
        // |x| ≲ 5π/4
        if ix <= 0x4016_cbe3 {
            // |x| ≲ 3π/4
            return if sign {
                -k_cos(x64 + PIO2[1])
            } else {
                k_cos(x64 - PIO2[1])
            };
        }
        return k_sin(if sign {
            -(x64 + PIO2[2])
        } else {
            -(x64 - PIO2[2])
        });
    }
    if ix <= 0x40e2_31d5 {
        // |x| ≲ 9π/4
        if ix <= 0x40af_eddf {
            // |x| ≲ 7π/4
            return if sign {
                k_cos(x64 + PIO2[3])
            } else {
                -k_cos(x64 - PIO2[3])
            };
        }
        return k_sin(if sign { x64 + PIO2[4] } else { x64 - PIO2[4] });
    }
    let Some((n, y)) = reduce(x, ix) else {
        return f32::NAN;
    };
    match n & 3 {
        0 => k_sin(y),
        1 => k_cos(y),
        2 => k_sin(-y),
        _ => -k_cos(y),
    }
}

pub fn cos(x: f32) -> f32 {
    let x64 = f64::from(x);
    let ix = x.to_bits() & 0x7fff_ffff;
    let sign = x.is_sign_negative();
    if ix <= 0x3f49_0fda {
        // |x| ≲ π/4
        return if ix < 0x3980_0000 { 1.0 } else { k_cos(x64) };
    }
    if ix <= 0x407b_53d1 {
        // |x| ≲ 5π/4
        if ix > 0x4016_cbe3 {
            // |x| ≳ 3π/4
            return -k_cos(if sign { x64 + PIO2[2] } else { x64 - PIO2[2] });
        }
        return if sign {
            k_sin(x64 + PIO2[1])
        } else {
            k_sin(PIO2[1] - x64)
        };
    }
    if ix <= 0x40e2_31d5 {
        // |x| ≲ 9π/4
        if ix > 0x40af_eddf {
            // |x| ≳ 7π/4
            return k_cos(if sign { x64 + PIO2[4] } else { x64 - PIO2[4] });
        }
        return if sign {
            k_sin(-x64 - PIO2[3])
        } else {
            k_sin(x64 - PIO2[3])
        };
    }
    let Some((n, y)) = reduce(x, ix) else {
        return f32::NAN;
    };
    match n & 3 {
        0 => k_cos(y),
        1 => k_sin(-y),
        2 => -k_cos(y),
        _ => k_sin(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every |x| below the bound, sampled by bit pattern (subnormals, the branches' edges,
    /// the medium reduction), both signs: the same bits as `libm`.
    #[test]
    fn the_same_bits_as_libm() {
        let bound = 0x4dc9_0fdbu32;
        let edges = [
            0x3980_0000,
            0x3f49_0fda,
            0x4016_cbe3,
            0x407b_53d1,
            0x40af_eddf,
            0x40e2_31d5,
        ];
        let sampled = (0..bound).step_by(997);
        let near_edges = edges.iter().flat_map(|&e: &u32| e - 64..e + 64);
        let mut checked = 0;
        for bits in sampled.chain(near_edges).chain([bound - 1]) {
            for x in [f32::from_bits(bits), -f32::from_bits(bits)] {
                assert_eq!(sin(x).to_bits(), libm::sinf(x).to_bits(), "sin {x:e}");
                assert_eq!(cos(x).to_bits(), libm::cosf(x).to_bits(), "cos {x:e}");
                checked += 1;
            }
        }
        assert!(checked > 2_000_000, "{checked}");
        // The layout's own range, densely.
        let mut x = -40.0f32;
        while x < 40.0 {
            assert_eq!(sin(x).to_bits(), libm::sinf(x).to_bits(), "sin {x}");
            assert_eq!(cos(x).to_bits(), libm::cosf(x).to_bits(), "cos {x}");
            x += 0.000_37;
        }
        for x in [f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 1e9, -3e30] {
            assert!(sin(x).is_nan() && cos(x).is_nan(), "{x}");
        }
    }
}
