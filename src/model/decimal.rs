//! Decimal numbers written and read through integer arithmetic only: Rust's float formatting
//! (`{:.2}` on an `f32`) compiles to several kilobytes of wasm, and its float parsing
//! (`str::parse::<f32>`) carries a table of 651 powers of five (10 KB of data that no
//! compressor shrinks).

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

/// The `f32` nearest to the decimal number `s`, written as JSON writes numbers (`-12.5e3`;
/// also `1.` and `.5`), ties to even: what `s.parse::<f32>()` gives, infinite past `f32::MAX`.
/// `None` when `s` is not such a number.
///
/// Exact, the same bits as `str::parse`, for every number of at least 10^-8 in magnitude
/// however many digits it has (every position, ratio and score a map holds): the division is
/// then by at most 10^27. Smaller numbers, whose power of ten no longer fits the 128-bit
/// division, are within one unit of the last place.
pub fn parse_f32(s: &str) -> Option<f32> {
    let b = s.as_bytes();
    let (negative, mut i) = match b.first() {
        Some(b'-') => (true, 1),
        _ => (false, 0),
    };
    // The first 19 significant digits (below 10^19 < 2^64), the decimal exponent that scales
    // them, and whether a digit past them was not zero.
    let (mut m, mut exp, mut sticky) = (0u64, 0i32, false);
    let (mut kept, mut any, mut fraction) = (0u32, false, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                any = true;
                let d = u64::from(c - b'0');
                if kept < 19 {
                    if m != 0 || d != 0 {
                        m = m * 10 + d;
                        kept += 1;
                    }
                    exp = exp.saturating_sub(i32::from(fraction));
                } else {
                    sticky |= d != 0;
                    exp = exp.saturating_add(i32::from(!fraction));
                }
            }
            b'.' if !fraction => fraction = true,
            b'e' | b'E' => break,
            _ => return None,
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if i < b.len() {
        i += 1;
        let below = b.get(i) == Some(&b'-');
        if let Some(b'-' | b'+') = b.get(i) {
            i += 1;
        }
        let digits = b.get(i..).filter(|d| !d.is_empty())?;
        let mut e = 0i32;
        for &c in digits {
            if !c.is_ascii_digit() {
                return None;
            }
            e = (e * 10 + i32::from(c - b'0')).min(100_000);
        }
        exp = exp.saturating_add(if below { -e } else { e });
    }
    let v = if m == 0 {
        0.0
    } else {
        magnitude(m, exp, sticky)
    };
    Some(if negative { -v } else { v })
}

/// `m × 10^exp` (plus a little when `sticky`) rounded to the nearest `f32`; `m > 0`.
fn magnitude(m: u64, exp: i32, sticky: bool) -> f32 {
    if exp >= 0 {
        // `as` rounds an integer to the nearest float, ties to even; past 2^128 it is infinite,
        // as the nearest f32 of such a number is. `sticky` comes with 19 digits (m > 2^59), so
        // the bit it sets lies far below the 24 the float keeps.
        return match u32::try_from(exp)
            .ok()
            .and_then(|e| 10u128.checked_pow(e))
            .and_then(|p| u128::from(m).checked_mul(p))
        {
            Some(n) => (n | u128::from(sticky)) as f32,
            None => f32::INFINITY,
        };
    }
    let k = exp.unsigned_abs();
    if k > 27 {
        return (m as f64 / 10f64.powi(k.min(400) as i32)) as f32;
    }
    // m·2^(64+z) / 10^k with m·2^z in [2^63, 2^64): a quotient of at least 38 bits (10^27 <
    // 2^90), whose last bit, set when anything is left over, stands for the rest without
    // moving the rounding of the 24 bits kept. The float is then scaled by 2^-(64+z),
    // exactly in an f64; the result, above 10^-27, is a normal f32.
    let z = m.leading_zeros();
    let n = u128::from(m << z) << 64;
    let d = 10u128.pow(k);
    let q = (n / d) | u128::from(n % d != 0 || sticky);
    let scale = f64::from_bits(u64::from(1023 - 64 - z) << 52);
    (f64::from(q as f32) * scale) as f32
}

#[cfg(test)]
mod tests {
    use super::{fixed, parse_f32};

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

    /// What `str::parse::<f32>` gives, bit for bit, with the sign of zero.
    fn same(s: &str) {
        let want = s.parse::<f32>().unwrap();
        let got = parse_f32(s).unwrap_or_else(|| panic!("{s} not read"));
        assert_eq!(
            got.to_bits(),
            want.to_bits(),
            "{s}: {got:e} instead of {want:e}"
        );
    }

    #[test]
    fn parse_reads_what_the_standard_library_reads() {
        for s in [
            "0",
            "-0",
            "0.0",
            "-0.0e5",
            "1",
            "-1",
            "0.5",
            "12.5e3",
            "-2.5E-3",
            "1E+2",
            "1.",
            ".5",
            "16777216",
            "16777217",
            "16777219",
            "16777217.000000000000000000001",
            "0.1",
            "0.3",
            "3.4028235e38",
            "3.4028236e38",
            "3.40282357e38",
            "1e38",
            "1e39",
            "99e37",
            "1e-27",
            "1.17549435e-38",
            "0.000000001",
            "123456789012345678901234567890",
            "1234567890123456789012345.5",
            "0.00000000000000000000000000000000001e30",
            "100000000000000000000000000000000000000000000000000e-40",
        ] {
            same(s);
        }
        // Shortest forms of random floats (as positions are saved), their long forms (the
        // exact value of an f32 printed as an f64: many near the halfway points), and random
        // digits with random exponents.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..100_000 {
            let r = next();
            let f = f32::from_bits(0x3200_0000 + (r as u32) % 0x4d00_0000);
            for s in [
                format!("{f}"),
                format!("{f:e}"),
                format!("{}", f64::from(f)),
            ] {
                same(&s);
            }
            let mid = (f64::from(f) + f64::from(f32::from_bits(f.to_bits() + 1))) / 2.0;
            same(&format!("{mid}"));
            same(&format!("{mid:e}"));
            let digits = (next() % 10u64.pow(1 + (r >> 40) as u32 % 19)).to_string();
            let e = (r >> 50) as i32 % 60 - 27 - digits.len() as i32 + 1;
            same(&format!("{digits}e{e}"));
            same(&format!(
                "{digits}{}e{e}",
                "0".repeat((r >> 58) as usize % 20)
            ));
        }
    }

    #[test]
    fn parse_below_the_exact_range_is_within_one_unit() {
        for s in [
            "1e-30",
            "1.5e-35",
            "3e-40",
            "1e-45",
            "7e-46",
            "1e-400",
            "-2.75e-33",
        ] {
            let want = s.parse::<f32>().unwrap();
            let got = parse_f32(s).unwrap();
            assert!(
                (got.to_bits() as i64 - want.to_bits() as i64).abs() <= 1,
                "{s}: {got:e} instead of {want:e}"
            );
        }
    }

    #[test]
    fn parse_refuses_what_is_not_a_number() {
        for s in [
            "", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "abc", "1e5x", "--1", "+1",
        ] {
            assert_eq!(parse_f32(s), None, "{s}");
        }
        assert_eq!(parse_f32("1e99999999999999999999"), Some(f32::INFINITY));
        assert_eq!(parse_f32("1e-99999999999999999999"), Some(0.0));
    }
}
