// getuid, geteuid, seteuid, export_uid.
#include <tests.h>

#define THING "/fixtures/objects/thing"

void do_tests() {
    string uid = getuid();
    object ob;

    // FluffOS's uids package; mudlibs test for it.
#ifndef __PACKAGE_UIDS__
    ASSERT2(0, "__PACKAGE_UIDS__ is not defined");
#endif

    ASSERT(stringp(uid));
    ASSERT_EQ(uid, getuid(this_object()));
    // New objects start with euid == uid.
    ASSERT_EQ(uid, geteuid());

    ASSERT_EQ(1, seteuid("someone"));
    ASSERT_EQ("someone", geteuid());
    ASSERT_EQ("someone", geteuid(this_object()));
    // A function answers for its owner.
    ASSERT_EQ("someone", geteuid((: 1 :)));
    ASSERT_EQ(uid, getuid());

    ob = new(THING, "x");
    ASSERT_EQ(1, seteuid(0));
    ASSERT_EQ(0, geteuid());
    ASSERT(catch(seteuid(1)));
    // Without an euid an object may not clone (the clone's euid is ours).
    ASSERT_EQ("*Object must call seteuid() prior to calling clone_object().\n",
              catch(new(THING, "y")));

    // export_uid gives an object without an euid our euid as its uid.
    ASSERT_EQ("*Illegal to export uid 0\n", catch(export_uid(ob)));
    seteuid("exporter");
    // A clone made by an object of the same uid inherits its euid.
    destruct(ob);
    ob = new(THING, "x");
    ASSERT_EQ("exporter", geteuid(ob));
    ASSERT_EQ(0, export_uid(ob));
    ASSERT_EQ(1, ob->clear_euid());
    ASSERT_EQ(0, geteuid(ob));
    ASSERT_EQ(1, export_uid(ob));
    ASSERT_EQ("exporter", getuid(ob));
    ASSERT_EQ(0, geteuid(ob));

    ASSERT(catch(getuid(0)));
    ASSERT(catch(export_uid(0)));
    destruct(ob);
    seteuid(uid);
    ASSERT_EQ(uid, geteuid());
}
