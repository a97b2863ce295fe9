//! The handle's finding and sharing surface: search, filters, the keyboard's node, the view
//! in the URL fragment, and the outline the page mirrors as an ARIA tree.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::snapshot::{CountOut, HitOut, hits_of, snapshot};
use super::{CarteMentale, emit, emit_focus, emit_selection, request_frame, to_js};
use crate::interaction::url::{read_fragment, write_fragment};
use crate::model::order::Set;
use crate::model::search::Filters;

#[derive(Serialize)]
struct SearchOut {
    count: usize,
    /// The first hits, in map order, for the list under the search box.
    hits: Vec<HitOut>,
}

#[derive(Serialize)]
struct StepOut {
    id: String,
    index: usize,
    count: usize,
}

#[wasm_bindgen]
impl CarteMentale {
    /// Searches the map (case, accents, ligatures and `·` ignored) and highlights the hits.
    /// Returns `{ count, hits: [{ id, kind, title }] }` (the first 50 hits).
    pub fn search(&mut self, text: &str) -> JsValue {
        let out = self.with_map(|m, _| {
            let count = m.set_query(text);
            SearchOut {
                count,
                hits: hits_of(m),
            }
        });
        out.map_or(JsValue::NULL, |o| to_js(&o))
    }

    /// Goes to the next (or previous) search hit: shown, selected and brought into view.
    /// Returns `{ id, index, count }` or null when nothing matches.
    #[wasm_bindgen(js_name = stepHit)]
    pub fn step_hit(&mut self, forward: bool) -> JsValue {
        self.move_to_hit(|m| m.step_hit(forward))
    }

    /// Goes to search hit number `index` (0-based).
    #[wasm_bindgen(js_name = goToHit)]
    pub fn go_to_hit(&mut self, index: usize) -> JsValue {
        self.move_to_hit(|m| m.go_to_hit(index))
    }

    /// Sets the filters, `{ axes: [ids], years: [2021], departments: ["94"], roles: [...],
    /// labels: [1..5] }` (missing fields do not filter). Returns `{ kept, total }`.
    #[wasm_bindgen(js_name = setFilters)]
    pub fn set_filters(&mut self, filters: JsValue) -> Result<JsValue, JsValue> {
        let f = read_filters(&filters)
            .map_err(|e| JsValue::from_str(&format!("filtres invalides : {e}")))?;
        let counts = self.with_map(|m, _| m.set_filters(f));
        Ok(counts.map_or(JsValue::NULL, |(kept, total)| {
            to_js(&CountOut { kept, total })
        }))
    }

    /// The values each filter can take, with their counts: `{ axes, years, departments,
    /// roles, labels }`, each `[{ value, label, count }]`.
    pub fn facets(&self) -> JsValue {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(JsValue::NULL, |m| to_js(&m.facets()))
    }

    /// What the page's controls show: `{ query, count, hits, hit, selected, detail, focused,
    /// unfolded, kept, filters, filterCount, printable }` (see `Snapshot`), or null before a load.
    pub fn snapshot(&self) -> JsValue {
        let inner = self.inner.borrow();
        inner.map.as_ref().map_or(JsValue::NULL, snapshot)
    }

    /// The map as a tree: `[{ id, kind, level, title, place, children: [indices] }]`, the
    /// motion first.
    pub fn outline(&self) -> JsValue {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(JsValue::NULL, |m| to_js(&m.outline()))
    }

    /// Puts the keyboard's node on this node (shown first if it is a folded contribution)
    /// and keeps it in view. Returns whether it exists.
    #[wasm_bindgen(js_name = focusNode)]
    pub fn focus_node(&mut self, id: &str) -> bool {
        self.with_map(|m, _| {
            let Some(n) = m.node_by_id(id) else {
                return false;
            };
            if !m.reveal(n) {
                return false;
            }
            m.focus(n);
            m.keep_in_view(n);
            true
        })
        .unwrap_or(false)
    }

    /// CSS pixels along the top of the map covered by controls (the search bar): fitting the
    /// map keeps it below them. Called before `load`, it is the room the first fit leaves
    /// (fitting twice at load measured 66 ms on a slow phone: `docs/size.md`).
    #[wasm_bindgen(js_name = setTopInset)]
    pub fn set_top_inset(&mut self, pixels: f32) {
        self.inner.borrow_mut().top_inset = pixels;
        self.with_map(|m, measure| m.set_top_inset(pixels, measure));
    }

    /// The words of a group's count drawn on the map (`many` with `{n}` for the count), in
    /// the page's language.
    #[wasm_bindgen(js_name = setGroupText)]
    pub fn set_group_text(&mut self, one: String, many: String) {
        self.with_map(|m, _| m.set_group_text(&one, &many));
    }

    /// Whether the keyboard focus ring is drawn (the page calls this when the map gains or
    /// loses keyboard focus).
    #[wasm_bindgen(js_name = setFocusVisible)]
    pub fn set_focus_visible(&mut self, visible: bool) {
        let started = self.with_map(|m, _| m.set_focus_visible(visible));
        if started == Some(true) {
            emit_focus(&self.inner);
        }
    }

    /// The host page's fragment (without `#`) with this map's view written under `key`;
    /// other parts of the fragment are kept.
    #[wasm_bindgen(js_name = writeFragment)]
    pub fn write_fragment(&self, fragment: &str, key: &str) -> String {
        let inner = self.inner.borrow();
        match inner.map.as_ref() {
            Some(m) => write_fragment(fragment, key, &m.url_state()),
            None => fragment.trim_start_matches('#').to_string(),
        }
    }

    /// Restores the view written under `key` in a fragment (or the default view when the
    /// fragment has none). Returns whether the fragment held a view for this map.
    #[wasm_bindgen(js_name = applyFragment)]
    pub fn apply_fragment(&mut self, fragment: &str, key: &str) -> bool {
        let state = read_fragment(fragment, key);
        let found = state.is_some();
        let state = state.unwrap_or_default();
        let changed = self.with_map(|m, _| {
            let before = (m.selected(), m.unfolded_levers());
            m.apply_url_state(&state);
            before != (m.selected(), m.unfolded_levers())
        });
        if changed == Some(true) {
            emit(&self.inner, "toggle", &JsValue::NULL);
            emit_selection(&self.inner);
        }
        found
    }
}

impl CarteMentale {
    /// Moves to a search hit with `go`, then tells the page about the new selection and redraws.
    fn move_to_hit(
        &mut self,
        go: impl FnOnce(&mut crate::interaction::MapState) -> Option<crate::interaction::HitStep>,
    ) -> JsValue {
        let step = self.with_map(|m, _| {
            go(m).map(|s| StepOut {
                id: m.id(s.node).to_string(),
                index: s.index,
                count: s.count,
            })
        });
        match step.flatten() {
            Some(s) => {
                emit(&self.inner, "toggle", &JsValue::NULL);
                emit_selection(&self.inner);
                request_frame(&self.inner);
                to_js(&s)
            }
            None => JsValue::NULL,
        }
    }
}

/// The filters a page passes, `{ axes, years, departments, roles, labels }`: each a list (ids
/// and codes as strings, years and labels as whole numbers); a missing or null field does not
/// filter. Read field by field: a generic deserializer would cost the public module more than
/// the map's own reading of its data.
fn read_filters(value: &JsValue) -> Result<Filters, String> {
    let mut f = Filters::default();
    if value.is_null() || value.is_undefined() {
        return Ok(f);
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err("un objet est attendu".into());
    }
    let list = |name: &str| -> Result<Vec<JsValue>, String> {
        let v = js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::NULL);
        if v.is_null() || v.is_undefined() {
            Ok(Vec::new())
        } else if js_sys::Array::is_array(&v) {
            Ok(js_sys::Array::from(&v).iter().collect())
        } else {
            Err(format!("« {name} » doit être une liste"))
        }
    };
    // Each list is collected, then sorted once (`order::Set`).
    let texts = |name: &str| -> Result<Set<String>, String> {
        list(name)?
            .into_iter()
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| format!("« {name} » : du texte est attendu"))
            })
            .collect()
    };
    let wholes = |name: &str, max: u16| -> Result<Vec<u16>, String> {
        list(name)?
            .into_iter()
            .map(|v| match v.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=f64::from(max)).contains(&n) => Ok(n as u16),
                _ => Err(format!("« {name} » : un nombre entier est attendu")),
            })
            .collect()
    };
    f.axes = texts("axes")?;
    f.departments = texts("departments")?;
    f.roles = texts("roles")?;
    f.years = wholes("years", u16::MAX)?.into_iter().collect();
    f.labels = wholes("labels", u16::from(u8::MAX))?
        .into_iter()
        .map(|l| l as u8)
        .collect();
    Ok(f)
}
