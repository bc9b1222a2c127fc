// terminal_colour: %^KEY%^ substitution and wrapping.
#include <tests.h>

void test_substitution() {
    mapping codes = ([ "RED" : "<r>", "RESET" : "<0>" ]);
    mapping no_reset = ([ "RED" : "<r>" ]);
    ASSERT_EQ("<r>hot<0>", terminal_colour("%^RED%^hot%^RESET%^", codes));
    ASSERT_EQ("plain", terminal_colour("plain", codes));
    ASSERT_EQ("UNKNOWNx", terminal_colour("%^UNKNOWN%^x", codes));
    ASSERT_EQ("", terminal_colour("%^%^", codes));
    ASSERT_EQ("<r>x", terminal_colour("%^RED%^x", no_reset));
    // Without a RESET code the ANSI reset is used and stored.
    ASSERT_EQ("\x1b[49;49m\x1b[0;10m", no_reset["RESET"]);
    ASSERT(catch(terminal_colour("x", 1)));
}

void test_wrapping() {
    mapping codes = ([ "RED" : "<r>", "RESET" : "<0>" ]);
    string r;
    string *lines;
    ASSERT(stringp(terminal_colour("some longer text to wrap here", codes, 10)));
    ASSERT_EQ("aaaa<0>\nbbbb", terminal_colour("aaaa bbbb", codes, 6));
    ASSERT_EQ("abcd<0>\nefgh", terminal_colour("abcdefgh", codes, 4));
    ASSERT_EQ("<r>aaaa<0>\n<r>  bbbb", terminal_colour("%^RED%^aaaa bbbb", codes, 6, 2));
    ASSERT_EQ("a<0>  \nbbb", terminal_colour("a bbb", codes, -4));
    r = terminal_colour("字字字字字字字字字字字字", codes, 10);
    lines = explode(r, "\n");
    ASSERT_EQ(3, sizeof(lines));
    ASSERT_EQ("字字字字字<0>", lines[0]);
    ASSERT_EQ("字字字字字<0>", lines[1]);
    ASSERT_EQ("字字", lines[2]);
    ASSERT_EQ("字字字字字字字字字字字字", replace_string(replace_string(r, "<0>", ""), "\n", ""));
    r = terminal_colour("abc 一二三四五 def 六七八九十 ghi", codes, 8);
    foreach (string line in explode(r, "\n")) {
        ASSERT(strwidth(replace_string(line, "<0>", "")) <= 8);
    }
}

void do_tests() {
    test_substitution();
    test_wrapping();
}
