// A NUL byte anywhere in a source file is a compile error, whether in
// code, a string, a comment or a skipped #if branch.
#include <tests.h>

#define DIR "/tmp/source_nul"

int rejected(string pre, string post) {
    string path = DIR + "/gen.c";
    rm(path);
    write_buffer(path, 0, pre);
    write_buffer(path, strlen(pre), allocate_buffer(1));
    write_buffer(path, strlen(pre) + 1, post);
    mixed err = catch(load_object(path));
    rm(path);
    return stringp(err) && strsrch(err, "NUL") != -1;
}

void do_tests() {
    mkdir(DIR);
    ASSERT(rejected("int x", ";\n"));
    ASSERT(rejected("string s = \"a", "b\";\n"));
    ASSERT(rejected("/* a", " */ int x;\n"));
    ASSERT(rejected("#if 0\na", "\n#endif\nint x;\n"));
    write_file(DIR + "/ok.c", "int ok() { return 42; }\n");
    ASSERT_EQ(42, load_object(DIR + "/ok")->ok());
    rm(DIR + "/ok.c");
    rmdir(DIR);
}
