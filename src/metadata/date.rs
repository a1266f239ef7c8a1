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
}
