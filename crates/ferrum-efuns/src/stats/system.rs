//! The machine and process as LPC sees them: query_host_name, rusage,
//! query_load_average.

use ferrum_vm::error::VmResult;
use ferrum_vm::value::{Mapping, Value};
use ferrum_vm::Vm;
use std::time::Instant;

/// `string query_host_name()`: the machine's host name.
pub fn query_host_name(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mut buf = [0u8; 256];
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) } == 0;
    if !ok {
        return Ok(Value::Int(0));
    }
    let len = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    Ok(Value::from(
        String::from_utf8_lossy(&buf[..len]).into_owned(),
    ))
}

// The libc field types differ between platforms.
#[allow(clippy::unnecessary_cast)]
fn millis(t: libc::timeval) -> i64 {
    t.tv_sec as i64 * 1000 + t.tv_usec as i64 / 1000
}

/// `mapping rusage()`: getrusage(2) for the driver process, with FluffOS's
/// keys; "utime" and "stime" in milliseconds.
#[allow(clippy::unnecessary_cast)]
pub fn rusage(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut r) } != 0 {
        return Ok(Value::Int(0));
    }
    let fields: [(&str, i64); 16] = [
        ("utime", millis(r.ru_utime)),
        ("stime", millis(r.ru_stime)),
        ("maxrss", r.ru_maxrss as i64),
        ("ixrss", r.ru_ixrss as i64),
        ("idrss", r.ru_idrss as i64),
        ("isrss", r.ru_isrss as i64),
        ("minflt", r.ru_minflt as i64),
        ("majflt", r.ru_majflt as i64),
        ("nswap", r.ru_nswap as i64),
        ("inblock", r.ru_inblock as i64),
        ("oublock", r.ru_oublock as i64),
        ("msgsnd", r.ru_msgsnd as i64),
        ("msgrcv", r.ru_msgrcv as i64),
        ("nsignals", r.ru_nsignals as i64),
        ("nvcsw", r.ru_nvcsw as i64),
        ("nivcsw", r.ru_nivcsw as i64),
    ];
    let m = Mapping::new();
    for (k, v) in fields {
        m.insert(Value::from(k), Value::Int(v));
    }
    Ok(Value::Mapping(m))
}

/// An event rate averaged as FluffOS does: each new whole second folds
/// the events since the last one in with weight 1 - e^(-elapsed/900).
#[derive(Default)]
pub struct Rate {
    average: f64,
    pending: f64,
    last_second: Option<Instant>,
}

impl Rate {
    pub fn add(&mut self, count: f64) {
        self.add_at(count, Instant::now());
    }

    fn add_at(&mut self, count: f64, now: Instant) {
        self.pending += count;
        let Some(last) = self.last_second else {
            self.last_second = Some(now);
            return;
        };
        let elapsed = now.duration_since(last).as_secs();
        if elapsed == 0 {
            return;
        }
        let keep = (-(elapsed as f64) / 900.0).exp();
        self.average = self.pending / elapsed as f64 * (1.0 - keep) + self.average * keep;
        self.pending = 0.0;
        self.last_second = Some(now);
    }

    pub fn value(&self) -> f64 {
        self.average
    }
}

/// Commands run and source lines compiled, for `query_load_average()`.
#[derive(Default)]
pub struct Load {
    pub commands: Rate,
    pub compiled_lines: Rate,
}

/// Counts one command (the command parser calls this).
pub fn count_command(vm: &mut Vm) {
    vm.ext::<Load>().commands.add(1.0);
}

/// `string query_load_average()`: "0.52 cmds/s, 3.10 comp lines/s".
pub fn query_load_average(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let load = vm.ext::<Load>();
    Ok(Value::from(format!(
        "{:.2} cmds/s, {:.2} comp lines/s",
        load.commands.value(),
        load.compiled_lines.value()
    )))
}

#[cfg(test)]
mod tests {
    use super::Rate;
    use std::time::{Duration, Instant};

    #[test]
    fn rates_fold_in_once_a_second() {
        let start = Instant::now();
        let mut rate = Rate::default();
        rate.add_at(1.0, start);
        rate.add_at(1.0, start + Duration::from_millis(500));
        assert_eq!(rate.value(), 0.0);
        // Two events over one second, weighted 1 - e^(-1/900).
        rate.add_at(0.0, start + Duration::from_secs(1));
        let expected = 2.0 * (1.0 - (-1.0f64 / 900.0).exp());
        assert!((rate.value() - expected).abs() < 1e-12, "{}", rate.value());
        // A long quiet spell decays the average.
        rate.add_at(0.0, start + Duration::from_secs(10_000));
        assert!(rate.value() < expected / 1000.0);
    }
}
