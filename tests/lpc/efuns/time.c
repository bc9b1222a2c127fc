// Time efuns: time, time_ns, perf_counter_ns, ctime, localtime, strftime,
// strptime.
#include <tests.h>

void test_clocks() {
    int t = time(), ns = time_ns(), p1 = perf_counter_ns(), p2 = perf_counter_ns();
    ASSERT(t > 1600000000);
    ASSERT(ns / 1000000000 - t <= 1 && t - ns / 1000000000 <= 1);
    ASSERT(p2 >= p1);
    ASSERT(real_time() - t <= 1);
}

void test_ctime() {
    string tm = ctime();
    ASSERT(stringp(tm));
    ASSERT(strsrch(tm, '\n') == -1);
    tm = ctime(1602454371); // Sun, 11 Oct 2020 22:12:51 GMT
    ASSERT(stringp(tm));
    ASSERT_EQ(24, strlen(tm));
    ASSERT(strsrch(tm, '\n') == -1);
    if (localtime(0)[8] == 0 && !localtime(0)[10]) {
        ASSERT_EQ("Sun Oct 11 22:12:51 2020", tm);
    }
}

void test_localtime() {
    mixed *lt = localtime(1602454371);
    ASSERT_EQ(11, sizeof(lt));
    ASSERT(lt[0] >= 0 && lt[0] < 60);   // LT_SEC
    ASSERT(lt[4] >= 0 && lt[4] < 12);   // LT_MON, 0-based
    ASSERT_EQ(2020, lt[5]);             // LT_YEAR
    ASSERT(stringp(lt[9]));             // LT_ZONE
    ASSERT(intp(lt[8]));                // LT_GMTOFF
    if (lt[8] == 0 && !lt[10]) {
        ASSERT_EQ(({ 51, 12, 22, 11, 9, 2020, 0, 284, 0, lt[9], 0 }), lt);
    }
}

void test_strftime_strptime() {
    string fmt = "%Y-%m-%d %H:%M:%S";
    string text = strftime(fmt, 1602454371);
    ASSERT_EQ(19, strlen(text));
    ASSERT_EQ(1602454371, strptime(fmt, text));
    ASSERT_EQ("2020", strftime("%Y", 1602454371));
    ASSERT(to_int(strftime("%Y", 0)) >= 2024);
    ASSERT(catch(strptime("%Y-%m-%d", "not a date")));
}

void do_tests() {
    test_clocks();
    test_ctime();
    test_localtime();
    test_strftime_strptime();
}
