// ed_start / ed_cmd / query_ed_mode / in_edit: the line editor driven
// from LPC. Scratch files live in /tmp/ed.
#include <tests.h>

#define DIR "/tmp/ed"
#define FILE DIR "/notes.txt"

void setup() {
    __make_scratch_dir(DIR);
    rm(FILE);
}

string cmd(string line) { return ed_cmd(line); }

void test_editing_a_new_file() {
    ASSERT_EQ(-1, query_ed_mode());
    ASSERT_EQ(0, in_edit());
    ASSERT_EQ("\"" FILE "\" [New file]\n", ed_start(FILE));
    ASSERT_EQ(0, query_ed_mode());
    ASSERT_EQ(FILE, in_edit());
    // Already editing: a second session is refused.
    ASSERT(catch(ed_start(FILE)));

    ASSERT_EQ("", cmd("a"));
    ASSERT_EQ(1, query_ed_mode());
    cmd("alpha");
    cmd("beta");
    cmd("gamma");
    ASSERT_EQ(4, query_ed_mode());
    cmd(".");
    ASSERT_EQ(0, query_ed_mode());

    ASSERT_EQ("alpha\nbeta\ngamma\n", cmd(",p"));
    ASSERT_EQ("1      alpha\n2      beta\n", cmd("1,2n"));
    ASSERT_EQ("3\n", cmd("="));
    ASSERT_EQ("beta\n", cmd("/be/"));
    ASSERT_EQ("BETA\n", cmd("s/beta/BETA/p"));
    ASSERT_EQ("? no match\n", cmd("s/nothing/x/"));
    // & is the match, \1 a group.
    cmd("1s/\\(al\\)pha/<&:\\1>/");
    ASSERT_EQ("<alpha:al>\n", cmd("1p"));

    cmd("2d");
    ASSERT_EQ("<alpha:al>\ngamma\n", cmd(",p"));
    cmd("u");
    ASSERT_EQ("<alpha:al>\nBETA\ngamma\n", cmd(",p"));
    cmd("3m0");
    ASSERT_EQ("gamma\n<alpha:al>\nBETA\n", cmd(",p"));
    ASSERT_EQ("gamma\n", cmd("g/a$/p"));
    ASSERT_EQ("gamma\nBETA\n", cmd("v/alpha/p"));
    cmd("g/BETA/d");
    ASSERT_EQ("gamma\n<alpha:al>\n", cmd(",p"));

    // Quitting with unsaved changes warns once.
    ASSERT_EQ("? buffer changed: w to save, Q or q again to quit anyway\n", cmd("q"));
    ASSERT_EQ("\"" FILE "\" 2 lines, 17 bytes\n", cmd("w"));
    ASSERT_EQ("gamma\n<alpha:al>\n", read_file(FILE));
    ASSERT_EQ("", cmd("q"));
    ASSERT_EQ(-1, query_ed_mode());
    ASSERT_EQ(0, in_edit());
    ASSERT(catch(ed_cmd("p")));
}

void test_editing_an_existing_file() {
    write_file(FILE, "one\ntwo\nthree\n", 1);
    ASSERT_EQ("\"" FILE "\" 3 lines, 14 bytes\n", ed_start(FILE));
    ASSERT_EQ("three\n", cmd("p"));
    ASSERT_EQ("one\n", cmd("1"));
    ASSERT_EQ("two\n", cmd(""));
    cmd("2c");
    cmd("TWO");
    cmd(".");
    cmd("1i");
    cmd("zero");
    cmd(".");
    cmd("2,3j");
    ASSERT_EQ("zero\noneTWO\nthree\n", cmd(",p"));
    ASSERT_EQ("? line out of range\n", cmd("9p"));
    ASSERT_EQ("? unknown command 'y'\n", cmd("y"));
    cmd("wq");
    ASSERT_EQ(-1, query_ed_mode());
    ASSERT_EQ("zero\noneTWO\nthree\n", read_file(FILE));
}

void test_restricted_sessions_keep_to_their_file() {
    ed_start(FILE, 1);
    ASSERT_EQ("? restricted: no other files\n", cmd("w " DIR "/other.txt"));
    ASSERT_EQ("? restricted: no other files\n", cmd("e " DIR "/other.txt"));
    cmd("Q");
    ASSERT_EQ(-1, file_size(DIR "/other.txt"));
}

void test_files_outside_the_mudlib_are_refused() {
    ed_start();
    cmd("a");
    cmd("text");
    cmd(".");
    ASSERT(strsrch(cmd("w /../escape.txt"), "?") == 0);
    cmd("Q");
}

void do_tests() {
    setup();
    test_editing_a_new_file();
    test_editing_an_existing_file();
    test_restricted_sessions_keep_to_their_file();
    test_files_outside_the_mudlib_are_refused();
}
