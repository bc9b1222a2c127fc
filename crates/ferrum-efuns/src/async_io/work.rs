//! The blocking halves of the async efuns. They run on a worker thread
//! and see only plain data: paths already checked by the master, bytes,
//! and a database connection.

use crate::db::{self, SharedSession};
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::PathBuf;

/// A worker's answer, turned into the callback's argument on the
/// interpreter thread.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// The file's bytes; None when it could not be read.
    Read(Option<Vec<u8>>),
    /// Whether the write succeeded.
    Written(bool),
    /// A directory's entry names; None when it could not be read.
    Dir(Option<Vec<String>>),
    /// `db_exec`'s result: rows, or the error message.
    Db(Result<i64, String>),
}

/// At most `max` bytes of the file (FluffOS reads one buffer of the
/// "maximum read file size").
pub fn read(path: Option<PathBuf>, max: usize) -> Answer {
    let bytes = path.and_then(|p| {
        let mut data = Vec::new();
        std::fs::File::open(p)
            .and_then(|f| f.take(max as u64).read_to_end(&mut data))
            .ok()
            .map(|_| data)
    });
    Answer::Read(bytes)
}

/// Writes `data`: replacing the file when `overwrite`, else appending;
/// the file is created when missing.
pub fn write(path: Option<PathBuf>, data: Vec<u8>, overwrite: bool) -> Answer {
    let done = path.is_some_and(|p| {
        OpenOptions::new()
            .create(true)
            .write(true)
            .append(!overwrite)
            .truncate(overwrite)
            .open(p)
            .and_then(|mut f| f.write_all(&data))
            .is_ok()
    });
    Answer::Written(done)
}

/// Every entry of a directory, sorted and without "." and "..", as
/// get_dir(dir + "/") lists it; `None` when it cannot be read.
pub fn list_dir(path: Option<PathBuf>) -> Answer {
    let names = path.and_then(|p| {
        let entries = std::fs::read_dir(p).ok()?;
        let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        Some(names)
    });
    Answer::Dir(names)
}

/// One statement on a connection; waits for a synchronous efun using it.
pub fn db_exec(session: SharedSession, sql: String) -> Answer {
    Answer::Db(db::lock(&session).exec(&sql))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip_and_failures_say_so() {
        let dir = std::env::temp_dir().join(format!("ferrum-async-work-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("f");
        assert_eq!(
            Answer::Written(true),
            write(Some(file.clone()), b"ab".to_vec(), true)
        );
        assert_eq!(
            Answer::Written(true),
            write(Some(file.clone()), b"cd".to_vec(), false)
        );
        assert_eq!(
            Answer::Read(Some(b"abcd".to_vec())),
            read(Some(file.clone()), 100)
        );
        assert_eq!(
            Answer::Read(Some(b"abc".to_vec())),
            read(Some(file.clone()), 3)
        );
        assert_eq!(
            Answer::Written(true),
            write(Some(file.clone()), b"x".to_vec(), true)
        );
        assert_eq!(
            Answer::Read(Some(b"x".to_vec())),
            read(Some(file.clone()), 100)
        );
        assert_eq!(Answer::Read(None), read(Some(dir.join("missing")), 100));
        assert_eq!(Answer::Read(None), read(None, 100));
        assert_eq!(
            Answer::Written(false),
            write(Some(dir.join("no/such")), vec![], true)
        );
        match list_dir(Some(dir.clone())) {
            Answer::Dir(Some(mut names)) => {
                names.sort();
                assert_eq!(vec!["f"], names);
            }
            other => panic!("{:?}", other),
        }
        assert_eq!(Answer::Dir(None), list_dir(Some(file)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
