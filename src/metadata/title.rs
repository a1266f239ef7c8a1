//! The headline: declared titles first (JSON-LD, Dublin Core, Open Graph,
//! Twitter), else the `<title>` with its site-name part removed, checked
//! against the page's headings. A site-name suffix is removed from any
//! source when it matches the known site name.

/// Separators between a headline and a site name in `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " / ", " » ", " > ", " · ", " \\ ",
];

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn has_separator(s: &str) -> bool {
    SEPARATORS.iter().any(|sep| s.contains(sep))
}

/// Readability's reading of a `<title>`: drop the part after the last
/// separator (or before the first, when too little is left); handle
/// "Site: Headline"; fall back to the only `<h1>` when the title is odd.
pub(crate) fn clean_document_title(original: &str, headings: &[String], h1s: &[String]) -> String {
    let original = original.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(heading) = heading_in_title(&original, headings) {
        return heading;
    }
    let mut title = original.clone();
    let mut hierarchical = false;
    if has_separator(&original) {
        hierarchical = [" / ", " » ", " > ", " \\ "]
            .iter()
            .any(|s| original.contains(s));
        // Everything before the last separator.
        let last = SEPARATORS
            .iter()
            .filter_map(|sep| original.rfind(sep))
            .max()
            .unwrap_or(0);
        title = original[..last].to_owned();
        if word_count(&title) < 3 {
            // Everything after the first separator.
            let (first, sep_len) = SEPARATORS
                .iter()
                .filter_map(|sep| original.find(sep).map(|p| (p, sep.len())))
                .min()
                .unwrap_or((0, 0));
            title = original[first + sep_len..].to_owned();
        }
    } else if original.contains(": ") {
        if !headings.iter().any(|h| h.trim() == original) {
            let last = original.rfind(':').unwrap_or(0);
            title = original[last + 1..].trim().to_owned();
            if word_count(&title) < 3 {
                let first = original.find(':').unwrap_or(0);
                title = original[first + 1..].trim().to_owned();
            } else if word_count(&original[..original.find(':').unwrap_or(0)]) > 5 {
                title = original.clone();
            }
        }
    } else if (original.chars().count() > 150 || original.chars().count() < 15) && h1s.len() == 1 {
        title = h1s[0].clone();
    }
    let title = title.trim().to_owned();
    let words = word_count(&title);
    let original_words = word_count(
        &original
            .split(|c| "|-–—\\/>»".contains(c))
            .collect::<Vec<_>>()
            .join(" "),
    );
    if words <= 4 && (!hierarchical || words + 1 != original_words) {
        return original;
    }
    title
}

/// The heading that is the title's headline part: the title starts with
/// it and a separator follows ("Headline | Site"). Only the start counts:
/// a heading at the end of the title is usually the site name (forum and
/// news software put it in the `<h1>`).
pub(crate) fn heading_in_title(title: &str, headings: &[String]) -> Option<String> {
    let lower = title.to_lowercase();
    headings
        .iter()
        .find(|heading| {
            let h = heading.trim().to_lowercase();
            !h.is_empty()
                && h != lower
                && lower
                    .strip_prefix(h.as_str())
                    .is_some_and(|rest| SEPARATORS.iter().any(|sep| rest.starts_with(sep)))
        })
        .map(|h| h.trim().to_owned())
}

/// Removes a leading or trailing site name joined by a separator: the
/// declared site name, or a segment that spells the URL's host name
/// ("B&H Photo Video" on bhphotovideo.com).
pub(crate) fn strip_site_name(
    title: &str,
    site_name: Option<&str>,
    host_label: Option<&str>,
) -> String {
    let site = site_name.map(alphanumeric_lower).filter(|s| !s.is_empty());
    let is_site = |segment: &str| {
        let segment = alphanumeric_lower(segment);
        !segment.is_empty()
            && (site.as_deref() == Some(segment.as_str())
                || host_label.is_some_and(|h| h.len() >= 3 && h.replace('-', "") == segment))
    };
    for sep in SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            if is_site(tail) && word_count(head) >= 1 {
                return strip_site_name(head.trim(), site_name, host_label);
            }
        }
        if let Some(pos) = title.find(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            if is_site(head) && word_count(tail) >= 1 {
                return strip_site_name(tail.trim(), site_name, host_label);
            }
        }
    }
    title.to_owned()
}

/// Removes a short trailing segment after the last separator ("Wedding
/// planning tools – Caterer Spreadsheet", "Healthy Eating Plate • The
/// Nutrition Source"): with three words or fewer it is a site, section or
/// tagline, not part of the headline — unless it reads like one (a
/// question, an exclamation, a bracket, or it starts with a number).
pub(crate) fn strip_short_tail(title: &str) -> String {
    for sep in [" | ", " • ", " · ", " – ", " — ", " :: ", " - "] {
        let Some(pos) = title.rfind(sep) else {
            continue;
        };
        let (head, tail) = (title[..pos].trim(), title[pos + sep.len()..].trim());
        let headline_like =
            tail.ends_with(['?', '!', ')']) || tail.starts_with(|c: char| c.is_ascii_digit());
        if word_count(tail) <= 3 && word_count(head) >= 3 && !headline_like {
            return head.to_owned();
        }
        break;
    }
    title.to_owned()
}

/// A site name reduced for comparison: its first part before a separator
/// ("Aktuálně.cz - Víte, co se právě děje" is "Aktuálně.cz"), letters and
/// digits only, lower case.
pub(crate) fn site_key(site_name: &str) -> String {
    let first = SEPARATORS
        .iter()
        .filter_map(|sep| site_name.find(sep))
        .min()
        .map_or(site_name, |at| &site_name[..at]);
    alphanumeric_lower(first)
}

fn alphanumeric_lower(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_titles() {
        assert_eq!(
            clean_document_title(
                "Port expansion wins final approval | The Harbor Ledger",
                &[],
                &[]
            ),
            "Port expansion wins final approval"
        );
        assert_eq!(
            clean_document_title("Port expansion wins final approval – El Sol", &[], &[]),
            "Port expansion wins final approval"
        );
        assert_eq!(
            clean_document_title("Port wins | Ledger", &["Port wins".to_owned()], &[]),
            "Port wins"
        );
        // Too short after the cut: keep the whole title.
        assert_eq!(clean_document_title("Home - Site", &[], &[]), "Home - Site");
    }

    #[test]
    fn site_names() {
        assert_eq!(
            strip_site_name("A headline – with a dash | Ledger", Some("Ledger"), None),
            "A headline – with a dash"
        );
        assert_eq!(
            strip_site_name("Ledger: A headline", Some("Ledger"), None),
            "Ledger: A headline"
        );
        assert_eq!(
            strip_site_name("Ledger | A headline", Some("ledger"), None),
            "A headline"
        );
    }

    #[test]
    fn real_world_title_shapes() {
        let no_headings: &[String] = &[];
        // (document title, h1, expected)
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                "Budget 2025: What it means | Gazette",
                None,
                "Budget 2025: What it means",
            ),
            (
                "Tide tables explained for beginners :: Harbour Notes",
                None,
                "Tide tables explained for beginners",
            ),
            (
                "Harbour Notes » Tide tables explained for beginners",
                None,
                "Tide tables explained for beginners",
            ),
            (
                "Tide tables explained for beginners — Harbour Notes",
                None,
                "Tide tables explained for beginners",
            ),
            // The headline's own dash stays when the h1 says so.
            (
                "Covid-19 – what we know so far – Daily Mail",
                Some("Covid-19 – what we know so far"),
                "Covid-19 – what we know so far",
            ),
            (
                "Ferry returns - Bay Courier",
                Some("Ferry returns"),
                "Ferry returns",
            ),
            ("Contact", None, "Contact"),
        ];
        for (title, h1, want) in cases {
            let h1s: Vec<String> = h1.iter().map(|h| h.to_string()).collect();
            let got =
                clean_document_title(title, if h1s.is_empty() { no_headings } else { &h1s }, &h1s);
            assert_eq!(got, *want, "{title:?}");
        }
        // Site names: by declared name, by host label, either side.
        let sites: &[(&str, Option<&str>, Option<&str>, &str)] = &[
            (
                "Tidal trial doubles output - Coastline Review",
                Some("Coastline Review"),
                None,
                "Tidal trial doubles output",
            ),
            // A "Site: …" prefix may be a column name: kept.
            (
                "Coastline Review: Tidal trial doubles output",
                Some("Coastline Review"),
                None,
                "Coastline Review: Tidal trial doubles output",
            ),
            (
                "Tidal trial doubles output | coastline",
                None,
                Some("coastline"),
                "Tidal trial doubles output",
            ),
            (
                "Review: a quiet coastline",
                Some("Coastline Review"),
                None,
                "Review: a quiet coastline",
            ),
            ("Mozilla - Wikipedia", Some("Wikipedia"), None, "Mozilla"),
        ];
        for (title, site, host, want) in sites {
            assert_eq!(strip_site_name(title, *site, *host), *want, "{title:?}");
        }
    }

    #[test]
    fn short_tails() {
        let cases = [
            (
                "Healthy Eating Plate • The Nutrition Source",
                "Healthy Eating Plate",
            ),
            (
                "Wedding Planning Tools – Caterer Comparison Spreadsheet",
                "Wedding Planning Tools",
            ),
            (
                "Best free certificate courses | Alison",
                "Best free certificate courses",
            ),
            (
                "Friday Facts #282 - 0.17 in sight",
                "Friday Facts #282 - 0.17 in sight",
            ),
            (
                "Apple or Samsung - which is better?",
                "Apple or Samsung - which is better?",
            ),
            ("Port wins - Ledger", "Port wins - Ledger"),
            (
                "A long tail stays here - because it has many words in it",
                "A long tail stays here - because it has many words in it",
            ),
        ];
        for (title, want) in cases {
            assert_eq!(strip_short_tail(title), want, "{title:?}");
        }
    }
}
