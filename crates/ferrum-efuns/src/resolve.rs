//! `resolve()`: asynchronous host name and address lookups.
//!
//! The lookup (getaddrinfo or getnameinfo, which may block on DNS) runs as
//! a job on the network thread's blocking pool; its answer comes back as a
//! network event, and the callback runs from the backend loop as
//! `callback(name, address, key)`, like FluffOS's.

use crate::args;
use crate::net::NetLink;
use crate::runtime::errors::run_guarded;
use ferrum_net::{Command, Job, JobOutput, NetId};
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::{efun, ObjectRef, Value, Vm};
use std::collections::HashMap;
use std::net::{IpAddr, ToSocketAddrs};

pub const EFUNS: &[EfunSpec] = &[efun!("int resolve(string, string | function)", resolve)];

/// A lookup's result: the host name and the address (None when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub name: Option<String>,
    pub address: Option<String>,
}

struct Pending {
    key: i64,
    owner: ObjectRef,
    callback: Value,
}

/// Lookups waiting for their answer, by job id.
#[derive(Default)]
pub struct Lookups {
    pending: HashMap<NetId, Pending>,
    last_key: i64,
}

/// Whether a lookup is still out (a script waits for it).
pub fn in_flight(vm: &mut Vm) -> bool {
    !vm.ext::<Lookups>().pending.is_empty()
}

/// An address is looked up by name (reverse), a name by address (forward,
/// preferring IPv4 as FluffOS's resolver does).
pub fn lookup(query: &str) -> Answer {
    if query.is_empty() {
        return Answer {
            name: Some(String::new()),
            address: None,
        };
    }
    match query.parse::<IpAddr>() {
        Ok(ip) => Answer {
            name: reverse_lookup(ip),
            address: Some(ip.to_string()),
        },
        Err(_) => {
            let addrs: Vec<IpAddr> = (query, 0)
                .to_socket_addrs()
                .map(|it| it.map(|a| a.ip()).collect())
                .unwrap_or_default();
            let best = addrs.iter().find(|a| a.is_ipv4()).or(addrs.first());
            Answer {
                name: Some(query.to_string()),
                address: best.map(|a| a.to_string()),
            }
        }
    }
}

/// The name getnameinfo() finds for `ip`, if any.
fn reverse_lookup(ip: IpAddr) -> Option<String> {
    let mut host = [0 as libc::c_char; 1025];
    // Both sockaddr kinds are plain C structs; zeroed is a valid start.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match ip {
        IpAddr::V4(a) => {
            let sin = unsafe { &mut *(&mut storage as *mut _ as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_addr.s_addr = u32::from_ne_bytes(a.octets());
            std::mem::size_of::<libc::sockaddr_in>()
        }
        IpAddr::V6(a) => {
            let sin6 = unsafe { &mut *(&mut storage as *mut _ as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_addr.s6_addr = a.octets();
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    let rc = unsafe {
        libc::getnameinfo(
            &storage as *const _ as *const libc::sockaddr,
            len as libc::socklen_t,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            libc::NI_NAMEREQD,
        )
    };
    if rc != 0 {
        return None;
    }
    let name = unsafe { std::ffi::CStr::from_ptr(host.as_ptr()) };
    Some(name.to_string_lossy().into_owned())
}

/// `int resolve(string host_or_address, string | function callback)`:
/// starts a lookup and returns its key; later `callback(name, address,
/// key)` runs (a string names a function of this object). What could not
/// be found is 0.
pub fn resolve(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let query = args::string(args, 0)?.to_string();
    let owner = vm
        .this_object()
        .ok_or_else(|| LpcError::new("resolve() needs a current object"))?;
    let callback = args::take(args, 1);
    let lookups = vm.ext::<Lookups>();
    lookups.last_key += 1;
    let key = lookups.last_key;
    let net = vm.ext::<NetLink>().handle();
    let id = net.next_id();
    vm.ext::<Lookups>().pending.insert(
        id,
        Pending {
            key,
            owner,
            callback,
        },
    );
    net.send(Command::RunJob {
        id,
        job: Job::new(move || lookup(&query)),
    });
    Ok(Value::Int(key))
}

/// A finished job (from the network pump): a lookup's answer runs its
/// callback. Jobs that are not lookups are handed back.
pub fn claim(
    vm: &mut Vm,
    id: NetId,
    output: Result<JobOutput, String>,
) -> Option<Result<JobOutput, String>> {
    let Some(pending) = vm.ext::<Lookups>().pending.remove(&id) else {
        return Some(output);
    };
    let answer = match output {
        Ok(JobOutput(any)) => match any.downcast::<Answer>() {
            Ok(answer) => *answer,
            Err(_) => return None,
        },
        Err(panic) => {
            vm.host
                .clone()
                .log(&format!("resolve() lookup failed: {}\n", panic));
            return None;
        }
    };
    if pending.owner.is_destructed() {
        return None;
    }
    let text = |s: Option<String>| s.map(Value::from).unwrap_or(Value::Int(0));
    let args = vec![
        text(answer.name),
        text(answer.address),
        Value::Int(pending.key),
    ];
    let saved = vm.command_giver.take();
    run_guarded(vm, |vm| {
        vm.call_callback(&pending.owner, &pending.callback, args)
    });
    vm.command_giver = saved;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_loopback_both_ways() {
        let forward = lookup("localhost");
        assert_eq!(forward.name.as_deref(), Some("localhost"));
        assert!(
            matches!(forward.address.as_deref(), Some("127.0.0.1") | Some("::1")),
            "{:?}",
            forward
        );
        let reverse = lookup("127.0.0.1");
        assert_eq!(reverse.address.as_deref(), Some("127.0.0.1"));
        assert!(reverse.name.is_some());
        // (Names that need DNS are not tried: tests stay on this machine.)
        assert_eq!(
            lookup(""),
            Answer {
                name: Some(String::new()),
                address: None
            }
        );
    }
}
