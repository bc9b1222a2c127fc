//! Looking into programs, objects and class values (most of it FluffOS's
//! contrib package; see `contrib::EFUNS` for the table).

pub mod classes;
pub mod programs;
