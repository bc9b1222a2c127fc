// defer, set_notify_destruct/query_notify_destruct, wizards, set_light,
// set_config, call_out_walltime, in_edit, get_garbage, event, the telnet
// requests without a player, and the informational reports
// (malloc_status, dump_file_descriptors, cache_stats, dumpallobj,
// network_stats, sys_network_ports).
#include <tests.h>

#define LAMP "/fixtures/core_extras/lamp"

string *order = ({ });

void two_defers() {
    defer((: order += ({ "first deferred" }) :));
    defer((: order += ({ "second deferred" }) :));
    order += ({ "body" });
}

void defer_then_error() {
    defer((: order += ({ "cleanup" }) :));
    order += ({ "body" });
    error("on purpose");
}

void defer_with_catch_inside() {
    defer((: order += ({ "deferred" }) :));
    catch(error("caught here"));
    order += ({ "after catch" });
}

void caller_of_two() {
    defer((: order += ({ "outer" }) :));
    two_defers();
    order += ({ "outer body" });
}

int returns_value() {
    defer((: order += ({ "deferred" }) :));
    return 42;
}

void test_defer() {
    order = ({ });
    two_defers();
    ASSERT_EQ(({ "body", "second deferred", "first deferred" }), order);
    order = ({ });
    ASSERT(catch(defer_then_error()));
    ASSERT_EQ(({ "body", "cleanup" }), order);
    order = ({ });
    defer_with_catch_inside();
    ASSERT_EQ(({ "after catch", "deferred" }), order);
    order = ({ });
    caller_of_two();
    ASSERT_EQ(({ "body", "second deferred", "first deferred", "outer body", "outer" }), order);
    order = ({ });
    ASSERT_EQ(42, returns_value());
    ASSERT_EQ(({ "deferred" }), order);
}

object *gone = ({ });
void destructed(object ob) { gone += ({ ob }); }

void test_notify_destruct() {
    object quiet = new(LAMP), loud = new(LAMP);
    quiet->watch(this_object());
    loud->watch(this_object());
    ASSERT_EQ(0, query_notify_destruct(loud));
    loud->notify(1);
    ASSERT_EQ(1, query_notify_destruct(loud));
    ASSERT_EQ(0, query_notify_destruct());
    gone = ({ });
    object was = loud;
    destruct(quiet);
    destruct(loud);
    ASSERT_EQ(1, sizeof(gone));
    // Switched off again: no call.
    object off = new(LAMP);
    off->watch(this_object());
    off->notify(1);
    off->notify(0);
    destruct(off);
    ASSERT_EQ(1, sizeof(gone));
}

void test_wizards() {
    object w = new(LAMP);
    ASSERT_EQ(0, wizardp(w));
    // Only an interactive object can become a wizard: for others
    // enable_wizard() does nothing (interactive users: tests/mudlib-users).
    w->wizard(1);
    ASSERT_EQ(0, wizardp(w));
    w->wizard(0);
    ASSERT_EQ(0, wizardp(w));
    ASSERT(catch(wizardp(0)));
    destruct(w);
}

void test_set_light() {
    object room = new(LAMP), torch = new(LAMP), candle = new(LAMP);
    ASSERT_EQ(0, room->light(0));
    ASSERT_EQ(3, torch->light(3));
    torch->move(room);
    // Everything in the outermost environment counts.
    ASSERT_EQ(3, room->light(0));
    ASSERT_EQ(2, candle->light(2));
    candle->move(torch);
    ASSERT_EQ(6, candle->light(1));
    ASSERT_EQ(7, room->light(1));
    ASSERT_EQ(4, torch->light(-3));
    candle->move(this_object());
    ASSERT_EQ(1, torch->light(0));
    destruct(candle);
    destruct(torch);
    destruct(room);
}

void test_set_config() {
    mixed old = get_config(258);
    set_config(258, 777);
    ASSERT_EQ(777, get_config(258));
    set_config(258, old);
    ASSERT_EQ(old, get_config(258));
    ASSERT(catch(set_config(258, "text")));
    ASSERT(catch(set_config(1, 5)));
    ASSERT(catch(set_config(9999, 5)));
}

int fired;
void walltime_fired(int n) { fired = n; }

void test_call_out_walltime() {
    int h = call_out_walltime("walltime_fired", 1.5, 9);
    ASSERT(h > 0);
    ASSERT_EQ(2, find_call_out(h));
    ASSERT_EQ(2, remove_call_out(h));
    ASSERT_EQ(-1, find_call_out(h));
}

void test_remove_call_out_zero_is_a_handle() {
    int h = call_out("walltime_fired", 5, 1);
    // 0 names no call_out; only remove_call_out() with no argument clears all.
    ASSERT_EQ(-1, remove_call_out(0));
    ASSERT_EQ(5, find_call_out(h));
    ASSERT_EQ(0, remove_call_out());
    ASSERT_EQ(-1, find_call_out(h));
}

void test_in_edit() {
    ASSERT_EQ(0, in_edit());
    ASSERT_EQ(0, in_edit(this_object()));
}

void test_get_garbage() {
    object loose = new(LAMP), placed = new(LAMP), holder = new(LAMP);
    placed->move(holder);
    object *g = get_garbage();
    ASSERT(member_array(loose, g) >= 0);
    ASSERT(member_array(placed, g) < 0);
    // holder has something inside it; this object is not a clone.
    ASSERT(member_array(holder, g) < 0);
    ASSERT(member_array(this_object(), g) < 0);
    destruct(loose);
    destruct(placed);
    destruct(holder);
}

void test_reports() {
    ASSERT(strsrch(malloc_status(), "allocator") >= 0);
    ASSERT(regexp(dump_file_descriptors(), "\n0 +"));
    ASSERT(stringp(cache_stats()));
    mapping n = network_stats();
    foreach (string k in ({ "incoming packets total", "incoming volume total",
                            "outgoing packets total", "outgoing volume total",
                            "incoming packets sockets", "outgoing volume sockets" })) {
        ASSERT2(intp(n[k]), k);
    }
    ASSERT(arrayp(sys_network_ports()));
    string file = "/tmp/core_extras_dump";
    dumpallobj(file);
    string dump = read_file(file);
    ASSERT(strsrch(dump, "fixtures/core_extras/lamp") >= 0 || strsrch(dump, "efuns/core_extras") >= 0);
    ASSERT(strsrch(dump, "total ") >= 0);
    rm(file);
}

// Without an interactive this_player() the telnet requests do nothing.
void test_telnet_requests_without_player() {
    request_term_type();
    start_request_term_type();
    request_term_size();
    request_term_size(0);
    send_gmcp("Core.Hello {}");
    send_zmp("zmp.ping", ({ }));
    send_msdp_variable("HP", 10);
    send_msdp_variable("NAME", "x");
    telnet_msp_oob("!!SOUND(a.wav)");
    ASSERT(catch(send_zmp("zmp.ping", "not an array")));
}

void test_event() {
    object room = new("/fixtures/core_extras/listener"), inside = new("/fixtures/core_extras/listener"),
           deeper = new("/fixtures/core_extras/listener"), other = new("/fixtures/core_extras/listener");
    inside->move(room);
    deeper->move(inside);
    string me = file_name(this_object());
    event(room, "ping", 1);
    ASSERT_EQ(({ "ping 1 from " + me }), room->query_heard());
    ASSERT_EQ(({ "ping 1 from " + me }), inside->query_heard());
    // Only the target's own inventory hears it.
    ASSERT_EQ(({ }), deeper->query_heard());
    // An array: each object, no inventories; events nobody defines are fine.
    event(({ other, inside, this_object() }), "ping", 2);
    ASSERT_EQ(({ "ping 2 from " + me }), other->query_heard());
    ASSERT_EQ(({ }), deeper->query_heard());
    event(room, "unheard");
    foreach (object ob in ({ deeper, inside, room, other })) destruct(ob);
}

void do_tests() {
    test_event();
    test_telnet_requests_without_player();
    test_defer();
    test_notify_destruct();
    test_wizards();
    test_set_light();
    test_set_config();
    test_call_out_walltime();
    test_remove_call_out_zero_is_a_handle();
    test_in_edit();
    test_get_garbage();
    test_reports();
}
