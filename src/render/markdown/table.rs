//! GFM tables: cells collected while the walk is inside a `<table>`, laid
//! out as a grid (colspan padded, rowspan filled) when the table closes.
//! GFM has one header row: the first row (the page's header row when it has
//! one, since it comes first).

use super::{Gap, MarkdownRenderer};
use crate::dom::Dom;

#[derive(Default)]
pub(super) struct Table {
    pub(super) rows: Vec<Vec<String>>,
    pub(super) caption: String,
    /// Per column: rows still covered by a `rowspan` from above.
    covered: Vec<u32>,
    /// Per column of the current row: taken by a `rowspan` from above.
    taken: Vec<bool>,
}

impl MarkdownRenderer<'_> {
    pub(super) fn open_table(&mut self) {
        self.tables.push(Table::default());
        self.want(Gap::Paragraph);
    }

    pub(super) fn open_row(&mut self) {
        if let Some(table) = self.tables.last_mut() {
            table.taken = table.covered.iter().map(|&rows| rows > 0).collect();
            for rows in table.covered.iter_mut() {
                *rows = rows.saturating_sub(1);
            }
            table.rows.push(Vec::new());
        }
    }

    pub(super) fn open_cell(&mut self) {
        self.cell_depth += 1;
        if self.cell_depth == 1 {
            self.cell = Some(String::new());
        }
    }

    pub(super) fn close_cell(&mut self, dom: &Dom, i: usize) {
        self.cell_depth = self.cell_depth.saturating_sub(1);
        if self.cell_depth > 0 {
            return;
        }
        let text = self.cell.take().unwrap_or_default();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let span = |name| {
            dom.attr(i, name)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64)
        };
        let (colspan, rowspan) = (span("colspan"), span("rowspan"));
        if let Some(table) = self.tables.last_mut() {
            if table.rows.is_empty() {
                table.rows.push(Vec::new());
            }
            let Some(row) = table.rows.last_mut() else {
                return;
            };
            // Skip the columns a cell above spans into.
            while table.taken.get(row.len()).copied().unwrap_or(false) {
                row.push(String::new());
            }
            let column = row.len();
            row.push(text);
            row.extend(std::iter::repeat_n(String::new(), colspan - 1));
            if rowspan > 1 {
                if table.covered.len() < column + colspan {
                    table.covered.resize(column + colspan, 0);
                }
                for c in column..column + colspan {
                    table.covered[c] = (rowspan - 1) as u32;
                }
            }
        }
    }

    pub(super) fn close_table(&mut self) {
        let Some(table) = self.tables.pop() else {
            return;
        };
        if !self.tables.is_empty() || self.cell.is_some() {
            // A table inside a table cell: its text joins the cell.
            let flat: Vec<String> = table
                .rows
                .into_iter()
                .flatten()
                .filter(|c| !c.is_empty())
                .collect();
            if let Some(cell) = self.cell.as_mut() {
                cell.push(' ');
                cell.push_str(&flat.join(" "));
            }
            return;
        }
        let rows: Vec<Vec<String>> = table.rows.into_iter().filter(|r| !r.is_empty()).collect();
        if !table.caption.trim().is_empty() {
            self.want(Gap::Paragraph);
            let caption = table
                .caption
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            self.write_inline(&caption, true);
        }
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        self.want(Gap::Paragraph);
        self.flush();
        let prefix = self.prefix(self.containers.len(), false);
        // GFM has one header row: the first row (the page's header row when
        // it has one, since it comes first).
        let mut first = true;
        for (n, row) in rows.iter().enumerate() {
            if !first {
                self.out.push('\n');
                self.out.push_str(&prefix);
            }
            first = false;
            self.out.push('|');
            for c in 0..columns {
                let cell = row.get(c).map_or("", String::as_str);
                self.out.push(' ');
                self.out.push_str(cell);
                self.out.push_str(" |");
            }
            if n == 0 {
                self.out.push('\n');
                self.out.push_str(&prefix);
                self.out.push('|');
                for _ in 0..columns {
                    self.out.push_str(" --- |");
                }
            }
        }
        self.line_start = false;
        self.want(Gap::Paragraph);
    }
}
