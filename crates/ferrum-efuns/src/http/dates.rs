//! HTTP dates (RFC 9110 IMF-fixdate, also RFC 850 and asctime on input).

use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Value, Vm};

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Days since 1970-01-01 to (year, month 1-12, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month 1-12, day) to days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn format(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        d,
        MONTHS[m as usize - 1],
        y,
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Seconds since the epoch for an HTTP date, or None.
pub fn parse(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let month = |name: &str| MONTHS.iter().position(|m| m.eq_ignore_ascii_case(name)).map(|i| i as u32 + 1);
    let hms = |t: &str| -> Option<i64> {
        let mut it = t.split(':').map(|x| x.parse::<i64>().ok());
        let (h, mi, se) = (it.next()??, it.next()??, it.next()??);
        (h < 24 && mi < 60 && se < 61).then_some(h * 3600 + mi * 60 + se)
    };
    let (y, m, d, time) = match parts.as_slice() {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        [_, d, mon, y, t, "GMT"] => (y.parse().ok()?, month(mon)?, d.parse().ok()?, hms(t)?),
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        [_, dmy, t, "GMT"] => {
            let mut it = dmy.split('-');
            let (d, mon, y) = (it.next()?, it.next()?, it.next()?);
            let y: i64 = y.parse().ok()?;
            let y = if y < 100 { if y < 70 { 2000 + y } else { 1900 + y } } else { y };
            (y, month(mon)?, d.parse().ok()?, hms(t)?)
        }
        // asctime: Sun Nov  6 08:49:37 1994
        [_, mon, d, t, y] => (y.parse().ok()?, month(mon)?, d.parse().ok()?, hms(t)?),
        _ => return None,
    };
    if !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + time)
}

/// `http_date([t])`: an IMF-fixdate; now without an argument.
pub fn http_date(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let t = match args.first() {
        Some(Value::Int(t)) => *t,
        _ => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0),
    };
    Ok(Value::from(format(t)))
}

/// `http_parse_date(s)`: seconds since the epoch, or -1 when the text is
/// not an HTTP date.
pub fn http_parse_date(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(parse(args::string(args, 0)?).unwrap_or(-1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_the_three_forms() {
        assert_eq!(format(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(format(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784111777));
        assert_eq!(parse("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784111777));
        assert_eq!(parse("Sun Nov  6 08:49:37 1994"), Some(784111777));
        assert_eq!(parse("yesterday"), None);
        for t in [0i64, 951782400, 1700000000, 4102444799] {
            assert_eq!(parse(&format(t)), Some(t));
        }
    }
}
