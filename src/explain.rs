//! Why the article is what it is: the decisions of one extraction, read
//! from the side tables the pipeline filled (removal reasons, cuts, the
//! selection log). Built only by [`Extractor::explain`](crate::Extractor::explain);
//! the normal path records nothing.

mod report;

use serde::Serialize;

use crate::Article;
use crate::assess::Signals;
use crate::clean::CleanMode;
use crate::cues::ClassCues;
use crate::dom::{Dom, Kind, Tag, push_collapsed};
use crate::extractor::{Pass, PassNote};
use crate::metadata::{Metadata, Source};
use crate::prepare::{Removal, UNLIKELY_ROLES, UnlikelyBy};
use crate::select::{class_weight, tag_weight};

/// Everything [`Extractor::explain`](crate::Extractor::explain) recorded
/// about one extraction. Serialisable; [`Explanation::report_html`] renders
/// it as a self-contained HTML page.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The article, exactly as [`Extractor::extract`](crate::Extractor::extract) gives it.
    pub article: Article,
    /// The evidence behind `page_type` and `confidence`.
    pub signals: Signals,
    /// The passes the pipeline ran (flag ladder, listing reading), in order.
    pub passes: Vec<PassTried>,
    /// The best-scoring candidate containers of the chosen pass, best first.
    pub candidates: Vec<Candidate>,
    /// The chosen container and the siblings merged into it.
    pub chosen: Chosen,
    /// Each subtree removed, in document order, with its stage and reason.
    pub removed: Vec<Removed>,
    /// The page's blocks of text in document order, kept or dropped.
    pub blocks: Vec<Block>,
    /// Where each metadata field came from.
    pub fields: Vec<FieldSource>,
}

/// The pipeline stage that removed a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Stage {
    /// Never content: hidden, page furniture, navigation.
    Prepare,
    /// Outside the chosen container.
    Select,
    /// Boilerplate inside the chosen container.
    Clean,
}

impl Stage {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Prepare => "prepare",
            Stage::Select => "select",
            Stage::Clean => "clean",
        }
    }
}

/// One pass the pipeline ran.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct PassTried {
    /// `article` (the flag ladder) or `listing` (the main region, relaxed).
    pub reading: &'static str,
    /// The flag-ladder step: 0 strips unlikely boxes and hidden elements,
    /// 1 keeps unlikely boxes, 2 keeps hidden elements too.
    pub step: u8,
    /// Characters of text the pass gave.
    pub text_chars: usize,
    /// Whether its result is the one used.
    pub chosen: bool,
}

/// A candidate container and the features behind its score.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Candidate {
    /// A short CSS-like path to the element.
    pub path: String,
    /// The final score: (weights + paragraph points) × (1 − link density).
    pub score: f32,
    /// Tag weight plus class/id weight plus the points its paragraphs gave.
    pub points: f32,
    /// Readability's tag weight (`div` +5, lists −3, headings −5, ...).
    pub tag_weight: f32,
    /// Class/id evidence: +25 content words, −25 furniture words.
    pub class_weight: f32,
    /// Visible characters kept inside.
    pub text_chars: u32,
    /// Share of those characters inside links.
    pub link_density: f32,
    /// Commas inside (punctuation: running text has them).
    pub commas: u32,
    /// `<p>`-like blocks inside.
    pub paragraphs: u32,
}

/// The chosen container.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Chosen {
    /// Path of the chosen container (for a listing reading: the main region).
    pub path: String,
    /// How the selection got there from the best candidate.
    pub steps: Vec<String>,
    /// Siblings merged beside it, with why.
    pub merged: Vec<MergedRoot>,
}

/// A sibling merged into the article.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct MergedRoot {
    /// Its path.
    pub path: String,
    /// Why it was merged.
    pub why: String,
}

/// A removed subtree.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Removed {
    /// A short CSS-like path to the element.
    pub path: String,
    /// Its first words (at most about 80 characters).
    pub first_words: String,
    /// The stage that removed it.
    pub stage: Stage,
    /// The rule or cue (`cue: see-also ("lesen sie auch")`,
    /// `link density 0.83 > 0.50`, `hidden: display:none`).
    pub reason: String,
    /// Visible characters removed.
    pub chars: usize,
}

/// A block of the page's text, kept or dropped.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct Block {
    /// A short CSS-like path to the element that holds the text.
    pub path: String,
    /// The text (at most about 400 characters; `words` counts it all).
    pub text: String,
    /// Words in the block.
    pub words: usize,
    /// Whether the block is part of the article.
    pub kept: bool,
    /// For a dropped block, the stage that dropped it.
    pub stage: Option<Stage>,
    /// For a dropped block, the rule or cue.
    pub reason: Option<String>,
    /// Whether the block lies inside the chosen container.
    pub in_chosen: bool,
}

/// Where one metadata field came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[non_exhaustive]
pub struct FieldSource {
    /// `title`, `byline`, `date`, `site_name`, `lang` or `description`.
    pub field: &'static str,
    /// The value given.
    pub value: String,
    /// Its source: `JSON-LD headline`, `meta og:title`, `<title>`,
    /// `visible text byline element`, ...
    pub source: String,
}

impl Explanation {
    /// The explanation as one self-contained HTML page (inline CSS, no
    /// scripts, page text escaped): the page's blocks tinted kept or dropped
    /// with their reasons, the chosen container outlined, the metadata with
    /// its sources, and a summary bar.
    pub fn report_html(&self) -> String {
        report::render(self)
    }

    /// Words in kept blocks and in dropped blocks.
    pub fn word_counts(&self) -> (usize, usize) {
        self.blocks.iter().fold((0, 0), |(kept, dropped), b| {
            if b.kept {
                (kept + b.words, dropped)
            } else {
                (kept, dropped + b.words)
            }
        })
    }
}

/// How much text a block or a removal shows.
const BLOCK_TEXT_CHARS: usize = 400;
const FIRST_WORDS_CHARS: usize = 80;

/// Builds the explanation (without the article) from the chosen pass.
pub(crate) fn record(
    dom: &Dom,
    cues: &[ClassCues],
    best: &Pass,
    notes: &[PassNote],
    meta: &Metadata,
    signals: Signals,
) -> Explanation {
    let passes = notes
        .iter()
        .map(|n| PassTried {
            reading: match n.mode {
                CleanMode::Article => "article",
                CleanMode::Documentation => "documentation",
                CleanMode::Listing => "listing",
            },
            step: n.step,
            text_chars: n.text_chars,
            chosen: n.mode == best.mode && n.step == best.step,
        })
        .collect();
    let f = &best.features;
    let mut candidates = Vec::new();
    let mut chosen = Chosen {
        path: css_path(dom, best.selection.top),
        ..Chosen::default()
    };
    if let Some(log) = &best.log {
        candidates = log
            .candidates
            .iter()
            .map(|&(node, score, points)| Candidate {
                path: css_path(dom, node),
                score,
                points,
                tag_weight: tag_weight(dom.tag(node).unwrap_or(Tag::Other)),
                class_weight: class_weight(cues[node]),
                text_chars: f.text_len[node],
                link_density: f.link_density(node),
                commas: f.commas[node],
                paragraphs: f.paragraphs[node],
            })
            .collect();
        chosen.steps = log.steps.clone();
        chosen.merged = log
            .merged
            .iter()
            .map(|(node, why)| MergedRoot {
                path: css_path(dom, *node),
                why: why.clone(),
            })
            .collect();
    } else {
        chosen.steps.push(
            "listing reading: the page's main region (<main>, role=main, else <body>), cleaned without link-density cuts"
                .to_owned(),
        );
    }
    let (removed, blocks) = walk_blocks(dom, best);
    Explanation {
        article: Article::default(),
        signals,
        passes,
        candidates,
        chosen,
        removed,
        blocks,
        fields: field_sources(meta),
    }
}

/// A node's status in the explanation walk.
#[derive(Clone, Copy, PartialEq)]
enum Status {
    Kept,
    /// An ancestor of a chosen root: its own text is outside the article.
    Around,
    /// Dropped, under the drop root `usize`.
    Dropped(usize),
}

/// Assigns every text node to its block (the nearest block element, or the
/// root of the subtree removed around it) and gathers the blocks.
fn walk_blocks(dom: &Dom, best: &Pass) -> (Vec<Removed>, Vec<Block>) {
    let f = &best.features;
    let roots = &best.selection.roots;
    let n = dom.len();
    let body = dom.find_tag(Tag::Body).unwrap_or(0);
    let mut status = vec![Status::Around; n];
    let mut owner = vec![usize::MAX; n];
    let mut reasons: Vec<Option<(Stage, String)>> = vec![None; n];
    let mut texts: Vec<String> = Vec::new();
    // The parent of the last text node appended to each buffer.
    let mut last_parent: Vec<usize> = Vec::new();
    let mut slot = vec![usize::MAX; n];
    let end = dom.nodes.get(body).map_or(n, |b| b.end as usize);
    for i in body..end {
        let parent = dom.parent(i).filter(|_| i != body);
        let parent_status = parent.map_or(Status::Around, |p| status[p]);
        let removal = f.removal[i];
        let (st, drop) = match parent_status {
            Status::Dropped(root) => (Status::Dropped(root), None),
            _ if !matches!(removal, Removal::Kept | Removal::Inherited) => (
                Status::Dropped(i),
                prepare_reason(dom, i, removal).map(|r| (Stage::Prepare, r)),
            ),
            _ if best.cut[i].is_some() => (
                Status::Dropped(i),
                best.cut[i].map(|c| (Stage::Clean, c.describe())),
            ),
            Status::Kept => (Status::Kept, None),
            Status::Around => {
                if roots.contains(&i) {
                    (Status::Kept, None)
                } else if roots.iter().any(|&r| dom.contains(i, r)) {
                    (Status::Around, None)
                } else if dom.tag(i).is_some() {
                    (
                        Status::Dropped(i),
                        Some((Stage::Select, "outside the chosen container".to_owned())),
                    )
                } else {
                    // Loose text beside the article: owned by its parent.
                    (Status::Around, None)
                }
            }
        };
        status[i] = st;
        // Never-content removals (scripts, styles, controls) are not text
        // a reader saw: no block for them.
        let never = removal == Removal::NeverContent
            || matches!(
                dom.tag(i),
                Some(Tag::Script | Tag::Style | Tag::Template | Tag::Svg | Tag::Math)
            );
        owner[i] = match (st, dom.nodes[i].kind) {
            (Status::Dropped(_), _) if never => usize::MAX,
            (Status::Dropped(root), _) if root != i => owner[parent.unwrap_or(i)],
            (Status::Dropped(_), _) => {
                reasons[i] = drop;
                i
            }
            (_, Kind::Element(_, tag, _)) if tag.is_block() || roots.contains(&i) || i == body => i,
            _ => parent.map_or(i, |p| owner[p]),
        };
        if let Kind::Text(text) = dom.nodes[i].kind {
            let o = owner[i];
            if o == usize::MAX {
                continue;
            }
            if slot[o] == usize::MAX {
                slot[o] = texts.len();
                texts.push(String::new());
                last_parent.push(usize::MAX);
            }
            let k = slot[o];
            let here = parent.unwrap_or(i);
            if let (Some(buffer), Some(last)) = (texts.get_mut(k), last_parent.get_mut(k)) {
                // Adjacent links or cells with no space between them in the
                // markup are separate items on screen: keep their words apart.
                let separate = |p: usize| {
                    matches!(
                        dom.tag(p),
                        Some(Tag::A | Tag::Li | Tag::Td | Tag::Th | Tag::Dt | Tag::Dd | Tag::Label)
                    )
                };
                if *last != here
                    && *last != usize::MAX
                    && (separate(*last) || separate(here))
                    && !buffer.ends_with(char::is_whitespace)
                    && text.starts_with(|c: char| c.is_alphanumeric())
                {
                    buffer.push(' ');
                }
                push_collapsed(buffer, text);
                *last = here;
            }
        }
    }
    let mut owners: Vec<usize> = (body..end).filter(|&i| slot[i] != usize::MAX).collect();
    owners.sort_unstable();
    let mut blocks = Vec::new();
    let mut removed = Vec::new();
    for o in owners {
        let text = texts.get(slot[o]).map_or("", |t| t.trim());
        if text.is_empty() {
            continue;
        }
        let words = text.split_whitespace().count();
        let path = css_path(dom, o);
        let in_chosen = roots.iter().any(|&r| dom.contains(r, o));
        let (kept, stage, reason) = match status[o] {
            Status::Kept => (true, None, None),
            Status::Around => (
                false,
                Some(Stage::Select),
                Some("outside the chosen container".to_owned()),
            ),
            Status::Dropped(_) => match &reasons[o] {
                Some((stage, reason)) => (false, Some(*stage), Some(reason.clone())),
                None => (false, Some(Stage::Prepare), Some("removed".to_owned())),
            },
        };
        if let (Some(stage), Some(reason), Status::Dropped(_)) = (stage, &reason, status[o]) {
            removed.push(Removed {
                path: path.clone(),
                first_words: truncate(text, FIRST_WORDS_CHARS),
                stage,
                reason: reason.clone(),
                chars: text.chars().count(),
            });
        }
        blocks.push(Block {
            path,
            text: truncate(text, BLOCK_TEXT_CHARS),
            words,
            kept,
            stage,
            reason,
            in_chosen,
        });
    }
    (removed, blocks)
}

fn prepare_reason(dom: &Dom, i: usize, removal: Removal) -> Option<String> {
    let tag = dom.element(i).map_or("", |el| el.name());
    Some(match removal {
        Removal::Kept | Removal::Inherited => return None,
        Removal::NeverContent => format!("never content: <{tag}>"),
        Removal::Hidden(by) => by.describe().to_owned(),
        Removal::Unlikely(UnlikelyBy::Role(role)) => format!(
            "unlikely: role={}",
            UNLIKELY_ROLES.get(usize::from(role)).unwrap_or(&"")
        ),
        Removal::Unlikely(UnlikelyBy::ClassCue) => {
            let names = dom
                .element(i)
                .map(|el| {
                    let id = el.id().unwrap_or("");
                    let class = el.attr("class").unwrap_or("");
                    truncate(format!("{id} {class}").trim(), 60)
                })
                .unwrap_or_default();
            format!("unlikely: class/id \"{names}\" names page furniture")
        }
        Removal::Unlikely(UnlikelyBy::Tag) => format!("unlikely: <{tag}>"),
        Removal::Unlikely(UnlikelyBy::Furniture) => {
            format!(
                "page furniture (footer, consent banner, dialog, overlay) on every pass: <{tag}>"
            )
        }
        Removal::NavigationTag => "navigation: <nav>".to_owned(),
    })
}

fn field_sources(meta: &Metadata) -> Vec<FieldSource> {
    let s = &meta.sources;
    let fields: [(&'static str, &Option<String>, Option<Source>); 6] = [
        ("title", &meta.title, s.title),
        ("byline", &meta.byline, s.byline),
        ("date", &meta.date, s.date),
        ("site_name", &meta.site_name, s.site_name),
        ("lang", &meta.lang, s.lang),
        ("description", &meta.description, s.description),
    ];
    fields
        .into_iter()
        .filter_map(|(field, value, source)| {
            let value = value.clone()?;
            let source = source.map_or_else(
                || "unknown".to_owned(),
                |s| {
                    if s.key.is_empty() {
                        s.from.to_owned()
                    } else {
                        format!("{} {}", s.from, s.key)
                    }
                },
            );
            Some(FieldSource {
                field,
                value,
                source,
            })
        })
        .collect()
}

/// `main > article#post.entry > div.related`: the element and up to three
/// ancestors, each with its id and first two classes.
pub(crate) fn css_path(dom: &Dom, i: usize) -> String {
    let mut parts = Vec::new();
    let mut current = Some(i);
    while let Some(c) = current {
        if let Some(el) = dom.element(c) {
            if matches!(dom.tag(c), Some(Tag::Html)) {
                break;
            }
            let mut part = el.name().to_owned();
            if let Some(id) = el.id() {
                part.push('#');
                part.push_str(&truncate(id, 24));
            }
            if let Some(class) = el.attr("class") {
                for class in class.split_whitespace().take(2) {
                    part.push('.');
                    part.push_str(&truncate(class, 24));
                }
            }
            parts.push(part);
            if parts.len() == 4 {
                break;
            }
        }
        current = dom.parent(c);
    }
    parts.reverse();
    parts.join(" > ")
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}
