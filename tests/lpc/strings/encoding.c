// string_encode / string_decode.
#include <tests.h>

void test_buffer_transcode() {
    buffer utf8 = string_encode("añb", "utf-8");
    buffer latin = buffer_transcode(utf8, "utf-8", "latin1");
    ASSERT_EQ(3, sizeof(latin));
    ASSERT_EQ(0xf1, latin[1]);
    ASSERT_EQ("añb", string_decode(buffer_transcode(latin, "latin1", "utf-16le"), "utf-16le"));
    ASSERT(catch(buffer_transcode(utf8, "no-such-encoding", "utf-8")));
}

void do_tests() {
    test_buffer_transcode();
    buffer b = string_encode("héllo", "ISO-8859-1");
    ASSERT_EQ(5, sizeof(b));
    ASSERT_EQ(0xe9, b[1]);
    ASSERT_EQ("héllo", string_decode(b, "latin1"));
    b = string_encode("你好", "UTF-8");
    ASSERT_EQ(6, sizeof(b));
    ASSERT_EQ("你好", string_decode(b, "utf-8"));
    b = string_encode("你好", "GBK");
    ASSERT_EQ(4, sizeof(b));
    ASSERT_EQ("你好", string_decode(b, "gbk"));
    b = string_encode("A", "UTF-16LE");
    ASSERT_EQ(2, sizeof(b));
    ASSERT_EQ("A", string_decode(b, "UTF-16LE"));
    ASSERT_EQ("*string_encode: Invalid encoding 'bogus', error: U_FILE_ACCESS_ERROR.\n",
              catch(string_encode("x", "bogus")));
    ASSERT(catch(string_decode(b, "bogus")));
}
