//! The explanation as one self-contained HTML page: inline CSS, no scripts,
//! no external assets, and every piece of page text escaped (a
//! Content-Security-Policy forbids scripts besides).

use std::fmt::Write;

use super::{Block, Explanation};
use crate::render::html::escape_into;

const STYLE: &str = r#"
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;background:#263238;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:18px;align-items:baseline;z-index:1}
header b{font-size:15px}
header .pill{background:#37474f;border-radius:10px;padding:1px 9px}
main{padding:12px 16px;max-width:1280px}
h2{font-size:15px;margin:22px 0 8px}
table{border-collapse:collapse;font-size:12.5px}
td,th{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#eceff1}
.block{display:grid;grid-template-columns:minmax(0,1fr) 290px;gap:10px;margin:3px 0;padding:4px 8px;border-radius:3px}
.block .why{font-size:12px;color:#333;border-left:1px solid rgba(0,0,0,.15);padding-left:8px;overflow-wrap:anywhere}
.block .path{display:block;font:11px ui-monospace,monospace;color:#666;overflow-wrap:anywhere}
.block .txt{overflow-wrap:anywhere}
.kept{background:#dcf5dc}
.dropped{background:#fbdcdc;color:#555}
.dropped .txt{text-decoration:line-through;text-decoration-color:rgba(160,0,0,.35)}
.chosen{outline:3px solid #1565c0;outline-offset:2px;margin:14px 0;padding:2px 0;border-radius:3px}
.chosen>.label{font:12px ui-monospace,monospace;color:#1565c0;margin:0 8px}
.stage{font-weight:600;text-transform:uppercase;font-size:10.5px;letter-spacing:.04em}
.legend span{padding:1px 8px;border-radius:3px;margin-right:8px}
"#;

pub(super) fn render(e: &Explanation) -> String {
    let mut out = String::with_capacity(16 * 1024 + e.blocks.len() * 300);
    let a = &e.article;
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>decant explain: ");
    escape_into(&mut out, a.title.as_deref().unwrap_or("(no title)"), false);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body>\n");

    // Summary bar.
    let (kept, dropped) = e.word_counts();
    let page_type = a.page_type.map_or("unsure", |t| t.as_str());
    let reading = e
        .passes
        .iter()
        .find(|p| p.chosen)
        .map_or_else(String::new, |p| {
            format!("{} reading, step {}", p.reading, p.step)
        });
    let _ = write!(
        out,
        "<header id=\"summary\"><b>decant explain</b>\
         <span class=\"pill\" id=\"page-type\">page type: {page_type}</span>\
         <span class=\"pill\" id=\"confidence\">confidence: {:.2}</span>\
         <span class=\"pill\" id=\"words\">words kept {kept} / dropped {dropped}</span>\
         <span class=\"pill\">",
        a.confidence
    );
    escape_into(&mut out, &reading, false);
    out.push_str("</span></header>\n<main>\n");

    // Metadata and where it came from.
    out.push_str("<h2>Metadata</h2>\n<table id=\"metadata\"><tr><th>field</th><th>value</th><th>source</th></tr>\n");
    for f in &e.fields {
        out.push_str("<tr><td>");
        out.push_str(f.field);
        out.push_str("</td><td>");
        escape_into(&mut out, &f.value, false);
        out.push_str("</td><td>");
        escape_into(&mut out, &f.source, false);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</table>\n");

    // The blocks, in document order; the chosen container outlined.
    out.push_str(
        "<h2>Blocks</h2>\n<p class=\"legend\"><span class=\"kept\">kept</span>\
         <span class=\"dropped\">dropped (stage and reason on the right, and on hover)</span>\
         <span class=\"chosen\">chosen container</span></p>\n<div id=\"blocks\">\n",
    );
    let mut in_chosen = false;
    for block in &e.blocks {
        if block.in_chosen != in_chosen {
            if in_chosen {
                out.push_str("</div>\n");
            } else {
                out.push_str("<div class=\"chosen\"><div class=\"label\">chosen container: ");
                escape_into(&mut out, &e.chosen.path, false);
                out.push_str("</div>\n");
            }
            in_chosen = block.in_chosen;
        }
        render_block(&mut out, block);
    }
    if in_chosen {
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");

    // How the container was chosen.
    out.push_str("<h2>Selection</h2>\n<ul id=\"steps\">");
    for step in &e.chosen.steps {
        out.push_str("<li>");
        escape_into(&mut out, step, false);
        out.push_str("</li>");
    }
    for m in &e.chosen.merged {
        out.push_str("<li>merged <code>");
        escape_into(&mut out, &m.path, false);
        out.push_str("</code>: ");
        escape_into(&mut out, &m.why, false);
        out.push_str("</li>");
    }
    out.push_str("</ul>\n<table id=\"passes\"><tr><th>pass</th><th>step</th><th>text chars</th><th>used</th></tr>");
    for p in &e.passes {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            p.reading,
            p.step,
            p.text_chars,
            if p.chosen { "yes" } else { "" }
        );
    }
    out.push_str("</table>\n");
    out.push_str(
        "<h2>Candidates</h2>\n<table id=\"candidates\"><tr><th>container</th><th>score</th>\
         <th>points</th><th>tag</th><th>class/id</th><th>chars</th><th>link density</th>\
         <th>commas</th><th>paragraphs</th></tr>\n",
    );
    for c in &e.candidates {
        out.push_str("<tr><td><code>");
        escape_into(&mut out, &c.path, false);
        let _ = writeln!(
            out,
            "</code></td><td>{:.1}</td><td>{:.1}</td><td>{:+.0}</td><td>{:+.0}</td><td>{}</td>\
             <td>{:.2}</td><td>{}</td><td>{}</td></tr>",
            c.score,
            c.points,
            c.tag_weight,
            c.class_weight,
            c.text_chars,
            c.link_density,
            c.commas,
            c.paragraphs
        );
    }
    out.push_str("</table>\n</main></body></html>\n");
    out
}

fn render_block(out: &mut String, block: &Block) {
    let (class, label) = match (&block.stage, &block.reason) {
        (Some(stage), Some(reason)) if !block.kept => ("dropped", Some((stage.as_str(), reason))),
        _ => ("kept", None),
    };
    out.push_str("<div class=\"block ");
    out.push_str(class);
    out.push_str("\" title=\"");
    match label {
        Some((stage, reason)) => {
            out.push_str("dropped by ");
            out.push_str(stage);
            out.push_str(": ");
            escape_into(out, reason, true);
        }
        None => out.push_str("kept"),
    }
    out.push_str("\"><div class=\"txt\"><span class=\"path\">");
    escape_into(out, &block.path, false);
    out.push_str("</span>");
    escape_into(out, &block.text, false);
    out.push_str("</div><div class=\"why\">");
    match label {
        Some((stage, reason)) => {
            out.push_str("<span class=\"stage\">");
            out.push_str(stage);
            out.push_str("</span> ");
            escape_into(out, reason, false);
        }
        None => out.push_str("kept"),
    }
    let _ = writeln!(out, " · {} words</div></div>", block.words);
}
