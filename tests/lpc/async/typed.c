// promise<T>: typed promises accept matching async results, and awaiting
// one gives its payload type (the mismatches are in tests/lpc/fail).
#include <tests.h>

inherit "/fixtures/async/base";

class pos { int x; }

async int number() { return 4; }
async float ratio() { return 0.5; }
async class pos origin() { class pos p = new(class pos); p->x = 3; return p; }
async void nothing() { }
// A master apply's name is free on other objects: async there only warns.
async int connect(int port) { return port; }

async int sum() {
    promise<int> a = number();
    promise<float> r = ratio();
    int n = await a;
    float f = await r;
    class pos p = await origin();
    return n + to_int(f * 2) + p->x;
}

promise<int> summed;

void do_tests() {
    promise<int> p = sum();
    summed = p;
    promise untyped = nothing();
    mixed any = number();
    promise<int> inherited = base_value();
    promise<int> scoped = base::base_value();

    ASSERT(promisep(untyped));
    ASSERT(promisep(any));
    ASSERT_EQ(42, promise_result(inherited));
    ASSERT_EQ(42, promise_result(scoped));
    ASSERT_EQ(4000, promise_result(connect(4000)));
    // An untyped promise fits any promise<T>, and promise<T> any promise.
    promise<string> from_untyped = untyped;
    promise back = p;
    ASSERT(promisep(from_untyped));
    ASSERT(back == p);
}

void after_microtasks() {
    // 4 + 0.5 * 2 + 3: each await gave its payload.
    ASSERT_EQ(8, promise_result(summed));
}
