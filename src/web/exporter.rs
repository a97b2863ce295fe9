//! The exports module (`www/pkg-export`, `--no-default-features --features export`): what
//! leaves a map and is not needed to show it, the SVG poster, the CSV and a lever's print view,
//! written from the document the map read and what its handle says (`csvRows`, `linkState`,
//! `layoutPositions`…). A page fetches it at a visitor's first such export, so that none of
//! this is in the map's module every visitor downloads, nor in the converter a Markdown map
//! waits for.

use wasm_bindgen::prelude::*;

use super::measure::CanvasMeasure;
use super::to_js;
use super::types::load_from_page;
use crate::interaction::MapState;
use crate::interaction::export::lever_print;
use crate::interaction::url::UrlState;
use crate::model::Motion;
use crate::model::graph::MindGraph;
use crate::view::scene::GroupText;
use crate::view::svg;

/// The motion of `json` (named `name`), read by the map's own load path; `None` if it has an
/// error, as the map would have refused it.
fn document(json: &str, name: &str) -> Option<Motion> {
    let (loaded, _) = load_from_page(json, name, None, None);
    let failed = loaded.has_errors();
    loaded.motion.filter(|_| !failed)
}

/// The CSV export of a map, written here rather than by the map's module, which only says what
/// to write: `json` and `name` are what the map's `load` read, `rows` the indices of the
/// contributions to write (`csvRows`), `levers` the nodes of the levers the rows are limited to
/// (`csvLevers`; the node numbering of `MindGraph::from_motion`, the same here for the same
/// document). The text of `model::export::contributions_csv` on the map's own motion
/// (`MapState::csv_in_scope`); null if the document no longer loads or an index is out of range.
#[wasm_bindgen(js_name = contributionsCsv)]
pub fn contributions_csv(
    json: &str,
    name: &str,
    rows: &[u32],
    levers: Option<Vec<u32>>,
) -> Option<String> {
    let motion = &document(json, name)?;
    let rows: Vec<usize> = rows.iter().map(|&i| i as usize).collect();
    if rows.iter().any(|&i| i >= motion.contributions.len()) {
        return None;
    }
    let levers = match levers {
        Some(nodes) => {
            let graph = MindGraph::from_motion(motion);
            let ids = graph.ids(motion);
            let named: Option<Vec<String>> = nodes
                .iter()
                .map(|&n| ids.get(n as usize).cloned())
                .collect();
            Some(named?)
        }
        None => None,
    };
    Some(crate::model::export::contributions_csv(
        motion,
        &rows,
        levers.as_deref(),
    ))
}

/// The SVG poster of a map (the whole visible map), drawn here rather than by the map's module:
/// `json` and `name` are what the map's `load` read, `state` its link state (`linkState`:
/// unfolded levers, filters, search), `positions` its layout's (`layoutPositions`) for the
/// width over height `aspect` (`layoutAspect`), `group_one`/`group_many` the words of a group's
/// count in the page's language. The same SVG as the live map's poster
/// (`MapState::mirror`); null if the document no longer loads or there is no document to
/// measure text in.
#[wasm_bindgen(js_name = posterSvg)]
pub fn poster_svg(
    json: &str,
    name: &str,
    state: &str,
    positions: &[f32],
    aspect: f32,
    group_one: String,
    group_many: String,
) -> Option<String> {
    let motion = document(json, name)?;
    let page = web_sys::window()?.document()?;
    let mut measure = CanvasMeasure::in_document(&page).ok()?;
    let group = GroupText {
        one: group_one,
        many: group_many,
    };
    let map = MapState::mirror(
        motion,
        &UrlState::decode(state),
        positions,
        aspect,
        &group,
        &mut measure,
    );
    Some(svg::render(
        &map.poster_scene(&mut measure),
        &map.motion().title,
    ))
}

/// A lever's print view as plain data (`{ motionId, motion, year, axisId, axis, leverId, lever,
/// description, contributions }`, the contributions as in the JSON format with their http(s)
/// links only), or null for an id that is not a lever nor a « Non classées » group: written
/// from `json` and `name`, what the map's `load` read. No layout runs.
#[wasm_bindgen(js_name = printData)]
pub fn print_data(json: &str, name: &str, id: &str) -> JsValue {
    let Some(motion) = &document(json, name) else {
        return JsValue::NULL;
    };
    let graph = MindGraph::from_motion(motion);
    let ids = graph.ids(motion);
    ids.iter()
        .position(|x| x == id)
        .and_then(|n| lever_print(motion, &graph, &ids, n as u32))
        .map_or(JsValue::NULL, |p| to_js(&p))
}
