// emote <action>: "emote waves" shows "Bob waves." to the room.
string help() {
    return "emote <action>  - act something out: 'emote waves' shows 'Bob waves.'\n";
}

int main(object me, string args) {
    if (!args) return notify_fail("Emote what?\n");
    string text = me->query_cap_name() + " " + args;
    if (!regexp(text, "[.!?]$")) text += ".";
    if (environment(me)) tell_room(environment(me), text + "\n");
    return 1;
}
