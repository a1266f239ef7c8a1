//! Bylines: person names only. "By"-style prefixes in several languages,
//! job titles, dates and URLs are removed; placeholders are rejected.

/// Prefixes that introduce an author, lower case, with trailing space or
/// colon handled by the caller.
const PREFIXES: &[&str] = &[
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
    let mut text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.len() > 200 || text.contains("://") || text.contains('@') && text.contains('.') {
        return None;
    }
    // Strip "By", "Von:", "Par" ... (possibly repeated: "Posted by").
    loop {
        let lower = text.to_lowercase();
        let stripped = PREFIXES.iter().find_map(|p| {
            let rest = lower.strip_prefix(p)?;
            let next = rest.chars().next()?;
            (next == ' ' || next == ':')
                .then(|| text[p.len()..].trim_start_matches([' ', ':']).to_owned())
        });
        match stripped {
            Some(rest) if !rest.is_empty() => text = rest,
            _ => break,
        }
    }
    // Cut at a date or separator that follows the name: "Jane Doe | May 2".
    for cut in [" | ", " • ", " · ", " - ", " – ", " — ", "\u{a0}|"] {
        if let Some(pos) = text.find(cut) {
            let tail = text[pos + cut.len()..].to_lowercase();
            let head = &text[..pos];
            if tail.chars().any(|c| c.is_ascii_digit())
                || is_role(&tail)
                || head.split_whitespace().count() >= 2
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
            part.trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .to_owned()
        })
        .filter(|part| !part.is_empty() && !is_role(&part.to_lowercase()) && looks_like_name(part))
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(names.join(", "))
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
    (1..=6).contains(&words) && digits == 0 && part.chars().count() <= 60
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
}
