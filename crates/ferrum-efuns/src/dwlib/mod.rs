//! FluffOS's dwlib package (contrib, written for the Discworld mudlib):
//! text helpers (`text.rs`: add_a, vowel, replace, replace_html,
//! replace_mxp, replace_dollars), value helpers (`values.rs`:
//! roulette_wheel, replace_objects) and the two that call back into a
//! Discworld-style mudlib (`mudlib.rs`: query_multiple_short,
//! reference_allowed). roll_MdN, also in the package, is in `math.rs`.

mod mudlib;
mod text;
mod values;

use ferrum_vm::efun;
use ferrum_vm::efun::EfunSpec;

pub const EFUNS: &[EfunSpec] = &[
    efun!("string add_a(string)", text::add_a),
    efun!("int vowel(int)", text::vowel),
    efun!("string replace(string, string * | string, string | void)", text::replace),
    efun!("string replace_html(string)", text::replace_html),
    efun!("string replace_mxp(string)", text::replace_mxp),
    efun!("string replace_dollars(string, string *)", text::replace_dollars),
    efun!("mixed roulette_wheel(mapping)", values::roulette_wheel),
    efun!("mixed replace_objects(mixed)", values::replace_objects),
    efun!(
        "string query_multiple_short(mixed *, int | string | void, int | void, int | void, int | void)",
        mudlib::query_multiple_short
    ),
    efun!("int reference_allowed(object, string | object | void)", mudlib::reference_allowed),
];
