//! The one value the page renders: after each call of the handle and each DOM event that
//! changed what the page's controls show ([`MapState::revision`]), the map pushes a snapshot
//! to the page's listener (`change`). The page keeps no copy of the map's state.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{Inner, emit, to_js};
use crate::interaction::MapState;
use crate::model::search::Filters;

#[derive(Serialize)]
pub(super) struct HitOut {
    id: String,
    kind: &'static str,
    title: String,
}

#[derive(Serialize)]
pub(super) struct CountOut {
    pub(super) kept: usize,
    pub(super) total: usize,
}

/// Hits listed under the search box (the count says how many there are in all).
const LISTED_HITS: usize = 50;

/// What the page's controls show, in one value: everything the element renders comes from
/// here after each change, so the page keeps no copy of the map's state.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Snapshot<'a> {
    /// The search text, its number of hits, the first hits and the rank of the one the view is on.
    query: &'a str,
    count: usize,
    hits: Vec<HitOut>,
    hit: Option<usize>,
    /// The selected node and what the panel shows for it.
    selected: Option<String>,
    detail: Option<crate::interaction::Detail>,
    /// The node the keyboard is on.
    focused: Option<String>,
    /// The unfolded levers, in map order.
    unfolded: Vec<String>,
    /// The contributions the filters keep; null when no filter is set (all are kept).
    kept: Option<Vec<String>>,
    filters: &'a Filters,
    filter_count: CountOut,
    /// Whether a lever is in scope for the print view.
    printable: bool,
}

/// The snapshot of a map (see `Snapshot`).
pub(super) fn snapshot(m: &MapState) -> JsValue {
    let (kept, total) = m.filter_count();
    let selected = m.selected();
    let filtered = kept < total;
    to_js(&Snapshot {
        query: m.query(),
        count: m.hits().len(),
        hits: hits_of(m),
        hit: m.current_hit(),
        selected: selected.map(|n| m.id(n).to_string()),
        detail: selected.map(|n| m.detail(n)),
        focused: m.focused().map(|n| m.id(n).to_string()),
        unfolded: m.unfolded_levers(),
        kept: filtered.then(|| kept_ids(m)),
        filters: m.filters(),
        filter_count: CountOut { kept, total },
        printable: m.lever_in_scope().is_some(),
    })
}

/// The first hits, for the list under the search box.
pub(super) fn hits_of(m: &MapState) -> Vec<HitOut> {
    m.hits()
        .iter()
        .take(LISTED_HITS)
        .map(|&n| {
            let (kind, title) = m.label(n);
            HitOut {
                id: m.id(n).to_string(),
                kind,
                title: title.to_string(),
            }
        })
        .collect()
}

/// Ids of the contributions the filters keep.
pub(super) fn kept_ids(m: &MapState) -> Vec<String> {
    m.kept_contributions()
        .map(|i| m.id(i).to_string())
        .collect()
}

/// Pushes the snapshot to the page's listener if what it shows changed since the last push.
pub(super) fn push(inner: &Rc<RefCell<Inner>>) {
    let snapshot = {
        let mut i = inner.borrow_mut();
        let Inner {
            map,
            listener,
            shown,
            ..
        } = &mut *i;
        let Some(m) = map.as_ref() else { return };
        if listener.is_none() || *shown == Some(m.revision()) {
            return;
        }
        *shown = Some(m.revision());
        snapshot(m)
    };
    emit(inner, "change", &snapshot);
}
