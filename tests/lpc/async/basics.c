// async functions return promises; promise values and the settle efuns.
#include <tests.h>

inherit "/fixtures/async/base";

async int add(int a, int b) { return a + b; }
async void nothing() { }
async int plain_awaits() {
    int a = await 5;
    string s = await "xy";
    return a + sizeof(s);
}
async int fails() { error("body exploded"); }
async mixed throws() { throw(({ "thrown", 1 })); }
async int returns_promise(promise p) { return p; }

void do_tests() {
    mixed p;

    // Every call path yields a promise, settled at once without an await.
    p = add(2, 3);
    ASSERT_EQ("promise", typeof(p));
    ASSERT(promisep(p));
    ASSERT(!promisep(5));
    ASSERT_EQ(1, promise_status(p));
    ASSERT_EQ(5, promise_result(p));
    ASSERT_EQ(5, promise_result(this_object()->add(2, 3)));
    ASSERT_EQ(5, promise_result(evaluate((: add :), 1, 4)));
    ASSERT_EQ(42, promise_result(base_value()));
    ASSERT_EQ(42, promise_result(base::base_value()));
    ASSERT_EQ(0, promise_result(nothing()));

    // Awaiting a plain value does not park.
    p = plain_awaits();
    ASSERT_EQ(1, promise_status(p));
    ASSERT_EQ(7, promise_result(p));

    // An error in the body rejects the promise with what catch() would
    // give; throw() rejects with the value.
    p = fails();
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ("*body exploded\n", promise_result(p));
    ASSERT_EQ(({ "thrown", 1 }), promise_result(throws()));

    // Returning a promise adopts it.
    mixed inner = promise_create();
    p = returns_promise(inner);
    ASSERT_EQ(0, promise_status(p));

    // Values: identity, mapping keys, copy, sizeof, %O.
    mixed a = promise_create(), b = promise_create();
    ASSERT(a == a);
    ASSERT(a != b);
    mapping m = ([ a: 1, b: 2 ]);
    ASSERT_EQ(2, m[b]);
    ASSERT(copy(a) == a);
    ASSERT_EQ(0, sizeof(a));
    ASSERT(a);
    ASSERT_EQ("PROMISE( pending )", sprintf("%O", a));
    ASSERT_EQ("PROMISE<int>( fulfilled: 5 )", sprintf("%O", add(2, 3)));
    promise_reject(b, "*no");
    ASSERT_EQ("PROMISE( rejected: \"*no\" )", sprintf("%O", b));

    // Settling: status codes, first settle only, the errors.
    p = promise_create();
    ASSERT_EQ(0, promise_status(p));
    ASSERT_EQ("*promise_result: promise is still pending.\n", catch(promise_result(p)));
    promise_resolve(p);
    ASSERT_EQ(1, promise_status(p));
    ASSERT_EQ(0, promise_result(p));
    ASSERT_EQ("*promise_resolve: promise is already settled.\n", catch(promise_resolve(p, 1)));
    ASSERT_EQ("*promise_reject: promise is already settled.\n", catch(promise_reject(p, 1)));
    p = promise_create();
    promise_reject(p);
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ("*promise rejected", promise_result(p));
    p = promise_create();
    ASSERT_EQ("*promise_resolve: cannot resolve a promise with itself.\n", catch(promise_resolve(p, p)));
    ASSERT_EQ("*promise_reject: cannot reject a promise with itself.\n", catch(promise_reject(p, p)));
    ASSERT_EQ(0, promise_status(p));
    // An async function's promise belongs to its body (this one is parked).
    p = base_waits(inner);
    ASSERT(strsrch(catch(promise_resolve(p, 1)), "belongs to an async function") >= 0);
    // Resolving with a pending promise commits the fate.
    p = promise_create();
    promise_resolve(p, inner);
    ASSERT_EQ(0, promise_status(p));
    ASSERT_EQ("*promise_resolve: promise is already settled.\n", catch(promise_resolve(p, 1)));
    // ... until nothing holds that promise any more: it can never settle.
    p = promise_create();
    promise_resolve(p, promise_create());
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ("*promise adoption source was collected before settling", promise_result(p));
}
