// promise_then / promise_catch chains, adoption, combinators, and the
// order deliveries run in.
#include <tests.h>

string *log = ({});
mixed chain_end, catch_end, pass_end, error_end, adopt_outer, adopt_inner;
mixed all_ok, all_bad, any_ok, any_bad, any_empty, race_ok, race_plain, settled, all_empty;

mixed note(string what, mixed v) {
    log += ({ what + ":" + sprintf("%O", v) });
    return v;
}

void do_tests() {
    mixed p = promise_create();

    // Handlers run later, in attachment order, never during the settle.
    promise_then(p, (: note("first", $1) :));
    promise_then(p, (: note("second", $1) :));
    chain_end = promise_then(promise_then(p, (: $1 + 1 :)), (: $1 * 10 :));
    promise_resolve(p, 4);
    ASSERT_EQ(({ }), log);
    ASSERT_EQ(0, promise_status(chain_end));

    // A rejection skips fulfilment handlers and reaches a catch; the catch's
    // result fulfils its chain.
    mixed r = promise_create();
    catch_end = promise_catch(promise_then(r, (: note("never", $1) :)), (: "handled " + $1 :));
    // No handler for the outcome: it passes through.
    pass_end = promise_then(r);
    promise_reject(r, "*bad");

    // A handler's error rejects its chain with the catch value.
    error_end = promise_then(promise_create(), 0, 0);
    mixed q = promise_create();
    error_end = promise_then(q, (: error("handler failed") :));
    promise_resolve(q, 1);

    // Resolving with a promise adopts its eventual state.
    adopt_inner = promise_create();
    adopt_outer = promise_create();
    promise_resolve(adopt_outer, adopt_inner);
    promise_resolve(adopt_inner, "inner value");

    // Combinators.
    mixed a = promise_create(), b = promise_create();
    all_ok = promise_all(({ a, 5, b }));
    race_ok = promise_race(({ a, b }));
    any_ok = promise_any(({ a, b }));
    settled = promise_all_settled(({ a, b, 7 }));
    promise_resolve(b, "b");
    promise_reject(a, "*a failed");
    all_bad = promise_all(({ a, b }));
    any_bad = promise_any(({ a, a }));
    race_plain = promise_race(({ promise_create(), "plain" }));
    ASSERT_EQ(1, promise_status(race_plain));
    ASSERT_EQ("plain", promise_result(race_plain));
    all_empty = promise_all(({ }));
    ASSERT_EQ(({ }), promise_result(all_empty));
    any_empty = promise_any(({ }));
    ASSERT_EQ("*promise_any: no promises to wait for", promise_result(any_empty));
    ASSERT(strsrch(catch(promise_race(({ }))), "needs at least one promise") >= 0);
}

void after_microtasks() {
    ASSERT_EQ(({ "first:4", "second:4" }), log);
    ASSERT_EQ(50, promise_result(chain_end));
    ASSERT_EQ(1, promise_status(catch_end));
    ASSERT_EQ("handled *bad", promise_result(catch_end));
    ASSERT_EQ(2, promise_status(pass_end));
    ASSERT_EQ("*bad", promise_result(pass_end));
    ASSERT_EQ(2, promise_status(error_end));
    ASSERT_EQ("*handler failed\n", promise_result(error_end));
    ASSERT_EQ("inner value", promise_result(adopt_outer));
    // all: the first rejection; race: the first settlement (b resolved
    // first); any: the first fulfilment.
    ASSERT_EQ(2, promise_status(all_ok));
    ASSERT_EQ("*a failed", promise_result(all_ok));
    ASSERT_EQ("b", promise_result(race_ok));
    ASSERT_EQ("b", promise_result(any_ok));
    ASSERT_EQ(({ ([ "status": 2, "reason": "*a failed" ]), ([ "status": 1, "value": "b" ]), ([ "status": 1, "value": 7 ]) }),
              promise_result(settled));
    ASSERT_EQ("*a failed", promise_result(all_bad));
    ASSERT_EQ(({ "*a failed", "*a failed" }), promise_result(any_bad));
}
