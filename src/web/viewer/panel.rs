//! The panels' data, on the handle: a lever's contributions (sorted, narrowed by the search
//! and the filters), an axis's or the motion's counts for the charts, a contribution's
//! citation with its link, the highlight of a listed contribution, and the room a panel
//! takes from the map. The page renders every string as text (`www/src/ui/`).

use wasm_bindgen::prelude::*;

use super::{CarteMentale, request_frame};
use crate::interaction::panel::SortKey;

#[wasm_bindgen]
impl CarteMentale {
    /// A lever's contributions as the panel lists them: `{ lever, total, sort, items: [{ id,
    /// text, author, role, collectivity, department, year, label, links }] }`, the items
    /// those the search and the filters keep, sorted by `sort` (`map`, `department`,
    /// `label`, `author`). Null for anything but a lever.
    #[wasm_bindgen(js_name = leverList)]
    pub fn lever_list(&self, id: &str, sort: &str) -> JsValue {
        self.of_node(id, |m, n| m.lever_list(n, SortKey::parse(sort)))
    }

    /// The counts behind a motion, axis or lever, filters applied (those of the CSV export of
    /// that selection): `{ id, total, levers, unclassified, departments, otherDepartments,
    /// labels, years }`, each list `[{ value, label, count }]`. Null for a contribution.
    pub fn summary(&self, id: &str) -> JsValue {
        self.of_node(id, |m, n| m.summary(n))
    }

    /// A contribution's citation: `{ id, text, attribution, fragment, plain }`, where
    /// `fragment` is the host page's fragment `current` with a view of this map (named `key`)
    /// on the contribution, unfolded under `lever` (or its first lever). Null otherwise.
    pub fn citation(&self, id: &str, lever: Option<String>, current: &str, key: &str) -> JsValue {
        self.of_node(id, |m, n| m.citation(n, lever.as_deref(), current, key))
    }

    /// A listed contribution has the pointer or the keyboard: its dot is highlighted and
    /// centred in the space the panels leave (null clears the highlight).
    pub fn preview(&mut self, id: Option<String>) {
        let changed = self.with_map(|m, _| {
            let node = id.as_deref().and_then(|i| m.node_by_id(i));
            m.preview(node)
        });
        if changed == Some(true) {
            request_frame(&self.inner);
        }
    }

    /// CSS pixels of the map covered by an open panel on the right, a bottom sheet below and
    /// the outline on the left (0 when closed): the map refits into the space left, or brings
    /// the selection back into it.
    #[wasm_bindgen(js_name = setPanelInsets)]
    pub fn set_panel_insets(&mut self, right: f32, bottom: f32, left: f32) {
        self.with_map(|m, measure| m.set_side_insets(right, bottom, left, measure));
    }

    /// The free space the insets leave, in CSS pixels from the canvas's top-left corner:
    /// `[left, top, right, bottom]` (for tests).
    #[wasm_bindgen(js_name = freeRect)]
    pub fn free_rect(&self) -> Vec<f32> {
        let inner = self.inner.borrow();
        inner.map.as_ref().map_or(Vec::new(), |m| {
            let i = m.free_insets();
            vec![
                i.left,
                i.top,
                m.camera().width - i.right,
                m.camera().height - i.bottom,
            ]
        })
    }
}
