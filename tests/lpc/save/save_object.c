// save_object() and restore_object(), after FluffOS's tests: the header
// line, zero values, nosave variables, extensions on the save path, the
// string form, and restore's flag. Save files go to /tmp/save_object.
#include <tests.h>

#define DIR "/tmp/save_object"

int x = 0;
nosave int z = 5;
int y = 0x7fffffffffffffff;

int var1;
nosave int var2;
int var3;
int var4;
nosave mapping lost = ([ ]);

void setup_vars() {
    var1 = 1;
    var2 = 2;
    var3 = 3;
    var4 = 4;
}

void restore_lost_variable(mixed value, string name) { lost[name] = value; }

void test_save() {
    string want = "#" + __FILE__ + "\ny " + MAX_INT + "\n";
    // FluffOS's count: 1 per program, each line's length + 2.
    ASSERT_EQ(24, save_object(DIR + "/sf"));
    ASSERT_EQ(want, read_file(DIR + "/sf.o"));
    ASSERT_EQ(-1, file_size(DIR + "/sf.o.tmp"));
    save_object(DIR + "/sf", 1);
    ASSERT_EQ("#" + __FILE__ + "\nx 0\ny " + MAX_INT + "\nvar1 0\nvar3 0\nvar4 0\n",
              read_file(DIR + "/sf.o"));
    // Without a file name the text is returned.
    ASSERT_EQ(want, save_object(0));
    ASSERT_EQ(want, save_object());
    ASSERT_EQ("#" + __FILE__ + "\nx 0\ny " + MAX_INT + "\nvar1 0\nvar3 0\nvar4 0\n", save_object(1));
    // A source or save extension is replaced by ".o".
    ASSERT(save_object(DIR + "/sf.c"));
    ASSERT_EQ(-1, file_size(DIR + "/sf.c.o"));
    ASSERT(save_object(DIR + "/sf.lpc"));
    ASSERT_EQ(-1, file_size(DIR + "/sf.lpc.o"));
    ASSERT(save_object(DIR + "/sf.o"));
    ASSERT_EQ(-1, file_size(DIR + "/sf.o.o"));
    ASSERT_EQ("*Denied write permission in save_object().\n", catch(save_object("/../sf")));
    ASSERT_EQ("*save_object: compressed save files are not available on this driver build.\n",
              catch(save_object(DIR + "/sf", 2)));
    ASSERT_EQ("*first argument must be a string for save_object with 2 args\n", catch(save_object(1, 1)));
    rm(DIR + "/sf.o");
}

void test_restore() {
    write_file(DIR + "/sf.o", "#empty\n", 1);
    setup_vars();
    ASSERT_EQ(1, restore_object(DIR + "/sf"));
    ASSERT(!var1);
    ASSERT(undefinedp(var1));
    ASSERT(var2 == 2);
    ASSERT(!var3);
    ASSERT(!var4);

    setup_vars();
    restore_object(DIR + "/sf", 1);
    ASSERT(var1 == 1);
    ASSERT(var2 == 2);
    ASSERT(var3 == 3);
    ASSERT(var4 == 4);

    write_file(DIR + "/sf.o", "var1 2\nvar2 4\nvar3 6\nvar4 8\n", 1);
    setup_vars();
    restore_object(DIR + "/sf", 1);
    ASSERT(var1 == 2);
    ASSERT(var2 == 2);
    ASSERT(var3 == 6);
    ASSERT(var4 == 8);
    // var2 is nosave, so the file's var2 was handed over as lost.
    ASSERT_EQ(([ "var2": 4 ]), lost);

    write_file(DIR + "/sf.o", "var4 1\nvar2 9\nvar1 3\nvar3 4\n", 1);
    setup_vars();
    restore_object(DIR + "/sf", 1);
    ASSERT(var1 == 3);
    ASSERT(var2 == 2);
    ASSERT(var3 == 4);
    ASSERT(var4 == 1);

    // A source extension on the path is dropped before ".o" is added.
    setup_vars();
    restore_object(DIR + "/sf.lpc", 1);
    ASSERT(var1 == 3);
    setup_vars();
    restore_object(DIR + "/sf.c", 1);
    ASSERT(var1 == 3);

    // No file, or an empty one: 0, nothing cleared.
    setup_vars();
    ASSERT_EQ(0, restore_object(DIR + "/none"));
    write_file(DIR + "/empty.o", "", 1);
    ASSERT_EQ(0, restore_object(DIR + "/empty"));
    ASSERT(var1 == 1);

    // A malformed line: 0 (logged, not raised); earlier lines stay.
    write_file(DIR + "/bad.o", "var1 7\nvar3 ({1,\nvar4 9\n", 1);
    setup_vars();
    ASSERT_EQ(0, restore_object(DIR + "/bad", 1));
    ASSERT_EQ(7, var1);
    ASSERT_EQ(3, var3);
    ASSERT_EQ(4, var4);

    ASSERT_EQ("*restore_object: read permission denied: /../sf.o.\n", catch(restore_object("/../sf")));
    rm(DIR + "/sf.o");
    rm(DIR + "/empty.o");
    rm(DIR + "/bad.o");
}

void do_tests() {
    mkdir("/tmp");
    mkdir(DIR);
    test_save();
    test_restore();
    rmdir(DIR);
    ASSERT_EQ(-1, file_size(DIR));
}
