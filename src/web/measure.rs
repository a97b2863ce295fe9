//! Text widths from a canvas: the measure the map's labels are laid out with, in the map's
//! module (`viewer/`) and in the exports module (`exporter.rs`), which draws the SVG poster
//! with the same labels.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

use crate::view::style;
use crate::view::text::{MAX_MEASURED_CHARS, TextMeasure};

/// System fonts only: no font is ever fetched.
const FAMILY: &str = style::FONT_FAMILY;

pub fn font(px: f32, bold: bool) -> String {
    let px = crate::model::decimal::fixed(px, 1);
    format!("{}{px}px {FAMILY}", if bold { "600 " } else { "" })
}

/// Text widths from the canvas, measured word by word, once per word and weight, at
/// [`REFERENCE_PX`], and scaled to the size asked (the size the label is drawn at, rounded as
/// `font` rounds it). Label layout asks for the width of many strings made of the same words (a
/// line growing word by word while it is wrapped, the same title at each zoom): measuring whole
/// strings at each size cost 918 different `measureText` calls at load (`docs/size.md`). In
/// Chromium a string's width is the sum of its words' and spaces' to within 0.03 px at 100 px,
/// and widths grow in proportion to the size to within 0.3 %, slightly over (so a label is
/// never measured narrower than it is drawn).
///
/// Cached by a bounded key: a 64-bit hash of (word, weight) and the word's length, never the
/// text itself, in a table of [`CACHE_SLOTS`] where a word takes the slot its hash names (a
/// word whose slot another took is measured again: a collision costs a measure, never a
/// search, whatever the text). Texts reach here already cut to
/// `view::text::MAX_MEASURED_CHARS` characters; longer ones are cut the same way here too.
///
/// Each weight is measured on a canvas of its own, never drawn on nor resized (either would
/// reset or change its font), so each font is set once: `font` parses a CSS font each time it
/// is set, and labels alternate weights (26 settings at the first load with one canvas).
pub struct CanvasMeasure {
    /// Regular, bold.
    ctx: [CanvasRenderingContext2d; 2],
    /// (hash, length, width) per slot, made at the first measure; length 0: empty.
    cache: Vec<(u64, u32, f32)>,
    /// Whether each context has its reference font yet.
    font_set: [bool; 2],
}

/// The size words are measured at.
const REFERENCE_PX: f32 = 100.0;

/// Slots of the cache (16 bytes each: 256 KB), a power of two.
const CACHE_SLOTS: usize = 1 << 14;

/// FNV-1a, 64 bits, of the word's bytes and its weight.
fn word_hash(word: &str, bold: bool) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes().iter().chain([&u8::from(bold)]) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl CanvasMeasure {
    /// `ctx`: two contexts of canvases nothing else uses (regular, bold).
    pub fn new(ctx: [CanvasRenderingContext2d; 2]) -> Self {
        CanvasMeasure {
            ctx,
            cache: Vec::new(),
            font_set: [false; 2],
        }
    }

    /// A measure on two canvases of its own, made in `document` and never attached to it.
    pub fn in_document(document: &Document) -> Result<Self, JsValue> {
        let detached = || -> Result<CanvasRenderingContext2d, JsValue> {
            Ok(document
                .create_element("canvas")?
                .dyn_into::<HtmlCanvasElement>()?
                .get_context("2d")?
                .ok_or_else(|| JsValue::from_str("Canvas 2D indisponible"))?
                .dyn_into()?)
        };
        Ok(CanvasMeasure::new([detached()?, detached()?]))
    }

    /// The width of `word` at [`REFERENCE_PX`].
    fn reference(&mut self, word: &str, bold: bool) -> f32 {
        let (hash, len) = (word_hash(word, bold), word.len() as u32);
        if self.cache.is_empty() {
            self.cache = vec![(0, 0, 0.0); CACHE_SLOTS];
        }
        // The high bits: FNV's low bits mix least.
        let slot = (hash >> (64 - CACHE_SLOTS.trailing_zeros())) as usize;
        let (h, l, w) = self.cache[slot];
        if h == hash && l == len && len > 0 {
            return w;
        }
        let k = usize::from(bold);
        if !self.font_set[k] {
            self.ctx[k].set_font(&font(REFERENCE_PX, bold));
            self.font_set[k] = true;
        }
        let w = self.ctx[k]
            .measure_text(word)
            .map(|m| m.width() as f32)
            .unwrap_or(word.len() as f32 * REFERENCE_PX * 0.6);
        self.cache[slot] = (hash, len, w);
        w
    }
}

impl TextMeasure for CanvasMeasure {
    fn width(&mut self, text: &str, font_px: f32, bold: bool) -> f32 {
        let text = match text.char_indices().nth(MAX_MEASURED_CHARS) {
            Some((end, _)) => &text[..end],
            None => text,
        };
        let mut total = 0.0;
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                total += self.reference(" ", bold);
            }
            // « … » apart: the candidates of `view::text::ellipsize` end with it.
            let (word, ellipsis) = match word.strip_suffix('…') {
                Some(w) => (w, true),
                None => (word, false),
            };
            if !word.is_empty() {
                total += self.reference(word, bold);
            }
            if ellipsis {
                total += self.reference("…", bold);
            }
        }
        // The size `font` writes (one decimal).
        total * (font_px * 10.0).round() / 10.0 / REFERENCE_PX
    }
}
