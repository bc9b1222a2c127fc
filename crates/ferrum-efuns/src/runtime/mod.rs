//! The runtime part of FluffOS's core package: objects, calls, errors and
//! output — the efuns that
//! need the object model rather than just values.

mod calls;
mod errors;
mod objects;
mod output;

use ferrum_vm::efun::EfunSpec;
use ferrum_vm::efun;

pub const EFUNS: &[EfunSpec] = &[
    efun!("void write(mixed)", output::write),
    efun!("void error(string)", errors::error),
    efun!("void throw(mixed)", errors::throw),
    efun!("object this_object()", objects::this_object),
    efun!("object previous_object(int | void)", objects::previous_object),
    efun!("object this_player(int | void)", objects::this_player),
    efun!("object this_user(int | void)", objects::this_player),
    efun!("object load_object(string)", objects::load_object),
    efun!("object find_object(string, int | void)", objects::find_object),
    efun!("object clone_object(string | object, mixed ...)", objects::clone_object),
    efun!("void destruct(object | void)", objects::destruct),
    efun!("string file_name(object | void)", objects::file_name),
    efun!("object *objects(string | function | void, object | void)", objects::objects),
    efun!("int clonep(mixed | void)", objects::clonep),
    efun!("mixed call_other(object | string | object *, string | mixed *, mixed ...)", calls::call_other),
    efun!("string function_exists(string, object | void, int | void)", calls::function_exists),
    efun!("mixed *call_stack(int | void)", calls::call_stack),
];
