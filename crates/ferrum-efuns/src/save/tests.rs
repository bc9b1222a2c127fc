//! Unit tests of the save format.
