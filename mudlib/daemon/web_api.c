// The web API: a read-only REST server about the game, with OpenAPI docs.
//
//   GET /api/status          the mud's name, uptime, players, driver
//   GET /api/who             the players in the game
//   GET /api/rooms/{id}      a room, by id ("start.square")
//   GET /api/players/{name}  a character's public profile
//   /docs                    Swagger UI; /docs/openapi.json the document
//
// The driver does the HTTP, routing, CORS and the docs; each handler below
// is an ordinary function taking (connection, request) and returning the
// answer, so the tests call them directly. It listens on the config's
// "web port" (0: any free port), and writes the port to /www/api.json for
// the browser client's "API docs" link.
#include <mudlib.h>
#include <network.h>

#ifndef __WEB_PORT__
#define __WEB_PORT__ 0
#endif

private int server = -1;
private int port;

int query_port() { return port; }

// ---- Answers ----

private mapping ok(mixed body) {
    return ([ "status": 200, "body": body ]);
}

// Errors look like the driver's own: {"error": ..., "status": ...}.
private mapping not_found(string what) {
    return ([ "status": 404, "body": ([ "error": what, "status": 404 ]) ]);
}

// ---- Room ids: /domains/start/square <-> "start.square" ----

string room_id(string path) {
    if (strsrch(path, DOMAINS_DIR) != 0) return 0;
    return replace_string(path[strlen(DOMAINS_DIR)..], "/", ".");
}

// The room an id names, loaded if need be; 0 for anything else. Ids are
// dotted words, so they only ever reach files under /domains/.
object room_for_id(string id) {
    if (!stringp(id) || !regexp(id, "^[a-z0-9_]+(\\.[a-z0-9_]+)*$")) return 0;
    string path = DOMAINS_DIR + replace_string(id, ".", "/");
    object room;
    if (catch(room = load_object(path)) || !room || !inherits(ROOM, room)) return 0;
    return room;
}

// ---- Handlers ----

mapping get_status(int fd, mapping request) {
    return ok(([
        "name": MUD_NAME,
        "uptime": uptime(),
        "players": sizeof(ACCOUNTS_D->online()),
        "driver": __VERSION__,
    ]));
}

mapping get_who(int fd, mapping request) {
    mapping *players = ({ });
    foreach (object p in ACCOUNTS_D->online()) {
        object room = environment(p);
        players += ({ ([
            "name": p->query_cap_name(),
            "idle": p->query_idle_seconds(),
            "room": room ? room->query_short() : "",
            "linkdead": p->query_linkdead(),
        ]) });
    }
    return ok(([ "players": sort_array(players, (: strcmp($1["name"], $2["name"]) :)) ]));
}

mapping get_room(int fd, mapping request) {
    string id = request["path_params"]["id"];
    object room = room_for_id(id);
    if (!room) return not_found("no room with id " + id);
    mapping exits = ([ ]);
    foreach (string direction, string file in room->query_exits()) {
        exits[direction] = room_id(file) || "";
    }
    return ok(([ "id": id, "short": room->query_short(), "long": room->query_long(), "exits": exits ]));
}

mapping get_player(int fd, mapping request) {
    string name = request["path_params"]["name"];
    mapping profile = ACCOUNTS_D->valid_name(name) && ACCOUNTS_D->profile(name);
    return profile ? ok(profile) : not_found("no character called " + name);
}

// Requests for routes whose handler is missing land here (none should).
void unrouted(int fd, mapping request) {
    socket_write(fd, not_found("no such resource"));
}

// ---- OpenAPI descriptions ----

private mapping object_schema(mapping properties) {
    return ([ "type": "object", "properties": properties, "required": keys(properties) ]);
}

private mapping json_answer(string description, mapping schema) {
    return ([ "description": description, "content": ([ "application/json": ([ "schema": schema ]) ]) ]);
}

private mapping error_answer(string description) {
    return json_answer(description, ([ "$ref": "#/components/schemas/Error" ]));
}

private mapping string_type = ([ "type": "string" ]);
private mapping integer_type = ([ "type": "integer" ]);
private mapping flag_type = ([ "type": "integer", "enum": ({ 0, 1 }) ]);

mapping *routes() {
    return ({
        ([ "method": "GET", "pattern": "/api/status", "handler": "get_status",
           "openapi": ([ "summary": "The game's name, uptime, players online and driver", "tags": "game",
               "responses": ([ "200": json_answer("Status", object_schema(([
                   "name": string_type, "uptime": integer_type,
                   "players": integer_type, "driver": string_type ]))) ]) ]) ]),
        ([ "method": "GET", "pattern": "/api/who", "handler": "get_who",
           "openapi": ([ "summary": "Players in the game", "tags": "players",
               "description": "Idle is in seconds; a linkdead player's body is asleep in the game.",
               "responses": ([ "200": json_answer("Players online", object_schema(([
                   "players": ([ "type": "array", "items": object_schema(([
                       "name": string_type, "idle": integer_type,
                       "room": string_type, "linkdead": flag_type ])) ]) ]))) ]) ]) ]),
        ([ "method": "GET", "pattern": "/api/rooms/{id}", "handler": "get_room",
           "openapi": ([ "summary": "A room: descriptions and exits", "tags": "world",
               "parameters": ([ "id": ([ "in": "path", "example": "start.square",
                   "description": "The room's path under /domains/, with dots: start.square",
                   "schema": string_type ]) ]),
               "responses": ([
                   "200": json_answer("The room", object_schema(([
                       "id": string_type, "short": string_type, "long": string_type,
                       "exits": ([ "type": "object", "additionalProperties": string_type,
                           "description": "direction -> room id" ]) ]))),
                   "404": error_answer("No such room") ]) ]) ]),
        ([ "method": "GET", "pattern": "/api/players/{name}", "handler": "get_player",
           "openapi": ([ "summary": "A character's public profile", "tags": "players",
               "parameters": ([ "name": ([ "in": "path", "example": "ada",
                   "description": "The character's name (any case)", "schema": string_type ]) ]),
               "responses": ([
                   "200": json_answer("The profile (times are Unix seconds)", object_schema(([
                       "name": string_type, "created": integer_type,
                       "last_login": integer_type, "online": flag_type ]))),
                   "404": error_answer("No such character") ]) ]) ]),
    });
}

// ---- Starting ----

void create() {
    // After boot, not during it: the ports open once the -f flags are
    // done, and a test run (-ftest) ends before this runs.
    call_out("start", 0);
}

void start() {
    // A file left by an earlier run would point the browser at a dead port.
    if (file_size("/www/api.json") >= 0) rm("/www/api.json");
    server = socket_create(REST_SERVER, "unrouted");
    if (server < 0) {
        debug_message("web api: cannot create the server: " + socket_error(server));
        return;
    }
    socket_set_option(server, REST_OPENAPI_INFO, ([ "title": MUD_NAME + " API", "version": "1.0.0",
        "description": "Read-only facts about the game world and its players." ]));
    socket_set_option(server, REST_DOCS_PATH, "/docs");
    socket_set_option(server, REST_CORS_CONFIG, ([ "methods": ({ "GET" }) ]));   // any origin
    foreach (mapping route in routes()) socket_set_option(server, REST_ADD_ROUTE, route);
    int result = socket_bind(server, __WEB_PORT__);
    if (result == EESUCCESS) result = socket_listen(server);
    if (result != EESUCCESS) {
        debug_message("web api: cannot listen on port " + __WEB_PORT__ + ": " + socket_error(result));
        socket_close(server);
        server = -1;
        return;
    }
    sscanf(socket_address(server, 1), "%*s %d", port);
    debug_message("web api: http://localhost:" + port + "/docs");
    write_file("/www/api.json", json_encode(([ "port": port ])) + "\n", 1);
}
