// Strings count and index characters as extended grapheme clusters
// (Unicode UAX #29), as current FluffOS does: CR LF, a letter with its
// combining accents, and an emoji sequence are each one character.
#include <tests.h>

#define ACUTE 0x301
#define DIAERESIS 0x308

string flag() { return "🇯🇵"; }

void test_counting() {
    string noel = sprintf("No%c%cl", 'e', DIAERESIS);   // e + combining diaeresis

    ASSERT_EQ(1, strlen("\r\n"));
    ASSERT_EQ(2, strlen("\n\r"));                       // LF CR is two characters
    ASSERT_EQ(3, strlen("x\r\ny"));
    ASSERT_EQ(4, strlen("\r\n\r\n\r\n\n"));
    ASSERT_EQ(4, strlen(noel));
    ASSERT_EQ(1, strlen(flag()));
    ASSERT_EQ(3, strlen("a" + flag() + "b"));
    ASSERT_EQ(1, strlen("👩‍🔬"));                        // woman, ZWJ, microscope
    ASSERT_EQ(2, strlen("日本"));
    ASSERT_EQ(2, sizeof("\r\n\r\n"));
    ASSERT_EQ(4, sizeof(noel));
    // A string that grows keeps counting right.
    {
        string s = "ab\r";
        ASSERT_EQ(3, strlen(s));
        s += "\nc";
        ASSERT_EQ(4, strlen(s));
        s += sprintf("%c", ACUTE);
        ASSERT_EQ(4, strlen(s));                        // the accent joins the c
    }
}

void test_reading() {
    string noel = sprintf("No%c%cl", 'e', DIAERESIS);
    string sushi = "🍣!";
    string flagged = "<" + flag() + ">";

    ASSERT_EQ('\r', "\r\n"[0]);                          // first codepoint of the pair
    ASSERT_EQ(0, "\r\n"[1]);                             // one past the end
    ASSERT_EQ("*String index out of bounds.\n", catch("\r\n"[2]));
    ASSERT_EQ('\r', "ab\r\n"[<1]);
    ASSERT_EQ('b', "ab\r\n"[<2]);
    ASSERT_EQ("*String rindex out of bounds.\n", catch("ab\r\n"[<4]));
    ASSERT_EQ('e', noel[2]);                             // 3 bytes: reads its base letter
    ASSERT_EQ('l', noel[3]);
    ASSERT_EQ(0x1F363, sushi[0]);                         // one 4-byte codepoint
    ASSERT_EQ('!', sushi[1]);
    ASSERT_EQ('>', flagged[2]);
    // A flag is two 4-byte codepoints: no single int stands for it.
    ASSERT_EQ("*String index only work for single codepoint character.\n", catch(flagged[1]));
    ASSERT_EQ("*String rindex only work for single codepoint character.\n", catch(flagged[<2]));
}

void test_ranges() {
    string noel = sprintf("No%c%cl", 'e', DIAERESIS);

    ASSERT_EQ("\r\n", "a\r\nb"[1..1]);
    ASSERT_EQ("\r\nb", "a\r\nb"[1..]);
    ASSERT_EQ("a", "a\r\nb"[0..<3]);
    ASSERT_EQ(sprintf("e%c", DIAERESIS), noel[2..2]);
    ASSERT_EQ(sprintf("e%cl", DIAERESIS), noel[<2..]);
    ASSERT_EQ(flag(), ("a" + flag() + "b")[1..1]);
    ASSERT_EQ("a\r\nb", "a\r\nb"[0..99]);
    ASSERT_EQ("", "a\r\nb"[3..]);
}

void test_assigning() {
    string noel = sprintf("No%c%cl", 'e', DIAERESIS);
    string crlf = "<\r\n>";
    string flagged = "<" + flag() + ">";
    mixed not_int = "x";

    // The base codepoint is replaced; an accent on it stays.
    noel[2] = 'a';
    ASSERT_EQ(sprintf("No%c%cl", 'a', DIAERESIS), noel);
    noel[<2] += 1;
    ASSERT_EQ(sprintf("No%c%cl", 'b', DIAERESIS), noel);
    // Replacing the CR of CR LF leaves a lone LF behind.
    crlf[1] = '-';
    ASSERT_EQ("<-\n>", crlf);
    ASSERT_EQ(4, strlen(crlf));
    // Wide characters, and values no string can hold.
    ASSERT_EQ("*Indexed character is multi-codepoint.\n", catch(flagged[1] = 'x'));
    ASSERT_EQ("*Indexed character is multi-codepoint.\n", catch(flagged[<2] = 'x'));
    ASSERT_EQ("*Strings cannot contain 0 byte.\n", catch(flagged[0] = 0));
    ASSERT_EQ("*Strings cannot contain invalid utf8 codepoint.\n", catch(flagged[0] = 0x110000));
    ASSERT_EQ("*Strings cannot contain invalid utf8 codepoint.\n", catch(flagged[0] = 0xD800));
    ASSERT_EQ("*Strings cannot contain invalid utf8 codepoint.\n", catch(flagged[0] = -7));
    ASSERT_EQ("*Illegal rhs to byte lvalue\n", catch(flagged[0] = not_int));
    ASSERT_EQ("*Index out of bounds in string index lvalue.\n", catch(flagged[3] = 'x'));
    ASSERT_EQ("<" + flag() + ">", flagged);
    flagged[2] = 0x1F600;
    ASSERT_EQ("<" + flag() + "😀", flagged);
}

void do_tests() {
    test_counting();
    test_reading();
    test_ranges();
    test_assigning();
}
