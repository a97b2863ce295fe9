//! A [`Scene`] as an SVG document: the same shapes, colours and labels the canvas draws, as
//! vectors for print.
//!
//! Every piece of text is XML-escaped, and characters XML 1.0 does not allow (control
//! characters) are dropped, so hostile contribution text can neither break the document nor
//! add markup. Text is positioned on its alphabetic baseline (no `dominant-baseline`, which some
//! editors ignore), in the map's system font stack ending with fonts every printer has. The
//! view box is cropped to what is drawn, with a small margin.

use std::fmt::Write;

use super::labels::{Align, Rect};
use super::scene::Scene;
use super::style;

/// Margin around the drawing, in scene pixels.
const MARGIN: f32 = 16.0;
/// Where the alphabetic baseline sits below the top of the em box, in ems (as canvas `top`).
const BASELINE: f32 = 0.8;

/// The SVG document of `scene`, with `title` as its `<title>`.
pub fn render(scene: &Scene, title: &str) -> String {
    let view = view_box(scene);
    let mut out = String::with_capacity(4096 + 160 * (scene.nodes.len() + scene.links.len()));
    let (x, y, w, h) = (
        view.min[0],
        view.min[1],
        view.width().max(1.0),
        view.height().max(1.0),
    );
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\" role=\"img\" aria-labelledby=\"title\">\n\
         <title id=\"title\">{}</title>\n\
         <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
        n(w),
        n(h),
        n(x),
        n(y),
        n(w),
        n(h),
        escape(title),
        n(x),
        n(y),
        n(w),
        n(h),
        style::BACKGROUND.to_css()
    );

    // Links: one path per run of the same style, as the canvas batches them.
    out.push_str("<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
    let mut i = 0;
    while i < scene.links.len() {
        let (color, width) = (scene.links[i].color, scene.links[i].width);
        let _ = write!(
            out,
            "<path stroke=\"{}\" stroke-width=\"{}\" d=\"",
            color.to_css(),
            n(width)
        );
        let mut first = true;
        while i < scene.links.len()
            && scene.links[i].color == color
            && scene.links[i].width == width
        {
            let l = &scene.links[i];
            if !first {
                out.push(' ');
            }
            first = false;
            let _ = write!(
                out,
                "M{} {}L{} {}",
                n(l.from[0]),
                n(l.from[1]),
                n(l.to[0]),
                n(l.to[1])
            );
            i += 1;
        }
        out.push_str("\"/>\n");
    }
    out.push_str("</g>\n");

    for g in &scene.groups {
        let attrs = format!(
            " fill=\"{}\" fill-opacity=\"{}\"",
            g.color.to_css(),
            n(style::GROUP_OPACITY)
        );
        circle(&mut out, g.center, g.radius.max(0.5), &attrs);
    }

    // Search results: the highlighter's halo under the node, as on the canvas.
    for d in scene.nodes.iter().filter(|d| d.halo.is_some()) {
        let attrs = format!(" fill=\"{}\"", d.halo.unwrap_or(style::MATCH).to_css());
        circle(&mut out, d.center, d.radius + style::MATCH_HALO, &attrs);
    }
    // Nodes: one group per run of the same style.
    let mut i = 0;
    while i < scene.nodes.len() {
        let first = &scene.nodes[i];
        if first.stroke_width > 0.0 {
            let _ = writeln!(
                out,
                "<g fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\">",
                first.fill.to_css(),
                first.stroke.to_css(),
                n(first.stroke_width)
            );
        } else {
            let _ = writeln!(out, "<g fill=\"{}\">", first.fill.to_css());
        }
        while i < scene.nodes.len()
            && scene.nodes[i].fill == first.fill
            && scene.nodes[i].stroke == first.stroke
            && scene.nodes[i].stroke_width == first.stroke_width
        {
            let d = &scene.nodes[i];
            circle(&mut out, d.center, d.radius.max(0.5), "");
            i += 1;
        }
        out.push_str("</g>\n");
    }
    for d in &scene.nodes {
        if let Some(ring) = d.ring {
            let attrs = format!(
                " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
                ring.to_css(),
                n(style::RING_WIDTH)
            );
            circle(&mut out, d.center, d.radius + style::RING_GAP, &attrs);
        }
    }

    for b in &scene.badges {
        let font = b.font_px;
        let r = b.radius.max(0.5);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"{}\"/>",
            n(b.center[0] - b.half_width.max(r)),
            n(b.center[1] - r),
            n(2.0 * b.half_width.max(r)),
            n(2.0 * r),
            n(r),
            b.color.to_css(),
            n(style::BADGE_OUTLINE)
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#ffffff\">{}</text>",
            n(b.center[0]),
            n(b.center[1] + style::BADGE_TEXT_DROP + (BASELINE - 0.5) * font),
            escape(style::FONT_FAMILY),
            n(font),
            escape(&b.text)
        );
    }

    // Labels on a white halo: the stroke is painted under the fill.
    let _ = writeln!(
        out,
        "<g font-family=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        escape(style::FONT_FAMILY),
        style::TEXT.to_css(),
        n(style::LABEL_HALO)
    );
    for l in &scene.labels {
        let anchor = match l.align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        let weight = if l.bold { " font-weight=\"600\"" } else { "" };
        for (k, line) in l.lines.iter().enumerate() {
            let top = l.line_top(k);
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} text-anchor=\"{anchor}\">{}</text>",
                n(l.x),
                n(top + BASELINE * l.font_px),
                n(l.font_px),
                escape(line)
            );
        }
    }
    out.push_str("</g>\n");

    if let Some(t) = &scene.tooltip {
        let b = t.bounds;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"{}\"/>",
            n(b.min[0]),
            n(b.min[1]),
            n(b.width()),
            n(b.height()),
            style::TEXT.to_css(),
            n(style::TOOLTIP_BORDER)
        );
        for (k, line) in t.lines.iter().enumerate() {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
                n(b.min[0] + t.padding),
                n(b.min[1] + t.padding + k as f32 * t.line_height + BASELINE * t.font_px),
                escape(style::FONT_FAMILY),
                n(t.font_px),
                style::TEXT.to_css(),
                escape(line)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// What is drawn, within the scene's viewport, with a margin.
fn view_box(scene: &Scene) -> Rect {
    let mut lo = [f32::INFINITY; 2];
    let mut hi = [f32::NEG_INFINITY; 2];
    let mut add = |min: [f32; 2], max: [f32; 2]| {
        lo = [lo[0].min(min[0]), lo[1].min(min[1])];
        hi = [hi[0].max(max[0]), hi[1].max(max[1])];
    };
    let circle = |c: [f32; 2], r: f32| ([c[0] - r, c[1] - r], [c[0] + r, c[1] + r]);
    for l in &scene.links {
        add(
            [l.from[0].min(l.to[0]), l.from[1].min(l.to[1])],
            [l.from[0].max(l.to[0]), l.from[1].max(l.to[1])],
        );
    }
    for g in &scene.groups {
        let (a, b) = circle(g.center, g.radius);
        add(a, b);
    }
    for d in &scene.nodes {
        let extra = if d.ring.is_some() {
            5.5
        } else {
            d.stroke_width
        };
        let (a, b) = circle(d.center, d.radius + extra);
        add(a, b);
    }
    for b in &scene.badges {
        let r = b.bounds();
        add(
            [r.min[0] - 1.0, r.min[1] - 1.0],
            [r.max[0] + 1.0, r.max[1] + 1.0],
        );
    }
    for l in &scene.labels {
        add(l.bounds.min, l.bounds.max);
    }
    if let Some(t) = &scene.tooltip {
        add(t.bounds.min, t.bounds.max);
    }
    if !lo[0].is_finite() || !hi[0].is_finite() {
        return Rect {
            min: [0.0, 0.0],
            max: [scene.width.max(1.0), scene.height.max(1.0)],
        };
    }
    let lo = [lo[0].max(0.0), lo[1].max(0.0)];
    let hi = [hi[0].min(scene.width), hi[1].min(scene.height)];
    Rect {
        min: [(lo[0] - MARGIN).floor(), (lo[1] - MARGIN).floor()],
        max: [(hi[0] + MARGIN).ceil(), (hi[1] + MARGIN).ceil()],
    }
}

/// A coordinate: two decimals at most, no trailing zeros, never NaN.
/// `<circle cx cy r` then `attrs` (each with its leading space), on its own line.
fn circle(out: &mut String, c: [f32; 2], r: f32, attrs: &str) {
    let _ = writeln!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{attrs}/>",
        n(c[0]),
        n(c[1]),
        n(r)
    );
}

fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = crate::model::decimal::fixed(v, 2);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// Text for XML content or a double-quoted attribute: `& < > " '` escaped, characters XML 1.0
/// forbids (controls other than tab, LF and CR; U+FFFE, U+FFFF) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::view::labels::Label;
    use crate::view::scene::{Badge, GroupDraw, LinkDraw, NodeDraw};
    use crate::view::style::Rgb;

    /// A strict little XML checker: one root, tags nested and closed, attributes quoted and
    /// unique, only the five predefined entities and character references, no `<` or stray `&`
    /// in text, no forbidden control characters. Returns the text content of every element
    /// named `text`.
    pub(crate) fn check_xml(doc: &str) -> Result<Vec<String>, String> {
        let mut rest = doc;
        if let Some(r) = rest.strip_prefix("<?xml") {
            let end = r.find("?>").ok_or("unclosed XML declaration")?;
            rest = &r[end + 2..];
        }
        let mut stack: Vec<String> = Vec::new();
        let mut texts = Vec::new();
        let mut current_text: Option<String> = None;
        let mut roots = 0;
        let check_chars = |s: &str| -> Result<(), String> {
            if let Some(c) = s.chars().find(|&c| {
                ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}'
            }) {
                return Err(format!("forbidden character U+{:04X}", c as u32));
            }
            Ok(())
        };
        let unescape = |s: &str| -> Result<String, String> {
            check_chars(s)?;
            let mut out = String::new();
            let mut it = s.split('&');
            out.push_str(it.next().unwrap_or(""));
            for part in it {
                let end = part.find(';').ok_or("a bare &")?;
                let (name, tail) = (&part[..end], &part[end + 1..]);
                out.push_str(match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ if name.starts_with("#") => "?",
                    _ => return Err(format!("unknown entity &{name};")),
                });
                out.push_str(tail);
            }
            Ok(out)
        };
        while !rest.is_empty() {
            let lt = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..lt];
            if text.contains('>') && !text.trim().is_empty() {
                // `>` is allowed in text, but we always escape it.
                return Err(format!("unescaped > in {text:?}"));
            }
            let t = unescape(text)?;
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:?}"));
            }
            if let Some(cur) = current_text.as_mut() {
                cur.push_str(&t);
            }
            rest = &rest[lt..];
            if rest.is_empty() {
                break;
            }
            let gt = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or("close without open")?;
                if open != name {
                    return Err(format!("</{name}> closes <{open}>"));
                }
                if name == "text" {
                    texts.push(current_text.take().unwrap_or_default());
                }
                continue;
            }
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
            {
                return Err(format!("bad tag name {name:?}"));
            }
            // Attributes: name="value" pairs.
            let mut attrs = tag[name_end..].trim();
            let mut seen = Vec::new();
            while !attrs.is_empty() {
                let eq = attrs
                    .find('=')
                    .ok_or(format!("attribute without value in <{name}>"))?;
                let an = attrs[..eq].trim();
                if seen.contains(&an) {
                    return Err(format!("duplicate attribute {an}"));
                }
                seen.push(an);
                let v = attrs[eq + 1..]
                    .strip_prefix('"')
                    .ok_or("unquoted attribute")?;
                let close = v.find('"').ok_or("unclosed attribute")?;
                let value = &v[..close];
                if value.contains('<') {
                    return Err("< in an attribute".into());
                }
                unescape(value)?;
                attrs = v[close + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                if name == "text" {
                    current_text = Some(String::new());
                }
                stack.push(name.to_string());
            }
        }
        if !stack.is_empty() {
            return Err(format!("unclosed {stack:?}"));
        }
        if roots != 1 {
            return Err(format!("{roots} roots"));
        }
        Ok(texts)
    }

    fn label(node: u32, lines: &[&str], x: f32, y: f32, align: Align, bold: bool) -> Label {
        Label {
            node,
            lines: lines.iter().map(|s| s.to_string()).collect(),
            font_px: 14.0,
            bold,
            align,
            x,
            y,
            line_height: 18.0,
            bounds: Rect {
                min: [x - 2.0, y - 1.0],
                max: [x + 100.0, y + 18.0 * lines.len() as f32 + 1.0],
            },
        }
    }

    fn small_scene() -> Scene {
        Scene {
            width: 400.0,
            height: 300.0,
            links: vec![
                LinkDraw {
                    from: [100.0, 100.0],
                    to: [200.0, 100.0],
                    color: Rgb(0x94, 0xa3, 0xb8),
                    width: 1.0,
                },
                LinkDraw {
                    from: [100.0, 100.0],
                    to: [100.0, 200.0],
                    color: Rgb(0x94, 0xa3, 0xb8),
                    width: 1.0,
                },
            ],
            groups: vec![GroupDraw {
                node: 2,
                center: [300.0, 250.0],
                radius: 20.0,
                color: Rgb(0x8e, 0xa7, 0xec),
                count: 4,
            }],
            nodes: vec![
                NodeDraw {
                    node: 1,
                    center: [200.0, 100.0],
                    radius: 10.0,
                    fill: Rgb(0xff, 0xff, 0xff),
                    stroke: Rgb(0x1d, 0x4e, 0xd8),
                    stroke_width: 3.0,
                    ring: Some(style::SELECTION),
                    halo: None,
                    focus: false,
                },
                NodeDraw {
                    node: 0,
                    center: [100.0, 100.0],
                    radius: 24.0,
                    fill: style::MOTION,
                    stroke: style::MOTION,
                    stroke_width: 0.0,
                    ring: None,
                    halo: None,
                    focus: false,
                },
            ],
            badges: vec![Badge {
                node: 1,
                center: [207.5, 92.5],
                radius: 7.0,
                half_width: 7.0,
                font_px: 11.0,
                text: "3".into(),
                color: Rgb(0x1d, 0x4e, 0xd8),
            }],
            labels: vec![
                label(0, &["La motion"], 100.0, 128.0, Align::Center, true),
                label(
                    1,
                    &["Un levier", "sur deux lignes"],
                    214.0,
                    82.0,
                    Align::Left,
                    false,
                ),
            ],
            tooltip: None,
        }
    }

    #[test]
    fn a_small_scene_gives_exactly_this_document() {
        let svg = render(&small_scene(), "Motion « 2021 »");
        let font = "system-ui, -apple-system, &apos;Segoe UI&apos;, Roboto, &apos;Noto Sans&apos;, &apos;DejaVu Sans&apos;, Arial, sans-serif";
        let expected = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"276\" height=\"226\" viewBox=\"60 60 276 226\" role=\"img\" aria-labelledby=\"title\">\n\
<title id=\"title\">Motion « 2021 »</title>\n\
<rect x=\"60\" y=\"60\" width=\"276\" height=\"226\" fill=\"#ffffff\"/>\n\
<g fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n\
<path stroke=\"#94a3b8\" stroke-width=\"1\" d=\"M100 100L200 100 M100 100L100 200\"/>\n\
</g>\n\
<circle cx=\"300\" cy=\"250\" r=\"20\" fill=\"#8ea7ec\" fill-opacity=\"0.55\"/>\n\
<g fill=\"#ffffff\" stroke=\"#1d4ed8\" stroke-width=\"3\">\n\
<circle cx=\"200\" cy=\"100\" r=\"10\"/>\n\
</g>\n\
<g fill=\"#1e293b\">\n\
<circle cx=\"100\" cy=\"100\" r=\"24\"/>\n\
</g>\n\
<circle cx=\"200\" cy=\"100\" r=\"14\" fill=\"none\" stroke=\"#f59e0b\" stroke-width=\"3\"/>\n\
<rect x=\"200.5\" y=\"85.5\" width=\"14\" height=\"14\" rx=\"7\" fill=\"#1d4ed8\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n\
<text x=\"207.5\" y=\"96.3\" font-family=\"{font}\" font-size=\"11\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#ffffff\">3</text>\n\
<g font-family=\"{font}\" fill=\"#1f2937\" stroke=\"#ffffff\" stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n\
<text x=\"100\" y=\"141.2\" font-size=\"14\" font-weight=\"600\" text-anchor=\"middle\">La motion</text>\n\
<text x=\"214\" y=\"95.2\" font-size=\"14\" text-anchor=\"start\">Un levier</text>\n\
<text x=\"214\" y=\"113.2\" font-size=\"14\" text-anchor=\"start\">sur deux lignes</text>\n\
</g>\n\
</svg>\n"
        );
        assert_eq!(svg, expected);
        let texts = check_xml(&svg).unwrap();
        assert_eq!(texts, ["3", "La motion", "Un levier", "sur deux lignes"]);
    }

    #[test]
    fn hostile_text_is_escaped_and_the_document_stays_well_formed() {
        let mut scene = small_scene();
        let hostile =
            "</text><script>alert('x')</script> & &amp; \"q\" ]]> <!-- \u{0}\u{1b}\u{7}\u{fffe}";
        scene.labels[1].lines = vec![hostile.into(), "<![CDATA[x]]>".into()];
        scene.badges[0].text = "<b>".into();
        let svg = render(&scene, "<title>&\"'");
        let texts = check_xml(&svg).expect("well-formed");
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<!--"));
        assert!(!svg.contains("<![CDATA["));
        assert!(!svg.contains('\u{0}') && !svg.contains('\u{1b}'));
        assert!(svg.contains("<title id=\"title\">&lt;title&gt;&amp;&quot;&apos;</title>"));
        assert_eq!(
            texts,
            [
                "<b>",
                "La motion",
                "</text><script>alert('x')</script> & &amp; \"q\" ]]> <!-- ",
                "<![CDATA[x]]>"
            ]
        );
    }

    #[test]
    fn the_checker_rejects_broken_documents() {
        for bad in [
            "<svg><text>a</svg>",
            "<svg>a & b</svg>",
            "<svg a=b></svg>",
            "<svg>a < b</svg>",
            "<svg></svg><svg></svg>",
            "<svg a=\"1\" a=\"2\"></svg>",
            "<svg>\u{1}</svg>",
            "<svg>&nbsp;</svg>",
        ] {
            assert!(check_xml(bad).is_err(), "{bad}");
        }
        assert!(check_xml("<svg><text>a &lt; b</text></svg>").is_ok());
    }

    #[test]
    fn coordinates_are_short_and_finite() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.5), "1.5");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(2.345_67), "2.35");
        assert_eq!(n(f32::NAN), "0");
        assert_eq!(n(f32::INFINITY), "0");
    }
}
