// The player object: saving, passwords, entering the game and moving.
#include <mudlib.h>
#include <tests.h>

object new_character(string name, string password) {
    object body = new(PLAYER_OB);
    body->create_player(name, crypt(password, 0));
    body->save_player();
    return body;
}

void saving_and_passwords() {
    object body = new_character("Carol", "secret1");
    ASSERT_EQ("carol", body->query_name());
    ASSERT(ACCOUNTS_D->exists("carol"));
    ASSERT(body->check_password("secret1"));
    ASSERT(!body->check_password("secret2"));
    ASSERT(!body->check_password(0));
    // A body is one character for life.
    ASSERT(catch(body->create_player("dave", "x")));
    destruct(body);

    body = new(PLAYER_OB);
    ASSERT_EQ(1, body->restore_player("CAROL"));
    ASSERT(body->check_password("secret1") && !body->check_password("Secret1"));
    ASSERT(!body->change_password("wrong", "newpass"));
    ASSERT(body->change_password("secret1", "newpass"));
    destruct(body);

    body = new(PLAYER_OB);
    ASSERT_EQ(0, body->restore_player("nobody"));
    destruct(body);
    body = new(PLAYER_OB);
    ASSERT_EQ(1, body->restore_player("carol"));
    ASSERT(body->check_password("newpass") && !body->check_password("secret1"));

    // Only the player object (and /secure/) may read saves: they hold
    // password hashes. The file exists; read_file() answers 0 when refused.
    ASSERT_EQ(0, read_file(ACCOUNTS_D->save_file("carol") + ".o"));
    // The profile shows no secrets.
    mapping profile = body->query_profile();
    ASSERT_EQ(({ "created", "last_login", "name", "online" }), sort_array(keys(profile), 1));
    ASSERT_EQ("Carol", profile["name"]);
    ASSERT_EQ(0, profile["online"]);
    destruct(body);
}

void in_the_game() {
    object erin = new_character("erin", "password");
    object fay = new_character("fay", "password");
    erin->enter_game();
    fay->enter_game();
    object square = find_object(START_ROOM);
    ASSERT_EQ(square, environment(erin));
    ASSERT(living(erin));
    ASSERT_EQ(erin, find_living("erin"));
    ASSERT_EQ(erin, present("erin", square));
    ASSERT_EQ(1, erin->query_profile()["online"]);
    ASSERT(member_array(erin, ACCOUNTS_D->online()) >= 0);
    ASSERT(strsrch(square->describe(fay), "Erin") >= 0);
    ASSERT(strsrch(square->describe(erin), "Erin") < 0);

    ASSERT_EQ(0, erin->go("up"));
    ASSERT_EQ(1, erin->go("north"));
    ASSERT_EQ("/domains/start/tavern", file_name(environment(erin)));

    // A lost link leaves the body asleep in the room.
    erin->net_dead();
    ASSERT(erin->query_linkdead());
    ASSERT_EQ("Erin (asleep)", erin->query_short());
    erin->reconnect();
    ASSERT(!erin->query_linkdead());

    // Quitting saves where the character was; the next login starts there.
    erin->quit();
    ASSERT(!erin);
    object again = new(PLAYER_OB);
    again->restore_player("erin");
    again->enter_game();
    ASSERT_EQ("/domains/start/tavern", file_name(environment(again)));
    again->quit();
    fay->quit();
}

void do_tests() {
    saving_and_passwords();
    in_the_game();
}
