//! The panels' data on the synthetic 727-row table joined to the real 2021 outline: the
//! committed file is the generator's output, a lever lists its 62 contributions, and the
//! charts' counts agree with the CSV export of the same selection.

use std::collections::{BTreeMap, BTreeSet};

use carte_mentale::interaction::panel::SortKey;
use carte_mentale::interaction::{Input, MapState};
use carte_mentale::model::search::Filters;
use carte_mentale::model::synthetic::{
    TABLE_2021_DATA_LEVER, TABLE_2021_ROWS, TABLE_2021_UNCLASSIFIED, synthetic_table_2021,
};
use carte_mentale::model::{Format, parse, table};
use carte_mentale::view::text::ApproxMeasure;

const TABLE: &str = "tests/data/contributions-synthetiques-2021.csv";

fn map() -> MapState {
    let outline = parse(include_str!("../assets/motion-2021.md"), Format::Markdown)
        .value
        .unwrap();
    let joined = table::join(outline, &synthetic_table_2021());
    MapState::new(joined.value.unwrap(), 1280.0, 720.0, &mut ApproxMeasure)
}

#[test]
fn the_committed_table_is_the_generators_and_says_it_is_synthetic() {
    let generated = synthetic_table_2021();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    if std::env::var_os("CARTE_MENTALE_WRITE_DATA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{TABLE} differs from synthetic_table_2021(): CARTE_MENTALE_WRITE_DATA=1 cargo test --test panel"
    );
    assert_eq!(generated, synthetic_table_2021(), "deterministic");
    let rows: Vec<&str> = generated.trim_end().split("\r\n").skip(1).collect();
    assert_eq!(rows.len(), TABLE_2021_ROWS);
    assert!(
        rows.iter()
            .all(|r| r.starts_with("Contribution synthétique n° "))
    );
    assert!(rows.iter().all(|r| r.contains(";Commune synthétique ")));
}

#[test]
fn the_table_joins_the_2021_outline_with_62_behind_the_data_lever() {
    let m = map();
    assert_eq!(m.motion().contributions.len(), TABLE_2021_ROWS);
    let unclassified = m
        .motion()
        .contributions
        .iter()
        .filter(|c| c.levers.is_empty())
        .count();
    assert_eq!(unclassified, TABLE_2021_UNCLASSIFIED);
    let lever = m.node_by_id("a3-l2").unwrap();
    assert!(
        m.graph().nodes[lever as usize]
            .label
            .contains("service public local de la donnée")
    );
    let list = m.lever_list(lever, SortKey::Department).unwrap();
    assert_eq!(
        (list.total as usize, list.items.len()),
        (TABLE_2021_DATA_LEVER, 62)
    );
    let deps: Vec<&str> = list
        .items
        .iter()
        .map(|i| i.department.as_deref().unwrap())
        .collect();
    let mut sorted = deps.clone();
    sorted.sort_by_key(|d| {
        (
            if d.starts_with("2A") {
                20
            } else {
                d.parse::<u32>().unwrap_or(0)
            },
            d.to_string(),
        )
    });
    assert_eq!(deps, sorted, "sorted by department");
}

/// The CSV's rows per lever title and distinct contributions per department, label and year.
struct CsvCounts {
    levers: BTreeMap<String, u32>,
    departments: BTreeMap<String, u32>,
    labels: BTreeMap<String, u32>,
    years: BTreeMap<String, u32>,
    ids: usize,
}

/// An RFC 4180 reader (records end with CRLF, `""` inside quotes).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn csv_counts(csv: &str) -> CsvCounts {
    let mut out = CsvCounts {
        levers: BTreeMap::new(),
        departments: BTreeMap::new(),
        labels: BTreeMap::new(),
        years: BTreeMap::new(),
        ids: 0,
    };
    let mut seen = BTreeSet::new();
    for cells in read_csv(csv.trim_start_matches('\u{feff}'))
        .into_iter()
        .skip(1)
    {
        assert_eq!(cells.len(), 11, "{cells:?}");
        // An empty `levier`: a contribution of a « Non classées » group.
        *out.levers.entry(cells[2].clone()).or_default() += 1;
        if seen.insert(cells[9].clone()) {
            for (map, v) in [
                (&mut out.departments, &cells[6]),
                (&mut out.labels, &cells[8]),
                (&mut out.years, &cells[7]),
            ] {
                if !v.is_empty() {
                    *map.entry(v.clone()).or_default() += 1;
                }
            }
        }
    }
    out.ids = seen.len();
    out
}

fn check_agreement(m: &mut MapState, id: &str) {
    let node = m.node_by_id(id).unwrap();
    m.select(Some(node));
    let csv = csv_counts(&m.csv_in_scope());
    let s = m.summary(node).unwrap();
    assert_eq!(s.total as usize, csv.ids, "{id}: contributions");
    for bar in &s.levers {
        let group = m.graph().is_group(m.node_by_id(&bar.value).unwrap());
        let key = if group { "" } else { bar.label.as_str() };
        assert_eq!(
            bar.count,
            csv.levers.get(key).copied().unwrap_or(0),
            "{id}: lever {}",
            bar.value
        );
    }
    let deps: u32 = s.departments.iter().map(|b| b.count).sum::<u32>() + s.other_departments;
    assert_eq!(
        deps,
        csv.departments.values().sum::<u32>(),
        "{id}: departments"
    );
    for bar in &s.departments {
        assert_eq!(
            Some(&bar.count),
            csv.departments.get(&bar.value),
            "{id}: {}",
            bar.value
        );
    }
    let top: Vec<u32> = s.departments.iter().map(|b| b.count).collect();
    let mut all: Vec<u32> = csv.departments.values().copied().collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    all.truncate(10);
    assert_eq!(top, all, "{id}: the ten largest departments");
    let labels: BTreeMap<String, u32> = s
        .labels
        .iter()
        .map(|b| (b.value.clone(), b.count))
        .collect();
    assert_eq!(labels, csv.labels, "{id}: labels");
    let years: BTreeMap<String, u32> = s.years.iter().map(|b| (b.value.clone(), b.count)).collect();
    assert_eq!(years, csv.years, "{id}: years");
}

#[test]
fn the_charts_count_what_the_csv_export_holds() {
    let mut m = map();
    for id in ["motion", "a1", "a3", "a3-l2"] {
        check_agreement(&mut m, id);
    }
    let s = m.summary(0).unwrap();
    assert_eq!(
        (s.total as usize, s.unclassified as usize),
        (TABLE_2021_ROWS, TABLE_2021_UNCLASSIFIED)
    );
    let mut f = Filters::default();
    f.labels.insert(4);
    f.years.insert(2021);
    m.set_filters(f);
    for id in ["motion", "a2", "a3", "a3-l2"] {
        check_agreement(&mut m, id);
    }
    assert!(m.summary(0).unwrap().total < TABLE_2021_ROWS as u32);
}

#[test]
fn an_open_panel_leaves_the_map_beside_it_with_the_selection_in_view() {
    let mut m = map();
    m.set_reduced_motion(true);
    let lever = m.node_by_id("a3-l2").unwrap();
    m.toggle(lever);
    m.select(Some(lever));
    // Wide: a panel of 400 px on the right; the map refits into the 880 px left of it.
    assert!(m.set_side_insets(400.0, 0.0, 0.0, &mut ApproxMeasure));
    let (min, max) = m.visible_bounds().unwrap();
    let a = m.camera().world_to_screen(min);
    let b = m.camera().world_to_screen(max);
    assert!(
        a[0] >= -1.0 && b[0] <= 880.0 + 1.0,
        "the map is left of the panel: {a:?} {b:?}"
    );
    let p = m.camera().world_to_screen(m.layout().position(lever));
    assert!(p[0] < 880.0, "the lever is beside the panel: {p:?}");
    // Closed again: the whole width.
    m.set_side_insets(0.0, 0.0, 0.0, &mut ApproxMeasure);
    let b2 = m.camera().world_to_screen(max);
    assert!(b2[0] > b[0], "back to the whole width");
    // Zoomed in on the lever, a panel that covers it moves the view, not the zoom.
    m.zoom_to(lever);
    let zoom = m.camera().zoom;
    drag(&mut m, [100.0, 100.0], [600.0, 100.0]);
    m.set_side_insets(0.0, 500.0, 0.0, &mut ApproxMeasure);
    let p = m.camera().world_to_screen(m.layout().position(lever));
    assert_eq!(m.camera().zoom, zoom);
    assert!(
        p[1] < 720.0 - 500.0 && p[0] > 0.0 && p[0] < 1280.0,
        "above the sheet: {p:?}"
    );
    // Insets that would leave nothing are clamped; bad numbers are ignored.
    m.set_side_insets(f32::NAN, 1e9, -5.0, &mut ApproxMeasure);
    let i = m.free_insets();
    assert!(
        i.bottom <= 720.0 * 0.75 && i.right == 0.0 && i.left == 0.0,
        "{i:?}"
    );
}

/// A mouse drag on the map from `a` to `b` (screen pixels): the view pans by `b - a`.
fn drag(m: &mut MapState, a: [f32; 2], b: [f32; 2]) {
    let inputs = [
        Input::PointerDown {
            id: 1,
            x: a[0],
            y: a[1],
            touch: false,
            time_ms: 0.0,
        },
        Input::PointerMove {
            id: 1,
            x: b[0],
            y: b[1],
        },
        Input::PointerUp {
            id: 1,
            x: b[0],
            y: b[1],
            time_ms: 100.0,
        },
    ];
    for input in inputs {
        m.handle(input, &mut ApproxMeasure);
    }
}
