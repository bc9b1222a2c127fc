// zonetime and is_daylight_savings_time read the machine's zoneinfo.
#include <tests.h>

void do_tests() {
    int t = 1602454371; // Sun, 11 Oct 2020 22:12:51 UTC
    ASSERT_EQ("Sun Oct 11 22:12:51 2020", zonetime("UTC", t));
    ASSERT_EQ(0, is_daylight_savings_time("UTC", t));
    // Unknown zones read as UTC, as with the C library.
    ASSERT_EQ("Sun Oct 11 22:12:51 2020", zonetime("Nowhere/Special", t));
    // POSIX rules work without zone files.
    ASSERT_EQ("Sun Oct 11 18:12:51 2020", zonetime("EST5EDT,M3.2.0,M11.1.0", t));
    ASSERT_EQ(1, is_daylight_savings_time("EST5EDT,M3.2.0,M11.1.0", t));
    ASSERT_EQ(0, is_daylight_savings_time("EST5EDT,M3.2.0,M11.1.0", 1579089600));
    // Where the machine has zone files.
    if (zonetime("America/New_York", 0) != zonetime("UTC", 0)) {
        ASSERT_EQ("Sun Oct 11 18:12:51 2020", zonetime("America/New_York", t));
        ASSERT_EQ(1, is_daylight_savings_time("America/New_York", t));
        ASSERT_EQ(0, is_daylight_savings_time("America/New_York", 1579089600));
        ASSERT_EQ("Mon Oct 12 09:12:51 2020", zonetime("Australia/Sydney", t));
        ASSERT_EQ(1, is_daylight_savings_time("Australia/Sydney", t));
    }
    ASSERT(catch(zonetime(0, t)));
    ASSERT(catch(is_daylight_savings_time("UTC", "now")));
}
