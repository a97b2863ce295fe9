//! The document's fields, read from the tree of `value.rs`: what is required, what may be
//! left out, and each field's type. A field of the wrong type or a missing one is an error
//! located at the value (or at the end of the object that lacks it); every such error in the
//! document is reported, not only the first. Fields the format does not know are ignored.

use std::borrow::Cow;

use super::value::{Kind, Member, Value};
use crate::model::{Axis, Contribution, Lever, Link, Motion, Proposal, SavedLayout, SavedPosition};

/// Errors found while reading, by byte offset.
#[derive(Default)]
pub struct Reader {
    pub errors: Vec<(usize, String)>,
}

/// An object's members, with the offset of its closing brace (where a missing field is
/// reported).
pub struct Fields<'v, 'a> {
    members: &'v [Member<'a>],
    end: usize,
}

/// What a value is, in French with its article, and the value itself when it is short:
/// « un texte ("x") », « un nombre (300) », « une liste ».
fn found(v: &Value) -> String {
    match &v.kind {
        Kind::Null => "null".into(),
        Kind::Bool(b) => format!("un booléen ({b})"),
        Kind::Number(n) => format!("un nombre ({n})"),
        Kind::Str(s) => {
            const SHOWN: usize = 60;
            match s.char_indices().nth(SHOWN) {
                Some((cut, _)) => format!("un texte (\"{}…\")", &s[..cut]),
                None => format!("un texte (\"{s}\")"),
            }
        }
        Kind::Array(_) => "une liste".into(),
        Kind::Object(_) => "un objet".into(),
    }
}

/// An integer type of the format: its name in messages and its range.
struct Int {
    name: &'static str,
    min: i64,
    max: i64,
}

const U8: Int = Int {
    name: "un nombre entier de 0 à 255",
    min: 0,
    max: 255,
};
const U16: Int = Int {
    name: "un nombre entier de 0 à 65535",
    min: 0,
    max: 65535,
};
const I32: Int = Int {
    name: "un nombre entier",
    min: i32::MIN as i64,
    max: i32::MAX as i64,
};

impl Reader {
    fn wrong(&mut self, v: &Value, expected: &str) {
        self.errors.push((
            v.start,
            format!("type inattendu : il faut {expected} ici, pas {}", found(v)),
        ));
    }

    /// `v` has the right type but not a value in range.
    fn invalid(&mut self, v: &Value, expected: &str) {
        self.errors.push((
            v.start,
            format!("valeur invalide : il faut {expected} ici, pas {}", found(v)),
        ));
    }

    /// The members of an object, or an error naming what `v` is instead.
    pub fn object<'v, 'a>(&mut self, v: &'v Value<'a>) -> Option<Fields<'v, 'a>> {
        match &v.kind {
            Kind::Object(members) => Some(Fields {
                members,
                end: v.end,
            }),
            _ => {
                self.wrong(v, "un objet");
                None
            }
        }
    }

    /// Field `name` (its key's place and its value): the first one written; a second one is an
    /// error.
    pub fn member<'v, 'a>(&mut self, f: &Fields<'v, 'a>, name: &str) -> Option<&'v Member<'a>> {
        let mut found = f.members.iter().filter(|m| m.key == name);
        let first = found.next()?;
        if let Some(again) = found.next() {
            self.errors
                .push((again.at, format!("champ en double : « {name} »")));
        }
        Some(first)
    }

    /// The value of field `name` (see [`Reader::member`]).
    pub fn get<'v, 'a>(&mut self, f: &Fields<'v, 'a>, name: &str) -> Option<&'v Value<'a>> {
        self.member(f, name).map(|m| &m.value)
    }

    /// A field that must be there.
    fn required<'v, 'a>(&mut self, f: &Fields<'v, 'a>, name: &str) -> Option<&'v Value<'a>> {
        let v = self.get(f, name);
        if v.is_none() {
            self.errors
                .push((f.end, format!("champ obligatoire manquant : « {name} »")));
        }
        v
    }

    fn string(&mut self, v: &Value) -> Option<String> {
        match &v.kind {
            Kind::Str(s) => Some(s.to_string()),
            _ => {
                self.wrong(v, "un texte");
                None
            }
        }
    }

    fn required_string(&mut self, f: &Fields, name: &str) -> String {
        self.required(f, name)
            .and_then(|v| self.string(v))
            .unwrap_or_default()
    }

    /// A text that may be left out (empty then); `null` is a mistake, as for any field that
    /// is not optional.
    fn text(&mut self, f: &Fields, name: &str) -> String {
        self.get(f, name)
            .and_then(|v| self.string(v))
            .unwrap_or_default()
    }

    /// The value of an optional field: absent or `null` is none.
    fn optional<'v, 'a>(&mut self, f: &Fields<'v, 'a>, name: &str) -> Option<&'v Value<'a>> {
        self.get(f, name).filter(|v| !matches!(v.kind, Kind::Null))
    }

    /// An optional text.
    fn optional_string(&mut self, f: &Fields, name: &str) -> Option<String> {
        self.optional(f, name).and_then(|v| self.string(v))
    }

    fn int(&mut self, v: &Value, t: &Int) -> Option<i64> {
        let Kind::Number(n) = &v.kind else {
            self.wrong(v, t.name);
            return None;
        };
        if n.contains(['.', 'e', 'E']) {
            self.wrong(v, t.name);
            return None;
        }
        match n.parse::<i64>() {
            Ok(x) if (t.min..=t.max).contains(&x) => Some(x),
            _ => {
                self.invalid(v, t.name);
                None
            }
        }
    }

    fn optional_int(&mut self, f: &Fields, name: &str, t: &Int) -> Option<i64> {
        self.optional(f, name).and_then(|v| self.int(v, t))
    }

    fn flag(&mut self, f: &Fields, name: &str) -> bool {
        match self.get(f, name) {
            None => false,
            Some(Value {
                kind: Kind::Bool(b),
                ..
            }) => *b,
            Some(v) => {
                self.wrong(v, "un booléen");
                false
            }
        }
    }

    /// The items of a list field, each read by `item`; absent is empty when `required` is
    /// false.
    fn list<T>(
        &mut self,
        f: &Fields,
        name: &str,
        required: bool,
        item: impl FnMut(&mut Self, &Value) -> Option<T>,
    ) -> Vec<T> {
        let v = if required {
            self.required(f, name)
        } else {
            self.get(f, name)
        };
        v.map_or_else(Vec::new, |v| self.items(v, item))
    }

    /// The items of the list `v`, each read by `item`.
    fn items<T>(
        &mut self,
        v: &Value,
        mut item: impl FnMut(&mut Self, &Value) -> Option<T>,
    ) -> Vec<T> {
        let Kind::Array(items) = &v.kind else {
            self.wrong(v, "une liste");
            return Vec::new();
        };
        items.iter().filter_map(|v| item(self, v)).collect()
    }

    fn links(&mut self, f: &Fields) -> Vec<Link> {
        self.list(f, "links", false, |r, v| {
            let f = r.object(v)?;
            Some(Link {
                text: r.required_string(&f, "text"),
                href: r.required_string(&f, "href"),
            })
        })
    }

    /// The motion object (`"motion": {…}`).
    pub fn motion(&mut self, v: &Value) -> Option<Motion> {
        let f = self.object(v)?;
        Some(Motion {
            id: self.required_string(&f, "id"),
            title: self.required_string(&f, "title"),
            description: self.text(&f, "description"),
            year: self.optional_int(&f, "year", &U16).map(|y| y as u16),
            links: self.links(&f),
            initial_expand_level: self
                .optional_int(&f, "initialExpandLevel", &I32)
                .map(|n| n as i32),
            axes: self.list(&f, "axes", true, Self::axis),
            contributions: self.list(&f, "contributions", false, Self::contribution),
            layout: self.get(&f, "layout").and_then(saved_layout),
        })
    }

    fn axis(&mut self, v: &Value) -> Option<Axis> {
        let f = self.object(v)?;
        Some(Axis {
            id: self.required_string(&f, "id"),
            title: self.required_string(&f, "title"),
            description: self.text(&f, "description"),
            links: self.links(&f),
            folded: self.flag(&f, "folded"),
            levers: self.list(&f, "levers", true, Self::lever),
        })
    }

    fn lever(&mut self, v: &Value) -> Option<Lever> {
        let f = self.object(v)?;
        Some(Lever {
            id: self.required_string(&f, "id"),
            title: self.required_string(&f, "title"),
            description: self.text(&f, "description"),
            links: self.links(&f),
            folded: self.flag(&f, "folded"),
        })
    }

    fn contribution(&mut self, v: &Value) -> Option<Contribution> {
        let f = self.object(v)?;
        Some(Contribution {
            id: self.required_string(&f, "id"),
            text: self.required_string(&f, "text"),
            author: self.optional_string(&f, "author"),
            role: self.optional_string(&f, "role"),
            collectivity: self.optional_string(&f, "collectivity"),
            department: self.optional_string(&f, "department"),
            year: self.optional_int(&f, "year", &U16).map(|y| y as u16),
            label: self.optional_int(&f, "label", &U8).map(|l| l as u8),
            levers: self.list(&f, "levers", false, |r, v| r.string(v)),
            axis: self.optional_string(&f, "axis"),
            links: self.links(&f),
            proposals: self.proposals(&f),
        })
    }

    /// A contribution's `proposals` (absent: not computed), each `{ "lever": id, "score": 0 to 1 }`.
    fn proposals(&mut self, f: &Fields) -> Option<Vec<Proposal>> {
        let v = self.get(f, "proposals")?;
        Some(self.items(v, |r, v| {
            let f = r.object(v)?;
            let lever = r.required_string(&f, "lever");
            let score = r.required(&f, "score").and_then(|v| r.score(v))?;
            Some(Proposal { lever, score })
        }))
    }

    /// A number from 0 to 1.
    fn score(&mut self, v: &Value) -> Option<f32> {
        const WANTED: &str = "un nombre de 0 à 1";
        let Kind::Number(n) = &v.kind else {
            self.wrong(v, WANTED);
            return None;
        };
        let x = crate::model::decimal::parse_f32(n).filter(|x| (0.0..=1.0).contains(x));
        if x.is_none() {
            self.invalid(v, WANTED);
        }
        x
    }
}

/// A `layout` block, or none when it does not read as one: it is a cache of what the viewer
/// can compute itself, so a damaged one is ignored, not an error.
fn saved_layout(v: &Value) -> Option<SavedLayout> {
    let mut r = Reader::default();
    let f = r.object(v)?;
    let engine = match &r.get(&f, "engine")?.kind {
        Kind::Str(s) => s.to_string(),
        _ => return None,
    };
    let aspect = number(r.get(&f, "aspect")?)?;
    let Kind::Array(items) = &r.get(&f, "positions")?.kind else {
        return None;
    };
    let positions = items
        .iter()
        .map(|p| match &p.kind {
            Kind::Array(t) => match t.as_slice() {
                [
                    Value {
                        kind: Kind::Str(id),
                        ..
                    },
                    x,
                    y,
                ] => Some(SavedPosition(Cow::to_string(id), number(x)?, number(y)?)),
                _ => None,
            },
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    r.errors.is_empty().then_some(SavedLayout {
        engine,
        aspect,
        positions,
    })
}

/// A number as an `f32` (finite).
fn number(v: &Value) -> Option<f32> {
    match &v.kind {
        Kind::Number(n) => crate::model::decimal::parse_f32(n).filter(|x| x.is_finite()),
        _ => None,
    }
}
