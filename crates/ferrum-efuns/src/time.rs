//! Time efuns: time, time_ns, perf_counter_ns, real_time, ctime,
//! localtime, strftime, strptime. Local time follows the process's time
//! zone (TZ), through the C library as FluffOS does.

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::Value;
use ferrum_vm::{efun, Vm};
use std::ffi::{CStr, CString};
use std::time::{SystemTime, UNIX_EPOCH};

pub const EFUNS: &[EfunSpec] = &[
    efun!("int time()", time),
    efun!("int time_ns()", time_ns),
    efun!("int perf_counter_ns()", time_ns),
    efun!("int real_time()", time),
    efun!("string ctime(int | void)", ctime),
    efun!("mixed *localtime(int)", localtime),
    efun!("string strftime(string, int)", strftime),
    efun!("int strptime(string, string)", strptime),
];

// Indexes of localtime()'s result (FluffOS's include/localtime.h).
pub const LT_SEC: usize = 0;
pub const LT_MIN: usize = 1;
pub const LT_HOUR: usize = 2;
pub const LT_MDAY: usize = 3;
pub const LT_MON: usize = 4;
pub const LT_YEAR: usize = 5;
pub const LT_WDAY: usize = 6;
pub const LT_YDAY: usize = 7;
pub const LT_GMTOFF: usize = 8;
pub const LT_ZONE: usize = 9;
pub const LT_ISDST: usize = 10;

fn now() -> std::time::Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// `int time()`: seconds since the epoch.
pub fn time(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(now().as_secs() as i64))
}

/// `int time_ns()` and `int perf_counter_ns()`: nanoseconds since the
/// epoch (FluffOS reads the same clock for both on Unix).
pub fn time_ns(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(now().as_nanos() as i64))
}

#[cfg(target_os = "linux")]
mod zone {
    use std::ffi::CStr;
    use std::os::raw::{c_char, c_long};

    extern "C" {
        fn tzset();
        static timezone: c_long;
        static tzname: [*const c_char; 2];
    }

    /// Makes the C library read TZ (localtime_r need not).
    pub fn init() {
        unsafe { tzset() }
    }

    /// Seconds west of UTC of standard time, and the zone's name for
    /// standard or daylight time, as glibc's globals give them.
    // `c_long` is narrower than i64 on 32-bit targets.
    #[allow(clippy::useless_conversion)]
    pub fn offset_and_name(_tm: &libc::tm, dst: bool) -> (i64, String) {
        unsafe {
            let name = tzname[dst as usize];
            let name = if name.is_null() {
                String::new()
            } else {
                CStr::from_ptr(name).to_string_lossy().into_owned()
            };
            (i64::from(timezone), name)
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod zone {
    pub fn init() {}

    pub fn offset_and_name(tm: &libc::tm, _dst: bool) -> (i64, String) {
        let name = if tm.tm_zone.is_null() {
            String::new()
        } else {
            unsafe {
                std::ffi::CStr::from_ptr(tm.tm_zone)
                    .to_string_lossy()
                    .into_owned()
            }
        };
        (-(tm.tm_gmtoff as i64), name)
    }
}

/// The local broken-down time, or `None` when the C library cannot
/// represent it.
fn local_tm(t: i64) -> Option<libc::tm> {
    zone::init();
    let t = t as libc::time_t;
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::localtime_r(&t, &mut tm) };
    if r.is_null() {
        None
    } else {
        Some(tm)
    }
}

/// `string ctime(int | void t)`: "Wed Nov 25 21:16:28 2026" in local time,
/// for `t` or (without an argument) now.
pub fn ctime(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let t = if args.is_empty() {
        now().as_secs() as i64
    } else {
        args::int(args, 0)?
    };
    zone::init();
    let tt = t as libc::time_t;
    let mut buf = [0 as libc::c_char; 128];
    let p = unsafe { libc::ctime_r(&tt, buf.as_mut_ptr()) };
    let text = if p.is_null() {
        "ctime failed!".to_string()
    } else {
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    };
    let line = text.split('\n').next().unwrap_or("").to_string();
    Ok(Value::from(line))
}

/// `mixed *localtime(int t)`: ({ sec, min, hour, mday, mon (0-11), year,
/// wday, yday, gmtoff, zone, isdst }), where gmtoff is, as in FluffOS on
/// Linux, the C library's `timezone`: seconds *west* of UTC of standard
/// time. Undefined when the time cannot be represented.
pub fn localtime(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let t = args::int(args, 0)?;
    let tm = match local_tm(t) {
        Some(tm) => tm,
        None => return Ok(Value::Undefined),
    };
    let (gmtoff, zone) = zone::offset_and_name(&tm, tm.tm_isdst > 0);
    let mut v = vec![Value::Int(0); 11];
    v[LT_SEC] = Value::Int(tm.tm_sec as i64);
    v[LT_MIN] = Value::Int(tm.tm_min as i64);
    v[LT_HOUR] = Value::Int(tm.tm_hour as i64);
    v[LT_MDAY] = Value::Int(tm.tm_mday as i64);
    v[LT_MON] = Value::Int(tm.tm_mon as i64);
    v[LT_YEAR] = Value::Int(tm.tm_year as i64 + 1900);
    v[LT_WDAY] = Value::Int(tm.tm_wday as i64);
    v[LT_YDAY] = Value::Int(tm.tm_yday as i64);
    v[LT_GMTOFF] = Value::Int(gmtoff);
    v[LT_ZONE] = Value::from(zone);
    v[LT_ISDST] = Value::Int(tm.tm_isdst as i64);
    Ok(Value::array(v))
}

/// `string strftime(string format, int t)`: C strftime() on local time;
/// `t <= 0` means now. A result that does not fit gives "".
pub fn strftime(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fmt = args::string(args, 0)?.to_string();
    let mut t = args::int(args, 1)?;
    if t <= 0 {
        t = now().as_secs() as i64;
    }
    let tm = local_tm(t).ok_or_else(|| LpcError::new("Invalid time passed to strftime"))?;
    let cfmt = CString::new(fmt).map_err(|_| LpcError::new("strftime() failed."))?;
    let cap = vm.limits.max_string_length.min(1 << 20);
    let mut buf = vec![0u8; cap.max(1)];
    let n = unsafe {
        libc::strftime(
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
            cfmt.as_ptr(),
            &tm,
        )
    };
    buf.truncate(n);
    Ok(Value::from(String::from_utf8_lossy(&buf).into_owned()))
}

/// `int strptime(string format, string text)`: parses local time with C
/// strptime() and returns it as seconds since the epoch (DST decided by
/// mktime()).
pub fn strptime(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let fmt = args::string(args, 0)?;
    let text = args::string(args, 1)?;
    let failed = || LpcError::new("strptime() parse failed.");
    let (cfmt, ctext) = (
        CString::new(fmt).map_err(|_| failed())?,
        CString::new(text).map_err(|_| failed())?,
    );
    zone::init();
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_isdst = -1;
    let end = unsafe { libc::strptime(ctext.as_ptr(), cfmt.as_ptr(), &mut tm) };
    if end.is_null() {
        return Err(failed());
    }
    Ok(Value::Int(unsafe { libc::mktime(&mut tm) } as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arrays::testutil::*;

    #[test]
    fn clocks_advance_and_agree() {
        let mut vm = vm();
        let t = call(&mut vm, "time", vec![]).as_int().unwrap();
        let ns = call(&mut vm, "time_ns", vec![]).as_int().unwrap();
        assert!(t > 1_600_000_000);
        assert!((ns / 1_000_000_000 - t).abs() <= 1);
        let p1 = call(&mut vm, "perf_counter_ns", vec![]).as_int().unwrap();
        let p2 = call(&mut vm, "perf_counter_ns", vec![]).as_int().unwrap();
        assert!(p2 >= p1);
        let rt = call(&mut vm, "real_time", vec![]).as_int().unwrap();
        assert!((rt - t).abs() <= 1);
    }

    fn is_utc(vm: &mut Vm) -> bool {
        let lt = call(vm, "localtime", vec![Value::Int(0)]);
        let lt = lt.as_array().unwrap().to_vec();
        lt[LT_GMTOFF].as_int() == Some(0) && lt[LT_ISDST].as_int() == Some(0)
    }

    #[test]
    fn ctime_format() {
        let mut vm = vm();
        let s = call(&mut vm, "ctime", vec![Value::Int(1602454371)]);
        let s = s.as_str().unwrap();
        assert_eq!(s.len(), 24, "{:?}", s);
        assert!(!s.contains('\n'));
        if is_utc(&mut vm) {
            assert_eq!(s, "Sun Oct 11 22:12:51 2020");
            assert_eq!(
                call(&mut vm, "ctime", vec![Value::Int(0)]).as_str(),
                Some("Thu Jan  1 00:00:00 1970")
            );
        }
        let now = call(&mut vm, "ctime", vec![]);
        assert_eq!(now.as_str().unwrap().len(), 24);
    }

    #[test]
    fn localtime_fields() {
        let mut vm = vm();
        let lt = call(&mut vm, "localtime", vec![Value::Int(1602454371)]);
        let v = lt.as_array().unwrap().to_vec();
        assert_eq!(v.len(), 11);
        assert!(v[LT_ZONE].as_str().is_some());
        assert!((0..60).contains(&v[LT_SEC].as_int().unwrap()));
        assert!((0..12).contains(&v[LT_MON].as_int().unwrap()));
        assert!((2020..=2020).contains(&v[LT_YEAR].as_int().unwrap()));
        if is_utc(&mut vm) {
            let want = [51, 12, 22, 11, 9, 2020, 0, 284, 0];
            for (i, w) in want.iter().enumerate() {
                assert_eq!(v[i].as_int(), Some(*w), "field {}", i);
            }
        }
    }

    #[test]
    fn strftime_and_strptime_round_trip() {
        let mut vm = vm();
        let t = 1602454371;
        let fmt = Value::from("%Y-%m-%d %H:%M:%S");
        let text = call(&mut vm, "strftime", vec![fmt.clone(), Value::Int(t)]);
        assert_eq!(text.as_str().unwrap().len(), 19);
        let back = call(&mut vm, "strptime", vec![fmt, text]);
        assert_eq!(back.as_int(), Some(t));
        let year = call(&mut vm, "strftime", vec![Value::from("%Y"), Value::Int(t)]);
        assert_eq!(year.as_str(), Some("2020"));
        // A time <= 0 means now.
        let y = call(&mut vm, "strftime", vec![Value::from("%Y"), Value::Int(0)]);
        assert!(y.as_str().unwrap().parse::<i64>().unwrap() >= 2024);
        assert_eq!(
            call_err(
                &mut vm,
                "strptime",
                vec![Value::from("%Y-%m-%d"), Value::from("not a date")]
            ),
            "*strptime() parse failed.\n"
        );
    }
}
