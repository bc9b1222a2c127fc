//! FluffOS's contrib package: the efuns of `src/packages/contrib`, wherever
//! Ferrum implements them (introspection, words, time zones, memory,
//! living names, shadows, interactive character mode).

pub mod event;
pub mod tzif;
pub mod words;
pub mod zones;

use crate::interactive::extras;
use crate::introspection::{classes, programs};
use crate::objects::{living, shadows};
use crate::stats::memory;
use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;

pub const EFUNS: &[EfunSpec] = &[
    efun!("int remove_shadow(object)", shadows::remove_shadow),
    efun!("object *named_livings()", living::named_livings),
    efun!("mixed *functions(object, int | void)", programs::functions),
    efun!("mixed *variables(object, int | void)", programs::variables),
    efun!("string pluralize(string)", words::pluralize),
    efun!(
        "int replaceable(object, string * | void)",
        programs::replaceable
    ),
    efun!("mapping program_info(object | void)", memory::program_info),
    efun!(
        "void store_variable(string, mixed, object | void)",
        programs::store_variable
    ),
    efun!(
        "mixed fetch_variable(string, object | void)",
        programs::fetch_variable
    ),
    efun!("string zonetime(string, int)", zones::zonetime),
    efun!(
        "int is_daylight_savings_time(string, int)",
        zones::is_daylight_savings_time
    ),
    efun!("mapping memory_summary()", memory::memory_summary),
    efun!("mapping network_stats()", crate::stats::network::network_stats),
    efun!("void event(object | object *, string, mixed ...)", event::event),
    efun!("object *get_garbage()", crate::stats::reports::get_garbage),
    efun!(
        "string query_replaced_program(object | void)",
        programs::query_replaced_program
    ),
    efun!("string query_num(int, int | void)", words::query_num),
    efun!("int num_classes(object)", classes::num_classes),
    efun!("mixed assemble_class(mixed *)", classes::assemble_class),
    efun!(
        "mixed *disassemble_class(mixed)",
        classes::disassemble_class
    ),
    efun!(
        "mixed fetch_class_member(mixed, int)",
        classes::fetch_class_member
    ),
    efun!(
        "mixed store_class_member(mixed, int, mixed)",
        classes::store_class_member
    ),
    efun!(
        "int string_difference(string, string)",
        words::string_difference
    ),
    efun!("int query_charmode(object)", extras::query_charmode),
    efun!("int remove_charmode(object)", extras::remove_charmode),
    efun!("int remove_get_char(object)", extras::remove_get_char),
    efun!("int send_nullbyte(object)", extras::send_nullbyte),
    efun!("mixed *classes(object, int | void)", classes::classes),
    efun!("int test_load(string)", programs::test_load),
];
