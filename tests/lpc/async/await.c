// await: parking, resuming, rejections at the await point, acatch.
#include <tests.h>

inherit "/fixtures/async/base";

promise trigger, reject_trigger;
string *order = ({});
int resumed;
mixed late_err, settled_err, sync_err, deep_err, outer_result;

async int suspender() {
    order += ({ "body" });
    int v = await trigger;
    order += ({ "resumed" });
    resumed = v;
    return v * 2;
}

async int awaits_settled() {
    promise p = promise_create();
    promise_resolve(p, 6);
    return await p;
}

async int outer() {
    int v = await suspender();
    outer_result = v;
    return v + 1;
}

async void acatch_late() {
    late_err = acatch(await reject_trigger);
}

async void acatch_settled() {
    promise p = promise_create();
    promise_reject(p, ({ "reason" }));
    settled_err = acatch(await p);
}

int recurse(int n) { return recurse(n + 1); }

async int acatch_sync() {
    sync_err = acatch(error("sync boom"));
    deep_err = acatch { recurse(0); };
    return 1;
}

async int uncaught_rejection() {
    await reject_trigger;
    return 1;
}

// Locals, loops, and an open foreach survive a park.
async int loop_sum(promise *ps) {
    int total;
    foreach (promise p in ps) {
        total += await p;
    }
    for (int i = 0; i < 3; i++) {
        total += await i;
    }
    return total;
}

async int collected() { return await promise_create(); }

mixed p_suspender, p_settled, p_outer, p_rejection, p_loop, p_inherited;
promise *loop_inputs;

void do_tests() {
    trigger = promise_create();
    reject_trigger = promise_create();

    // The body runs synchronously up to the first await of a promise.
    p_suspender = suspender();
    ASSERT_EQ(({ "body" }), order);
    ASSERT_EQ(0, promise_status(p_suspender));
    ASSERT_EQ(0, resumed);

    // async_info() describes the parked frame.
    mapping *info = async_info();
    ASSERT_EQ(1, sizeof(info));
    ASSERT_EQ(this_object(), info[0]["object"]);
    ASSERT_EQ("suspender", info[0]["function"]);
    ASSERT_EQ("/async/await.c", info[0]["file"]);
    ASSERT_EQ(13, info[0]["line"]);
    ASSERT(info[0]["promise"] == p_suspender);
    ASSERT(info[0]["awaiting"] == trigger);
    ASSERT_EQ(0, info[0]["ready"]);
    ASSERT_EQ(0, info[0]["acatch_depth"]);
    ASSERT(info[0]["id"] > 0);

    // Awaiting an already settled promise still parks.
    p_settled = awaits_settled();
    ASSERT_EQ(0, promise_status(p_settled));
    ASSERT_EQ(1, async_info()[1]["ready"]);

    // An async function awaiting another.
    p_outer = outer();
    acatch_late();
    acatch_settled();
    ASSERT_EQ(1, async_info()[<1]["acatch_depth"]);
    p_rejection = uncaught_rejection();

    // acatch of a synchronous error and of too deep recursion.
    ASSERT_EQ(1, promise_result(acatch_sync()));
    ASSERT_EQ("*sync boom\n", sync_err);
    ASSERT_EQ("*Too deep recursion.\n", deep_err);

    loop_inputs = ({ promise_create(), promise_create() });
    p_loop = loop_sum(loop_inputs);
    p_inherited = base_waits(trigger);

    promise_resolve(trigger, 7);
    promise_reject(reject_trigger, "*late boom");
    promise_resolve(loop_inputs[0], 10);
    promise_resolve(loop_inputs[1], 20);
    // Settling only queues: nothing resumed yet.
    ASSERT_EQ(0, resumed);
    ASSERT(sizeof(async_info()) >= 7);

    // Nothing can settle a promise nobody holds: the body rejects.
    mixed c = collected();
    ASSERT_EQ(2, promise_status(c));
    ASSERT_EQ("*awaited promise was collected before settling", promise_result(c));
}

void after_microtasks() {
    ASSERT_EQ(0, sizeof(async_info()));
    ASSERT_EQ(7, resumed);
    ASSERT_EQ(({ "body", "body", "resumed", "resumed" }), order);
    ASSERT_EQ(14, promise_result(p_suspender));
    ASSERT_EQ(6, promise_result(p_settled));
    ASSERT_EQ(14, outer_result);
    ASSERT_EQ(15, promise_result(p_outer));
    ASSERT_EQ("*late boom", late_err);
    ASSERT_EQ(({ "reason" }), settled_err);
    ASSERT_EQ(2, promise_status(p_rejection));
    ASSERT_EQ("*late boom", promise_result(p_rejection));
    ASSERT_EQ(33, promise_result(p_loop));
    ASSERT_EQ(8, promise_result(p_inherited));
}
