// The admin's eval command: runs code, reports errors, leaves no files.
#include <mudlib.h>
#include <tests.h>

void do_tests() {
    object eval = load_object(ADMIN_CMDS_DIR + "eval");
    object admin = new(PLAYER_OB);
    admin->create_player("root", crypt("password", 0));
    object player = new(PLAYER_OB);
    player->create_player("pat", crypt("password", 0));
    // The test data directory starts empty: the first claim wins.
    ACCOUNTS_D->claim_first_admin("root");
    ASSERT(adminp(admin) && !adminp(player));

    ASSERT_EQ(({ 0, 3 }), eval->evaluate(admin, "1 + 2"));
    ASSERT_EQ(({ 0, "root" }), eval->evaluate(admin, "string n = me->query_name(); return n;"));
    ASSERT_EQ(({ 0, 0 }), eval->evaluate(admin, "here"));
    mixed *failed = eval->evaluate(admin, "error(\"boom\\n\")");
    ASSERT(failed[0] && strsrch(failed[0], "boom") >= 0);
    ASSERT_EQ("only admins may eval\n", eval->evaluate(player, "1")[0]);
    // The throwaway files are gone.
    ASSERT_EQ(({ }), get_dir("/tmp/eval_*") || ({ }));
    destruct(admin);
    destruct(player);
}
