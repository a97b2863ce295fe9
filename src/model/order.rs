//! One sort path for the whole crate.
//!
//! Every `sort_by` with its own closure compiles to its own copy of the standard library's sort
//! (a few kilobytes of wasm each). Here the keys are computed first, packed into integers, and
//! only three sorts are compiled: the standard library's for integer keys (`u128`) and for
//! string keys, and a radix sort for `u32` values. Orders are those of the stable `sort_by_key`
//! they replace: the element's index is the last part of every key, so ties keep their order.

/// Position in the total order of `f32::total_cmp`, as an unsigned integer: `a.total_cmp(&b)` is
/// `f32_key(a).cmp(&f32_key(b))`.
pub fn f32_key(x: f32) -> u32 {
    let b = x.to_bits();
    // Negative numbers: every bit flipped (larger magnitude first); others: the sign bit set.
    b ^ (((b as i32 >> 31) as u32) | 0x8000_0000)
}

fn from_f32_key(k: u32) -> f32 {
    f32::from_bits(if k & 0x8000_0000 != 0 {
        k ^ 0x8000_0000
    } else {
        !k
    })
}

/// The order of `keys` (each below 2^96): the indices of the elements, smallest key first,
/// equal keys by index (a stable order).
pub fn permutation(mut keys: Vec<u128>) -> Vec<u32> {
    for (i, k) in keys.iter_mut().enumerate() {
        debug_assert!(*k >> 96 == 0, "sort key wider than 96 bits");
        *k = (*k << 32) | i as u128;
    }
    keys.sort_unstable();
    keys.into_iter().map(|k| k as u32).collect()
}

/// Reorders `v` so that its element `i` is the former element `order[i]`.
pub fn apply<T>(v: &mut [T], order: &[u32]) {
    let mut order = order.to_vec();
    for start in 0..v.len().min(order.len()) {
        // Walk the cycle through `start`, marking each position done (order[j] == j).
        let mut j = start;
        loop {
            let k = order[j] as usize;
            order[j] = j as u32;
            if k == start || k == j {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// Stable sort of `v` by an integer key below 2^96 (pack several fields with shifts; map
/// floats with [`f32_key`], reverse an order with `MAX - x`).
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u128) {
    let order = permutation(v.iter().map(key).collect());
    apply(v, &order);
}

/// A set kept as a vector, sorted and without duplicates: what a `BTreeSet` gives (iteration in
/// order, membership in O(log n)) without compiling its tree code for each element type
/// (about 15 KB of wasm for the three sets of the filters). Serialised as a list.
///
/// [`Set::insert`] moves the larger values up, O(n) per call: many values go through
/// `collect()` or [`Set::extend`], which sort once.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Set<T>(Vec<T>);

/// What a [`Set`] can hold: values with an order this module sorts by.
pub trait SetItem: Ord + Sized {
    /// The order of `items`, as [`permutation`] gives it.
    fn order(items: &[Self]) -> Vec<u32>;
}

impl SetItem for String {
    fn order(items: &[String]) -> Vec<u32> {
        str_order(&items.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

impl SetItem for u16 {
    fn order(items: &[u16]) -> Vec<u32> {
        permutation(items.iter().map(|&x| u128::from(x)).collect())
    }
}

impl SetItem for u8 {
    fn order(items: &[u8]) -> Vec<u32> {
        permutation(items.iter().map(|&x| u128::from(x)).collect())
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set(Vec::new())
    }
}

impl<T: SetItem> Set<T> {
    pub fn new() -> Self {
        Set::default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The values, smallest first.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }

    /// Adds `x`; false if it was there. O(n): for many values, [`Set::extend`].
    pub fn insert(&mut self, x: T) -> bool {
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, x);
                true
            }
        }
    }
}

impl<T: SetItem> Extend<T> for Set<T> {
    /// Adds every value, then sorts once: O(n log n).
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        let before = self.0.len();
        self.0.extend(items);
        if self.0.len() > before {
            let order = T::order(&self.0);
            apply(&mut self.0, &order);
            self.0.dedup();
        }
    }
}

impl<T: SetItem> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = Set::new();
        set.extend(items);
        set
    }
}

impl<T: SetItem, const N: usize> From<[T; N]> for Set<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Ascending `u32` values (equal values are indistinguishable, so no order question).
///
/// An LSD radix sort rather than `sort_unstable`, which would compile the standard sort once
/// more for `u32` (3 KB of wasm; the `u128` keys of [`permutation`] have their copy, which is
/// 2 to 3 times faster than a radix sort of such wide keys): one pass counts the four bytes at
/// once, a byte all values share is skipped, and the passes move the values between `v` and
/// one scratch buffer. Short slices take an insertion sort. None of its callers runs per frame.
pub fn sort_u32(v: &mut [u32]) {
    let n = v.len();
    if n < 24 {
        for i in 1..n {
            let x = v[i];
            let mut j = i;
            while j > 0 && v[j - 1] > x {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return;
    }
    let byte = |x: u32, d: usize| (x >> (8 * d)) as u8 as usize;
    let mut counts = [[0usize; 256]; 4];
    for &x in v.iter() {
        for (d, count) in counts.iter_mut().enumerate() {
            count[byte(x, d)] += 1;
        }
    }
    let mut scratch = v.to_vec();
    let mut in_scratch = false;
    for (d, count) in counts.iter_mut().enumerate() {
        if count.contains(&n) {
            continue; // Every value has this byte.
        }
        // Counts to starting positions.
        let mut start = 0;
        for c in count.iter_mut() {
            (*c, start) = (start, start + *c);
        }
        let (src, dst) = if in_scratch {
            (&scratch[..], &mut v[..])
        } else {
            (&v[..], &mut scratch[..])
        };
        for &x in src {
            let at = &mut count[byte(x, d)];
            dst[*at] = x;
            *at += 1;
        }
        in_scratch = !in_scratch;
    }
    if in_scratch {
        v.copy_from_slice(&scratch);
    }
}

/// Ascending `f32` values in the order of `f32::total_cmp`.
pub fn sort_f32(v: &mut [f32]) {
    let mut keys: Vec<u32> = v.iter().map(|&x| f32_key(x)).collect();
    sort_u32(&mut keys);
    for (x, k) in v.iter_mut().zip(keys) {
        *x = from_f32_key(k);
    }
}

/// The indices of `keys` in byte order of the strings, equal strings by index.
fn str_order(keys: &[&str]) -> Vec<u32> {
    // Pairs rather than indices with a comparator: for a 4-byte element the standard library
    // unrolls a sorting network around the string comparison (10 KB of wasm).
    let mut pairs: Vec<(&str, u32)> = keys.iter().copied().zip(0..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, i)| i).collect()
}

/// Ascending strings (byte order).
pub fn sort_strs(v: &mut [&str]) {
    let order = str_order(v);
    apply(v, &order);
}

/// For each string, its rank among the distinct strings of `keys` in byte order: equal strings
/// have equal ranks, so the rank can stand for the string inside an integer key.
pub fn str_ranks(keys: &[&str]) -> Vec<u32> {
    let order = str_order(keys);
    ranks_along(&order, |a, b| keys[a as usize] == keys[b as usize])
}

/// For each key (below 2^96), its rank among the distinct keys: equal keys have equal ranks, so
/// a composite order (several fields, strings through [`str_ranks`]) can stand in 32 bits of a
/// wider key.
pub fn ranks(keys: Vec<u128>) -> Vec<u32> {
    let order = permutation(keys.clone());
    ranks_along(&order, |a, b| keys[a as usize] == keys[b as usize])
}

/// The rank of each index along `order` (a sorted permutation), equal neighbours sharing one.
fn ranks_along(order: &[u32], equal: impl Fn(u32, u32) -> bool) -> Vec<u32> {
    let mut rank = vec![0u32; order.len()];
    let mut r = 0u32;
    for (n, &i) in order.iter().enumerate() {
        if n > 0 && !equal(i, order[n - 1]) {
            r += 1;
        }
        rank[i as usize] = r;
    }
    rank
}

/// Equal strings counted, smallest first in byte order (the order in which a
/// `BTreeMap<String, u32>` counting them iterates): for each distinct string of `keys`, the
/// index of its first occurrence and its count. A `BTreeMap` compiles its insertion, search and
/// drop code for each key and value type (several kilobytes of wasm each).
pub fn str_counts(keys: &[&str]) -> Vec<(u32, u32)> {
    let ranks = str_ranks(keys);
    let groups = ranks.iter().max().map_or(0, |&r| r as usize + 1);
    let mut out = vec![(0u32, 0u32); groups];
    for (i, &r) in ranks.iter().enumerate() {
        let g = &mut out[r as usize];
        if g.1 == 0 {
            g.0 = i as u32;
        }
        g.1 += 1;
    }
    out
}

/// Equal values counted, smallest first: `(value, count)` for each distinct value of `keys`.
pub fn u32_counts(mut keys: Vec<u32>) -> Vec<(u32, u32)> {
    sort_u32(&mut keys);
    let mut out: Vec<(u32, u32)> = Vec::new();
    for k in keys {
        match out.last_mut() {
            Some(last) if last.0 == k => last.1 += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

/// Stable sort of `v` by a number below 2^64, then a string (byte order): the order of
/// `sort_by(|a, b| num(a).cmp(&num(b)).then(text(a).cmp(&text(b))))`.
pub fn sort_by_num_then_str<T>(v: &mut [T], num: impl Fn(&T) -> u64, text: impl Fn(&T) -> String) {
    let texts: Vec<String> = v.iter().map(text).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let ranks = str_ranks(&refs);
    let keys = v
        .iter()
        .zip(ranks)
        .map(|(x, r)| (u128::from(num(x)) << 32) | u128::from(r))
        .collect();
    apply(v, &permutation(keys));
}

/// Strings looked up by value, in O(log n) each after one sort: what a `HashMap<&str, usize>`
/// from each key to its index gives, without compiling the hash table's code for each key and
/// value type (about 1 KB of wasm each, besides the table's own), and with no hash an input
/// could be written to collide on. Values live beside the keys, in vectors indexed the same.
pub struct StrIndex<'a> {
    keys: Vec<&'a str>,
    /// The indices of `keys` in byte order, equal strings by index.
    order: Vec<u32>,
}

impl<'a> StrIndex<'a> {
    pub fn new(keys: Vec<&'a str>) -> Self {
        let order = str_order(&keys);
        StrIndex { keys, order }
    }

    /// The key at index `i`.
    pub fn key(&self, i: usize) -> &'a str {
        self.keys[i]
    }

    /// The positions in `order` of the keys equal to `s`.
    fn span(&self, s: &str) -> std::ops::Range<usize> {
        let start = self.order.partition_point(|&i| self.keys[i as usize] < s);
        let len = self.order[start..].partition_point(|&i| self.keys[i as usize] == s);
        start..start + len
    }

    /// The index of the first key equal to `s` (what `entry(s).or_insert(i)` keeps).
    pub fn first(&self, s: &str) -> Option<u32> {
        let span = self.span(s);
        (!span.is_empty()).then(|| self.order[span.start])
    }

    /// The index of the last key equal to `s` (what `insert(s, i)` in order keeps).
    pub fn last(&self, s: &str) -> Option<u32> {
        let span = self.span(s);
        (!span.is_empty()).then(|| self.order[span.end - 1])
    }

    pub fn contains(&self, s: &str) -> bool {
        !self.span(s).is_empty()
    }

    /// How many keys equal `s`.
    pub fn count(&self, s: &str) -> usize {
        self.span(s).len()
    }

    /// For each key, whether an earlier key equals it.
    pub fn repeats(&self) -> Vec<bool> {
        let mut repeat = vec![false; self.keys.len()];
        for w in self.order.windows(2) {
            if self.keys[w[0] as usize] == self.keys[w[1] as usize] {
                repeat[w[1] as usize] = true;
            }
        }
        repeat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_key_follows_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -1e30,
            -1.5,
            -f32::MIN_POSITIVE,
            -0.0,
            0.0,
            1e-40,
            0.5,
            2.0,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
        ];
        for a in xs {
            assert_eq!(from_f32_key(f32_key(a)).to_bits(), a.to_bits());
            for b in xs {
                assert_eq!(a.total_cmp(&b), f32_key(a).cmp(&f32_key(b)), "{a} {b}");
            }
        }
    }

    /// A small deterministic generator, so the comparison with the standard sort covers ties.
    fn numbers(n: usize, seed: u64, modulo: u64) -> Vec<u64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (s >> 33) % modulo
            })
            .collect()
    }

    const SIZES: [usize; 10] = [0, 1, 2, 3, 23, 24, 25, 100, 1000, 10_000];

    /// Keys below 2^96 for `permutation`: random over the whole width, with many ties, in the
    /// high bits only, sorted and reversed.
    fn key_sets(n: usize) -> Vec<Vec<u128>> {
        let seed = n as u64;
        let wide: Vec<u128> = numbers(n, seed, u64::MAX)
            .into_iter()
            .zip(numbers(n, seed + 1, u64::MAX))
            .zip(numbers(n, seed + 2, u64::MAX))
            .map(|((a, b), c)| (u128::from(a) << 65) ^ (u128::from(b) << 33) ^ u128::from(c))
            .enumerate()
            .map(|(i, k)| if i % 7 == 0 { (1 << 96) - 1 } else { k })
            .collect();
        let ties: Vec<u128> = numbers(n, seed + 3, 5)
            .into_iter()
            .map(u128::from)
            .collect();
        let high: Vec<u128> = numbers(n, seed + 4, 3)
            .into_iter()
            .map(|x| (u128::from(x) << 94) | 1)
            .collect();
        let mut sorted = wide.clone();
        sorted.sort();
        let reversed: Vec<u128> = sorted.iter().rev().copied().collect();
        let mut sorted_ties = ties.clone();
        sorted_ties.sort();
        let reversed_ties: Vec<u128> = sorted_ties.iter().rev().copied().collect();
        vec![
            wide,
            ties,
            high,
            sorted,
            reversed,
            sorted_ties,
            reversed_ties,
        ]
    }

    #[test]
    fn permutation_is_the_stable_sort() {
        for n in SIZES {
            for keys in key_sets(n) {
                let mut std: Vec<u32> = (0..n as u32).collect();
                std.sort_by_key(|&i| keys[i as usize]);
                assert_eq!(permutation(keys.clone()), std, "{n} {keys:?}");
            }
        }
    }

    #[test]
    fn sort_u32_is_the_std_sort() {
        for n in SIZES {
            let seed = 100 + n as u64;
            let wide: Vec<u32> = numbers(n, seed, u64::MAX)
                .into_iter()
                .zip(numbers(n, seed + 1, u64::MAX))
                .map(|(a, b)| ((a << 1) ^ b) as u32)
                .enumerate()
                .map(|(i, x)| match i % 11 {
                    0 => u32::MAX,
                    1 => 0,
                    _ => x,
                })
                .collect();
            let ties: Vec<u32> = numbers(n, seed + 2, 4)
                .into_iter()
                .map(|x| x as u32)
                .collect();
            let high: Vec<u32> = numbers(n, seed + 3, 256)
                .into_iter()
                .map(|x| (x as u32) << 24)
                .collect();
            let mut sorted = wide.clone();
            sorted.sort();
            let reversed: Vec<u32> = sorted.iter().rev().copied().collect();
            for v in [wide, ties, high, sorted, reversed] {
                let mut std = v.clone();
                std.sort();
                let mut ours = v;
                sort_u32(&mut ours);
                assert_eq!(ours, std, "{n}");
            }
        }
    }

    #[test]
    fn sort_by_key_is_the_stable_sort() {
        for (n, modulo) in [(0, 1), (1, 1), (2, 1), (17, 3), (300, 7), (1000, 1000)] {
            let v: Vec<(u64, usize)> = numbers(n, n as u64, modulo)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            let mut std = v.clone();
            std.sort_by_key(|x| x.0);
            let mut ours = v;
            sort_by_key(&mut ours, |x| u128::from(x.0));
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn floats_and_strings() {
        let mut v = vec![2.0f32, -0.0, f32::NAN, -3.5, 0.0, 1.0, -3.5];
        let mut std = v.clone();
        std.sort_by(f32::total_cmp);
        sort_f32(&mut v);
        assert_eq!(
            v.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            std.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );

        let mut s = vec!["b", "a", "é", "B", "a", ""];
        sort_strs(&mut s);
        assert_eq!(s, ["", "B", "a", "a", "b", "é"]);
        assert_eq!(str_ranks(&["b", "a", "b", "c"]), [1, 0, 1, 2]);
        assert_eq!(ranks(vec![7, 1 << 90, 7, 0, 3]), [2, 3, 2, 0, 1]);
        assert_eq!(ranks(Vec::new()), Vec::<u32>::new());

        // Count descending, then text, ties in their first order.
        let mut v = vec![
            (1u32, "x", 0),
            (3, "b", 1),
            (1, "a", 2),
            (3, "b", 3),
            (3, "a", 4),
        ];
        let mut std = v.clone();
        std.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        sort_by_num_then_str(&mut v, |x| u64::from(u32::MAX - x.0), |x| x.1.to_string());
        assert_eq!(v, std);
    }

    #[test]
    fn counts_iterate_as_a_btreemap_counting() {
        use std::collections::BTreeMap;
        for (n, modulo) in [(0, 1), (1, 1), (50, 3), (500, 40)] {
            let values: Vec<u32> = numbers(n, 3 + n as u64, modulo)
                .into_iter()
                .map(|x| x as u32 * 7)
                .collect();
            let mut std: BTreeMap<u32, u32> = BTreeMap::new();
            for &v in &values {
                *std.entry(v).or_default() += 1;
            }
            assert_eq!(
                u32_counts(values.clone()),
                std.into_iter().collect::<Vec<_>>()
            );

            let texts: Vec<String> = values.iter().map(|v| format!("é{}", v % 11)).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut std: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
            for (i, t) in refs.iter().enumerate() {
                std.entry(t).or_insert((i as u32, 0)).1 += 1;
            }
            assert_eq!(str_counts(&refs), std.into_values().collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_set_is_a_btreeset() {
        use std::collections::BTreeSet;
        for (n, modulo) in [(0, 1), (1, 1), (50, 3), (500, 40)] {
            let values = numbers(n, 5 + n as u64, modulo);
            let texts: Vec<String> = values.iter().map(|v| format!("d{}", v % 13)).collect();
            let std: BTreeSet<String> = texts.iter().cloned().collect();
            let mut set: Set<String> = texts.iter().cloned().collect();
            assert_eq!(
                set.iter().collect::<Vec<_>>(),
                std.iter().collect::<Vec<_>>()
            );
            assert_eq!(set.len(), std.len());
            for t in ["d1", "d12", "d13", "zz"] {
                assert_eq!(set.contains(&t.to_string()), std.contains(t), "{t}");
            }
            // One by one, in the other order, and again: the same set.
            let mut one: Set<String> = Set::new();
            for t in texts.iter().rev() {
                one.insert(t.clone());
            }
            assert_eq!(one, set);
            assert_eq!(set.insert("d0".into()), !std.contains("d0"));
            assert!(!set.insert("d0".into()));
            set.extend(["d3".to_string(), "a".to_string(), "a".to_string()]);
            assert_eq!(set.iter().next().map(String::as_str), Some("a"));
            assert_eq!(set.iter().filter(|t| *t == "a").count(), 1);

            let years: Set<u16> = values.iter().map(|&v| 2000 + (v % 30) as u16).collect();
            let std: BTreeSet<u16> = values.iter().map(|&v| 2000 + (v % 30) as u16).collect();
            assert_eq!(
                years.iter().collect::<Vec<_>>(),
                std.iter().collect::<Vec<_>>()
            );
        }
        assert_eq!(
            Set::from([3u8, 1, 3]).iter().copied().collect::<Vec<_>>(),
            [1, 3]
        );
        let json = serde_json::to_string(&Set::from(["b".to_string(), "a".to_string()])).unwrap();
        assert_eq!(json, r#"["a","b"]"#);
    }

    #[test]
    fn str_index_answers_as_a_hash_map_would() {
        use std::collections::HashMap;
        for (n, modulo) in [(0, 1), (1, 1), (40, 7), (500, 60), (500, 5000)] {
            let texts: Vec<String> = numbers(n, 11, modulo)
                .into_iter()
                .map(|x| format!("id{x}"))
                .collect();
            let keys: Vec<&str> = texts.iter().map(String::as_str).collect();
            let index = StrIndex::new(keys.clone());
            let (mut first, mut last, mut count) = (HashMap::new(), HashMap::new(), HashMap::new());
            let mut seen = std::collections::HashSet::new();
            let mut repeats = Vec::new();
            for (i, &k) in keys.iter().enumerate() {
                first.entry(k).or_insert(i as u32);
                last.insert(k, i as u32);
                *count.entry(k).or_insert(0) += 1;
                repeats.push(!seen.insert(k));
            }
            assert_eq!(index.repeats(), repeats);
            for probe in (0..modulo + 3)
                .map(|x| format!("id{x}"))
                .chain(["".into(), "i".into()])
            {
                let p = probe.as_str();
                assert_eq!(index.first(p), first.get(p).copied(), "{p}");
                assert_eq!(index.last(p), last.get(p).copied(), "{p}");
                assert_eq!(index.count(p), count.get(p).copied().unwrap_or(0), "{p}");
                assert_eq!(index.contains(p), first.contains_key(p), "{p}");
            }
            for (i, &k) in keys.iter().enumerate() {
                assert_eq!(index.key(i), k);
            }
        }
    }
}
