//! Efuns: json (to be filled in).

use ferrum_vm::efun::EfunSpec;

pub const EFUNS: &[EfunSpec] = &[];
