// sprintf and printf: conversions, flags, padding, column and table
// modes, %O.
#include <tests.h>

class point {
    int x;
    string y;
}

#define ANSI_RED "\x1B[31m"
#define ANSI_RESET "\x1B[0m"
#define UNDEFINED (([])[0])

int f(int a) { return a; }

void test_conversions() {
    ASSERT_EQ("X is 1", sprintf("%s is %i", "X", 1));
    ASSERT_EQ("100%", sprintf("100%%"));
    ASSERT_EQ("$5^", sprintf("$%i^", 5));
    ASSERT_EQ("345", sprintf("%d", 345));
    ASSERT_EQ("111", sprintf("%o", 73));
    ASSERT_EQ("a9", sprintf("%x", 169));
    ASSERT_EQ("A9", sprintf("%X", 169));
    ASSERT_EQ("-345", sprintf("%i", -345));
    ASSERT_EQ("+345", sprintf("%+d", 345));
    ASSERT_EQ(" 7", sprintf("% d", 7));
    ASSERT_EQ("-00042", sprintf("%.5d", -42));
    ASSERT_EQ("1.234000", sprintf("%f", 1.234));
    ASSERT_EQ("1.23", sprintf("%.2f", 1.2345));
    ASSERT_EQ("      1.23", sprintf("%10.2f", 1.2345));
    ASSERT_EQ("  0.123000", sprintf("%10.6f", 0.123));
    ASSERT_EQ("a", sprintf("%c", 97));
    ASSERT_EQ("\x1B", sprintf("%c", 27));
    ASSERT_EQ("very l", sprintf("%.6s", "very long string"));
}

void test_zero_and_conversions() {
    ASSERT_EQ("0", sprintf("%s", UNDEFINED));
    ASSERT_EQ("0", sprintf("%d", UNDEFINED));
    ASSERT_EQ("0", sprintf("%O", UNDEFINED));
    ASSERT_EQ("0", sprintf("%o", UNDEFINED));
    ASSERT_EQ("0", sprintf("%x", UNDEFINED));
    ASSERT_EQ("0.000000", sprintf("%f", UNDEFINED));
    ASSERT_EQ("0", sprintf("%s", 0));
    ASSERT_EQ("0.000000", sprintf("%f", 0));
    ASSERT_EQ("123", sprintf("%d", 123.0));
    ASSERT_EQ("123", sprintf("%d", 123.123));
    ASSERT_EQ("123.000000", sprintf("%f", 123));
    ASSERT(strlen(sprintf("%.1077f", 0.0)) > 1000);
    ASSERT(strlen(sprintf("%.5000f", -1.0)) > 1000);
    ASSERT(strlen(sprintf("%.5000d", -1)) > 0);
}

void test_justification() {
    ASSERT_EQ("12345     ", sprintf("%-10d", 12345));
    ASSERT_EQ("12345     ", sprintf("%-10s", "12345"));
    ASSERT_EQ("A         ", sprintf("%-10c", 65));
    ASSERT_EQ("   12345  ", sprintf("%|10d", 12345));
    ASSERT_EQ("   12345  ", sprintf("%|10s", "12345"));
    ASSERT_EQ("     A    ", sprintf("%|10c", 65));
    ASSERT_EQ("  12345   ", sprintf("%-|10s", "12345"));
    ASSERT_EQ("      ", sprintf("%6-|s", ""));
    ASSERT_EQ("         a b c d e f g        ", sprintf("%30|s", "a b c d e f g"));
    ASSERT_EQ("left                ", sprintf("%-20s", "left"));
    ASSERT_EQ("       center       ", sprintf("%20|s", "center"));
    ASSERT_EQ("               right", sprintf("%20s", "right"));
    ASSERT_EQ("00042", sprintf("%05d", 42));
    ASSERT_EQ("00-42", sprintf("%05d", -42));
    ASSERT_EQ("   42", sprintf("%*d", 5, 42));
    ASSERT_EQ("abc", sprintf("%.*s", 3, "abcdef"));
    ASSERT_EQ("abcde|", sprintf("%:5s|", "abcdefg"));
    ASSERT_EQ("   " ANSI_RED "test" ANSI_RESET "   ", sprintf("%|10s", ANSI_RED "test" ANSI_RESET));
    ASSERT_EQ(ANSI_RED "test" ANSI_RESET "      ", sprintf("%-10s", ANSI_RED "test" ANSI_RESET));
    ASSERT_EQ("          " ANSI_RED ANSI_RESET, sprintf("%10s", ANSI_RED "" ANSI_RESET));
    ASSERT_EQ("字字  |", sprintf("%-6s|", "字字"));
}

void test_pad_strings() {
    ASSERT_EQ("left----------------", sprintf("%-20'-'s", "left"));
    ASSERT_EQ("-------center-------", sprintf("%20'-'|s", "center"));
    ASSERT_EQ("---------------right", sprintf("%20'-'s", "right"));
    ASSERT_EQ("xyzzyxyab", sprintf("%'xyzzy'9s", "ab"));
    ASSERT_EQ("abxyzzyxy", sprintf("%-'xyzzy'9s", "ab"));
    ASSERT_EQ("xyzzabxyz", sprintf("%|'xyzzy'9s", "ab"));
}

void test_columns_and_tables() {
    string shouldbe;
    ASSERT_EQ("this\nis a\nvery\nlong\nsentence.", sprintf("%-=6s", "this is a very long sentence."));
    ASSERT_EQ("   Mit indent sieht das so aus", sprintf("%30=s", "Mit indent sieht das so aus"));
    ASSERT_EQ(" Mit indentsi\n tfddkdfkdfkdfskdfks\nll\n dffs\n dddeee",
              sprintf("%-*=s", 20, " Mit indentsi\n tfddkdfkdfkdfskdfksll\n dffs\n dddeee"));
    ASSERT_EQ("aaaaaabbb", sprintf("%-=6s", "aaaaaabbb"));
    shouldbe = "one        line1\ntwo        line2\nthree      line3\n";
    ASSERT_EQ(shouldbe, sprintf("%-=10s %-=20s\n",
                                implode(({ "one", "two", "three" }), "\n"),
                                implode(({ "line1 ", "line2 ", "line3 " }), "\n")));
    shouldbe = "111 aaa\n2222bbb\n33333cccc\n";
    ASSERT_EQ(shouldbe, sprintf("%-=1s %-=2s\n",
                                implode(({ "111", "2222", "33333" }), "\n"),
                                implode(({ "aaa", "bbb", "cccc" }), "\n")));
    ASSERT_EQ("xxxThisa   of  tabl\n   is  testsprimode\n",
              sprintf("xxx%#-20.5s\n", "This\nis\na\ntest\nof\nsprintf\ntable\nmode\n"));
    ASSERT_EQ("xxxThisayyyofyytablyyyy\n   isyytestsprimodeyyyy\n",
              sprintf("xxx%#-'y'20.5s\n", "This\nis\na\ntest\nof\nsprintf\ntable\nmode\n"));
    ASSERT_EQ("a   d   g   j   o\nb   e   h   k   \nc   f   i   l   \n",
              sprintf("%#-20s\n", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\no\n"));
}

void test_array_mode() {
    ASSERT_EQ("1   22  333 |", sprintf("%@-4d|", ({ 1, 22, 333 })));
    ASSERT_EQ("[ab]", sprintf("[%@s]", ({ "a", "b" })));
    ASSERT_EQ("[]", sprintf("[%@s]", ({ })));
}

void test_lpc_values() {
    class point p = new(class point, x: 1, y: "a");
    ASSERT_EQ("1", sprintf("%O", 1));
    ASSERT_EQ("1.500000", sprintf("%O", 1.5));
    ASSERT_EQ("\"foo\"", sprintf("%O", "foo"));
    ASSERT_EQ("({ })", sprintf("%O", ({})));
    ASSERT_EQ("({ /* sizeof() == 2 */\n  1,\n  2\n})", sprintf("%O", ({ 1, 2 })));
    ASSERT_EQ("({ /* sizeof() == 2 */\n  1,\n  ({ /* sizeof() == 1 */\n    2\n  })\n})",
              sprintf("%O", ({ 1, ({ 2 }) })));
    ASSERT_EQ("([ ])", sprintf("%O", ([])));
    ASSERT_EQ("([ /* sizeof() == 1 */\n  1 : 2,\n])", sprintf("%O", ([ 1 : 2 ])));
    ASSERT_EQ("(: f, 5 :)", sprintf("%O", (: f, 5 :)));
    ASSERT_EQ("(: <code>($1) :)", sprintf("%O", (: $1 :)));
    ASSERT_EQ("(: sprintf :)", sprintf("%O", (: sprintf :)));
    ASSERT_EQ("CLASS( 2 elements\n  1,\n  \"a\"\n )", sprintf("%O", p));
    ASSERT_EQ(file_name(this_object()), sprintf("%O", this_object()));
}

void test_errors() {
    ASSERT_EQ("*(s)printf(): More arguments specified than passed. (arg: 1)\n", catch(sprintf("%d %d", 1)));
    ASSERT_EQ("*(s)printf(): Error in format string. (arg: 0)\n", catch(sprintf("%y", 1)));
    ASSERT_EQ("*(s)printf(): Incorrect argument to type %s. (arg: 0)\n", catch(sprintf("%s", 1)));
    ASSERT_EQ("*(s)printf(): Incorrect argument type to *. (arg: 0)\n", catch(sprintf("%*d", "x", 1)));
    ASSERT_EQ("*(s)printf(): Expected precision not found. (arg: 0)\n", catch(sprintf("%.d", 1)));
    ASSERT_EQ("*(s)printf(): Null pad string specified. (arg: 0)\n", catch(sprintf("%''s", "x")));
    ASSERT_EQ("*(s)printf(): Array expected. (arg: 0)\n", catch(sprintf("%@d", 1)));
    ASSERT_EQ("*(s)printf(): Column/table mode requires a field size. (arg: 0)\n", catch(sprintf("%=s", "x")));
    ASSERT_EQ("*(s)printf(): Incorrect argument to type %c, must be valid UTF8 char. (arg: 0)\n",
              catch(sprintf("%c", 0)));
    ASSERT_EQ("*ERROR: (s)printf(): Incorrect argument type to %d.\n", catch(sprintf("%d", "x")));
    ASSERT(catch(printf("%d")));
}

void do_tests() {
    test_conversions();
    test_zero_and_conversions();
    test_justification();
    test_pad_strings();
    test_columns_and_tables();
    test_array_mode();
    test_lpc_values();
    test_errors();
}
