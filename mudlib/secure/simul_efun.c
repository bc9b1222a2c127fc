// Simulated efuns: functions every object can call as if they were efuns.
// Kept to the few that earn their place.
#include <mudlib.h>

private int caller_under(string prefix) {
    object caller = previous_object();
    return caller && strsrch(base_name(caller), prefix) == 0;
}

// exec() moves a connection between objects: whoever calls it can take over
// any player's link. Only the login object needs it. (FluffOS's advice: wrap
// it here, and let the master's valid_override refuse efun::exec elsewhere.)
int exec(object to, object from) {
    if (!caller_under(LOGIN_OB)) error("exec: only " + LOGIN_OB + " may move connections\n");
    return efun::exec(to, from);
}

// Stopping the mud: the master (tests), admin commands and admin evals only.
varargs void shutdown(int status) {
    if (!caller_under("/secure/") && !caller_under(ADMIN_CMDS_DIR) && !caller_under("/tmp/eval_")) {
        error("shutdown: not allowed from " + file_name(previous_object()) + "\n");
    }
    efun::shutdown(status);
}

// Is this player (an object or a name) an admin?
int adminp(mixed who) {
    if (objectp(who)) who = who->query_name();
    return stringp(who) && ACCOUNTS_D->is_admin(who);
}
