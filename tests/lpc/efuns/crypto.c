// crypt, oldcrypt, hash, sha1 (vectors from FluffOS's testsuite).
#include <tests.h>

string key = "U?5测mG$'xe`%!pf6试p\"#";

void test_crypt() {
    string result;
    ASSERT_EQ("12IbR.gJ8wcpc", crypt("123", "123"));
    ASSERT_EQ("12IbR.gJ8wcpc", crypt("123", "12IbR.gJ8wcpc"));
    ASSERT_EQ("11abPRGlgbz9A", crypt("deadbeef", "11"));
    ASSERT_EQ("11abPRGlgbz9A", crypt("deadbeef-wtf", "11-wtf"));

    result = crypt(key, "");
    ASSERT_EQ("$6$", result[0..2]);
    ASSERT_EQ(result, crypt(key, result));
    result = crypt(key, 0);
    ASSERT_EQ("$6$", result[0..2]);

    result = crypt(key, "$1$12IbRgJ8$92eJ54pYS5ISsRs./Jac21");
    ASSERT_EQ("$1$12IbRgJ8$92eJ54pYS5ISsRs./Jac21", result);
    result = crypt(key, "$2a$05$abcdefghijklmnopqrstuu");
    ASSERT_EQ("$2a$05$abcdefghijklmnopqrstuunlwTxQ4sl7dLGS2xJ.iMMzU7tVomKuy", result);
    ASSERT_EQ(result, crypt(key, result));
    result = crypt(key, "$2x$08$abcdefghijklmnopqrstuu");
    ASSERT_EQ("$2x$08$abcdefghijklmnopqrstuuwGS8NeHQOi8O1YXuHuWBzYTYdR1l8GS", result);
    result = crypt(key, "$2y$09$abcdefghijklmnopqrstuu");
    ASSERT_EQ("$2y$09$abcdefghijklmnopqrstuux4Xxxa5jKMzA60uXAXbkP/vAphqHo.q", result);
    result = crypt(key, "$5$xxpyPxiuc0IJY");
    ASSERT_EQ("$5$xxpyPxiuc0IJY$BAJWByjsbjtPgIWKrBdSZes5VdZWyvYr2CZ3pmOzRr4", result);
    result = crypt(key, "$6$DSVWtVeRU/71A");
    ASSERT_EQ("$6$DSVWtVeRU/71A$GvRozPOkmWEd3wTR7wMMQhug5wM5rrEM/cle4VEZD1yDEGf1iq6JST0PDN1Ua6QaQslVK2jAzIBKOamxi5dt1.", result);
    ASSERT_EQ(result, crypt(key, result));

    // "$2$" is not a known scheme: a fresh SHA-512 salt is used.
    result = crypt(key, "$2$zsCyqpCmwWE2g");
    ASSERT(result[0..2] != "$2");
    ASSERT_EQ(result, crypt(key, result));
    ASSERT(crypt(key, key));
    ASSERT(catch(crypt(key, "$2a$05$short")));
}

void test_oldcrypt() {
    string result;
    ASSERT_EQ("mckfcn`d!glafl`lnam`hikdfaeja`eccckjeinjm", oldcrypt("123", "123"));
    result = oldcrypt(key, "");
    ASSERT_EQ(result, oldcrypt(key, result));
    ASSERT(oldcrypt(key, key));
    result = crypt(key, "");
    ASSERT(result != oldcrypt(key, result));
    result = oldcrypt(key, "");
    ASSERT(result != crypt(key, result));
}

void test_hash() {
    ASSERT_EQ("900150983cd24fb0d6963f7d28e17f72", hash("md5", "abc"));
    ASSERT_EQ("900150983cd24fb0d6963f7d28e17f72", hash("MD5", "abc"));
    ASSERT_EQ("a448017aaf21d8525fc10ae87aa6729d", hash("md4", "abc"));
    ASSERT_EQ("a9993e364706816aba3e25717850c26c9cd0d89d", hash("sha1", "abc"));
    ASSERT_EQ("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", hash("sha224", "abc"));
    ASSERT_EQ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash("sha256", "abc"));
    ASSERT_EQ(96, strlen(hash("sha384", "abc")));
    ASSERT_EQ(128, strlen(hash("sha512", "abc")));
    ASSERT_EQ("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", hash("ripemd160", "abc"));
    // SHA-3, BLAKE2 and SM3 under OpenSSL's names.
    ASSERT_EQ("e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf", hash("sha3-224", "abc"));
    ASSERT_EQ("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532", hash("sha3-256", "abc"));
    ASSERT_EQ(96, strlen(hash("sha3-384", "abc")));
    ASSERT_EQ(128, strlen(hash("SHA3-512", "abc")));
    ASSERT_EQ("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982", hash("blake2s256", "abc"));
    ASSERT_EQ(128, strlen(hash("blake2b512", "abc")));
    ASSERT_EQ("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", hash("sm3", "abc"));
    ASSERT(catch(hash("nope", "abc")));
}

void test_sha1() {
    ASSERT_EQ("a9993e364706816aba3e25717850c26c9cd0d89d", sha1("abc"));
    ASSERT_EQ("da39a3ee5e6b4b0d3255bfef95601890afd80709", sha1(""));
    ASSERT_EQ("da39a3ee5e6b4b0d3255bfef95601890afd80709", sha1(allocate_buffer(0)));
}

void do_tests() {
    test_crypt();
    test_oldcrypt();
    test_hash();
    test_sha1();
}
