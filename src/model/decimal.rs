//! Numbers written with a fixed count of decimals through integer formatting only: Rust's float
//! formatting (`{:.2}` on an `f32`) compiles to several kilobytes of wasm.

/// `v` with `places` decimals (at most 4), as `format!("{v:.places$}")` writes it (ties to even,
/// `-0.00` for small negatives) for |v| below 10^11; `NaN`, `inf` and `-inf` as Rust writes them.
pub fn fixed(v: f32, places: u32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf" } else { "inf" }.into();
    }
    let places = places.min(4);
    let scale = 10u64.pow(places);
    // Exact: a 24-bit mantissa times 10^4 (14 bits) fits in the 53 bits of an f64.
    let scaled = (f64::from(v).abs() * scale as f64).round_ties_even() as u64;
    let mut s = String::new();
    if v.is_sign_negative() {
        s.push('-');
    }
    s.push_str(&(scaled / scale).to_string());
    if places > 0 {
        s.push('.');
        let frac = (scaled % scale).to_string();
        for _ in frac.len()..places as usize {
            s.push('0');
        }
        s.push_str(&frac);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn same_text_as_float_formatting() {
        let mut xs: Vec<f32> = "0 -0 0.5 1.5 2.5 0.125 0.375 -0.125 0.005 0.015 0.285 -0.001 \
            12.25 12.35 99.995 1e-7 123456.78 -98765.43 1e10 NaN inf -inf"
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        let mut s = 12345u32;
        for _ in 0..20_000 {
            s = s.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            xs.push((s >> 8) as f32 / 4096.0 - 2048.0);
            xs.push(f32::from_bits(0x3000_0000 + (s >> 4) % 0x1a00_0000));
        }
        for x in xs {
            for places in 0..=4u32 {
                let p = places as usize;
                assert_eq!(fixed(x, places), format!("{x:.p$}"), "{x:e} {places}");
            }
        }
    }
}
