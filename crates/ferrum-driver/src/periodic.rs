//! Periodic applies (`reset()`, `clean_up()`): the schedule lives with the
//! efuns that move it (set_reset, set_clean_up, request_clean_up).

pub use ferrum_efuns::runtime::periodic::{run_due, Periodic};
