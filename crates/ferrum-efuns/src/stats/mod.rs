//! Driver statistics and debugging efuns: the machine and process
//! (`system.rs`), memory (`memory.rs`), status reports (`status.rs`),
//! network counters and ports (`network.rs`), other reports (`reports.rs`).

mod disassemble;
pub mod memory;
pub mod mudlib_stats;
pub mod network;
pub mod reports;
pub mod status;
pub mod system;

use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;

/// Core package.
pub const EFUNS: &[EfunSpec] = &[
    efun!("string query_host_name()", system::query_host_name),
    efun!("mapping rusage()", system::rusage),
    efun!("string query_load_average()", system::query_load_average),
    efun!("string mud_status(int | void)", status::mud_status),
    efun!("int reclaim_objects()", memory::reclaim_objects),
    efun!("string malloc_status()", reports::malloc_status),
    efun!("string dump_file_descriptors()", reports::dump_file_descriptors),
    efun!("string cache_stats()", reports::cache_stats),
    efun!("void dumpallobj(string | void)", reports::dumpallobj),
    efun!("mixed *sys_network_ports()", network::sys_network_ports),
];

/// FluffOS's develop package.
pub const DEVELOP_EFUNS: &[EfunSpec] = &[
    efun!("mixed debug_info(int, object)", status::debug_info),
    efun!("int refs(mixed)", memory::refs),
    efun!("void dump_prog(object, int | void, string | void)", disassemble::dump_prog),
];

/// FluffOS's mudlib_stats package.
pub const MUDLIB_STATS_EFUNS: &[EfunSpec] = &[
    efun!("void set_author(string)", mudlib_stats::set_author),
    efun!("mapping author_stats(string | void)", mudlib_stats::author_stats),
    efun!("mapping domain_stats(string | void)", mudlib_stats::domain_stats),
];
