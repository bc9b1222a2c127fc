//! `zonetime()` and `is_daylight_savings_time()`: local time in a named
//! zone (see `tzif.rs` for where zones come from).

use super::tzif::{civil_from_days, Zone};
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::value::Value;
use ferrum_vm::Vm;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The C library's ctime() layout, without its newline:
/// "Sun Oct 11 22:12:51 2020".
pub fn ctime_text(local_seconds: i64) -> String {
    let days = local_seconds.div_euclid(86400);
    let secs = local_seconds.rem_euclid(86400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        WEEKDAYS[(days + 4).rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        day,
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        year
    )
}

/// `string zonetime(string zone, int t)`: `ctime(t)` as it reads in
/// `zone` (an unknown zone reads as UTC, as with the C library).
pub fn zonetime(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let zone = Zone::named(args::string(args, 0)?);
    let t = args::int(args, 1)?;
    Ok(Value::from(ctime_text(t.saturating_add(zone.at(t).utoff))))
}

/// `int is_daylight_savings_time(string zone, int t)`: 1 when summer time
/// is in force in `zone` at `t`.
pub fn is_daylight_savings_time(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let zone = Zone::named(args::string(args, 0)?);
    Ok(Value::from(zone.at(args::int(args, 1)?).isdst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctime_layout() {
        assert_eq!(ctime_text(1602454371), "Sun Oct 11 22:12:51 2020");
        assert_eq!(ctime_text(0), "Thu Jan  1 00:00:00 1970");
        assert_eq!(ctime_text(-1), "Wed Dec 31 23:59:59 1969");
    }

    #[test]
    fn zoneinfo_files_when_present() {
        if !std::path::Path::new("/usr/share/zoneinfo/America/New_York").exists() {
            return;
        }
        let ny = Zone::named("America/New_York");
        assert_eq!(
            ctime_text(1602454371 + ny.at(1602454371).utoff),
            "Sun Oct 11 18:12:51 2020"
        );
        assert!(ny.at(1602454371).isdst);
        assert!(!ny.at(1579089600).isdst);
        // Far past the file's last transition: its footer rule decides.
        assert!(ny.at(4102444800 + 180 * 86400).isdst);
        assert!(!Zone::named("UTC").at(1602454371).isdst);
    }
}
