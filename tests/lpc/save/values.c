// save_object()/restore_object() with inherited variables and every kind
// of value: strings with newlines, floats, arrays, mappings, classes,
// objects (saved as nothing, restored as 0). Also restore_from_string().
inherit "/fixtures/save/base";

#include <tests.h>

#define FILE "/tmp/save_values"

class point { int x; int y; }

string text;
float ratio;
mixed *list;
mapping table;
class point where;
object thing;
int own = 3;
nosave int own_scratch = 4;

void fill() {
    set_base(7);
    text = "two\nlines \"quoted\" \\ slash";
    ratio = 0.25;
    list = ({ 1, "a", ({ }), ([ "k": ({ 2 }) ]) });
    table = ([ "n": 1, 2: 3.5 ]);
    where = new(class point, x: 1, y: 2);
    thing = this_object();
    own = 3;
}

string expected() {
    return "#" + __FILE__ + "\n"
        + "base_value 7\n"
        + "text \"two\rlines \\\"quoted\\\" \\\\ slash\"\n"
        + "ratio 0.250000\n"
        + "list ({1,\"a\",({}),([\"k\":({2,}),]),})\n"
        + "table ([\"n\":1,2:3.500000,])\n"
        + "where (/1,2,/)\n"
        + "thing \n"
        + "own 3\n";
}

void test_save_text() {
    fill();
    ASSERT_EQ(expected(), save_object(0));
    // 2 programs, plus each of the 8 lines' length + 2.
    string body = expected()[strlen("#" + __FILE__ + "\n")..];
    ASSERT_EQ(2 + strlen(body) + 8, save_object(FILE));
    ASSERT_EQ(expected(), read_file(FILE + ".o"));
}

void test_restore() {
    set_base(0);
    text = 0;
    ratio = 0.0;
    list = 0;
    table = 0;
    where = 0;
    own = 0;
    own_scratch = 44;
    ASSERT_EQ(1, restore_object(FILE));
    ASSERT_EQ(7, query_base());
    ASSERT_EQ(11, query_scratch());
    ASSERT_EQ("two\nlines \"quoted\" \\ slash", text);
    ASSERT_EQ(0.25, ratio);
    ASSERT_EQ(({ 1, "a", ({ }), ([ "k": ({ 2 }) ]) }), list);
    ASSERT_EQ(([ "n": 1, 2: 3.5 ]), table);
    ASSERT_EQ(1, where->x);
    ASSERT_EQ(2, where->y);
    ASSERT_EQ(0, thing);
    ASSERT_EQ(3, own);
    ASSERT_EQ(44, own_scratch);
    rm(FILE + ".o");
}

void test_restore_from_string() {
    fill();
    restore_from_string("#" + __FILE__ + "\nown 9\n");
    ASSERT_EQ(9, own);
    ASSERT_EQ(0, text);
    ASSERT_EQ(0, query_base());
    fill();
    restore_from_string("own 10\n", 1);
    ASSERT_EQ(10, own);
    ASSERT_EQ(7, query_base());
    ASSERT_EQ("*restore_object(): Illegal array format while restoring list.\n",
              catch(restore_from_string("list ({1\n", 1)));
    ASSERT_EQ("*restore_object(): Illegal file format - 1 (nospace).\n", catch(restore_from_string("nospace\n")));
}

void do_tests() {
    mkdir("/tmp");
    test_save_text();
    test_restore();
    test_restore_from_string();
}
