// The db package with SQLite: connections, statements, rows, transactions.
// Database files live in /tmp/db (tests/lpc/tmp, not in git). The test
// master allows every valid_database() request.
#include <tests.h>

#define DIR "/tmp/db"
#define FILE DIR + "/test.sqlite"

void setup() {
    __make_scratch_dir(DIR);
    rm(FILE);
}

void cleanup() {
    __remove_scratch_dir(DIR);
}

void test_predefines() {
#ifndef __PACKAGE_DB__
    ASSERT2(0, "__PACKAGE_DB__ is not defined");
#endif
#ifndef __USE_SQLITE3__
    ASSERT2(0, "__USE_SQLITE3__ is not defined");
#else
    ASSERT_EQ(2, __USE_SQLITE3__);
#endif
}

void test_rows_and_types() {
    int db = db_connect("", FILE, "", __USE_SQLITE3__);
    ASSERT(intp(db) && db > 0);
    ASSERT_EQ(0, db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB, note)"));
    ASSERT_EQ(0, db_exec(db, "INSERT INTO t VALUES (1, 'alpha', 1.5, x'00ff10', NULL)"));
    ASSERT_EQ(0, db_exec(db, "INSERT INTO t VALUES (" + MAX_INT + ", 'omega', -2.25, NULL, 'n')"));
    ASSERT_EQ(2, db_exec(db, "SELECT * FROM t ORDER BY id"));
    // Row 0 names the columns; rows count from 1.
    ASSERT_EQ(({ "id", "name", "score", "data", "note" }), db_fetch(db, 0));
    mixed *row = db_fetch(db, 1);
    ASSERT_EQ(1, row[0]);
    ASSERT_EQ("alpha", row[1]);
    ASSERT_EQ(1.5, row[2]);
    ASSERT(bufferp(row[3]));
    ASSERT_EQ(3, sizeof(row[3]));
    ASSERT_EQ(255, row[3][1]);
    // NULL is 0.
    ASSERT_EQ(0, row[4]);
    ASSERT_EQ(({ MAX_INT, "omega", -2.25, 0, "n" }), db_fetch(db, 2));
    // Rows can be read again, in any order.
    ASSERT_EQ("alpha", db_fetch(db, 1)[1]);
    // Out of range: an empty array.
    ASSERT_EQ(({ }), db_fetch(db, 3));
    ASSERT_EQ(({ }), db_fetch(db, -1));
    // A query without rows.
    ASSERT_EQ(0, db_exec(db, "SELECT * FROM t WHERE id = 7"));
    ASSERT_EQ(({ }), db_fetch(db, 1));
    // Statements without results leave nothing to fetch.
    ASSERT_EQ(0, db_exec(db, "UPDATE t SET name = 'beta' WHERE id = 1"));
    ASSERT_EQ(({ }), db_fetch(db, 0));
    ASSERT_EQ(1, db_close(db));

    // The file keeps the data.
    ASSERT(file_size(FILE) > 0);
    db = db_connect("", FILE, "", __USE_SQLITE3__);
    ASSERT_EQ(1, db_exec(db, "SELECT name FROM t WHERE id = 1"));
    ASSERT_EQ(({ "beta" }), db_fetch(db, 1));
    db_close(db);
}

void test_errors_are_strings() {
    int db = db_connect("", ":memory:", "");
    ASSERT(intp(db) && db > 0);
    ASSERT_EQ("no such table: missing", db_exec(db, "SELECT * FROM missing"));
    ASSERT(stringp(db_exec(db, "SELEC nonsense")));
    ASSERT_EQ(({ }), db_fetch(db, 1));
    // Only the first statement runs, as with sqlite3_prepare().
    ASSERT_EQ(0, db_exec(db, "CREATE TABLE a (x); CREATE TABLE b (x)"));
    ASSERT_EQ("no such table: b", db_exec(db, "SELECT * FROM b"));
    db_close(db);

    // A database that cannot be opened: the message instead of a handle.
    ASSERT_EQ("unable to open database file", db_connect("", DIR + "/no/such/dir.sqlite", ""));
    // Paths stay inside the mudlib.
    ASSERT_EQ("db_connect: illegal database path /../outside.sqlite",
              db_connect("", "/../outside.sqlite", ""));
    ASSERT_EQ("*Invalid database type.\n", catch(db_connect("", FILE, "", 99)));
}

void test_handles() {
    int a = db_connect("", ":memory:", "");
    int b = db_connect("", ":memory:", "");
    ASSERT_EQ(a + 1, b);
    ASSERT_EQ("Handle: " + a + " (SQLite3)\nHandle: " + b + " (SQLite3)\n", db_status());
    db_close(a);
    ASSERT_EQ("Handle: " + b + " (SQLite3)\n", db_status());
    // The lowest free handle is used again.
    ASSERT_EQ(a, db_connect("", ":memory:", ""));
    db_close(a);
    db_close(b);
    ASSERT_EQ("", db_status());
    ASSERT_EQ("*Attempt to exec on an invalid database handle\n", catch(db_exec(b, "SELECT 1")));
    ASSERT_EQ("*Attempt to fetch from an invalid database handle\n", catch(db_fetch(b, 1)));
    ASSERT_EQ("*Attempt to close an invalid database handle\n", catch(db_close(b)));
    ASSERT_EQ("*Attempt to commit an invalid database handle\n", catch(db_commit(0)));
    ASSERT_EQ("*Attempt to rollback an invalid database handle\n", catch(db_rollback(-3)));
}

void test_transactions() {
    int db = db_connect("", ":memory:", "");
    db_exec(db, "CREATE TABLE t (x)");
    // Nothing to commit outside a transaction.
    ASSERT_EQ(0, db_commit(db));
    ASSERT_EQ(0, db_rollback(db));
    db_exec(db, "BEGIN");
    db_exec(db, "INSERT INTO t VALUES (1)");
    ASSERT_EQ(1, db_rollback(db));
    ASSERT_EQ(0, db_exec(db, "SELECT * FROM t"));
    db_exec(db, "BEGIN");
    db_exec(db, "INSERT INTO t VALUES (2)");
    ASSERT_EQ(1, db_commit(db));
    ASSERT_EQ(1, db_exec(db, "SELECT * FROM t"));
    ASSERT_EQ(({ 2 }), db_fetch(db, 1));
    db_close(db);
}

void do_tests() {
    setup();
    test_predefines();
    test_rows_and_types();
    test_errors_are_strings();
    test_handles();
    test_transactions();
    cleanup();
}
