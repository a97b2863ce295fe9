//! Colours and sizes of the map. One place, so the default theme can be checked for contrast.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn to_css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Mixes towards white by `t` in 0..=1.
    pub fn tint(self, t: f32) -> Rgb {
        let m = |c: u8| (c as f32 + (255.0 - c as f32) * t).round() as u8;
        Rgb(m(self.0), m(self.1), m(self.2))
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f32 {
        let ch = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

pub const BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);
pub const TEXT: Rgb = Rgb(0x1f, 0x29, 0x37);
pub const MOTION: Rgb = Rgb(0x1e, 0x29, 0x3b);
pub const UNCLASSIFIED: Rgb = Rgb(0x6b, 0x72, 0x80);
pub const LINK: Rgb = Rgb(0x94, 0xa3, 0xb8);
pub const SELECTION: Rgb = Rgb(0xf5, 0x9e, 0x0b);
/// The halo under a search result (a highlighter's yellow).
pub const MATCH: Rgb = Rgb(0xfa, 0xcc, 0x15);
/// The keyboard focus ring: 3:1 or more against the background (drawn on a white ring).
pub const FOCUS: Rgb = Rgb(0xc2, 0x41, 0x0c);
/// How far filtered-out nodes and links fade towards the background.
pub const DIM: f32 = 0.78;

/// One colour per axis, in order; dark enough for white text and for AA contrast on white.
pub const AXES: [Rgb; 6] = [
    Rgb(0x1d, 0x4e, 0xd8), // blue
    Rgb(0xbe, 0x18, 0x5d), // raspberry
    Rgb(0x04, 0x78, 0x57), // green
    Rgb(0xb4, 0x53, 0x09), // amber
    Rgb(0x6d, 0x28, 0xd9), // violet
    Rgb(0x0e, 0x74, 0x90), // teal
];

pub fn axis_color(axis: Option<usize>) -> Rgb {
    match axis {
        Some(a) => AXES[a % AXES.len()],
        None => UNCLASSIFIED,
    }
}

/// System fonts only (no font is ever fetched), ending with fonts every printer and vector
/// editor has.
pub const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

/// Font size in CSS pixels of a label at this level, at zoom 1.
pub fn font_px(level: u8) -> f32 {
    match level {
        0 => 16.0,
        1 => 14.0,
        2 => 13.0,
        _ => 12.0,
    }
}

/// No text on the map is drawn smaller than this, in CSS pixels, whatever the zoom.
pub const MIN_FONT_PX: f32 = 11.0;

/// Widest a label of this level may be before it wraps, in CSS pixels.
pub fn wrap_width(level: u8) -> f32 {
    match level {
        0 => 240.0,
        1 => 210.0,
        2 => 180.0,
        _ => 160.0,
    }
}

/// How many lines a label of this level may take before it is cut with « … ».
pub fn max_lines(level: u8) -> usize {
    match level {
        0 => 3,
        1 => 3,
        2 => 3,
        _ => 1,
    }
}

// ----- Drawing geometry: read by both renderers (`web::render` on the canvas, `view::svg`) ---

/// Opacity of the disc a group of contributions is drawn as.
pub const GROUP_OPACITY: f32 = 0.55;
/// How far a search result's halo reaches beyond its node.
pub const MATCH_HALO: f32 = 7.0;
/// The selection or hover ring: its gap beyond the node, and its width.
pub const RING_GAP: f32 = 4.0;
pub const RING_WIDTH: f32 = 3.0;
/// The keyboard focus ring (canvas only: images are not focused): its gap beyond the node, the
/// width of the white ring under it, its own width, and its dash and gap.
pub const FOCUS_GAP: f32 = 9.0;
pub const FOCUS_UNDER_WIDTH: f32 = 6.0;
pub const FOCUS_WIDTH: f32 = 3.0;
pub const FOCUS_DASH: [f32; 2] = [6.0, 4.0];
/// The white outline of a count badge, and how far its text sits below the badge's centre.
pub const BADGE_OUTLINE: f32 = 1.5;
pub const BADGE_TEXT_DROP: f32 = 0.5;
/// The white halo drawn under label text.
pub const LABEL_HALO: f32 = 3.5;
/// The border of the tooltip's box.
pub const TOOLTIP_BORDER: f32 = 1.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_colours_meet_aa_on_white_and_under_white_text() {
        for c in AXES.iter().chain([MOTION, UNCLASSIFIED, TEXT].iter()) {
            assert!(
                c.contrast(BACKGROUND) >= 4.5,
                "{c:?} contrast {}",
                c.contrast(BACKGROUND)
            );
        }
    }

    #[test]
    fn the_focus_ring_is_visible_on_the_background() {
        assert!(
            FOCUS.contrast(BACKGROUND) >= 3.0,
            "WCAG 1.4.11 non-text contrast"
        );
    }

    #[test]
    fn css_and_tint() {
        assert_eq!(Rgb(0x1d, 0x4e, 0xd8).to_css(), "#1d4ed8");
        assert_eq!(Rgb(0, 0, 0).tint(1.0), Rgb(255, 255, 255));
        assert_eq!(Rgb(0, 100, 200).tint(0.0), Rgb(0, 100, 200));
    }
}
