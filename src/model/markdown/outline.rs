//! The outline's tree, as markmap reads it: headings (ATX or setext) nest by level, list items
//! nest under the heading above them and under each other. Paragraphs, code blocks, block
//! quotes, tables and raw HTML are the text of the node they follow, never structure.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::Diagnostic;

use super::LineIndex;
use super::front::{self, FrontMatter};
use super::inline::{Closed, Html, Run, html};

/// A heading or a list item.
pub(super) struct Node {
    /// Heading level (1 to 6); `None` for a list item; `Some(0)` for the document itself.
    pub heading: Option<u8>,
    /// Byte offset of the `#` or of the list marker.
    pub offset: usize,
    pub title: String,
    /// Paragraphs, code blocks, quotes and tables after the title, in order.
    pub body: Vec<String>,
    /// Links found in the title and the body, in order.
    pub links: Vec<crate::model::Link>,
    /// `<!-- markmap: fold -->` (or `foldAll`) was in its title.
    pub fold: bool,
    pub children: Vec<usize>,
}

impl Node {
    fn new(heading: Option<u8>, offset: usize) -> Node {
        Node {
            heading,
            offset,
            title: String::new(),
            body: Vec::new(),
            links: Vec::new(),
            fold: false,
            children: Vec::new(),
        }
    }
}

/// The outline: `nodes[0]` is the document, whose children are the top-level nodes.
pub(super) struct Tree {
    pub nodes: Vec<Node>,
    pub front: FrontMatter,
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// The run is the title of this node.
    Title(usize),
    /// The run is a paragraph of this node's body.
    Body(usize),
    None,
}

struct Walk<'a, 'd> {
    input: &'a str,
    ix: &'a LineIndex<'a>,
    d: &'d mut Vec<Diagnostic>,
    nodes: Vec<Node>,
    /// Open headings, the document at the bottom.
    headings: Vec<usize>,
    /// Open list items (structural ones: not those inside quotes or tables).
    items: Vec<usize>,
    /// Depth of block quotes and tables: inside them nothing is structure.
    flat: usize,
    run: Run,
    target: Target,
    /// Raw HTML block being gathered.
    html_block: Option<(String, usize)>,
    /// Images open: their address and offset.
    images: Vec<(String, usize)>,
    /// Cells written in the current table row.
    cells: usize,
    front: FrontMatter,
    in_front: bool,
}

/// Reads `input` into its outline tree; what cannot be read is reported in `d`.
pub(super) fn read(input: &str, ix: &LineIndex, d: &mut Vec<Diagnostic>) -> Tree {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_MATH;
    let mut w = Walk {
        input,
        ix,
        d,
        nodes: vec![Node::new(Some(0), 0)],
        headings: vec![0],
        items: Vec::new(),
        flat: 0,
        run: Run::default(),
        target: Target::None,
        html_block: None,
        images: Vec::new(),
        cells: 0,
        front: FrontMatter::default(),
        in_front: false,
    };
    for (event, range) in Parser::new_ext(input, options).into_offset_iter() {
        w.event(event, range);
    }
    w.flush();
    Tree {
        nodes: w.nodes,
        front: w.front,
    }
}

impl Walk<'_, '_> {
    /// The node that paragraphs go to now.
    fn current(&self) -> usize {
        self.items
            .last()
            .or(self.headings.last())
            .copied()
            .unwrap_or(0)
    }

    fn node_of(&self, t: Target) -> usize {
        match t {
            Target::Title(n) | Target::Body(n) => n,
            Target::None => self.current(),
        }
    }

    fn warn(&mut self, offset: usize, message: String) {
        let (l, c) = self.ix.place(offset);
        self.d.push(Diagnostic::warning(l, c, message));
    }

    /// Ends the current run: it becomes the title or a paragraph of its node.
    fn flush(&mut self) {
        let target = std::mem::replace(&mut self.target, Target::None);
        if self.run.is_empty() {
            self.run.take();
            return;
        }
        let (text, links) = self.run.take();
        let n = self.node_of(target);
        let node = &mut self.nodes[n];
        node.links.extend(links);
        match target {
            Target::Title(_) => node.title = text,
            _ => node.body.push(text),
        }
    }

    /// Makes sure inline content has somewhere to go.
    fn ensure_target(&mut self) {
        if self.target == Target::None {
            self.target = Target::Body(self.current());
        }
    }

    fn add_node(&mut self, heading: Option<u8>, offset: usize, parent: usize) -> usize {
        let n = self.nodes.len();
        self.nodes.push(Node::new(heading, offset));
        self.nodes[parent].children.push(n);
        n
    }

    fn event(&mut self, event: Event, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => {
                if self.in_front {
                    let f = front::read(&t, range.start, self.ix, self.d);
                    self.front = f;
                } else if let Some((raw, _)) = &mut self.html_block {
                    raw.push_str(&t);
                } else {
                    self.ensure_target();
                    if self.run.verbatim {
                        self.run.push(&t);
                    } else {
                        self.run.push_text(&t);
                    }
                }
            }
            Event::Code(t) => {
                self.ensure_target();
                self.run.push(&t);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                // KaTeX is kept as written, delimiters included.
                self.ensure_target();
                self.run.push(&self.input[range]);
            }
            Event::Html(t) => match &mut self.html_block {
                Some((raw, _)) => raw.push_str(&t),
                None => {
                    self.ensure_target();
                    self.run.push(&t);
                }
            },
            Event::InlineHtml(t) => self.inline_html(&t, range.start),
            Event::SoftBreak => {
                self.ensure_target();
                self.run.push(if self.run.verbatim { "\n" } else { " " });
            }
            Event::HardBreak => {
                self.ensure_target();
                self.run.push("\n");
            }
            Event::Rule => self.flush(),
            Event::FootnoteReference(_) => {
                self.ensure_target();
                self.run.push(&self.input[range]);
            }
            Event::TaskListMarker(done) => {
                self.ensure_target();
                self.run.push(if done { "[x] " } else { "[ ] " });
            }
        }
    }

    fn inline_html(&mut self, raw: &str, offset: usize) {
        match html(raw) {
            Html::Break => {
                self.ensure_target();
                self.run.push("\n");
            }
            Html::Magic(directive) => self.magic(self.node_of(self.target), directive),
            Html::Comment(text) => self.warn(
                offset,
                format!("commentaire HTML retiré de la carte : « {text} »"),
            ),
            Html::Literal => {
                self.ensure_target();
                self.run.push(raw);
            }
        }
    }

    fn start(&mut self, tag: Tag, range: std::ops::Range<usize>) {
        match tag {
            Tag::MetadataBlock(_) => self.in_front = true,
            Tag::Heading { level, .. } if self.flat == 0 && self.items.is_empty() => {
                self.flush();
                let level = level as u8;
                while self.headings.len() > 1
                    && self.nodes[*self.headings.last().unwrap_or(&0)]
                        .heading
                        .unwrap_or(0)
                        >= level
                {
                    self.headings.pop();
                }
                let parent = self.current();
                let n = self.add_node(Some(level), range.start, parent);
                self.headings.push(n);
                self.target = Target::Title(n);
            }
            Tag::Item if self.flat == 0 => {
                self.flush();
                let parent = self.current();
                let n = self.add_node(None, range.start, parent);
                self.items.push(n);
                self.target = Target::Title(n);
            }
            Tag::Item => {
                // A list inside a quote or a table: text, one line per item.
                self.flush();
                self.target = Target::Body(self.current());
                self.run.push("• ");
            }
            Tag::Paragraph => {
                // A loose item's first paragraph is its title.
                // A quoted list item's bullet stays with its text.
                let fresh = match self.target {
                    Target::Title(_) => self.run.is_empty(),
                    Target::Body(_) => self.run.text.trim() == "•",
                    Target::None => false,
                };
                if !fresh {
                    self.flush();
                }
            }
            Tag::Heading { .. } => self.flush(),
            Tag::CodeBlock(_) => {
                self.flush();
                self.target = Target::Body(self.current());
                self.run.verbatim = true;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.flat += 1;
            }
            Tag::Table(_) => {
                self.flush();
                self.flat += 1;
                self.warn(
                    range.start,
                    "tableau converti en texte : une ligne par rangée, les cellules séparées par « | »".to_string(),
                );
                self.target = Target::Body(self.current());
                self.run.verbatim = true;
            }
            Tag::TableRow | Tag::TableHead => self.cells = 0,
            Tag::TableCell => {
                if self.cells > 0 {
                    self.run.push(" | ");
                }
                self.cells += 1;
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html_block = Some((String::new(), range.start));
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.ensure_target();
                let href = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                self.run.open_link(href, range.start);
            }
            Tag::Image { dest_url, .. } => {
                self.ensure_target();
                self.images.push((dest_url.to_string(), range.start));
            }
            Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.flush(),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd, _range: std::ops::Range<usize>) {
        match tag {
            TagEnd::MetadataBlock(_) => self.in_front = false,
            TagEnd::Item if self.flat == 0 => {
                self.flush();
                self.items.pop();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.flat = self.flat.saturating_sub(1);
            }
            TagEnd::Table => {
                self.flush();
                self.flat = self.flat.saturating_sub(1);
            }
            TagEnd::TableRow | TagEnd::TableHead => self.run.push("\n"),
            TagEnd::HtmlBlock => {
                if let Some((raw, offset)) = self.html_block.take() {
                    self.html_block_end(&raw, offset);
                }
            }
            TagEnd::Link => {
                if let Closed::Refused(offset) = self.run.close_link() {
                    self.warn(
                        offset,
                        "lien ignoré : seules les adresses http(s) et mailto sont acceptées"
                            .to_string(),
                    );
                }
            }
            TagEnd::Image => {
                if let Some((href, offset)) = self.images.pop() {
                    self.warn(
                        offset,
                        format!("image : seul son texte de remplacement est gardé, l'adresse « {href} » est ignorée"),
                    );
                }
            }
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    /// A block of raw HTML: comments are removed (reported), `<br>` is nothing, the rest is the
    /// literal text it is.
    /// A `<!-- markmap: … -->` comment on node `n`.
    fn magic(&mut self, n: usize, directive: &str) {
        match directive {
            "fold" | "foldAll" => self.nodes[n].fold = true,
            // Other directives mean nothing on this map: removed from the title.
            _ => {}
        }
    }

    fn html_block_end(&mut self, raw: &str, offset: usize) {
        match html(raw) {
            Html::Break => {}
            // Alone on its line: it speaks of the heading or item it stands under.
            Html::Magic(directive) => self.magic(self.current(), directive),
            Html::Comment(text) => self.warn(
                offset,
                format!("commentaire HTML retiré de la carte : « {text} »"),
            ),
            Html::Literal => {
                self.target = Target::Body(self.current());
                self.run.verbatim = true;
                self.run.push(raw);
                self.flush();
            }
        }
    }
}
