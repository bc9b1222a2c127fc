// File efuns that read and write: write_file, read_file, read_bytes,
// write_bytes, read_buffer, write_buffer, file_size, file_length.
// Scratch files live in /tmp/files_rw (tests/lpc/tmp, not in git).
#include <tests.h>

#define DIR "/tmp/files_rw"
#define LINES "/fixtures/files/lines.txt"

void setup() {
    __make_scratch_dir(DIR);
}

void cleanup() {
    __remove_scratch_dir(DIR);
}

void test_write_and_read() {
    ASSERT_EQ(1, write_file(DIR + "/a.txt", "one\n"));
    ASSERT_EQ(1, write_file(DIR + "/a.txt", "two\n"));
    ASSERT_EQ("one\ntwo\n", read_file(DIR + "/a.txt"));
    ASSERT_EQ(1, write_file(DIR + "/a.txt", "fresh\n", 1));
    ASSERT_EQ("fresh\n", read_file(DIR + "/a.txt"));
    // Relative paths start at the mudlib root.
    ASSERT_EQ("fresh\n", read_file("tmp/files_rw/a.txt"));
    write_file(DIR + "/empty", "");
    ASSERT_EQ("", read_file(DIR + "/empty"));
    ASSERT_EQ(0, read_file(DIR + "/missing"));
    ASSERT_EQ(0, read_file(DIR));
    ASSERT_EQ("*Wrong permissions for opening file /tmp/files_rw/nodir/x for append.\n\"No such file or directory\"\n",
              catch(write_file(DIR + "/nodir/x", "x")));
    ASSERT_EQ("*write_file: compressed writes are not available on this driver build.\n",
              catch(write_file(DIR + "/z", "x", 2)));
}

void test_lines() {
    string all = read_file(LINES);
    string *lines = explode(all, "\n");
    ASSERT_EQ(12, sizeof(lines));
    ASSERT_EQ(implode(lines[2..4], "\n") + "\n", read_file(LINES, 3, 3));
    // Asking for more lines than there are gives the rest.
    ASSERT_EQ(implode(lines[9..], "\n") + "\n", read_file(LINES, 10, 0x7fffffff));
    ASSERT_EQ(0, read_file(LINES, 10000, 1));
    ASSERT_EQ(0, read_file(LINES, 1, -1));
    // Negative starts count from the end; too far back is the beginning.
    ASSERT_EQ(implode(lines[<2..], "\n") + "\n", read_file(LINES, -2));
    ASSERT_EQ(implode(lines[<5..<4], "\n") + "\n", read_file(LINES, -5, 2));
    ASSERT_EQ("line 1\n", read_file(LINES, -10000, 1));
    // CRLF reads as LF.
    ASSERT_EQ(read_file("/fixtures/files/lf.txt"), read_file("/fixtures/files/crlf.txt"));
    ASSERT_EQ("c\n", read_file("/fixtures/files/crlf.txt", -1));
}

void test_bytes() {
    string f = DIR + "/b";
    ASSERT_EQ(1, write_bytes(f, 0, "hello"));
    ASSERT_EQ("hello", read_bytes(f));
    ASSERT_EQ(1, write_bytes(f, 1, "EL"));
    ASSERT_EQ("EL", read_bytes(f, 1, 2));
    ASSERT_EQ(1, write_bytes(f, -1, "O!"));
    ASSERT_EQ("hELlO!", read_bytes(f));
    ASSERT_EQ("O!", read_bytes(f, -2));
    ASSERT_EQ("O!", read_bytes(f, 4, 100));
    ASSERT_EQ(0, read_bytes(f, 6, 1));
    ASSERT_EQ(0, read_bytes(f, -100, 1));
    ASSERT_EQ(0, read_bytes(DIR + "/missing"));
    ASSERT_EQ(0, write_bytes(f, 10, "x"));
    ASSERT_EQ(0, write_bytes(f, -10, "x"));
    ASSERT_EQ(6, file_size(f));
    ASSERT_EQ(-2, file_size(DIR));
    ASSERT_EQ(-2, file_size("/"));
    ASSERT_EQ(-1, file_size(DIR + "/missing"));
}

void test_file_length() {
    ASSERT_EQ(12, file_length(LINES));
    ASSERT_EQ(-2, file_length(DIR));
    ASSERT_EQ(-1, file_length(DIR + "/missing"));
}

void test_buffers() {
    buffer b, c;
    write_file(DIR + "/buf", "hello", 1);
    b = read_buffer(DIR + "/buf");
    ASSERT(bufferp(b));
    ASSERT_EQ(5, sizeof(b));
    ASSERT_EQ('h', b[0]);
    ASSERT_EQ("ell", read_buffer(read_buffer(DIR + "/buf", 1, 3)));
    ASSERT_EQ(0, read_buffer(DIR + "/buf", 5));
    ASSERT_EQ(0, read_buffer(DIR + "/missing"));

    c = allocate_buffer(4);
    ASSERT_EQ(1, write_buffer(c, 0, 0x41424344));
    ASSERT_EQ("ABCD", read_buffer(c));
    ASSERT_EQ(1, write_buffer(c, 2, "zz"));
    ASSERT_EQ("ABzz", read_buffer(c));
    ASSERT_EQ(0, write_buffer(c, 3, "zz"));
    ASSERT_EQ("Bz", read_buffer(c, 1, 2));
    ASSERT_EQ("zz", read_buffer(c, -2));
    // Offsets beyond 32 bits are not truncated.
    ASSERT_EQ(0, read_buffer(c, 0x100000001));
    ASSERT_EQ("ABzz", read_buffer(c, 0, 0x100000001));
    ASSERT_EQ(0, write_buffer(c, 0x100000000, "x"));
    ASSERT_EQ('A', c[0]);
    // A NUL byte ends the string.
    c[1] = 0;
    ASSERT_EQ("A", read_buffer(c));

    ASSERT_EQ(1, write_buffer(DIR + "/wb", 0, allocate_buffer(2)));
    ASSERT_EQ(1, write_buffer(DIR + "/wb", 0, "xy"));
    ASSERT_EQ(1, write_buffer(DIR + "/wb", 2, 0x41424344));
    ASSERT_EQ("xyABCD", read_file(DIR + "/wb"));
    ASSERT_EQ("*Bad Argument 3 to write_bytes()\n", catch(write_buffer(DIR + "/wb", 0, 0)));
}

void do_tests() {
    setup();
    test_write_and_read();
    test_lines();
    test_bytes();
    test_file_length();
    test_buffers();
    cleanup();
    ASSERT_EQ(-1, file_size(DIR));
}
