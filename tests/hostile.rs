//! Hostile and broken input (issue « no input freezes the page »): the inputs that once froze,
//! at ten times the size that froze, load or are refused within a bound. The bounds are
//! generous (seconds, for a busy two-core machine); the quadratic versions took minutes.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use carte_mentale::interaction::MapState;
use carte_mentale::interaction::url::{UrlState, percent_encode, read_fragment};
use carte_mentale::model::limits::{
    MAX_CONTRIBUTIONS, MAX_FRAGMENT_BYTES, MAX_INPUT_BYTES, MAX_TITLE_CHARS,
};
use carte_mentale::model::search::Filters;
use carte_mentale::model::synthetic::synthetic_motion;
use carte_mentale::model::{Format, Motion, Severity, parse};
use carte_mentale::view::text::{ApproxMeasure, TextMeasure};

/// Runs `f` and fails when it took longer than `seconds`.
fn within<T>(seconds: u64, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(seconds),
        "{what}: {took:?}, over the {seconds} s bound"
    );
    out
}

/// A JSON motion with `n` contributions, each written by `contribution(k)`.
fn json(n: usize, contribution: impl Fn(usize) -> String) -> String {
    let mut s = String::from(
        r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","title":"Motion synthétique","axes":[{"id":"a1","title":"Axe","levers":[{"id":"l1","title":"Levier"}]}],"contributions":["#,
    );
    for k in 0..n {
        if k > 0 {
            s.push(',');
        }
        s.push_str(&contribution(k));
    }
    s.push_str("]}}");
    s
}

#[test]
fn json_with_a_warning_on_every_contribution_is_linear() {
    // Once 116 s for 100 000 of these (each warning rescanned the file). At the limit, each
    // contribution carries four diagnostics and is padded so the file is near its maximum size.
    let pad = "x".repeat(MAX_INPUT_BYTES / MAX_CONTRIBUTIONS - 250);
    let text = json(MAX_CONTRIBUTIONS, |k| {
        format!(
            r#"{{"id":"c{k}","text":"{pad}","department":"Val-de-Marne","year":1850,"levers":[],"links":[{{"text":"x","href":"javascript:alert({k})"}}]}}"#
        )
    });
    assert!(text.len() <= MAX_INPUT_BYTES && text.len() > MAX_INPUT_BYTES * 3 / 4);
    let p = within(10, "20 000 contributions with warnings", || {
        parse(&text, Format::Json)
    });
    assert!(!p.has_errors(), "{:?}", &p.diagnostics[..3]);
    assert_eq!(p.value.unwrap().contributions.len(), MAX_CONTRIBUTIONS);
    assert_eq!(p.diagnostics.len(), 4 * MAX_CONTRIBUTIONS);
    // Every diagnostic still names its own place: the last contribution's are on its line.
    let last = p.diagnostics.last().unwrap();
    assert_eq!(last.line, 1);
    assert!(
        last.column as usize > text.len() - 2 * pad.len(),
        "{last:?}"
    );
}

#[test]
fn json_one_line_per_contribution_locates_every_diagnostic() {
    let text = json(MAX_CONTRIBUTIONS, |k| {
        format!("\n{{\"id\":\"c{k}\",\"text\":\"é\",\"levers\":[]}}")
    });
    let p = within(10, "20 000 unclassified contributions", || {
        parse(&text, Format::Json)
    });
    assert_eq!(p.diagnostics.len(), MAX_CONTRIBUTIONS);
    for (k, d) in p.diagnostics.iter().enumerate() {
        assert_eq!((d.line as usize, d.column), (k + 2, 7), "{d:?}");
        assert!(d.message.contains(&format!("« c{k} »")));
    }
}

#[test]
fn json_duplicate_ids_are_reported_once_each_and_fast() {
    // Once 36 s for 50 000: every duplicate rescanned the file from its end.
    let text = json(MAX_CONTRIBUTIONS, |k| {
        format!(r#"{{"id":"c{}","text":"t","levers":["l1"]}}"#, k / 2)
    });
    let p = within(10, "10 000 ids used twice", || parse(&text, Format::Json));
    let dups: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("utilisé plusieurs fois"))
        .collect();
    assert_eq!(dups.len(), MAX_CONTRIBUTIONS / 2);
    let same = json(MAX_CONTRIBUTIONS, |_| {
        r#"{"id":"c","text":"t","levers":["l1"]}"#.to_string()
    });
    let p = within(10, "one id used 20 000 times", || {
        parse(&same, Format::Json)
    });
    assert_eq!(p.diagnostics.len(), 1, "one message, not 19 999");
    assert!(
        p.diagnostics[0].message.contains("utilisé 20 000 fois"),
        "{}",
        p.diagnostics[0].message
    );
}

#[test]
fn json_past_the_limits_is_refused_with_a_message_naming_the_limit() {
    // Ten times the 100 000 contributions that froze: over the size limit, refused at once.
    let one = |k: usize| format!(r#"{{"id":"c{k}","text":"t","levers":[]}}"#);
    let huge = json(1_000_000, one);
    assert!(huge.len() > MAX_INPUT_BYTES);
    let p = within(10, "a 40 MB file", || parse(&huge, Format::Json));
    assert!(p.value.is_none());
    assert!(p.diagnostics[0].message.contains("la limite est de 16 Mo"));
    // Under the size limit, over the contribution limit.
    let many = json(100_000, one);
    assert!(many.len() < MAX_INPUT_BYTES);
    let p = within(10, "100 000 contributions", || parse(&many, Format::Json));
    assert!(p.value.is_none());
    assert_eq!(p.diagnostics.len(), 1);
    assert_eq!(
        p.diagnostics[0].message,
        "trop de contributions (100 000) : la limite est de 20 000"
    );
    assert_eq!(p.diagnostics[0].severity, Severity::Error);
    // A title over its limit is cut, with a warning; the map is shown.
    let long = "T".repeat(40_000);
    let text = json(1, one).replace("\"title\":\"Axe\"", &format!("\"title\":\"{long}\""));
    let p = parse(&text, Format::Json);
    let m = p.value.expect("shown");
    assert_eq!(m.axes[0].title.chars().count(), MAX_TITLE_CHARS);
    assert!(p.diagnostics.iter().any(|d| d.severity == Severity::Warning
        && d.message
            == "le titre de l'axe « a1 » fait 40 000 caractères : coupé à 1 000, la limite"));
}

/// The 500-contribution map of the crafted link, with roles to filter on.
fn map_500() -> MapState {
    let mut motion = synthetic_motion(500, 7);
    for (k, c) in motion.contributions.iter_mut().enumerate() {
        c.role = Some(format!("Fonction synthétique {}", k % 40));
        c.department = Some(format!("{:02}", 1 + k % 95));
    }
    MapState::new(motion, 1200.0, 800.0, &mut ApproxMeasure)
}

/// The crafted state: `n` roles and `n` unfolded ids that match nothing, and one that does.
fn crafted(n: usize) -> UrlState {
    let mut s = UrlState::default();
    s.filters.roles = (0..n).map(|i| format!("r{i}")).collect();
    s.filters.roles.insert("fonction synthetique 3".into());
    s.filters.departments = (0..n).map(|i| format!("d{i}")).collect();
    s.filters.departments.insert("04".into());
    s.unfolded = (0..n).map(|i| format!("x{i}")).collect();
    s.unfolded.push("a1-l1".into());
    s.query = "synthétique ".repeat(n / 10);
    s
}

#[test]
fn a_crafted_link_restores_in_linear_time_and_counts_are_free() {
    // Once 5 s to restore 15 000 roles, then 1.6 s per count. Ten times that, past every limit
    // a real link has, applied directly: linear in the map and the state.
    let mut m = map_500();
    let state = crafted(150_000);
    within(10, "restoring 150 000 roles and ids", || {
        m.apply_url_state(&state)
    });
    let (kept, total) = within(10, "10 000 counts", || {
        let mut last = (0, 0);
        for _ in 0..10_000 {
            last = m.filter_count();
        }
        last
    });
    assert_eq!(total, 500);
    // Role 3 of 40 and department 04 of 95: contributions k with k ≡ 3 (mod 40) and k ≡ 3 (mod 95).
    let expected = (0..500).filter(|k| k % 40 == 3 && k % 95 == 3).count();
    assert_eq!(kept, expected);
    assert_eq!(
        m.filters().count(m.motion()),
        (kept, total),
        "the same count"
    );
    assert_eq!(m.unfolded_levers(), vec!["a1-l1".to_string()]);
}

#[test]
fn a_crafted_link_over_the_limit_is_ignored() {
    // The 1 MB link that took 55 s: ignored, the map opens in its default view.
    let state = crafted(15_000);
    let fragment = format!("cm.m={}", percent_encode(&state.encode()));
    let mut big = fragment.clone();
    while big.len() < 1_000_000 {
        big.push_str(&format!("%2Cr{}", big.len()));
    }
    assert!(within(10, "reading a 1 MB fragment", || read_fragment(&big, "m")).is_none());
    assert!(fragment.len() > MAX_FRAGMENT_BYTES);
    assert!(read_fragment(&fragment, "m").is_none());
    // At the limit, read and restored quickly.
    let mut s = UrlState::default();
    s.filters.roles = (0..1_500).map(|i| format!("r{i}")).collect();
    let fragment = format!("cm.m={}", percent_encode(&s.encode()));
    assert!(fragment.len() <= MAX_FRAGMENT_BYTES);
    let mut m = map_500();
    within(10, "a fragment at the limit", || {
        let read = read_fragment(&fragment, "m").expect("read");
        assert_eq!(read, s);
        m.apply_url_state(&read);
    });
    assert_eq!(m.filter_count(), (0, 500));
}

#[test]
fn filters_with_many_values_count_in_one_pass() {
    let m = map_500();
    let f = Filters {
        roles: (0..200_000).map(|i| format!("Rôle {i}")).collect(),
        axes: (0..200_000).map(|i| format!("a{i}")).collect(),
        ..Filters::default()
    };
    let (kept, total) = within(10, "200 000 values per filter", || f.count(m.motion()));
    assert_eq!(total, 500);
    assert_eq!(kept, 0, "no contribution has those roles");
}

/// A motion whose first lever's title is `n` characters long (bypassing the parsers, which cut
/// titles at `MAX_TITLE_CHARS`: the drawing must hold on its own).
fn with_long_title(n: usize, word: &str) -> Motion {
    let mut m = synthetic_motion(60, 3);
    let reps = n / word.chars().count();
    m.axes[0].levers[0].title = word.repeat(reps);
    m.axes[1].title = word.repeat(reps);
    m
}

/// Counts the characters it is asked to measure, like a canvas would pay for them.
struct Counting(usize);

impl TextMeasure for Counting {
    fn width(&mut self, text: &str, font_px: f32, bold: bool) -> f32 {
        self.0 += text.chars().count();
        ApproxMeasure.width(text, font_px, bold)
    }
}

#[test]
fn a_400_000_character_title_loads_and_draws_with_bounded_measures() {
    // Once 8 s to load and 2.5 s a frame at 40 000 characters; ten times that here.
    for word in ["mot ", "x", "\u{200b}"] {
        let motion = with_long_title(400_000, word);
        let mut measure = Counting(0);
        let mut m = within(10, "loading", || {
            MapState::new(motion, 1200.0, 800.0, &mut measure)
        });
        let before = measure.0;
        within(10, "ten frames", || {
            for _ in 0..10 {
                m.frame(16.0, &mut measure);
                let scene = m.scene(&mut measure);
                assert!(!scene.labels.is_empty());
            }
        });
        let per_frame = (measure.0 - before) / 10;
        assert!(
            per_frame < 2_000_000,
            "{per_frame} characters measured per frame"
        );
    }
}

/// Unfolding every lever of a map at the contribution limit, one lever after the other as a
/// visitor or a restored link does: each unfold returns at once and each frame stays bounded
/// (the run in progress used to be finished synchronously at each unfold: 52 s in all).
#[test]
fn unfolding_every_lever_at_the_limit_never_runs_a_whole_layout_at_once() {
    let motion = synthetic_motion(MAX_CONTRIBUTIONS, 11);
    let mut map = MapState::new(motion, 1280.0, 800.0, &mut ApproxMeasure);
    let levers: Vec<u32> = (0..map.graph().len() as u32)
        .filter(|&i| map.graph().nodes[i as usize].level == 2)
        .collect();
    assert!(levers.len() >= 10);
    for &l in &levers {
        within(2, "one unfold", || assert!(map.toggle(l)));
        within(5, "one frame after an unfold", || {
            map.frame(16.0, &mut ApproxMeasure)
        });
    }
    let mut frames = 0;
    within(60, "settling 20 000 contributions", || {
        while map.frame(16.0, &mut ApproxMeasure) && frames < 2_000 {
            frames += 1;
        }
    });
    assert!(map.layout().is_settled(), "settled in {frames} frames");
    let shown = (0..map.graph().len() as u32)
        .filter(|&i| map.layout().is_visible(i))
        .count();
    assert_eq!(shown, map.graph().len());
}

/// A search matching every contribution of a map at the limit, levers folded: each hit marks
/// its levers through the graph's kept adjacency (a scan of every link per hit was quadratic:
/// 20 000 hits × 20 000 links at each keystroke).
#[test]
fn a_search_matching_every_contribution_at_the_limit_is_linear() {
    let motion = synthetic_motion(MAX_CONTRIBUTIONS, 11);
    let mut map = MapState::new(motion, 1280.0, 800.0, &mut ApproxMeasure);
    for q in ["synthétique", "synthétiqu", "synthétique"] {
        let hits = within(3, "a keystroke matching 20 000 contributions", || {
            map.set_query(q)
        });
        assert!(hits >= MAX_CONTRIBUTIONS, "{hits} hits for {q}");
    }
    let lever = (0..map.graph().len())
        .find(|&i| map.graph().nodes[i].level == 2)
        .unwrap();
    assert!(
        map.view().matched[lever],
        "a folded lever holding hits is marked"
    );
}

/// The studio's review of a table at the limit, half of it unclassified: the proposals of every
/// row come from one index (built once per row, they cost rows × table).
#[test]
fn reviewing_ten_thousand_unclassified_rows_builds_one_index() {
    use carte_mentale::model::review::Review;
    let outline = include_str!("../assets/motion-2021.md");
    let mut table = String::from("contribution;levier;axe\n");
    for k in 0..MAX_CONTRIBUTIONS / 2 {
        table += &format!("Former les agents au numérique, cas {k};a1-l1;\n");
        table += &format!("Des données publiques ouvertes et réutilisées, cas {k};;a3\n");
    }
    let review = within(30, "reviewing 20 000 rows", || {
        Review::new(
            outline,
            "motion-2021.md",
            Some((&table, "contributions.csv")),
        )
    });
    assert_eq!(review.rows().len(), MAX_CONTRIBUTIONS / 2);
    assert!(review.rows().iter().all(|r| !r.proposals.is_empty()));
}

mod round_trip {
    use carte_mentale::model::json::{parse_json, to_json};
    use carte_mentale::model::{Axis, Contribution, Lever, Link, Motion};
    use proptest::prelude::*;

    /// Any printable text, quotes, backslashes, controls and invisible characters included,
    /// never blank (a blank title or text is an error, not a round trip).
    fn text() -> impl Strategy<Value = String> {
        "[\\PC\"\\\\\u{1}\u{7f}\u{200b}\u{feff}\u{202e}]{0,40}".prop_map(|s| format!("x{s}"))
    }

    fn optional() -> impl Strategy<Value = Option<String>> {
        prop::option::of(text())
    }

    fn link() -> impl Strategy<Value = Link> {
        (
            text(),
            prop_oneof![Just("https://"), Just("http://"), Just("mailto:")],
            "[a-z0-9./?=&#%-]{0,20}",
        )
            .prop_map(|(text, scheme, rest)| Link {
                text,
                href: format!("{scheme}{rest}"),
            })
    }

    /// A motion the loader accepts as written: unique ids, levers that exist and are cited
    /// once, safe links, labels 1 to 5, texts within the limits. Years, departments and the
    /// absence of levers may draw warnings, which change nothing.
    fn motion() -> impl Strategy<Value = Motion> {
        let axes = prop::collection::vec(
            (
                text(),
                text(),
                prop::collection::vec((text(), text()), 0..4),
            ),
            1..4,
        );
        (text(), text(), prop::option::of(any::<u16>()), axes)
            .prop_flat_map(|(title, description, year, axes)| {
                let axes: Vec<Axis> = axes
                    .into_iter()
                    .enumerate()
                    .map(|(a, (title, description, levers))| Axis {
                        id: format!("a{a}"),
                        title,
                        description,
                        links: Vec::new(),
                        folded: false,
                        levers: levers
                            .into_iter()
                            .enumerate()
                            .map(|(l, (title, description))| Lever {
                                id: format!("a{a}-l{l}"),
                                title,
                                description,
                                links: Vec::new(),
                                folded: l % 2 == 1,
                            })
                            .collect(),
                    })
                    .collect();
                let lever_ids: Vec<String> = axes
                    .iter()
                    .flat_map(|a| a.levers.iter().map(|l| l.id.clone()))
                    .collect();
                let n = lever_ids.len();
                let contribution = (
                    text(),
                    optional(),
                    optional(),
                    optional(),
                    prop::option::of("[0-9]{2,3}|2A|2B|[a-z]{0,5}"),
                    prop::option::of(any::<u16>()),
                    prop::option::of(1u8..=5),
                    prop::sample::subsequence((0..n).collect::<Vec<_>>(), 0..=n.min(3)),
                    prop::collection::vec(link(), 0..3),
                );
                (
                    Just((title.clone(), description.clone(), year, axes, lever_ids)),
                    prop::collection::vec(contribution, 0..8),
                )
            })
            .prop_map(|((title, description, year, axes, lever_ids), cs)| Motion {
                id: "motion".into(),
                title,
                description,
                year,
                links: Vec::new(),
                initial_expand_level: None,
                layout: None,
                axes,
                contributions: cs
                    .into_iter()
                    .enumerate()
                    .map(
                        |(
                            k,
                            (
                                text,
                                author,
                                role,
                                collectivity,
                                department,
                                year,
                                label,
                                levers,
                                links,
                            ),
                        )| {
                            Contribution {
                                id: format!("c{k}"),
                                text,
                                author,
                                role,
                                collectivity,
                                department,
                                year,
                                label,
                                levers: levers.into_iter().map(|i| lever_ids[i].clone()).collect(),
                                axis: None,
                                links,
                                proposals: None,
                            }
                        },
                    )
                    .collect(),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Written as JSON and read back, a motion is unchanged; and so is the text it writes.
        #[test]
        fn json_written_then_read_is_the_identity(m in motion()) {
            let text = to_json(&m);
            let p = parse_json(&text);
            prop_assert!(!p.has_errors(), "{:?}", p.diagnostics);
            prop_assert_eq!(p.value.as_ref(), Some(&m));
            prop_assert_eq!(to_json(p.value.as_ref().unwrap()), text);
        }
    }
}

/// The figures of `docs/limits.md`: parse, layout and first scene of a file at every limit.
/// `cargo test --test hostile -- --ignored --nocapture measure_at_the_limits`
#[test]
#[ignore = "a measurement, run by hand for docs/limits.md"]
fn measure_at_the_limits() {
    use carte_mentale::model::json::to_json;
    use carte_mentale::model::limits::{MAX_LEVERS_PER_AXIS, MAX_TEXT_CHARS};
    let mut m = synthetic_motion(MAX_CONTRIBUTIONS, 11);
    let long = |n: usize| {
        "Texte synthétique "
            .repeat(n / 18 + 1)
            .chars()
            .take(n)
            .collect::<String>()
    };
    for a in &mut m.axes {
        a.title = long(MAX_TITLE_CHARS);
        for l in &mut a.levers {
            l.title = long(MAX_TITLE_CHARS);
        }
    }
    // Pad texts so the file is near its maximum size; one contribution at the text limit.
    let pad = long(MAX_INPUT_BYTES / MAX_CONTRIBUTIONS - 300);
    for c in &mut m.contributions {
        c.text = format!("{} {pad}", c.text);
    }
    m.contributions[0].text = long(MAX_TEXT_CHARS);
    let text = to_json(&m);
    println!(
        "file: {} bytes, {} contributions, {} levers of {MAX_TITLE_CHARS}-character titles (limit {MAX_LEVERS_PER_AXIS} an axis)",
        text.len(),
        m.contributions.len(),
        m.axes.iter().map(|a| a.levers.len()).sum::<usize>()
    );
    let t = Instant::now();
    let p = parse(&text, Format::Json);
    println!(
        "parse: {:?} ({} diagnostics)",
        t.elapsed(),
        p.diagnostics.len()
    );
    let motion = p.value.expect("loads");
    let t = Instant::now();
    let mut map = MapState::new(motion, 1280.0, 800.0, &mut ApproxMeasure);
    println!("layout (levers folded) + fit: {:?}", t.elapsed());
    let t = Instant::now();
    let scene = map.scene(&mut ApproxMeasure);
    println!(
        "first scene: {:?} ({} nodes drawn)",
        t.elapsed(),
        scene.nodes.len()
    );
    let t = Instant::now();
    for lever in 0..map.graph().len() as u32 {
        if map.graph().nodes[lever as usize].level == 2 {
            map.toggle(lever);
        }
    }
    let mut frames = 0;
    while map.frame(16.0, &mut ApproxMeasure) && frames < 1_000 {
        frames += 1;
    }
    println!(
        "every lever unfolded, settled in {frames} frames: {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let scene = map.scene(&mut ApproxMeasure);
    println!(
        "scene with everything shown: {:?} ({} nodes drawn)",
        t.elapsed(),
        scene.nodes.len()
    );
}
