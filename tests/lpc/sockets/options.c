// socket_set_option / socket_get_option from LPC: defaults, success,
// refusal keeps the old value, errors for bad descriptors and options,
// values dropped on close. (Every option number is covered by the Rust
// tests of the option manager.)
#include <tests.h>
#include <network.h>

void r(int fd, mixed data) { }

// REST settings must still make a working router; a set that would not
// is refused and changes nothing.
void test_rest_router_checks() {
    int fd = socket_create(REST_SERVER, "r");
    ASSERT_EQ(1, socket_set_option(fd, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/u/{id}", "handler": "a" ])));
    ASSERT_EQ(0, socket_set_option(fd, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/u/{name}", "handler": "b" ])));
    ASSERT_EQ(0, socket_set_option(fd, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/u/{id}", "handler": "dup" ])));
    ASSERT_EQ(0, socket_set_option(fd, REST_ADD_ROUTE, ([ "method": "POST", "pattern": "/s", "handler": "c",
                                                         "schema": ([ "type": "no such type" ]) ])));
    ASSERT_EQ(1, socket_set_option(fd, REST_ADD_ROUTE, ([ "method": "POST", "pattern": "/u/{id}", "handler": "d" ])));
    mixed routes = socket_get_option(fd, REST_ADD_ROUTE);
    ASSERT_EQ(2, sizeof(routes));
    ASSERT_EQ(({ "a", "d" }), map(routes, (: $1["handler"] :)));
    ASSERT_EQ(0, socket_set_option(fd, REST_RATE_LIMIT, ([ "requests": 0, "window": 60 ])));
    socket_close(fd);
}

void do_tests() {
    test_rest_router_checks();
    int fd = socket_create(HTTP_CLIENT, "r");
    ASSERT(fd >= 0);
    ASSERT_EQ("HTTP_CLIENT", socket_status(fd)[2]);
    ASSERT_EQ(30000, socket_get_option(fd, SO_HTTP_TIMEOUT));
    ASSERT_EQ("GET", socket_get_option(fd, SO_HTTP_METHOD));
    ASSERT_EQ(0, socket_get_option(fd, SO_HTTP_URL));
    ASSERT_EQ(1, socket_set_option(fd, SO_HTTP_TIMEOUT, 5000));
    ASSERT_EQ(5000, socket_get_option(fd, SO_HTTP_TIMEOUT));
    ASSERT_EQ(0, socket_set_option(fd, SO_HTTP_TIMEOUT, 10));
    ASSERT_EQ(0, socket_set_option(fd, SO_HTTP_TIMEOUT, "5000"));
    ASSERT_EQ(5000, socket_get_option(fd, SO_HTTP_TIMEOUT));
    ASSERT_EQ(1, socket_set_option(fd, SO_HTTP_USER_AGENT, "FluffOS/3.0"));
    ASSERT_EQ("FluffOS/3.0", socket_get_option(fd, SO_HTTP_USER_AGENT));
    ASSERT_EQ(1, socket_set_option(fd, SO_HTTP_HEADERS, ([ "X-Test": "1" ])));
    ASSERT_EQ(([ "X-Test": "1" ]), socket_get_option(fd, SO_HTTP_HEADERS));
    ASSERT_EQ(0, socket_set_option(fd, SO_HTTP_MAX_REDIRECTS, 21));
    ASSERT_EQ(5, socket_get_option(fd, SO_HTTP_MAX_REDIRECTS));
    ASSERT_EQ(0, socket_get_option(fd, SO_TLS_VERIFY_PEER));
    ASSERT_EQ(1, socket_set_option(fd, SO_TLS_VERIFY_PEER, 1));
    ASSERT_EQ(0, socket_set_option(fd, SO_TLS_VERIFY_PEER, 2));
    ASSERT_EQ(1, socket_get_option(fd, SO_TLS_VERIFY_PEER));
    ASSERT_EQ(([ "hits": 0, "misses": 0, "entries": 0, "bytes": 0, "evictions": 0 ]),
              socket_get_option(fd, SO_CACHE_STATISTICS));
    ASSERT_EQ("*Unknown socket option: 999\n", catch(socket_get_option(fd, 999)));
    ASSERT_EQ("*Unknown socket option: 999\n", catch(socket_set_option(fd, 999, 1)));
    ASSERT_EQ("*Bad socket descriptor: -1\n", catch(socket_get_option(-1, SO_HTTP_TIMEOUT)));
    ASSERT_EQ("*Bad socket descriptor: 9999\n", catch(socket_set_option(9999, SO_HTTP_TIMEOUT, 5000)));
    socket_close(fd);
    // A new socket in the same slot starts from the defaults.
    ASSERT_EQ(fd, socket_create(HTTP_CLIENT, "r"));
    ASSERT_EQ(30000, socket_get_option(fd, SO_HTTP_TIMEOUT));
    ASSERT_EQ(0, socket_get_option(fd, SO_HTTP_USER_AGENT));
    socket_close(fd);

    // TLS options on a plain STREAM socket are allowed (as in FluffOS).
    fd = socket_create(STREAM, "r");
    ASSERT_EQ(1, socket_set_option(fd, SO_TLS_SNI_HOSTNAME, "example.com"));
    ASSERT_EQ("example.com", socket_get_option(fd, SO_TLS_SNI_HOSTNAME));
    ASSERT_EQ(0, socket_get_option(fd, SO_TLS_CERT));
    socket_close(fd);
}
