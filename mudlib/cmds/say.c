// say <message>, or 'message
string help() {
    return "say <message>  - speak to everyone in the room. Short form: 'message\n";
}

int main(object me, string args) {
    if (!args) return notify_fail("Say what?\n");
    write("You say: " + args + "\n");
    if (environment(me)) tell_room(environment(me), me->query_cap_name() + " says: " + args + "\n", ({ me }));
    return 1;
}
