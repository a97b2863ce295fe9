//! Inline Markdown reduced to text: what a title or a paragraph shows, and the links found in it.
//!
//! pulldown-cmark has already decoded entities and escapes and split the spans; here each span
//! becomes text (emphasis, strikethrough, highlight and code marks dropped, code kept as written), raw HTML
//! stays literal text (never interpreted) except `<br>` (a line break) and comments (markmap's
//! magic comments are read, others removed with a warning).

use crate::model::{Link, is_safe_href};

/// The text being gathered for one title or one paragraph.
#[derive(Default)]
pub(super) struct Run {
    pub text: String,
    pub links: Vec<Link>,
    /// Code blocks and tables keep their line breaks and spaces as written.
    pub verbatim: bool,
    /// Open links: where their text starts in `text`, their address, their offset.
    open: Vec<(usize, String, usize)>,
    /// Where a `==` of plain text (not code) starts in `text`: markmap's highlight marks, which
    /// CommonMark does not know; paired ones are dropped when the run is taken.
    marks: Vec<usize>,
}

/// What happened when a link closed.
pub(super) enum Closed {
    Kept,
    /// Not http(s) or mailto: its text stays, its address is dropped (offset of the `[`).
    Refused(usize),
    None,
}

impl Run {
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Plain text, where `==highlight==` marks may be.
    pub fn push_text(&mut self, s: &str) {
        let base = self.text.len();
        let bytes = s.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] == b'=' && bytes[i + 1] == b'=' {
                let mut j = i + 2;
                while j < bytes.len() && bytes[j] == b'=' {
                    j += 1;
                }
                // Exactly two: `===` and longer runs are text (a rule, an underline, a sum).
                if j == i + 2 {
                    self.marks.push(base + i);
                }
                i = j;
            } else {
                i += 1;
            }
        }
        self.text.push_str(s);
    }

    pub fn open_link(&mut self, href: String, offset: usize) {
        self.open.push((self.text.len(), href, offset));
    }

    pub fn close_link(&mut self) -> Closed {
        let Some((start, href, offset)) = self.open.pop() else {
            return Closed::None;
        };
        let shown = squash(&self.text[start..]);
        if !is_safe_href(&href) {
            return Closed::Refused(offset);
        }
        let text = if shown.is_empty() {
            // `[](https://…)`: the address is all there is to show.
            self.text.push_str(&href);
            href.clone()
        } else {
            shown
        };
        self.links.push(Link { text, href });
        Closed::Kept
    }

    /// The gathered text, spaces squashed (unless verbatim), and its links; the run is emptied.
    pub fn take(&mut self) -> (String, Vec<Link>) {
        // Links left open (none with pulldown-cmark's balanced events) keep their text.
        self.open.clear();
        let marks = std::mem::take(&mut self.marks);
        let raw = drop_highlight_marks(std::mem::take(&mut self.text), &marks);
        let text = if self.verbatim {
            raw.trim_end().trim_start_matches('\n').to_string()
        } else {
            squash(&raw)
        };
        self.verbatim = false;
        (text, std::mem::take(&mut self.links))
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.links.is_empty()
    }
}

/// The text without its paired `==` marks, paired as markdown-it-mark (markmap's) pairs them: an
/// opening mark is followed by a non-space, a closing one follows a non-space; a lone mark stays.
fn drop_highlight_marks(text: String, marks: &[usize]) -> String {
    if marks.len() < 2 {
        return text;
    }
    let next_is_word = |i: usize| {
        text[i + 2..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
    };
    let prev_is_word = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace())
    };
    let mut dropped = Vec::new();
    let mut open: Option<usize> = None;
    for &m in marks {
        match open {
            Some(o) if prev_is_word(m) && m > o + 2 => {
                dropped.push(o);
                dropped.push(m);
                open = None;
            }
            _ if next_is_word(m) => open = Some(m),
            _ => {}
        }
    }
    if dropped.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for d in dropped {
        out.push_str(&text[from..d]);
        from = d + 2;
    }
    out.push_str(&text[from..]);
    out
}

/// Spaces and tabs squashed to one space on each line; line breaks (`<br>`, hard breaks) kept,
/// empty lines dropped.
pub(super) fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (k, w) in words.enumerate() {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// What a piece of raw HTML means here.
#[derive(Debug, PartialEq)]
pub(super) enum Html<'a> {
    /// `<br>`, `<br/>`, `<br />`: a line break.
    Break,
    /// `<!-- markmap: fold -->` and its like: the directive after `markmap:`.
    Magic(&'a str),
    /// Any other comment: its text, removed from the map.
    Comment(&'a str),
    /// Anything else: shown as the literal text it is.
    Literal,
}

pub(super) fn html(raw: &str) -> Html<'_> {
    let t = raw.trim();
    if let Some(inner) = t.strip_prefix("<!--").and_then(|x| x.strip_suffix("-->")) {
        let inner = inner.trim();
        return match inner.strip_prefix("markmap:") {
            Some(directive) => Html::Magic(directive.trim()),
            None => Html::Comment(inner),
        };
    }
    let lower = t.to_ascii_lowercase();
    let tag = lower
        .strip_prefix("<br")
        .map(|rest| rest.trim_end_matches('>').trim_end_matches('/').trim());
    if tag == Some("") {
        Html::Break
    } else {
        Html::Literal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_pieces() {
        assert_eq!(html("<br>"), Html::Break);
        assert_eq!(html("<BR />"), Html::Break);
        assert_eq!(html("<br/>"), Html::Break);
        assert_eq!(html("<!-- markmap: fold -->"), Html::Magic("fold"));
        assert_eq!(html("<!--note-->"), Html::Comment("note"));
        assert_eq!(html("<b>"), Html::Literal);
        assert_eq!(html("<bride>"), Html::Literal);
    }

    #[test]
    fn paired_highlight_marks_are_dropped_lone_ones_stay() {
        let take = |parts: &[&str]| {
            let mut r = Run::default();
            for p in parts {
                r.push_text(p);
            }
            r.take().0
        };
        assert_eq!(take(&["un ==mot== clé"]), "un mot clé");
        assert_eq!(take(&["==a== et ==b c=="]), "a et b c");
        assert_eq!(take(&["a ==", "début", "== b"]), "a début b");
        assert_eq!(take(&["x == y et z == t"]), "x == y et z == t");
        assert_eq!(take(&["reste ==ouvert"]), "reste ==ouvert");
        assert_eq!(take(&["a === b ==c=="]), "a === b c");
        assert_eq!(take(&["===="]), "====");
        let mut r = Run::default();
        r.push_text("==");
        r.push("code==");
        r.push_text(" fin==");
        assert_eq!(r.take().0, "code== fin", "a mark in code is not one");
    }

    #[test]
    fn spaces_squash_but_breaks_stay() {
        assert_eq!(squash("  a \t b \n\n  c  "), "a b\nc");
    }

    #[test]
    fn links_keep_their_text_and_safe_addresses() {
        let mut r = Run::default();
        r.push("voir ");
        r.open_link("https://a.fr".into(), 5);
        r.push("le  site");
        assert!(matches!(r.close_link(), Closed::Kept));
        r.push(" et ");
        r.open_link("javascript:x".into(), 30);
        r.push("ceci");
        assert!(matches!(r.close_link(), Closed::Refused(30)));
        let (t, links) = r.take();
        assert_eq!(t, "voir le site et ceci");
        assert_eq!(
            links,
            vec![Link {
                text: "le site".into(),
                href: "https://a.fr".into()
            }]
        );
    }
}
