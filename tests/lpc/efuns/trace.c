// trace_start / trace_end: LPC calls recorded as Chrome trace events.
#include <tests.h>

#define FILE "/tmp/trace_test.json"

int inner(int n) { return n * 2; }
int outer() { return inner(1) + inner(2); }
void fails() { error("deliberate"); }
int caller_of_failure() { catch(fails()); return 1; }

mapping *events_named(mapping *events, string name) {
    return filter(events, (: $1["name"] == $(name) :));
}

void test_calls_are_recorded() {
    mapping doc, *events;
    trace_start(FILE, 5);
    outer();
    caller_of_failure();
    trace_end();
    doc = json_decode(read_file(FILE));
    ASSERT(mapp(doc));
    events = doc["traceEvents"];
    ASSERT_EQ(1, sizeof(events_named(events, "outer")));
    ASSERT_EQ(2, sizeof(events_named(events, "inner")));
    // A frame left by an error is closed too.
    ASSERT_EQ(1, sizeof(events_named(events, "fails")));
    ASSERT_EQ(1, sizeof(events_named(events, "caller_of_failure")));
    foreach (mapping e in events) {
        ASSERT_EQ("X", e["ph"]);
        ASSERT(intp(e["ts"]) && intp(e["dur"]) && e["dur"] >= 0);
        ASSERT(stringp(e["args"]["object"]));
    }
    // inner() runs inside outer(): its interval lies within outer's.
    {
        mapping o = events_named(events, "outer")[0];
        foreach (mapping i in events_named(events, "inner")) {
            ASSERT(i["ts"] >= o["ts"]);
            ASSERT(i["ts"] + i["dur"] <= o["ts"] + o["dur"]);
        }
    }
    rm(FILE);
}

void test_nothing_is_recorded_after_the_end() {
    trace_start(FILE);
    trace_end();
    outer();
    ASSERT_EQ(({ }), events_named(json_decode(read_file(FILE))["traceEvents"], "outer"));
    // Ending again is harmless.
    trace_end();
    rm(FILE);
}

void test_the_file_must_be_writable() {
    ASSERT(catch(trace_start("/../outside.json")));
}

void do_tests() {
    test_calls_are_recorded();
    test_nothing_is_recorded_after_the_end();
    test_the_file_must_be_writable();
}
