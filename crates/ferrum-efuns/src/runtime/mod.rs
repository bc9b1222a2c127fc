//! The runtime part of FluffOS's core package: objects, calls, errors and
//! output — the efuns that
//! need the object model rather than just values.

mod calls;
pub mod callouts;
pub mod control;
pub mod driver_info;
pub mod errors;
pub mod heartbeat;
pub mod master;
mod objects;
pub mod output;
pub mod paths;
pub mod periodic;
mod tracing;
pub mod debug_levels;

use ferrum_vm::efun::EfunSpec;
use ferrum_vm::efun;

pub const EFUNS: &[EfunSpec] = &[
    efun!("void error(string)", errors::error),
    efun!("void throw(mixed)", errors::throw),
    efun!("object this_object()", objects::this_object),
    efun!("object previous_object(int | void)", objects::previous_object),
    efun!("object this_player(int | void)", objects::this_player),
    efun!("object this_user(int | void)", objects::this_player),
    efun!("object load_object(string, int | void)", objects::load_object),
    efun!("object find_object(string, int | void)", objects::find_object),
    efun!("object clone_object(string | object, mixed ...)", objects::clone_object),
    efun!("void destruct(object | void)", objects::destruct),
    efun!("string file_name(object | void)", objects::file_name),
    efun!("object *objects(string | function | void, object | void)", objects::objects),
    efun!("int clonep(mixed | void)", objects::clonep),
    efun!("int virtualp(object)", objects::virtualp),
    efun!("string base_name(string | object | void)", objects::base_name),
    efun!("mixed call_other(object | string | object *, string | mixed *, mixed ...)", calls::call_other),
    efun!("string function_exists(string, object | void, int | void)", calls::function_exists),
    efun!("mixed *call_stack(int | void)", calls::call_stack),
    efun!("mixed call_out(string | function | int | float, void | int | float, mixed ...)", callouts::call_out),
    efun!(
        "mixed call_out_walltime(string | function | int | float, void | int | float, mixed ...)",
        callouts::call_out
    ),
    efun!("promise await_callout(int)", callouts::await_callout),
    efun!("void defer(function)", calls::defer),
    efun!("int remove_call_out(int | string | void)", callouts::remove_call_out),
    efun!("int find_call_out(int | string)", callouts::find_call_out),
    efun!("mixed *call_out_info()", callouts::call_out_info),
    efun!("int set_heart_beat(int)", heartbeat::set_heart_beat),
    efun!("int query_heart_beat(object | void)", heartbeat::query_heart_beat),
    efun!("object *heart_beats()", heartbeat::heart_beats),
    efun!("void shutdown(int | void)", control::shutdown),
    efun!("mixed get_config(int)", driver_info::get_config),
    efun!("void set_config(int, mixed)", driver_info::set_config),
    efun!("int uptime()", driver_info::uptime),
    efun!("void debug_message(string)", driver_info::debug_message),
    efun!("mixed *dump_trace()", driver_info::dump_trace),
    efun!("void trace_start(string, int | void)", tracing::trace_start),
    efun!("void trace_end()", tracing::trace_end),
    efun!("void set_debug_level(int | string)", debug_levels::set_debug_level),
    efun!("void clear_debug_level(string)", debug_levels::clear_debug_level),
    efun!("mapping debug_levels()", debug_levels::debug_levels),
    efun!("object *all_previous_objects(int | void)", crate::introspection::programs::all_previous_objects),
    efun!("void set_reset(object, int | void)", periodic::set_reset),
    efun!("void set_clean_up(object, int | void)", periodic::set_clean_up),
    efun!("int request_clean_up(object | void)", periodic::request_clean_up),
];
