// "max suspended async functions" (10000 by default): the await past the
// limit raises at the await point instead of parking.
#include <tests.h>

promise *held = ({ });
mixed over, caught;

async int park(promise p) { return await p; }

async void park_catching(promise p) {
    caught = acatch(await p);
}

void do_tests() {
    held = allocate(10000);
    for (int i = 0; i < 10000; i++) {
        held[i] = promise_create();
        park(held[i]);
    }
    ASSERT_EQ(10000, sizeof(async_info()));
    ASSERT_EQ(10000, async_info(1)["suspended"]);
    mixed extra = promise_create();
    over = park(extra);
    ASSERT_EQ(2, promise_status(over));
    ASSERT_EQ("*await: too many suspended async functions (limit 10000).\n", promise_result(over));
    park_catching(extra);
    ASSERT_EQ("*await: too many suspended async functions (limit 10000).\n", caught);
    // Settling frees the slots once the deliveries ran.
    for (int i = 0; i < 10000; i++) {
        promise_resolve(held[i], i);
    }
    ASSERT_EQ(10000, async_info(1)["pending_deliveries"]);
}

void after_microtasks() {
    ASSERT_EQ(0, sizeof(async_info()));
    ASSERT_EQ(0, async_info(1)["suspended"]);
}
