// The web API's handlers, called directly (no sockets needed).
#include <mudlib.h>
#include <tests.h>

mapping request(mapping params) {
    return ([ "method": "GET", "path_params": params ]);
}

void do_tests() {
    object api = load_object(WEB_API_D);

    mapping status = api->get_status(0, request(([ ])));
    ASSERT_EQ(200, status["status"]);
    ASSERT_EQ("Ironhaven", status["body"]["name"]);
    ASSERT_EQ(__VERSION__, status["body"]["driver"]);
    ASSERT(intp(status["body"]["uptime"]) && intp(status["body"]["players"]));

    mapping room = api->get_room(0, request(([ "id": "start.square" ])));
    ASSERT_EQ(200, room["status"]);
    ASSERT_EQ("Ironhaven Square", room["body"]["short"]);
    ASSERT_EQ("start.tavern", room["body"]["exits"]["north"]);
    foreach (string id in ({ "start.nowhere", "../secure/master", "start/square", "", "START.SQUARE" })) {
        mapping missing = api->get_room(0, request(([ "id": id ])));
        ASSERT_EQ(404, missing["status"]);
        ASSERT_EQ(404, missing["body"]["status"]);
    }
    ASSERT_EQ("start.square", api->room_id("/domains/start/square"));
    ASSERT_EQ(0, api->room_id("/secure/master"));

    object body = new(PLAYER_OB);
    body->create_player("gwen", crypt("password", 0));
    body->save_player();
    mapping profile = api->get_player(0, request(([ "name": "Gwen" ])));
    ASSERT_EQ(200, profile["status"]);
    ASSERT_EQ("Gwen", profile["body"]["name"]);
    ASSERT_EQ(0, profile["body"]["online"]);
    ASSERT(undefinedp(profile["body"]["password_hash"]));
    foreach (string name in ({ "nobody", "x", "../../etc" })) {
        ASSERT_EQ(404, api->get_player(0, request(([ "name": name ])))["status"]);
    }

    body->enter_game();
    mapping who = api->get_who(0, request(([ ])));
    ASSERT_EQ(200, who["status"]);
    mapping *gwens = filter(who["body"]["players"], (: $1["name"] == "Gwen" :));
    ASSERT_EQ(1, sizeof(gwens));
    ASSERT(sizeof(gwens) && gwens[0]["room"] == "Ironhaven Square" && gwens[0]["linkdead"] == 0);
    ASSERT_EQ(1, api->get_player(0, request(([ "name": "gwen" ])))["body"]["online"]);
    body->quit();

    // Every route is documented with its answers.
    foreach (mapping route in api->routes()) {
        ASSERT(route["openapi"]["summary"] && route["openapi"]["responses"]["200"]);
        if (strsrch(route["pattern"], "{") >= 0) ASSERT(route["openapi"]["responses"]["404"]);
    }
}
