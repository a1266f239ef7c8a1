//! Dates: normalise machine-readable date strings to ISO 8601 and check
//! they are plausible (not before 1995, not in the future).

use std::time::{SystemTime, UNIX_EPOCH};

/// The earliest publication year we believe without more evidence.
const EARLIEST_YEAR: u32 = 1995;

/// A calendar date with an optional time of day and UTC offset, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    /// "HH:MM:SS" and the offset ("Z", "+02:00") when the source gave them.
    pub time: Option<(String, Option<String>)>,
}

impl FoundDate {
    pub(crate) fn to_iso(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        match &self.time {
            Some((time, offset)) => format!("{date}T{time}{}", offset.as_deref().unwrap_or("")),
            None => date,
        }
    }

    fn is_plausible(&self) -> bool {
        if !(1..=12).contains(&self.month)
            || self.day == 0
            || self.day > days_in_month(self.year, self.month)
        {
            return false;
        }
        if self.year < EARLIEST_YEAR {
            return false;
        }
        let (year, month, day) = today();
        // One day of slack for time zones ahead of UTC.
        (self.year, self.month, self.day) <= (year, month, day + 1)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Today's date (UTC) from the system clock.
fn today() -> (u32, u32, u32) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u32;
    (year, month, day)
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    part.iter()
        .try_fold(0u32, |acc, &b| Some(acc * 10 + u32::from(b - b'0')))
}

/// Parses an ISO-8601-like string: `YYYY-MM-DD`, `YYYY/MM/DD`, optionally
/// followed by `T` or a space, `HH:MM[:SS[.fff]]` and `Z` / `±HH[:]MM`.
/// Returns `None` for anything else or an implausible date.
pub(crate) fn parse_iso(raw: &str) -> Option<FoundDate> {
    let s = raw.trim().as_bytes();
    let year = digits(s, 0, 4)?;
    let sep = *s.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') || s.get(7) != Some(&sep) {
        return None;
    }
    let month = digits(s, 5, 2)?;
    let day = digits(s, 8, 2)?;
    let mut found = FoundDate {
        year,
        month,
        day,
        time: None,
    };
    if matches!(s.get(10), Some(b'T' | b' ')) {
        found.time = parse_time(&s[11..]);
    } else if s.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    found.is_plausible().then_some(found)
}

fn parse_time(s: &[u8]) -> Option<(String, Option<String>)> {
    let hour = digits(s, 0, 2)?;
    if s.get(2) != Some(&b':') {
        return None;
    }
    let minute = digits(s, 3, 2)?;
    let mut pos = 5;
    let mut second = 0;
    if s.get(5) == Some(&b':') {
        second = digits(s, 6, 2)?;
        pos = 8;
        if s.get(pos) == Some(&b'.') {
            pos += 1;
            while s.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match s.get(pos) {
        Some(b'Z' | b'z') => Some("Z".to_owned()),
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits(s, pos + 1, 2)?;
            let om_at = if s.get(pos + 3) == Some(&b':') {
                pos + 4
            } else {
                pos + 3
            };
            let om = digits(s, om_at, 2).unwrap_or(0);
            (oh <= 14 && om < 60).then(|| format!("{}{oh:02}:{om:02}", sign as char))
        }
        _ => None,
    };
    Some((format!("{hour:02}:{minute:02}:{second:02}"), offset))
}

/// A `/YYYY/MM/DD/` (or `-`-separated) date in a URL path.
pub(crate) fn from_url(url: &str) -> Option<FoundDate> {
    let path_start = url.find("://").map_or(0, |p| p + 3);
    let path = &url[path_start..];
    let bytes = path.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'/' {
            continue;
        }
        let Some(year) = digits(bytes, i + 1, 4) else {
            continue;
        };
        let sep = bytes.get(i + 5).copied();
        if !matches!(sep, Some(b'/' | b'-' | b'_')) {
            continue;
        }
        let (Some(month), Some(day)) = (digits(bytes, i + 6, 2), digits(bytes, i + 9, 2)) else {
            continue;
        };
        if bytes.get(i + 8).copied() != sep || bytes.get(i + 11).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let found = FoundDate {
            year,
            month,
            day,
            time: None,
        };
        if found.is_plausible() {
            return Some(found);
        }
    }
    None
}

/// Month names in English, German, French, Spanish, Portuguese, Italian
/// and Polish (nominative and genitive), lower case, with the usual
/// abbreviations; the number is the month.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("jän", 1),
    ("janvier", 1),
    ("enero", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("styczeń", 1),
    ("stycznia", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("febbraio", 2),
    ("luty", 2),
    ("lutego", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("marzec", 3),
    ("marca", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("kwiecień", 4),
    ("kwietnia", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("maj", 5),
    ("maja", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("czerwiec", 6),
    ("czerwca", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("lipiec", 7),
    ("lipca", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("sierpień", 8),
    ("sierpnia", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("wrzesień", 9),
    ("września", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("ottobre", 10),
    ("październik", 10),
    ("października", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("listopad", 11),
    ("listopada", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dicembre", 12),
    ("grudzień", 12),
    ("grudnia", 12),
];

/// Small words between the parts of a written date ("12 de abril de 2022",
/// "the 3rd of May").
const DATE_FILLERS: &[&str] = &["de", "of", "the", "del", "di"];

fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

/// A day of the month, bare or with an ordinal ending ("14", "3rd", "1er", "1º").
fn day_number(word: &str) -> Option<u32> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    let (number, suffix) = word.split_at(digits_end);
    if number.is_empty() || number.len() > 2 {
        return None;
    }
    if !["", "st", "nd", "rd", "th", "er", "º", "o"].contains(&suffix) {
        return None;
    }
    number.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// Finds the first written date in visible text: "14. August 2021",
/// "12 de abril de 2022", "August 14, 2021", "3 maja 2020", "1er mai 2019",
/// or day-first numbers "14.08.2021". `None` when there is none or it is
/// implausible.
pub(crate) fn parse_text(text: &str) -> Option<FoundDate> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == 'º'))
        .filter(|w| !w.is_empty() && !DATE_FILLERS.contains(w))
        .collect();
    let date = |year, month, day| {
        let found = FoundDate {
            year,
            month,
            day,
            time: None,
        };
        found.is_plausible().then_some(found)
    };
    for (i, word) in words.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
        let next = words.get(i + 1).copied().unwrap_or_default();
        let after = words.get(i + 2).copied().unwrap_or_default();
        // Day first: "14 August 2021".
        if let (Some(day), Some(year)) = (
            i.checked_sub(1).and_then(|p| day_number(words[p])),
            year_number(next),
        ) {
            return date(year, month, day);
        }
        // Month first: "August 14, 2021".
        if let (Some(day), Some(year)) = (day_number(next), year_number(after)) {
            return date(year, month, day);
        }
    }
    // "14.08.2021": dotted numbers are day-first wherever they are written.
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('.') {
        let Some(start) = at.checked_sub(2) else {
            continue;
        };
        let (Some(day), Some(month), Some(year)) = (
            digits(bytes, start, 2),
            digits(bytes, at + 1, 2),
            digits(bytes, at + 4, 4),
        ) else {
            continue;
        };
        let bounded = bytes.get(at + 3) == Some(&b'.')
            && !bytes.get(at + 8).is_some_and(u8::is_ascii_digit)
            && !start
                .checked_sub(1)
                .and_then(|b| bytes.get(b))
                .is_some_and(u8::is_ascii_digit);
        if bounded && let Some(found) = date(year, month, day) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(parse_iso("2024-05-02").unwrap().to_iso(), "2024-05-02");
        assert_eq!(
            parse_iso("2024-05-02T08:30:00+0200").unwrap().to_iso(),
            "2024-05-02T08:30:00+02:00"
        );
        assert_eq!(
            parse_iso("2024-05-02T08:30:00.123Z").unwrap().to_iso(),
            "2024-05-02T08:30:00Z"
        );
        assert_eq!(
            parse_iso("2024/05/02 08:30").unwrap().to_iso(),
            "2024-05-02T08:30:00"
        );
        assert!(parse_iso("2024-13-02").is_none());
        assert!(parse_iso("2024-02-30").is_none());
        assert!(parse_iso("1990-01-01").is_none());
        assert!(parse_iso("9999-01-01").is_none());
        assert!(parse_iso("20240502").is_none());
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.example/2021/08/14/some-story")
                .unwrap()
                .to_iso(),
            "2021-08-14"
        );
        assert!(from_url("https://x.example/2021/08/some-story").is_none());
        assert!(from_url("https://x.example/12345/67/89/").is_none());
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn written_dates_in_seven_languages() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Published August 14, 2021", Some("2021-08-14")),
            ("Aug 3rd, 2020 by Dana", Some("2020-08-03")),
            ("the 3rd of May 2019", Some("2019-05-03")),
            (
                "Von Anna Schmidt | 14. August 2021, 10:32 Uhr",
                Some("2021-08-14"),
            ),
            ("Mis à jour le 1er mai 2019", Some("2019-05-01")),
            ("Publicado el 12 de abril de 2022", Some("2022-04-12")),
            ("Atualizado em 5 de março de 2023", Some("2023-03-05")),
            ("Pubblicato il 7 settembre 2018", Some("2018-09-07")),
            ("Opublikowano 3 maja 2020", Some("2020-05-03")),
            ("Stand: 14.08.2021", Some("2021-08-14")),
            ("14 Aug 2021", Some("2021-08-14")),
            ("May the force be with you", None),
            ("March 2021", None),
            ("August 14, 2091", None),
            ("© 1999-2024 Harbor Ledger", None),
            ("31 February 2020", None),
            ("Version 1.02.2021.5", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_text(text).map(|d| d.to_iso()).as_deref(),
                *want,
                "{text:?}"
            );
        }
    }
}
