//! # ferrum-efuns
//!
//! Efun packages, grouped as FluffOS groups them (`src/packages/*`). Each
//! module exposes `EFUNS: &[EfunSpec]`; `standard_table()` registers every
//! package. A package present here is announced to LPC as
//! `__PACKAGE_<NAME>__`.

pub mod args;
pub mod arrays;
pub mod async_io;
pub mod async_pkg;
pub mod buffers;
pub mod checksum;
pub mod commands;
pub mod contrib;
pub mod compress;
pub mod runtime;
pub mod crypto;
pub mod db;
pub mod ed;
pub mod dwlib;
pub mod external;
pub mod files;
pub mod functions;
pub mod introspection;
pub mod http;
pub mod interactive;
pub mod json;
pub mod mappings;
pub mod math;
pub mod matrix;
pub mod net;
pub mod objects;
pub mod reference;
pub mod resolve;
pub mod save;
pub mod stats;
pub mod sockets;
pub mod strings;
pub mod time;
pub mod types;

use ferrum_vm::efun::{EfunSpec, EfunTable};

/// Every package: (name, efuns). Later entries may refine earlier ones.
pub fn packages() -> Vec<(&'static str, &'static [EfunSpec])> {
    vec![
        ("core", runtime::EFUNS),
        ("core", interactive::EFUNS),
        ("core", objects::EFUNS),
        ("core", commands::EFUNS),
        ("core", types::EFUNS),
        ("core", strings::EFUNS),
        ("core", arrays::EFUNS),
        ("core", buffers::EFUNS),
        ("core", mappings::EFUNS),
        ("core", functions::EFUNS),
        ("core", time::EFUNS),
        ("core", files::EFUNS),
        ("core", save::EFUNS),
        ("core", arrays::stack::EFUNS),
        ("core", checksum::EFUNS),
        ("core", stats::EFUNS),
        ("core", resolve::EFUNS),
        ("uids", objects::UIDS_EFUNS),
        ("contrib", contrib::EFUNS),
        ("contrib", commands::CONTRIB_EFUNS),
        ("develop", stats::DEVELOP_EFUNS),
        ("dwlib", dwlib::EFUNS),
        ("mudlib_stats", stats::MUDLIB_STATS_EFUNS),
        ("math", math::EFUNS),
        ("pcre", strings::PCRE_EFUNS),
        ("sockets", sockets::EFUNS),
        ("http", http::EFUNS),
        ("external", external::EFUNS),
        ("crypto", crypto::EFUNS),
        ("json", json::EFUNS),
        ("async", async_pkg::EFUNS),
        ("async", async_io::EFUNS),
        ("db", db::EFUNS),
        ("compress", compress::EFUNS),
        ("matrix", matrix::EFUNS),
        ("ed", ed::EFUNS),
    ]
}

/// The efun table with every package registered.
pub fn standard_table() -> EfunTable {
    let mut t = EfunTable::new();
    for (name, specs) in packages() {
        t.register(name, specs);
    }
    t
}
