//! One SQLite connection and the result set of its last statement, as
//! FluffOS's SQLite3 backend keeps them. Plain `Send` data: an
//! `async_db_exec` runs `exec` on a worker thread.

use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::types::ValueRef;
use rusqlite::{Batch, Connection, OpenFlags};
use std::path::Path;

/// The name `db_status()` shows for this backend.
pub const BACKEND_NAME: &str = "SQLite3";

/// One column value of a result row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// The rows of the last statement, all read at `exec` time.
#[derive(Default)]
struct ResultSet {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

pub struct Session {
    conn: Connection,
    results: Option<ResultSet>,
}

/// SQLite's own text for an error ("no such table: t"), as FluffOS
/// returns `sqlite3_errmsg()`.
fn message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if !msg.is_empty() => msg.clone(),
        rusqlite::Error::SqliteFailure(code, None) => code.to_string(),
        other => other.to_string(),
    }
}

/// SQLite's text for why a database did not open ("unable to open
/// database file"): rusqlite adds the disk path, which is not for LPC.
fn open_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(err, _) => {
            // SAFETY: sqlite3_errstr returns a static NUL-terminated
            // string for any code.
            let text = unsafe {
                std::ffi::CStr::from_ptr(rusqlite::ffi::sqlite3_errstr(err.extended_code))
            };
            text.to_string_lossy().into_owned()
        }
        other => message(other),
    }
}

impl Session {
    /// Opens (creating if needed) the database file; None for a private
    /// in-memory database. No URI filenames: the path is a plain file.
    pub fn open(file: Option<&Path>) -> Result<Session, String> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match file {
            Some(path) => Connection::open_with_flags(path, flags),
            None => Connection::open_in_memory_with_flags(flags),
        }
        .map_err(|e| open_message(&e))?;
        Ok(Session {
            conn,
            results: None,
        })
    }

    /// Runs the first statement of `sql` (the rest is ignored, as
    /// `sqlite3_prepare` does) and keeps its rows for `fetch`. The number
    /// of rows, or SQLite's error message.
    pub fn exec(&mut self, sql: &str) -> Result<i64, String> {
        self.results = None;
        let mut batch = Batch::new(&self.conn, sql);
        let Some(mut stmt) = batch.next().map_err(|e| message(&e))? else {
            // Only whitespace or comments: nothing ran.
            return Ok(0);
        };
        let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
        let width = columns.len();
        let mut rows = Vec::new();
        {
            let mut cursor = stmt.raw_query();
            while let Some(row) = cursor.next().map_err(|e| message(&e))? {
                let mut cells = Vec::with_capacity(width);
                for i in 0..width {
                    cells.push(match row.get_ref(i).map_err(|e| message(&e))? {
                        ValueRef::Null => Cell::Null,
                        ValueRef::Integer(n) => Cell::Int(n),
                        ValueRef::Real(f) => Cell::Float(f),
                        ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                        ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
                    });
                }
                rows.push(cells);
            }
        }
        let count = if width == 0 { 0 } else { rows.len() as i64 };
        self.results = Some(ResultSet { columns, rows });
        Ok(count)
    }

    /// Row `row` of the last result (1 is the first); row 0 is the column
    /// names. An empty row for anything out of range, or when the last
    /// statement returned no columns.
    pub fn fetch(&self, row: i64) -> Vec<Cell> {
        let Some(r) = &self.results else {
            return Vec::new();
        };
        if r.columns.is_empty() || row < 0 || row as usize > r.rows.len() {
            return Vec::new();
        }
        if row == 0 {
            return r.columns.iter().map(|c| Cell::Text(c.clone())).collect();
        }
        r.rows[row as usize - 1].clone()
    }

    /// Ends the open transaction; false when there is none or SQLite
    /// refuses.
    pub fn finish_transaction(&mut self, commit: bool) -> bool {
        self.results = None;
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        self.conn.execute_batch(sql).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_sqlite_types() {
        let mut s = Session::open(None).unwrap();
        assert_eq!(
            Ok(0),
            s.exec("CREATE TABLE t (i INTEGER, f REAL, s TEXT, b BLOB, n)")
        );
        assert_eq!(
            Ok(0),
            s.exec("INSERT INTO t VALUES (9223372036854775807, 1.5, 'x', x'00ff', NULL)")
        );
        assert_eq!(Ok(1), s.exec("SELECT * FROM t"));
        assert_eq!(
            vec![
                Cell::Int(i64::MAX),
                Cell::Float(1.5),
                Cell::Text("x".into()),
                Cell::Blob(vec![0, 255]),
                Cell::Null
            ],
            s.fetch(1)
        );
        assert_eq!(Cell::Text("i".into()), s.fetch(0)[0]);
        assert!(s.fetch(2).is_empty());
        assert!(s.fetch(-1).is_empty());
    }

    #[test]
    fn only_the_first_statement_runs_and_errors_are_sqlite_messages() {
        let mut s = Session::open(None).unwrap();
        assert_eq!(Ok(0), s.exec("CREATE TABLE a (x); CREATE TABLE b (x)"));
        assert_eq!(
            Err("no such table: b".to_string()),
            s.exec("SELECT * FROM b")
        );
        assert!(s.fetch(1).is_empty());
        assert_eq!(Ok(0), s.exec("  "));
    }

    #[test]
    fn transactions_end_with_commit_or_rollback() {
        let mut s = Session::open(None).unwrap();
        s.exec("CREATE TABLE a (x)").unwrap();
        assert!(!s.finish_transaction(true), "no transaction is open");
        s.exec("BEGIN").unwrap();
        s.exec("INSERT INTO a VALUES (1)").unwrap();
        assert!(s.finish_transaction(false));
        assert_eq!(Ok(0), s.exec("SELECT * FROM a"));
    }
}
