//! Draws a [`Scene`] on a Canvas 2D context, sharp on HiDPI screens.

use std::f64::consts::FRAC_PI_2;

use web_sys::CanvasRenderingContext2d;

use crate::view::Scene;
use crate::view::labels::Align;
use crate::view::style::{self, Rgb};
pub use crate::web::measure::{CanvasMeasure, font};

/// Sets `ctx`'s font to `wanted` unless `current` (what this frame set last) is that already:
/// setting a font parses it, and consecutive labels mostly share theirs.
fn set_font(ctx: &CanvasRenderingContext2d, current: &mut String, wanted: String) {
    if *current != wanted {
        ctx.set_font(&wanted);
        *current = wanted;
    }
}

pub fn draw(ctx: &CanvasRenderingContext2d, scene: &Scene, dpr: f64, _measure: &mut CanvasMeasure) {
    // The context's font is not read back: the first label of a frame always sets its own.
    let mut current_font = String::new();
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_fill_style_str(&style::BACKGROUND.to_css());
    ctx.fill_rect(0.0, 0.0, scene.width as f64, scene.height as f64);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");

    // Links, batched: one path per run of the same style.
    let mut i = 0;
    while i < scene.links.len() {
        let (color, width) = (scene.links[i].color, scene.links[i].width);
        ctx.begin_path();
        while i < scene.links.len()
            && scene.links[i].color == color
            && scene.links[i].width == width
        {
            let l = &scene.links[i];
            ctx.move_to(l.from[0] as f64, l.from[1] as f64);
            ctx.line_to(l.to[0] as f64, l.to[1] as f64);
            i += 1;
        }
        ctx.set_stroke_style_str(&color.to_css());
        ctx.set_line_width(width as f64);
        ctx.stroke();
    }

    for g in &scene.groups {
        circle(ctx, g.center[0] as f64, g.center[1] as f64, g.radius as f64);
        ctx.set_fill_style_str(&g.color.to_css());
        ctx.set_global_alpha(style::GROUP_OPACITY as f64);
        ctx.fill();
        ctx.set_global_alpha(1.0);
    }

    // Search results: a highlighter's halo under the node.
    let halos: Vec<_> = scene.nodes.iter().filter(|n| n.halo.is_some()).collect();
    if !halos.is_empty() {
        ctx.begin_path();
        for n in &halos {
            let (x, y, r) = (
                n.center[0] as f64,
                n.center[1] as f64,
                (n.radius + style::MATCH_HALO) as f64,
            );
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
        ctx.set_fill_style_str(&style::MATCH.to_css());
        ctx.fill();
    }

    // Nodes: the scene lists them by level, then style; one path per run of the same style.
    let mut i = 0;
    while i < scene.nodes.len() {
        let first = &scene.nodes[i];
        let same = |n: &crate::view::scene::NodeDraw| {
            n.fill == first.fill && n.stroke == first.stroke && n.stroke_width == first.stroke_width
        };
        let mut end = i;
        ctx.begin_path();
        while end < scene.nodes.len() && same(&scene.nodes[end]) {
            let n = &scene.nodes[end];
            let (x, y, r) = (
                n.center[0] as f64,
                n.center[1] as f64,
                (n.radius as f64).max(0.5),
            );
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            end += 1;
        }
        ctx.set_fill_style_str(&first.fill.to_css());
        ctx.fill();
        if first.stroke_width > 0.0 {
            ctx.set_stroke_style_str(&first.stroke.to_css());
            ctx.set_line_width(first.stroke_width as f64);
            ctx.stroke();
        }
        i = end;
    }
    for n in scene.nodes.iter().filter(|n| n.ring.is_some()) {
        let (x, y, r) = (n.center[0] as f64, n.center[1] as f64, n.radius as f64);
        circle(ctx, x, y, r + style::RING_GAP as f64);
        ctx.set_stroke_style_str(&n.ring.unwrap_or(style::SELECTION).to_css());
        ctx.set_line_width(style::RING_WIDTH as f64);
        ctx.stroke();
    }
    // The keyboard focus: a dashed ring outside the others, on a white one so it shows on any colour.
    for n in scene.nodes.iter().filter(|n| n.focus) {
        let (x, y, r) = (n.center[0] as f64, n.center[1] as f64, n.radius as f64);
        circle(ctx, x, y, r + style::FOCUS_GAP as f64);
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(style::FOCUS_UNDER_WIDTH as f64);
        ctx.stroke();
        let [dash, gap] = style::FOCUS_DASH;
        let dash = js_sys::Array::of2(&f64::from(dash).into(), &f64::from(gap).into());
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(&style::FOCUS.to_css());
        ctx.set_line_width(style::FOCUS_WIDTH as f64);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    for b in &scene.badges {
        let (x, y, r) = (
            b.center[0] as f64,
            b.center[1] as f64,
            b.radius.max(0.5) as f64,
        );
        // A disc, or a pill as wide as the count needs.
        let straight = (b.half_width as f64 - r).max(0.0);
        ctx.begin_path();
        let _ = ctx.arc(x + straight, y, r, -FRAC_PI_2, FRAC_PI_2);
        let _ = ctx.arc(x - straight, y, r, FRAC_PI_2, 3.0 * FRAC_PI_2);
        ctx.close_path();
        ctx.set_fill_style_str(&b.color.to_css());
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(style::BADGE_OUTLINE as f64);
        ctx.stroke();
        set_font(ctx, &mut current_font, font(b.font_px, true));
        ctx.set_fill_style_str("#ffffff");
        let _ = ctx.fill_text(&b.text, x, y + style::BADGE_TEXT_DROP as f64);
    }

    ctx.set_text_baseline("top");
    let halo = Rgb(0xff, 0xff, 0xff).to_css();
    let text = style::TEXT.to_css();
    for l in &scene.labels {
        set_font(ctx, &mut current_font, font(l.font_px, l.bold));
        ctx.set_text_align(match l.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
        ctx.set_line_width(style::LABEL_HALO as f64);
        ctx.set_stroke_style_str(&halo);
        ctx.set_fill_style_str(&text);
        for (k, line) in l.lines.iter().enumerate() {
            let y = l.line_top(k) as f64;
            let _ = ctx.stroke_text(line, l.x as f64, y);
            let _ = ctx.fill_text(line, l.x as f64, y);
        }
    }
    if let Some(t) = &scene.tooltip {
        draw_tooltip(ctx, t);
    }
}

/// The full label of the hovered node, on a white box with a border, above everything.
fn draw_tooltip(ctx: &CanvasRenderingContext2d, t: &crate::view::scene::Tooltip) {
    let b = t.bounds;
    ctx.set_fill_style_str("#ffffff");
    ctx.set_stroke_style_str(&style::TEXT.to_css());
    ctx.set_line_width(style::TOOLTIP_BORDER as f64);
    ctx.begin_path();
    ctx.rect(
        b.min[0] as f64,
        b.min[1] as f64,
        b.width() as f64,
        b.height() as f64,
    );
    ctx.fill();
    ctx.stroke();
    ctx.set_font(&font(t.font_px, false));
    ctx.set_text_align("left");
    ctx.set_text_baseline("top");
    ctx.set_fill_style_str(&style::TEXT.to_css());
    for (k, line) in t.lines.iter().enumerate() {
        let _ = ctx.fill_text(
            line,
            (b.min[0] + t.padding) as f64,
            (b.min[1] + t.padding + k as f32 * t.line_height) as f64,
        );
    }
}

fn circle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    let _ = ctx.arc(x, y, r.max(0.5), 0.0, std::f64::consts::TAU);
}
