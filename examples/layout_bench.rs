//! Native timing of the layout on synthetic motions: `cargo run --release --example layout_bench`.
//! Prints ms per tick, ticks and time to settle, and the quality metrics. The browser benchmark
//! against d3-force is `cargo xtask bench`.

use std::time::Instant;

use carte_mentale::layout::{Layout, Params, metrics};
use carte_mentale::model::synthetic::synthetic_graph;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![500, 2_000, 5_000, 20_000]
    } else {
        sizes
    };
    let mut params = Params::default();
    if let Some(v) = std::env::var("ALPHA_START")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        params.alpha_start = v;
    }
    if let Some(t) = std::env::var("SETTLE_TICKS")
        .ok()
        .and_then(|v| v.parse::<f32>().ok())
    {
        params.alpha_decay = 1.0 - (params.alpha_min / params.alpha_start).powf(1.0 / t);
    }
    println!(
        "{:>7} {:>9} {:>7} {:>10}  quality",
        "N", "ms/tick", "ticks", "settle ms"
    );
    for n in sizes {
        let g = synthetic_graph(n, 1);
        let visible = vec![true; g.len()];
        let t0 = Instant::now();
        let mut layout = Layout::with_params(&g, &visible, params);
        let mut ticks = 0;
        while !layout.is_settled() && ticks < 2_000 {
            layout.tick(1);
            ticks += 1;
        }
        let total = t0.elapsed().as_secs_f64() * 1e3;
        // Cost of one tick, as the browser benchmark measures it: ticks 2 to 21 of a fresh
        // layout of the same graph (the first tick sizes the reused buffers).
        let mut fresh = Layout::with_params(&g, &visible, params);
        fresh.tick(1);
        let t1 = Instant::now();
        fresh.tick(20);
        let per_tick = t1.elapsed().as_secs_f64() * 1e3 / 20.0;
        let pos: Vec<[f32; 2]> = (0..g.len() as u32).map(|i| layout.position(i)).collect();
        let radius: Vec<f32> = (0..g.len() as u32).map(|i| layout.radius(i)).collect();
        let rest = layout.rest_lengths();
        let q = metrics::quality(&g, &pos, &radius, &rest, &visible);
        println!("{n:>7} {per_tick:>9.3} {ticks:>7} {total:>10.1}  {q:?}");
    }
}
