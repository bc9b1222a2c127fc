// Efuns that take or return character positions count grapheme clusters,
// like s[i]: strsrch, member_array, explode(s, ""), sprintf's widths, and
// foreach over a string.
#include <tests.h>

#define ACUTE 0x301

string flag() { return "🇮🇹"; }

void test_strsrch() {
    string cafe = sprintf("cafe%c!", ACUTE);             // e + combining acute

    // A match must cover whole characters.
    ASSERT_EQ(-1, strsrch("a\r\nb", "\n"));
    ASSERT_EQ(-1, strsrch("a\r\nb", "\r"));
    ASSERT_EQ(1, strsrch("a\r\nb", "\r\n"));
    ASSERT_EQ(2, strsrch("a\r\nb", "b"));
    ASSERT_EQ(2, strsrch("a\r\nb", 'b'));
    ASSERT_EQ(0, strsrch("\n\r", "\n"));
    ASSERT_EQ(2, strsrch("x\r\n\n", "\n"));              // the LF standing alone
    ASSERT_EQ(-1, strsrch(cafe, "e"));
    ASSERT_EQ(-1, strsrch(cafe, 'e'));
    ASSERT_EQ(3, strsrch(cafe, sprintf("e%c", ACUTE)));
    ASSERT_EQ(4, strsrch(cafe, "!"));
    ASSERT_EQ(1, strsrch(cafe[3..3] + "e", "e"));         // skips the accented e
    ASSERT_EQ(0, strsrch("e" + cafe[3..3], "e", 1));      // from the end, too
    ASSERT_EQ(2, strsrch("\r\n" + flag() + "\r\n", "\r\n", 1));
    ASSERT_EQ(1, strsrch("\r\n" + flag() + "\r\n", flag()));
    ASSERT_EQ(5, strsrch(cafe, 0));                      // 0 finds the end
}

void test_member_array() {
    ASSERT_EQ(2, member_array('b', "a\r\nb"));
    ASSERT_EQ(1, member_array('\r', "a\r\nb"));           // a CR LF reads as its CR
    ASSERT_EQ(-1, member_array('\n', "a\r\nb"));
    ASSERT_EQ(3, member_array('b', "b" + flag() + "\r\nb", 1));
    ASSERT_EQ(-1, member_array('e', sprintf("caf%c%c", 'e', ACUTE) + "x", 4));
}

void test_explode_and_sizes() {
    string *pieces = explode("a\r\n" + flag() + sprintf("e%c", ACUTE), "");
    ASSERT_EQ(({ "a", "\r\n", flag(), sprintf("e%c", ACUTE) }), pieces);
    ASSERT_EQ(strlen(implode(pieces, "")), sizeof(pieces));
    ASSERT_EQ(({ "\n", "\r" }), explode("\n\r", ""));
}

void test_sprintf() {
    string accented = sprintf("e%c", ACUTE);
    // Widths pad by display columns; a precision cuts whole characters.
    ASSERT_EQ(accented + "  |", sprintf("%-3s|", accented));
    ASSERT_EQ(accented, sprintf("%.1s", accented + "xyz"));
    ASSERT_EQ("ab", sprintf("%.2s", "ab" + accented));
}

void test_foreach() {
    string s = "a\r\n" + flag() + sprintf("e%c", ACUTE);
    int *seen = ({ });
    int count;

    foreach (int c in s) {
        seen += ({ c });
    }
    // A character too wide for one int reads as -1 here.
    ASSERT_EQ(({ 'a', '\r', -1, 'e' }), seen);
    foreach (int c in "x\r\ny") {
        count++;
    }
    ASSERT_EQ(3, count);
}

string ref_seen;

void walk_by_ref(string s) {
    ref_seen = "";
    foreach (int ref c in s) {
        ref_seen += sprintf("%c", c);
        c = 'Z';
    }
}

void walk_by_ref_quietly(string s) {
    foreach (int ref c in s) { }
}

void test_foreach_ref() {
    string s = "ab\r\n";

    // Writes go to the loop's own copy: the string itself never changes.
    walk_by_ref(s);
    ASSERT_EQ("ab\r", ref_seen);
    ASSERT_EQ("ab\r\n", s);
    // A wide character cannot be a ref target: the loop stops there,
    // whether or not the body uses the variable.
    ASSERT_EQ("*Indexed character is multi-codepoint.\n", catch(walk_by_ref("xy" + flag())));
    ASSERT_EQ("xy", ref_seen);
    ASSERT_EQ("*Indexed character is multi-codepoint.\n", catch(walk_by_ref_quietly(flag())));
    ASSERT_EQ(0, catch(walk_by_ref_quietly("plain")));
    // Writes are checked as s[i] = c checks them.
    foreach (int ref c in "ok") {
        ASSERT_EQ("*Strings cannot contain 0 byte.\n", catch(c = 0));
        break;
    }
    foreach (int ref c in "ok") {
        ASSERT_EQ("*Strings cannot contain invalid utf8 codepoint.\n", catch(c = 0xDFFF));
        break;
    }
}

void do_tests() {
    test_strsrch();
    test_member_array();
    test_explode_and_sizes();
    test_sprintf();
    test_foreach();
    test_foreach_ref();
}
