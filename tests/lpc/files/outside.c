// Paths that leave the mudlib root are refused: ".." and "." components
// (paths are never normalised) and symlinks pointing outside
// (fixtures/files/escape -> the workspace Cargo.toml, escape_dir -> the
// crates directory). Refusals answer 0 / -1 like other failures.
#include <tests.h>

#define ESC "/fixtures/files/escape"
#define ESCDIR "/fixtures/files/escape_dir"

void test_dot_components() {
    ASSERT_EQ(0, read_file("/../Cargo.toml"));
    ASSERT_EQ(0, read_file("../Cargo.toml"));
    ASSERT_EQ(0, read_file("/fixtures/../fixtures/files/lf.txt"));
    ASSERT_EQ(0, read_file("/fixtures/./files/lf.txt"));
    ASSERT_EQ(0, read_file("//fixtures/files/lf.txt"));
    ASSERT_EQ("a\nb\nc\n", read_file("/fixtures/files/lf.txt"));
    ASSERT_EQ(-1, file_size("/.."));
    ASSERT_EQ(0, get_dir("/../"));
    ASSERT_EQ(0, write_file("/../x", "x"));
    ASSERT_EQ(0, mkdir("/tmp/../../x"));
    ASSERT_EQ(0, stat("/../Cargo.toml"));
    // "dir/." is the one dot allowed.
    ASSERT_EQ(get_dir("/fixtures/files/"), get_dir("/fixtures/files/."));
}

void test_symlinks() {
    ASSERT_EQ(0, read_file(ESC));
    ASSERT_EQ(0, read_bytes(ESC));
    ASSERT_EQ(0, read_buffer(ESC));
    ASSERT_EQ(-1, file_size(ESC));
    ASSERT_EQ(-1, file_length(ESC));
    ASSERT_EQ(0, write_file(ESC, "x"));
    ASSERT_EQ(0, write_bytes(ESC, 0, "x"));
    ASSERT_EQ(-1, cp(ESC, "/tmp/escaped"));
    ASSERT_EQ(-1, file_size("/tmp/escaped"));
    ASSERT_EQ(-1, file_size(ESCDIR));
    ASSERT_EQ(0, get_dir(ESCDIR + "/"));
    ASSERT_EQ(0, read_file(ESCDIR + "/ferrum-vm/Cargo.toml"));
    ASSERT_EQ(0, write_file(ESCDIR + "/x", "x"));
    ASSERT_EQ(0, mkdir(ESCDIR + "/d"));
    ASSERT_EQ(-2, cp("/fixtures/files/lf.txt", ESCDIR + "/x"));
    ASSERT_EQ(1, rename("/fixtures/files/lf.txt", ESCDIR + "/x"));
    ASSERT_EQ("a\nb\nc\n", read_file("/fixtures/files/lf.txt"));
    // The links themselves are listed.
    ASSERT_EQ(({ "escape", "escape_dir" }), get_dir("/fixtures/files/esc*"));
}

void do_tests() {
    mkdir("/tmp");
    test_dot_components();
    test_symlinks();
}
