//! String efuns (FluffOS core, contrib, trim and pcre packages).
//!
//! `EFUNS` holds the core string efuns; the pcre package is separate:
//! `PCRE_EFUNS` (register it as package "pcre").
//!
//! Strings are indexed by character (as the VM's `LStr` is); where
//! FluffOS works on bytes of ASCII-only syntax (sscanf, bit strings,
//! sprintf column positions) the byte positions are used internally.

mod basic;
mod bits;
pub mod cfmt;
mod describe;
mod encoding;
pub mod explode;
mod pcre;
pub mod regexp;
pub(crate) mod spencer;
pub mod sprintf;
mod sprintf_cols;
pub mod sscanf;
mod terminal_colour;
pub mod width;

#[cfg(test)]
mod tests;

use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;

pub use describe::{describe, describe_vm};
pub use pcre::PCRE_EFUNS;
pub use sprintf::format;

pub const EFUNS: &[EfunSpec] = &[
    efun!("int strlen(string)", basic::strlen),
    efun!("int strwidth(string)", basic::strwidth),
    efun!("string capitalize(string)", basic::capitalize),
    efun!("string repeat_string(string, int)", basic::repeat_string),
    efun!("string lower_case(string)", basic::lower_case),
    efun!("string upper_case(string)", basic::upper_case),
    efun!("int strcmp(string, string)", basic::strcmp),
    efun!(
        "int strsrch(string, string | int, void | int)",
        basic::strsrch
    ),
    efun!("string trim(string, void | string)", basic::trim),
    efun!("string ltrim(string, void | string)", basic::ltrim),
    efun!("string rtrim(string, void | string)", basic::rtrim),
    efun!("string *explode(string, string)", explode::explode),
    efun!(
        "string *explode_reversible(string, string)",
        explode::explode_reversible
    ),
    efun!(
        "mixed implode(mixed *, string | function, void | mixed)",
        explode::implode
    ),
    efun!(
        "string replace_string(string, string, string, int ...)",
        explode::replace_string
    ),
    efun!("string sprintf(string, ...)", basic::sprintf),
    efun!("void printf(string, ...)", basic::printf),
    efun!("mixed *__sscanf(string, string, int)", sscanf::sscanf),
    efun!("string __template_part(mixed)", basic::template_part),
    efun!(
        "mixed regexp(string | string *, string, void | int)",
        regexp::regexp
    ),
    efun!(
        "mixed *reg_assoc(string, string *, mixed *, void | mixed)",
        regexp::reg_assoc
    ),
    efun!(
        "string terminal_colour(string, mapping, void | int, void | int)",
        terminal_colour::terminal_colour
    ),
    efun!(
        "buffer string_encode(string, string)",
        encoding::string_encode
    ),
    efun!(
        "string string_decode(buffer, string)",
        encoding::string_decode
    ),
    efun!(
        "buffer buffer_transcode(buffer, string, string)",
        encoding::buffer_transcode
    ),
    efun!("string set_bit(string, int)", bits::set_bit),
    efun!("string clear_bit(string, int)", bits::clear_bit),
    efun!("int test_bit(string, int)", bits::test_bit),
    efun!("int next_bit(string, int)", bits::next_bit),
];
