// Literal syntax: numbers, characters, escapes, strings, arrays,
// mappings, template strings and text blocks.
#include <tests.h>

void do_tests() {
    ASSERT_EQ(255, 0xff);
    ASSERT_EQ(255, 0XFF);
    ASSERT_EQ(5, 0b101);
    ASSERT_EQ(1000000, 1_000_000);
    ASSERT_EQ(97, 'a');
    ASSERT_EQ(10, '\n');
    ASSERT_EQ(39, '\'');
    ASSERT_EQ("A", "\x41");
    ASSERT_EQ("é", "\u00e9");
    ASSERT_EQ("\t", sprintf("%c", 9));
    ASSERT_EQ("abcdef", "abc" "def");
    ASSERT_EQ(3.25, 3.25);
    ASSERT_EQ(({ 1, 2, 3 }), ({ 1, 2, 3, }));
    ASSERT_EQ(2, sizeof(([ "a": 1, "b": 2, ])));
    ASSERT_EQ(({ }), ({}));

    int n = 5;
    string name = "world";
    ASSERT_EQ("hello world, 5!", `hello ${name}, ${n}!`);
    ASSERT_EQ("sum=7", `sum=${n + 2}`);
    ASSERT_EQ("plain", `plain`);

    string block = @END
line one
  line two
END;
    ASSERT_EQ("line one\n  line two\n", block);

    string *lines = @@END
first
second
END;
    ASSERT_EQ(({ "first", "second" }), lines);
}
