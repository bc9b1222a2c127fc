//! # ferrum-driver
//!
//! The `ferrum` binary's library: mudlib file access, the `Host` the VM
//! compiles through, script mode (`ferrum run`) and, later, the FluffOS
//! config, master applies and the backend loop.

pub mod backend;
pub mod boot;
pub mod config;
pub mod host;
mod includes;
pub mod lpc_tests;
pub mod mudlib;
pub mod periodic;
pub mod ports;
pub mod script;
