//! Time zones for `zonetime()` and `is_daylight_savings_time()`: the
//! machine's zoneinfo files (TZif, RFC 8536) and POSIX TZ rules.
//!
//! FluffOS sets the process's TZ for the call and asks the C library. The
//! interpreter shares the process with the network thread, so changing TZ
//! is not safe here; reading the same zoneinfo files gives the same
//! answers without it (and without compiling a zone database in).

use std::path::PathBuf;

/// One local time type: offset east of UTC and whether it is summer time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalType {
    pub utoff: i64,
    pub isdst: bool,
}

const UTC: LocalType = LocalType {
    utoff: 0,
    isdst: false,
};

/// A date rule of a POSIX TZ string, with the local time it takes effect.
#[derive(Clone, Copy, Debug)]
enum DateRule {
    /// Jn: day 1..365, February 29 never counted.
    Julian(i64),
    /// n: day 0..365, counting February 29.
    Ordinal(i64),
    /// Mm.w.d: weekday d of week w (5 = last) of month m.
    MonthWeekDay(i64, i64, i64),
}

#[derive(Clone, Copy, Debug)]
struct DstRule {
    dst: LocalType,
    start: (DateRule, i64),
    end: (DateRule, i64),
}

/// A POSIX TZ rule ("EST5EDT,M3.2.0,M11.1.0").
#[derive(Clone, Copy, Debug)]
pub struct PosixRule {
    std: LocalType,
    dst: Option<DstRule>,
}

/// A zone: transitions from a TZif file and the rule for later times.
#[derive(Debug, Default)]
pub struct Zone {
    transitions: Vec<(i64, LocalType)>,
    /// Time type 0: used before the first transition.
    initial: Option<LocalType>,
    footer: Option<PosixRule>,
}

impl Zone {
    /// The zone TZ=`name` means to the C library: a zoneinfo file, else a
    /// POSIX rule, else UTC.
    pub fn named(name: &str) -> Zone {
        let name = name.strip_prefix(':').unwrap_or(name);
        if let Some(zone) = zone_file(name)
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|d| parse_tzif(&d))
        {
            return zone;
        }
        Zone {
            footer: parse_posix(name),
            ..Zone::default()
        }
    }

    /// The local time type in force at `t` (seconds since the epoch).
    pub fn at(&self, t: i64) -> LocalType {
        let after_last = self.transitions.last().is_none_or(|(last, _)| t >= *last);
        if after_last {
            if let Some(rule) = &self.footer {
                return rule.at(t);
            }
        }
        match self.transitions.partition_point(|(when, _)| *when <= t) {
            0 => self.initial.or(self.footer.map(|r| r.std)).unwrap_or(UTC),
            i => self.transitions[i - 1].1,
        }
    }
}

fn zone_file(name: &str) -> Option<PathBuf> {
    if name.is_empty() || name.split('/').any(|part| part == "..") {
        return None;
    }
    if name.starts_with('/') {
        return Some(PathBuf::from(name));
    }
    let dir = std::env::var_os("TZDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/zoneinfo"));
    Some(dir.join(name))
}

fn be(data: &[u8], at: usize, len: usize) -> Option<i64> {
    let bytes = data.get(at..at + len)?;
    let mut v: i64 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
    for b in bytes {
        v = (v << 8) | *b as i64;
    }
    Some(v)
}

/// Reads a TZif file: the 64-bit block when there is one, and its footer.
fn parse_tzif(data: &[u8]) -> Option<Zone> {
    if data.get(..4)? != b"TZif" {
        return None;
    }
    let version = *data.get(4)?;
    let counts = |at: usize| -> Option<[usize; 6]> {
        let mut c = [0usize; 6];
        for (i, slot) in c.iter_mut().enumerate() {
            *slot = be(data, at + 20 + 4 * i, 4)? as usize;
        }
        Some(c)
    };
    let block_len = |c: &[usize; 6], time_size: usize| {
        let [isut, isstd, leap, time, typ, chars] = *c;
        time * time_size + time + typ * 6 + chars + leap * (time_size + 4) + isstd + isut
    };
    let mut header = 0;
    let mut time_size = 4;
    let mut c = counts(0)?;
    if version >= b'2' {
        header = 44 + block_len(&c, 4);
        time_size = 8;
        c = counts(header)?;
    }
    let [_, _, _, timecnt, typecnt, _] = c;
    let times_at = header + 44;
    let idx_at = times_at + timecnt * time_size;
    let types_at = idx_at + timecnt;
    let types: Vec<LocalType> = (0..typecnt)
        .map(|i| {
            let at = types_at + 6 * i;
            Some(LocalType {
                utoff: be(data, at, 4)?,
                isdst: *data.get(at + 4)? != 0,
            })
        })
        .collect::<Option<_>>()?;
    let mut transitions = Vec::with_capacity(timecnt);
    for i in 0..timecnt {
        let when = be(data, times_at + i * time_size, time_size)?;
        let ty = *types.get(*data.get(idx_at + i)? as usize)?;
        transitions.push((when, ty));
    }
    let footer = if version >= b'2' {
        let end = header + 44 + block_len(&c, 8);
        let text = data
            .get(end..)
            .and_then(|t| std::str::from_utf8(t).ok())
            .unwrap_or("");
        text.trim_matches('\n').lines().next().and_then(parse_posix)
    } else {
        None
    };
    Some(Zone {
        transitions,
        initial: types.first().copied(),
        footer,
    })
}

struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.at += hit as usize;
        hit
    }

    fn number(&mut self) -> Option<i64> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        std::str::from_utf8(&self.s[start..self.at])
            .ok()?
            .parse()
            .ok()
    }

    /// A zone abbreviation: letters, or anything between < and >.
    fn name(&mut self) -> Option<()> {
        if self.eat(b'<') {
            while self.peek()? != b'>' {
                self.at += 1;
            }
            self.at += 1;
            return Some(());
        }
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.at += 1;
        }
        (self.at - start >= 3).then_some(())
    }

    /// [+-]hh[:mm[:ss]] as seconds.
    fn hms(&mut self) -> Option<i64> {
        let sign = if self.eat(b'-') {
            -1
        } else {
            self.eat(b'+');
            1
        };
        let mut secs = self.number()? * 3600;
        if self.eat(b':') {
            secs += self.number()? * 60;
            if self.eat(b':') {
                secs += self.number()?;
            }
        }
        Some(sign * secs)
    }

    fn date(&mut self) -> Option<(DateRule, i64)> {
        let rule = if self.eat(b'J') {
            DateRule::Julian(self.number()?)
        } else if self.eat(b'M') {
            let m = self.number()?;
            self.eat(b'.').then_some(())?;
            let w = self.number()?;
            self.eat(b'.').then_some(())?;
            DateRule::MonthWeekDay(m, w, self.number()?)
        } else {
            DateRule::Ordinal(self.number()?)
        };
        let time = if self.eat(b'/') { self.hms()? } else { 7200 };
        Some((rule, time))
    }
}

/// Parses a POSIX TZ rule; offsets there count west of UTC.
fn parse_posix(text: &str) -> Option<PosixRule> {
    let mut c = Cursor {
        s: text.as_bytes(),
        at: 0,
    };
    c.name()?;
    let std = LocalType {
        utoff: -c.hms()?,
        isdst: false,
    };
    if c.peek().is_none() {
        return Some(PosixRule { std, dst: None });
    }
    c.name()?;
    let utoff = match c.peek() {
        Some(b',') | None => std.utoff + 3600,
        _ => -c.hms()?,
    };
    let dst = LocalType { utoff, isdst: true };
    // Without dates, POSIX leaves the rule to the implementation; glibc
    // and tzcode use the US rules.
    let (start, end) = if c.eat(b',') {
        let start = c.date()?;
        c.eat(b',').then_some(())?;
        (start, c.date()?)
    } else {
        (
            (DateRule::MonthWeekDay(3, 2, 0), 7200),
            (DateRule::MonthWeekDay(11, 1, 0), 7200),
        )
    };
    (c.peek().is_none()).then_some(PosixRule {
        std,
        dst: Some(DstRule { dst, start, end }),
    })
}

/// Days since 1970-01-01 of a civil date (month 1..12).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date (year, month 1..12, day) of a day since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

impl DateRule {
    /// Days since the epoch of this rule's date in `year`.
    fn day(self, year: i64) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        match self {
            DateRule::Julian(n) => jan1 + n - 1 + (is_leap(year) && n >= 60) as i64,
            DateRule::Ordinal(n) => jan1 + n,
            DateRule::MonthWeekDay(m, w, d) => {
                let first = days_from_civil(year, m, 1);
                let weekday_of_first = (first + 4).rem_euclid(7);
                let mut day = first + (d - weekday_of_first).rem_euclid(7) + 7 * (w - 1);
                let next_month = if m == 12 {
                    days_from_civil(year + 1, 1, 1)
                } else {
                    days_from_civil(year, m + 1, 1)
                };
                while day >= next_month {
                    day -= 7;
                }
                day
            }
        }
    }
}

impl PosixRule {
    fn at(&self, t: i64) -> LocalType {
        let Some(rule) = &self.dst else {
            return self.std;
        };
        let (year, _, _) = civil_from_days((t + self.std.utoff).div_euclid(86400));
        // Transitions are given in the local time in force before them.
        let start = rule.start.0.day(year) * 86400 + rule.start.1 - self.std.utoff;
        let end = rule.end.0.day(year) * 86400 + rule.end.1 - rule.dst.utoff;
        let in_dst = if start < end {
            t >= start && t < end
        } else {
            !(t >= end && t < start)
        };
        if in_dst {
            rule.dst
        } else {
            self.std
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(18546), (2020, 10, 11));
        for d in [-1000, 0, 59, 60, 11016, 20000, 40000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn posix_rules() {
        let us = parse_posix("EST5EDT,M3.2.0,M11.1.0").unwrap();
        // 2020-07-01 12:00 UTC is summer; 2020-01-15 is winter.
        assert_eq!(
            us.at(1593604800),
            LocalType {
                utoff: -4 * 3600,
                isdst: true
            }
        );
        assert_eq!(
            us.at(1579089600),
            LocalType {
                utoff: -5 * 3600,
                isdst: false
            }
        );
        // Summer time began 2020-03-08 07:00 UTC.
        assert!(!us.at(1583650799).isdst);
        assert!(us.at(1583650800).isdst);
        let south = parse_posix("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0").unwrap();
        assert!(south.at(1579089600).isdst);
        assert!(!south.at(1593604800).isdst);
        assert_eq!(parse_posix("UTC0").unwrap().at(0), UTC);
        assert!(parse_posix("no such zone").is_none());
    }

    #[test]
    fn unknown_zones_are_utc() {
        assert_eq!(Zone::named("Nowhere/Special").at(1593604800), UTC);
        assert_eq!(Zone::named("../../etc/passwd").at(0), UTC);
    }
}
