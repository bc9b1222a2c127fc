// Directory and file-management efuns: get_dir, stat, mkdir, rmdir, rm,
// rename, cp, link. Scratch files live in /tmp/files_dirs.
#include <tests.h>

#define DIR "/tmp/files_dirs"

void remove_tree(string dir) {
    mixed entries = get_dir(dir + "/", -1);
    if (arrayp(entries)) {
        foreach (mixed *e in entries) {
            if (e[1] == -2) remove_tree(dir + "/" + e[0]);
            else rm(dir + "/" + e[0]);
        }
    }
    rmdir(dir);
}

void setup() {
    mkdir("/tmp");
    remove_tree(DIR);
    ASSERT_EQ(1, mkdir(DIR));
    write_file(DIR + "/a.txt", "abc");
    write_file(DIR + "/b.txt", "bb");
    mkdir(DIR + "/sub");
}

void test_get_dir() {
    mixed *info;
    ASSERT_EQ(({ "a.txt", "b.txt", "sub" }), get_dir(DIR + "/"));
    ASSERT_EQ(get_dir(DIR + "/"), get_dir(DIR + "/."));
    ASSERT_EQ(({ "files_dirs" }), get_dir(DIR));
    ASSERT_EQ(({ "a.txt" }), get_dir(DIR + "/a.txt"));
    ASSERT_EQ(({ "a.txt", "b.txt" }), get_dir(DIR + "/*.txt"));
    ASSERT_EQ(({ "a.txt", "b.txt" }), get_dir(DIR + "/?.t?t"));
    ASSERT_EQ(({ "a.txt" }), get_dir(DIR + "/a*"));
    ASSERT_EQ(({ }), get_dir(DIR + "/zz*"));
    // Like readdir(), a pattern also sees "." and "..".
    ASSERT_EQ(({ ".", "..", "a.txt", "b.txt", "sub" }), get_dir(DIR + "/*"));
    ASSERT_EQ(0, get_dir(DIR + "/nodir/"));
    ASSERT_EQ(0, get_dir(DIR + "/nodir/*"));
    ASSERT_EQ(0, get_dir(DIR + "/a.txt/"));

    info = get_dir(DIR + "/", -1);
    ASSERT_EQ(3, sizeof(info));
    ASSERT_EQ(({ "a.txt", 3 }), info[0][0..1]);
    ASSERT_EQ(({ "b.txt", 2 }), info[1][0..1]);
    ASSERT_EQ(({ "sub", -2 }), info[2][0..1]);
    ASSERT(info[0][2] > 0);
    ASSERT_EQ(({ info[0] }), get_dir(DIR + "/a.txt", -1));
    // Only -1 asks for details.
    ASSERT_EQ(({ "a.txt", "b.txt", "sub" }), get_dir(DIR + "/", 1));
}

void test_stat() {
    mixed *st = stat(DIR + "/a.txt");
    ASSERT_EQ(3, sizeof(st));
    ASSERT_EQ(3, st[0]);
    ASSERT_EQ(get_dir(DIR + "/a.txt", -1)[0][2], st[1]);
    ASSERT_EQ(0, st[2]);
    // Directories and patterns answer like get_dir().
    ASSERT_EQ(get_dir(DIR), stat(DIR));
    ASSERT_EQ(get_dir(DIR, -1), stat(DIR, -1));
    ASSERT_EQ(get_dir(DIR + "/", -1), stat(DIR + "/", -1));
    ASSERT_EQ(get_dir(DIR + "/*.txt"), stat(DIR + "/*.txt"));
    // A loaded object's file also tells when it was loaded (the driver
    // does not record load times yet, so only the shape is checked here).
    load_object("/fixtures/simple");
    st = stat("/fixtures/simple.c");
    ASSERT_EQ(3, sizeof(st));
    ASSERT(intp(st[2]));
    ASSERT_EQ(0, stat("/../x"));
}

void test_mkdir_rmdir_rm() {
    ASSERT_EQ(1, mkdir(DIR + "/new"));
    ASSERT_EQ(0, mkdir(DIR + "/new"));
    ASSERT_EQ(-2, file_size(DIR + "/new"));
    ASSERT_EQ(0, mkdir(DIR + "/x/y"));
    write_file(DIR + "/new/f", "x");
    ASSERT_EQ(0, rmdir(DIR + "/new"));
    ASSERT_EQ(0, rm(DIR + "/new"));
    ASSERT_EQ(1, rm(DIR + "/new/f"));
    ASSERT_EQ(0, rm(DIR + "/new/f"));
    ASSERT_EQ(1, rmdir(DIR + "/new"));
    ASSERT_EQ(-1, file_size(DIR + "/new"));
}

void test_rename() {
    write_file(DIR + "/r1", "R");
    ASSERT_EQ(0, rename(DIR + "/r1", DIR + "/r2"));
    ASSERT_EQ(-1, file_size(DIR + "/r1"));
    ASSERT_EQ("R", read_file(DIR + "/r2"));
    // Into a directory, keeping the name.
    ASSERT_EQ(0, rename(DIR + "/r2", DIR + "/sub"));
    ASSERT_EQ("R", read_file(DIR + "/sub/r2"));
    // Directories move too.
    mkdir(DIR + "/m");
    ASSERT_EQ(0, rename(DIR + "/m", DIR + "/m2"));
    ASSERT_EQ(-2, file_size(DIR + "/m2"));
    rmdir(DIR + "/m2");
    ASSERT_EQ("*/tmp/files_dirs/gone: lstat failed\n", catch(rename(DIR + "/gone", DIR + "/x")));
    mkdir(DIR + "/sub/d");
    write_file(DIR + "/d", "x");
    ASSERT_EQ("*/tmp/files_dirs/sub/d: cannot overwrite directory\n", catch(rename(DIR + "/d", DIR + "/sub")));
    ASSERT_EQ("*cannot move `/tmp/files_dirs/d' to `/tmp/files_dirs/nodir/d'\n",
              catch(rename(DIR + "/d", DIR + "/nodir/d")));
    // Refused paths give 1.
    ASSERT_EQ(1, rename(DIR + "/d", "/../d"));
    ASSERT_EQ(1, rename(DIR + "/../files_dirs/d", DIR + "/e"));
    ASSERT_EQ("x", read_file(DIR + "/d"));
}

void test_cp() {
    ASSERT_EQ(1, cp(DIR + "/a.txt", DIR + "/c.txt"));
    ASSERT_EQ("abc", read_file(DIR + "/c.txt"));
    ASSERT_EQ(1, cp(DIR + "/b.txt", DIR + "/c.txt"));
    ASSERT_EQ("bb", read_file(DIR + "/c.txt"));
    ASSERT_EQ(1, cp(DIR + "/a.txt", DIR + "/sub"));
    ASSERT_EQ("abc", read_file(DIR + "/sub/a.txt"));
    ASSERT_EQ(-1, cp(DIR + "/sub", DIR + "/s2"));
    ASSERT_EQ("*/tmp/files_dirs/gone: lstat failed\n", catch(cp(DIR + "/gone", DIR + "/x")));
    ASSERT_EQ("*`/tmp/files_dirs/a.txt' and `/tmp/files_dirs/a.txt' are the same file\n",
              catch(cp(DIR + "/a.txt", DIR + "/a.txt")));
    ASSERT_EQ(-1, cp("/../x", DIR + "/x"));
    ASSERT_EQ(-2, cp(DIR + "/a.txt", "/tmp/../x"));
}

void test_link() {
    // The test master has no valid_link(), which refuses every link.
    ASSERT_EQ(0, link(DIR + "/a.txt", DIR + "/l"));
    ASSERT_EQ(-1, file_size(DIR + "/l"));
}

void do_tests() {
    setup();
    test_get_dir();
    test_stat();
    test_mkdir_rmdir_rm();
    test_rename();
    test_cp();
    test_link();
    remove_tree(DIR);
    ASSERT_EQ(-1, file_size(DIR));
}
