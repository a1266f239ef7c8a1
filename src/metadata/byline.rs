//! Bylines: person names only. "By"-style prefixes in several languages,
//! job titles, dates and URLs are removed; placeholders are rejected.

/// Prefixes that introduce an author, lower case, with trailing space or
/// colon handled by the caller.
const PREFIXES: &[&str] = &[
    "view all posts by",
    "all posts by",
    "more posts by",
    "more from",
    "articles by",
    "recipe by",
    "authored by",
    "written by",
    "posted by",
    "published by",
    "story by",
    "words by",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "autor",
    "autorin",
    "автор",
    "by:",
    "authors",
    "author",
    "auteur",
    "autore",
    "texto",
    "text",
    "tekst",
];

/// Words that make a comma- or dash-separated part a job title, not a name.
const ROLE_WORDS: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "contributor",
    "staff",
    "journalist",
    "redakteur",
    "redakteurin",
    "rédacteur",
    "rédactrice",
    "redactor",
    "redacción",
    "redação",
    "redazione",
    "redakcja",
    "photographer",
    "producer",
    "analyst",
    "senior",
    "chief",
    "bureau",
    "team",
    "desk",
    "news",
    "agency",
    "agencia",
    "press",
];

/// Phrases after which the rest is someone else's credit, not the author's.
const OTHER_CREDITS: &[&str] = &[
    " reviewed by",
    " medically reviewed by",
    " fact checked by",
    " fact-checked by",
    " edited by",
    " updated by",
    " illustrated by",
    " photos by",
    " photography by",
];

/// Day names and date stamps that a byline line runs into ("Joe Wee
/// Monday", "Ana Lee Updated 3 May"): the name ends before them.
const DAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "updated",
    "published",
    "posted",
    "aktualisiert",
    "veröffentlicht",
    "publié",
    "publicado",
    "actualizado",
    "pubblicato",
    "aggiornato",
    "opublikowano",
];

/// Month names: they end the name only when a number follows ("Ana Lee
/// Jan 3"), since some are names too ("Wei Sun", "Mary June").
const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Whole values that are labels or calls to action, never a name.
const LABELS: &[&str] = &[
    "name",
    "the author",
    "about the author",
    "about author",
    "author bio",
    "full bio",
    "follow the author",
    "follow",
    "find",
    "view profile",
    "profile",
    "contributors",
];

/// Values that are never a person's name.
const PLACEHOLDERS: &[&str] = &[
    "admin",
    "administrator",
    "user",
    "guest",
    "anonymous",
    "unknown",
    "author",
    "editor",
    "staff",
    "webmaster",
    "root",
    "null",
    "undefined",
    "none",
];

/// Cleans one raw byline; `None` when nothing name-like is left.
pub(crate) fn clean(raw: &str) -> Option<String> {
    // Meta values are sometimes entity-encoded twice ("Maria &amp;amp; Kat").
    let decoded = super::decode_entities(raw);
    let mut text = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.len() > 200 || text.contains("://") || text.contains('@') && text.contains('.') {
        return None;
    }
    // Breadcrumbs, exclamations, questions and "Visit the … Store" links
    // are page furniture, not names.
    if text.contains(['»', '›', '!', '?']) || text.to_lowercase().starts_with("visit the ") {
        return None;
    }
    // Strip "By", "Von:", "Par" ... (possibly repeated: "Posted by"). A
    // prefix glued to the name ("ByAmy Roeder": separate elements in the
    // markup) counts when a capital letter follows.
    loop {
        let lower = text.to_lowercase();
        let stripped = PREFIXES.iter().find_map(|p| {
            let rest = lower.strip_prefix(p)?;
            let next = rest.chars().next()?;
            let glued = text
                .get(p.len()..)?
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            (next == ' ' || next == ':' || glued)
                .then(|| text[p.len()..].trim_start_matches([' ', ':']).to_owned())
        });
        match stripped {
            Some(rest) if !rest.is_empty() => text = rest,
            Some(_) => return None,
            None => break,
        }
    }
    let lower = text.to_lowercase();
    if LABELS.contains(&lower.as_str()) || PREFIXES.contains(&lower.as_str()) {
        return None;
    }
    // "Jane Doe. Reviewed by Dr. Roe": the reviewer is not an author.
    if let Some(pos) = OTHER_CREDITS.iter().filter_map(|c| lower.find(c)).min() {
        text = text[..pos]
            .trim_end_matches([' ', '.', ',', ';'])
            .to_owned();
    }
    // "Martin Roe (avec Ana Lee et Li Wei)": co-authors in brackets; an
    // unclosed bracket is a cut-off handle ("amondale (Amondale").
    if let Some(open) = text.find('(') {
        let inside = text[open + 1..].trim_start().to_lowercase();
        let co_authors = CO_AUTHOR_WORDS
            .iter()
            .any(|w| inside.strip_prefix(w).is_some_and(|r| r.starts_with(' ')));
        if !text.contains(')') {
            text.truncate(open);
        } else if co_authors {
            text = text.replace(['(', ')'], ",");
        }
    }
    text = cut_at_date_words(&text);
    // Cut at a date or separator that follows the name: "Jane Doe | May 2".
    for cut in [" | ", " • ", " · ", " - ", " – ", " — ", "|"] {
        if let Some(pos) = text.find(cut) {
            let tail = text[pos + cut.len()..].trim().to_lowercase();
            let head = text[..pos].trim();
            if tail.chars().any(|c| c.is_ascii_digit())
                || is_role(&tail)
                || head.split_whitespace().count() >= 2
                || tail == head.to_lowercase()
                || cut == "|"
            {
                text = head.to_owned();
            }
        }
    }
    let names: Vec<String> = text
        .split([',', ';', '&'])
        .flat_map(|part| {
            part.split(" and ")
                .flat_map(|p| p.split(" und "))
                .flat_map(|p| p.split(" et "))
                .flat_map(|p| p.split(" y "))
                .flat_map(|p| p.split(" e "))
        })
        .map(|part| {
            let part = part
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            // "with Ana Lee", "avec Li Wei": the connector is not the name.
            CO_AUTHOR_WORDS
                .iter()
                .find_map(|w| part.strip_prefix(w).and_then(|r| r.strip_prefix(' ')))
                .unwrap_or(part)
                .to_owned()
        })
        .filter(|part| !part.is_empty() && !is_role(&part.to_lowercase()) && looks_like_name(part))
        .fold(Vec::new(), |mut names: Vec<String>, name| {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
            names
        });
    if names.is_empty() {
        return group_byline(&text);
    }
    Some(names.join(", "))
}

/// Words that make a whole byline a newsroom group ("News Desk", "Podium
/// Staff", "Editorial Team"): a real author, though not a person.
const GROUP_WORDS: &[&str] = &[
    "staff",
    "team",
    "desk",
    "bureau",
    "newsroom",
    "redaktion",
    "redacción",
    "redação",
    "redazione",
    "rédaction",
    "redakcja",
];

/// A byline that names a group and nothing else ("TOI Lifestyle Desk"),
/// kept whole; job titles ("Staff Writer") and anything longer are not.
fn group_byline(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_group = words.iter().any(|w| GROUP_WORDS.contains(w));
    let job_title = [
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "columnist",
        "contributor",
        "journalist",
    ]
    .iter()
    .any(|j| words.contains(j));
    (is_group && !job_title && (2..=5).contains(&words.len()) && !text.contains([',', ';', ':']))
        .then(|| text.to_owned())
}

/// Words that introduce a co-author inside brackets.
const CO_AUTHOR_WORDS: &[&str] = &["with", "avec", "mit", "con", "com", "z", "met"];

/// Cuts a byline where a day or month name begins ("Joe Wee Monday",
/// "Ana Lee Updated Jan 3"): the line ran into its date.
fn cut_at_date_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let is_day_word = |word: &str| {
        let lower = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        DAY_WORDS.contains(&lower.as_str())
    };
    for (i, word) in words.iter().enumerate() {
        // A stamp glued to the name's last word: "PerumalPublished".
        if let Some(at) = glued_word_start(word).filter(|&at| is_day_word(&word[at..])) {
            let mut kept = words[..i].join(" ");
            if !kept.is_empty() {
                kept.push(' ');
            }
            kept.push_str(&word[..at]);
            return kept;
        }
        let number_follows = words
            .get(i + 1)
            .is_some_and(|next| next.chars().any(|c| c.is_ascii_digit()));
        let lower = word.to_lowercase();
        if is_day_word(word) || (i > 0 && number_follows && MONTH_WORDS.contains(&lower.as_str())) {
            return words[..i].join(" ");
        }
    }
    text.to_owned()
}

/// Where a second capitalised word starts inside `word` ("PerumalPublished"
/// → 7), from markup that put two elements side by side without a space.
fn glued_word_start(word: &str) -> Option<usize> {
    let mut previous_lower = false;
    for (at, ch) in word.char_indices() {
        if previous_lower && ch.is_uppercase() {
            return Some(at);
        }
        previous_lower = ch.is_lowercase();
    }
    None
}

fn is_role(lower: &str) -> bool {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ROLE_WORDS.contains(&w))
}

fn looks_like_name(part: &str) -> bool {
    let lower = part.to_lowercase();
    if PLACEHOLDERS.contains(&lower.as_str()) {
        return false;
    }
    let words = part.split_whitespace().count();
    let digits = part.chars().filter(|c| c.is_ascii_digit()).count();
    // A lone letter ("Mac & i") is no name; a colon marks a label or a
    // headline run into the byline.
    (1..=6).contains(&words)
        && digits == 0
        && part.chars().count() <= 60
        && part.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !part.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_roles() {
        assert_eq!(
            clean("By Dana Whitfield").as_deref(),
            Some("Dana Whitfield")
        );
        assert_eq!(clean("Por Fulana de Tal").as_deref(), Some("Fulana de Tal"));
        assert_eq!(clean("di Mario Rossi").as_deref(), Some("Mario Rossi"));
        assert_eq!(clean("Von Anna Schmidt").as_deref(), Some("Anna Schmidt"));
        assert_eq!(
            clean("By Jane Doe, Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean("Jane Doe and John Roe").as_deref(),
            Some("Jane Doe, John Roe")
        );
        assert_eq!(clean("Jane Doe | May 2, 2024").as_deref(), Some("Jane Doe"));
        assert_eq!(clean("admin"), None);
        assert_eq!(
            clean("Автор: Анна Соколова").as_deref(),
            Some("Анна Соколова")
        );
        assert_eq!(clean("https://example.com/jane"), None);
    }

    #[test]
    fn real_world_shapes() {
        let cases: &[(&str, Option<&str>)] = &[
            ("ByAmy Roeder", Some("Amy Roeder")),
            ("Posted byDamien Walter", Some("Damien Walter")),
            ("View all posts by Ray Ansari", Some("Ray Ansari")),
            ("Recipe by PJ Hamel", Some("PJ Hamel")),
            ("Matteo Laratta| Author", Some("Matteo Laratta")),
            (
                "Shelby Loos, DVM. Reviewed by Molly Price, DVM",
                Some("Shelby Loos, DVM"),
            ),
            ("Joe Wee Monday", Some("Joe Wee")),
            ("Ana Lee Jan 3, 2024", Some("Ana Lee")),
            ("Wei Sun", Some("Wei Sun")),
            ("Mary June", Some("Mary June")),
            (
                "Reyan PerumalPublished on March 3, 2024",
                Some("Reyan Perumal"),
            ),
            ("Updated on", None),
            ("By", None),
            ("Written By", None),
            ("Name", None),
            ("About the Author", None),
            ("Visit the Harbor Store", None),
            ("Home » Services » Consulting", None),
            ("Coming Soon! Holiday Edition", None),
            ("Maria &amp; Katerina", Some("Maria, Katerina")),
            ("Joe – Joe", Some("Joe")),
            ("amondale (Amondale", Some("amondale")),
            ("Paramita (Guha) Ghosh", Some("Paramita (Guha) Ghosh")),
            (
                "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
                Some("Martin Untersinger, Damien Leloup, Morgane Tual"),
            ),
            ("The Ritualist", Some("The Ritualist")),
            ("by The Ritualist", Some("The Ritualist")),
            ("May 21, 2025April 24, 2025 by The Ritualist", None),
            ("Keshala Jayawickrama", Some("Keshala Jayawickrama")),
            ("Mac & i", Some("Mac")),
            (
                "Michael Isikoff Trump's inauguration: ticket packages",
                None,
            ),
            ("Par Sébastien Farcis", Some("Sébastien Farcis")),
            ("Door Jan de Vries", Some("Jan de Vries")),
            ("By News Desk", Some("News Desk")),
            ("TOI Lifestyle Desk", Some("TOI Lifestyle Desk")),
            ("Staff Writer", None),
            ("staff", None),
            ("Czytaj więcej", Some("Czytaj więcej")),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw).as_deref(), *want, "{raw:?}");
        }
    }
}
