// Accounts: name rules, and the first character ever created is the admin.
#include <mudlib.h>
#include <tests.h>

void do_tests() {
    foreach (string good in ({ "ada", "Bob", "abcdefghijkl" })) {
        ASSERT_EQ(1, ACCOUNTS_D->valid_name(good));
    }
    foreach (mixed bad in ({ "al", "abcdefghijklm", "bob1", "bob smith", "../x", "", "élodie", 0 })) {
        ASSERT_EQ(0, ACCOUNTS_D->valid_name(bad));
    }

    // The tests run with an empty data directory: no admin yet.
    ASSERT_EQ(({ }), ACCOUNTS_D->admins());
    ASSERT_EQ(1, ACCOUNTS_D->claim_first_admin("Ada"));
    ASSERT_EQ(0, ACCOUNTS_D->claim_first_admin("bob"));
    ASSERT_EQ(({ "ada" }), ACCOUNTS_D->admins());
    ASSERT(ACCOUNTS_D->is_admin("ada") && ACCOUNTS_D->is_admin("ADA"));
    ASSERT(!ACCOUNTS_D->is_admin("bob"));
    ASSERT(adminp("ada") && !adminp("bob") && !adminp(0));

    ASSERT_EQ(0, ACCOUNTS_D->exists("nobody"));
    ASSERT_EQ(0, ACCOUNTS_D->profile("nobody"));
}
