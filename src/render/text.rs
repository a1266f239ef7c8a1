//! Plain text: paragraphs separated by a blank line; headings, list items,
//! table rows and `<br>` lines on their own lines; cells joined by ` | `;
//! list items marked `- ` / `1. `; block quote lines marked `> `; `<pre>`
//! kept verbatim; all other whitespace collapsed.

use super::{ListCounter, Visitor};
use crate::dom::{Dom, Tag};

/// The separator owed before the next piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
    Paragraph,
}

pub(crate) struct TextRenderer {
    out: String,
    gap: Gap,
    pre_depth: u32,
    lists: Vec<ListCounter>,
    /// Whether the current table row has had a cell with text yet.
    row_has_cell: bool,
    /// How many table cells we are inside.
    cell_depth: u32,
    /// A list marker or cell separator waiting for the next text.
    prefix: Option<String>,
    /// Block quotes we are inside: their lines start with `> `.
    quote_depth: usize,
}

impl TextRenderer {
    pub(crate) fn new(capacity: usize) -> Self {
        TextRenderer {
            out: String::with_capacity(capacity),
            gap: Gap::None,
            pre_depth: 0,
            lists: Vec::new(),
            row_has_cell: false,
            cell_depth: 0,
            prefix: None,
            quote_depth: 0,
        }
    }

    pub(crate) fn finish(mut self) -> String {
        let trimmed = self.out.trim_end().len();
        self.out.truncate(trimmed);
        self.out
    }

    /// The break a block asks for; a list inside a list item stays on the
    /// item's lines.
    fn gap_for(&self, tag: Tag) -> Option<Gap> {
        if matches!(tag, Tag::Ul | Tag::Ol) && !self.lists.is_empty() {
            return Some(Gap::Line);
        }
        block_gap(tag)
    }

    fn want(&mut self, gap: Gap) {
        if gap > self.gap {
            self.gap = gap;
        }
    }

    /// Writes the owed separator and prefix before real text.
    fn flush_gap(&mut self) {
        if !self.out.is_empty() {
            match self.gap {
                Gap::None => {}
                Gap::Space => {
                    if !self.out.ends_with([' ', '\n']) {
                        self.out.push(' ');
                    }
                }
                Gap::Line => {
                    trim_trailing_spaces(&mut self.out);
                    self.out.push('\n');
                }
                Gap::Paragraph => {
                    trim_trailing_spaces(&mut self.out);
                    self.out.push_str("\n\n");
                }
            }
        }
        if self.quote_depth > 0 && (self.out.is_empty() || self.out.ends_with('\n')) {
            for _ in 0..self.quote_depth {
                self.out.push_str("> ");
            }
        }
        self.gap = Gap::None;
        if let Some(prefix) = self.prefix.take() {
            self.out.push_str(&prefix);
        }
    }
}

/// Before a line or paragraph break: drop trailing blanks (including the
/// newline a `<pre>` block ends with, so breaks never double up).
fn trim_trailing_spaces(s: &mut String) {
    let len = s.trim_end_matches([' ', '\t', '\n', '\r']).len();
    s.truncate(len);
}

/// Whether `text` has no whitespace but single ASCII spaces (so collapsing
/// it would change nothing).
fn is_single_spaced(text: &str) -> bool {
    let mut previous_space = false;
    for byte in text.bytes() {
        match byte {
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return false,
            // Lead bytes of the non-ASCII whitespace characters (NBSP,
            // U+1680, U+2000-U+205F, U+3000): take the careful path.
            0xc2 | 0xe1 | 0xe2 | 0xe3 => return false,
            _ => previous_space = false,
        }
    }
    true
}

fn block_gap(tag: Tag) -> Option<Gap> {
    use Tag::*;
    match tag {
        Li | Tr | Dt | Dd | Br | Caption | Figcaption | Summary => Some(Gap::Line),
        Td | Th | Thead | Tbody | Tfoot => None,
        t if t.is_block() => Some(Gap::Paragraph),
        _ => None,
    }
}

impl<'a> Visitor<'a> for TextRenderer {
    fn open(&mut self, dom: &Dom<'a>, i: usize) {
        let Some(tag) = dom.tag(i) else { return };
        if let Some(gap) = self.gap_for(tag) {
            self.want(gap);
        }
        match tag {
            Tag::Pre => self.pre_depth += 1,
            Tag::Blockquote => self.quote_depth += 1,
            Tag::Ul | Tag::Ol => self.lists.push(ListCounter::new(dom, i, tag == Tag::Ol)),
            Tag::Li => {
                let marker = self
                    .lists
                    .last_mut()
                    .map_or_else(|| "- ".to_owned(), ListCounter::next_marker);
                let indent = "  ".repeat(self.lists.len().saturating_sub(1).min(8));
                self.prefix = Some(indent + &marker);
            }
            Tag::Tr => self.row_has_cell = false,
            Tag::Td | Tag::Th => {
                self.cell_depth += 1;
                if self.row_has_cell {
                    // Cells of one row stay on one line.
                    self.gap = Gap::None;
                    self.prefix = Some(" | ".to_owned());
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, dom: &Dom<'a>, i: usize) {
        let Some(tag) = dom.tag(i) else { return };
        match tag {
            Tag::Pre => self.pre_depth = self.pre_depth.saturating_sub(1),
            Tag::Blockquote => self.quote_depth = self.quote_depth.saturating_sub(1),
            Tag::Ul | Tag::Ol => {
                self.lists.pop();
            }
            Tag::Td | Tag::Th => {
                self.cell_depth = self.cell_depth.saturating_sub(1);
                // An empty cell leaves no separator behind.
                self.prefix = None;
            }
            _ => {}
        }
        if tag == Tag::Br {
            return;
        }
        if let Some(gap) = self.gap_for(tag) {
            self.want(gap);
        }
    }

    fn text(&mut self, _dom: &Dom<'a>, _i: usize, text: &'a str) {
        if self.pre_depth > 0 {
            if text.is_empty() {
                return;
            }
            self.flush_gap();
            self.out.push_str(text);
            return;
        }
        let mut words = text.split_whitespace().peekable();
        if words.peek().is_none() {
            if !text.is_empty() {
                self.want(Gap::Space);
            }
            return;
        }
        if text.starts_with(char::is_whitespace) {
            self.want(Gap::Space);
        }
        self.flush_gap();
        let trimmed = text.trim();
        if is_single_spaced(trimmed) {
            // The common case: copy the node's text in one go.
            self.out.push_str(trimmed);
        } else {
            let mut first = true;
            for word in words {
                if !first {
                    self.out.push(' ');
                }
                self.out.push_str(word);
                first = false;
            }
        }
        if text.ends_with(char::is_whitespace) {
            self.want(Gap::Space);
        }
        if self.cell_depth > 0 {
            self.row_has_cell = true;
        }
    }
}
