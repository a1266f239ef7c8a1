//! Markdown output. For now the article text under a `# title` heading;
//! structured Markdown (emphasis, links, tables, fenced code) is the
//! output-format issue's work.

/// Joins the title and the plain text as a Markdown document.
pub(crate) fn from_text(title: Option<&str>, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    if let Some(title) = title {
        out.push_str("# ");
        out.push_str(title);
        out.push_str("\n\n");
    }
    out.push_str(text);
    out
}
