//! Driver statistics and debugging efuns: the machine and process
//! (`system.rs`), memory (`memory.rs`), status reports (`status.rs`).

pub mod memory;
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
];

/// FluffOS's develop package.
pub const DEVELOP_EFUNS: &[EfunSpec] = &[
    efun!("mixed debug_info(int, object)", status::debug_info),
    efun!("int refs(mixed)", memory::refs),
];
