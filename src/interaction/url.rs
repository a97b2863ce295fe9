//! The view of a map in the host page's URL fragment, so a copied link reopens it.
//!
//! Each map owns one part of the fragment, `cm.<map id>=<state>`, and leaves every other part
//! alone (`#intro` stays `#intro&cm.motion-2021=…`). The state is a small query string —
//! `sel=c3&ouverts=a1-l1,a2-l2&q=numérique&axes=a1&dep=94,2A&annees=2021&fonctions=maire&labels=5` —
//! percent-encoded inside its part.

use crate::model::limits::MAX_FRAGMENT_BYTES;
use crate::model::search::Filters;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub selected: Option<String>,
    /// Unfolded levers, in map order.
    pub unfolded: Vec<String>,
    pub query: String,
    pub filters: Filters,
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space); malformed escapes are kept as they are.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
                {
                    Ok(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn list(values: impl IntoIterator<Item = String>) -> String {
    values
        .into_iter()
        .map(|v| percent_encode(&v))
        .collect::<Vec<_>>()
        .join(",")
}

impl UrlState {
    pub fn is_empty(&self) -> bool {
        self.selected.is_none()
            && self.unfolded.is_empty()
            && self.query.is_empty()
            && self.filters.is_empty()
    }

    /// The state as a query string (empty for the default view).
    pub fn encode(&self) -> String {
        let f = &self.filters;
        let mut parts = Vec::new();
        if let Some(s) = &self.selected {
            parts.push(format!("sel={}", percent_encode(s)));
        }
        let pairs: [(&str, String); 7] = [
            ("ouverts", list(self.unfolded.iter().cloned())),
            ("q", percent_encode(self.query.trim())),
            ("axes", list(f.axes.iter().cloned())),
            ("dep", list(f.departments.iter().cloned())),
            ("annees", list(f.years.iter().map(|y| y.to_string()))),
            ("fonctions", list(f.roles.iter().cloned())),
            ("labels", list(f.labels.iter().map(|l| l.to_string()))),
        ];
        for (k, v) in pairs {
            if !v.is_empty() {
                parts.push(format!("{k}={v}"));
            }
        }
        parts.join("&")
    }

    /// Reads a state written by [`UrlState::encode`]; unknown keys and bad values are ignored.
    pub fn decode(s: &str) -> UrlState {
        let mut st = UrlState::default();
        for part in s.split('&') {
            let Some((k, v)) = part.split_once('=') else {
                continue;
            };
            let items = || v.split(',').filter(|x| !x.is_empty()).map(percent_decode);
            match k {
                "sel" => st.selected = Some(percent_decode(v)).filter(|x| !x.is_empty()),
                "ouverts" => st.unfolded = items().collect(),
                "q" => st.query = percent_decode(v),
                "axes" => st.filters.axes = items().collect(),
                "dep" => st.filters.departments = items().collect(),
                "annees" => st.filters.years = items().filter_map(|x| x.parse().ok()).collect(),
                "fonctions" => st.filters.roles = items().collect(),
                "labels" => {
                    st.filters.labels = items()
                        .filter_map(|x| x.parse().ok())
                        .filter(|l| (1..=5).contains(l))
                        .collect()
                }
                _ => {}
            }
        }
        st
    }
}

fn key(map_id: &str) -> String {
    format!("cm.{}=", percent_encode(map_id))
}

/// The fragment (without `#`) with this map's part replaced, added or removed (default view);
/// every other part is kept in place.
pub fn write_fragment(fragment: &str, map_id: &str, state: &UrlState) -> String {
    let k = key(map_id);
    let mut parts: Vec<String> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with(&k))
        .map(str::to_string)
        .collect();
    if !state.is_empty() {
        parts.push(format!("{k}{}", percent_encode(&state.encode())));
    }
    parts.join("&")
}

/// This map's state in a fragment, if it has one. A state longer than
/// [`MAX_FRAGMENT_BYTES`] is ignored (the map opens in its default view): no view we write is
/// that long, and a crafted one must not cost the visitor anything.
pub fn read_fragment(fragment: &str, map_id: &str) -> Option<UrlState> {
    let k = key(map_id);
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|p| p.strip_prefix(&k))
        .filter(|v| v.len() <= MAX_FRAGMENT_BYTES)
        .map(|v| UrlState::decode(&percent_decode(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> UrlState {
        let mut s = UrlState {
            selected: Some("c3".into()),
            unfolded: vec!["a1-l1".into(), "a3-l2".into()],
            query: "élu·es & numérique, 100 %".into(),
            ..UrlState::default()
        };
        s.filters.axes.insert("a3".into());
        s.filters
            .departments
            .extend(["94".to_string(), "2A".to_string()]);
        s.filters.years.insert(2021);
        s.filters.roles.insert("adjoint au maire".into());
        s.filters.labels.extend([4, 5]);
        s
    }

    #[test]
    fn state_round_trips() {
        let s = full();
        assert_eq!(UrlState::decode(&s.encode()), s);
        assert_eq!(UrlState::default().encode(), "");
        assert_eq!(UrlState::decode(""), UrlState::default());
        assert_eq!(
            UrlState::decode("labels=9,2&annees=x&inconnu=1&sel="),
            UrlState {
                filters: Filters {
                    labels: [2].into(),
                    ..Filters::default()
                },
                ..UrlState::default()
            }
        );
    }

    #[test]
    fn the_host_fragment_is_kept_and_maps_do_not_collide() {
        let a = full();
        let mut b = UrlState::default();
        b.unfolded.push("a2-l1".into());
        let f = write_fragment("#intro", "motion-2021", &a);
        assert!(f.starts_with("intro&cm.motion-2021="), "{f}");
        let f = write_fragment(&f, "autre", &b);
        assert_eq!(read_fragment(&f, "motion-2021"), Some(a.clone()));
        assert_eq!(read_fragment(&f, "autre"), Some(b));
        assert_eq!(read_fragment(&f, "absente"), None);
        // Back to the default view: only this map's part goes.
        let f = write_fragment(&f, "autre", &UrlState::default());
        assert_eq!(read_fragment(&f, "autre"), None);
        assert_eq!(read_fragment(&f, "motion-2021"), Some(a));
        assert!(f.starts_with("intro&"));
        assert!(
            !f.contains('#') && !f.contains(' ') && !f.contains(','),
            "one opaque, URL-safe part: {f}"
        );
    }

    #[test]
    fn a_state_over_the_limit_is_ignored() {
        let mut s = UrlState::default();
        s.filters.roles = (0..5000).map(|i| format!("r{i}")).collect();
        let f = write_fragment("#intro", "m", &s);
        assert!(f.len() > MAX_FRAGMENT_BYTES);
        assert_eq!(read_fragment(&f, "m"), None);
        s.filters.roles = (0..100).map(|i| format!("r{i}")).collect();
        let f = write_fragment("#intro", "m", &s);
        assert_eq!(read_fragment(&f, "m"), Some(s));
    }

    #[test]
    fn percent_encoding_round_trips_any_text() {
        for s in ["", "a b", "100 %", "é·œ", "%zz", "x=y&z", "🙂"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(
            percent_decode("%zz%4"),
            "%zz%4",
            "malformed escapes are kept"
        );
    }
}
