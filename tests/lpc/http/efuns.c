// The http package's utility efuns: URL coding, headers, dates, status
// texts and JWT (HS256).
#include <tests.h>

void test_urls() {
    ASSERT_EQ("a%20b%2Fc%3F%26%C3%A9", http_encode_url("a b/c?&é"));
    ASSERT_EQ("a-b_c.d~e", http_encode_url("a-b_c.d~e"));
    ASSERT_EQ("a b/c?&é", http_decode_url("a%20b%2Fc%3F%26%C3%A9"));
    ASSERT_EQ("a b", http_decode_url("a+b"));
    ASSERT_EQ("100%", http_decode_url("100%"));
    foreach (string s in ({ "", "plain", "sp ace", "ünï/cödé?x=1&y=2", "%%41" }))
        ASSERT_EQ(s, http_decode_url(http_encode_url(s)));
}

void test_headers() {
    mapping h = http_parse_headers("Content-Type: text/plain\r\nX-A: 1\r\nx-a: 2\r\n  folded\r\nbad line\r\n");
    ASSERT_EQ("text/plain", h["content-type"]);
    ASSERT_EQ("1, 2 folded", h["x-a"]);
    ASSERT_EQ(2, sizeof(h));
    ASSERT_EQ("X-N: 5\r\n", http_format_headers(([ "X-N": 5 ])));
    ASSERT_EQ("Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n", http_format_headers(([ "Set-Cookie": ({ "a=1", "b=2" }) ])));
    // Header injection is refused.
    ASSERT(catch(http_format_headers(([ "X": "a\r\nEvil: 1" ]))));
    ASSERT(catch(http_format_headers(([ "X:Y": "a" ]))));
}

void test_dates() {
    ASSERT_EQ("Sun, 06 Nov 1994 08:49:37 GMT", http_date(784111777));
    ASSERT_EQ(784111777, http_parse_date("Sun, 06 Nov 1994 08:49:37 GMT"));
    // The two obsolete forms HTTP still accepts.
    ASSERT_EQ(784111777, http_parse_date("Sunday, 06-Nov-94 08:49:37 GMT"));
    ASSERT_EQ(784111777, http_parse_date("Sun Nov  6 08:49:37 1994"));
    ASSERT_EQ(-1, http_parse_date("yesterday"));
    ASSERT(abs(http_parse_date(http_date()) - time()) <= 1);
}

void test_status_texts() {
    ASSERT_EQ("OK", http_status_text(200));
    ASSERT_EQ("Not Found", http_status_text(404));
    ASSERT_EQ("Too Many Requests", http_status_text(429));
    ASSERT_EQ("", http_status_text(299));
}

void test_jwt() {
    string token = jwt_sign(([ "sub": "ada", "level": 7, "roles": ({ "wiz" }) ]), "s3cret", 60);
    ASSERT_EQ(3, sizeof(explode(token, ".")));
    mapping claims = jwt_verify(token, "s3cret");
    ASSERT_EQ("ada", claims["sub"]);
    ASSERT_EQ(7, claims["level"]);
    ASSERT_EQ(({ "wiz" }), claims["roles"]);
    ASSERT(claims["exp"] - claims["iat"] == 60);
    ASSERT_EQ(0, jwt_verify(token, "wrong"));
    ASSERT_EQ(0, jwt_verify(token + "x", "s3cret"));
    ASSERT_EQ(0, jwt_verify("not a token", "s3cret"));
    // Expired tokens are refused.
    ASSERT_EQ(0, jwt_verify(jwt_sign(([ "sub": "x", "exp": time() - 10 ]), "k"), "k"));
    ASSERT(catch(jwt_sign(([ "sub": "x" ]), "")));
}

void do_tests() {
    test_urls();
    test_headers();
    test_dates();
    test_status_texts();
    test_jwt();
}
