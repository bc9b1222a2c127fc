// A REST_SERVER exercising routes, handlers (by name, by pointer, later),
// middleware, the error handler, JWT, schemas, CORS, rate limits and docs.
#include <network.h>

int server;
mapping users = ([ "1": ([ "id": 1, "name": "ada" ]) ]);

mixed get_user(int conn, mapping req) {
    mapping u = users[req["path_params"]["id"]];
    if (!u) return ([ "status": 404, "body": ([ "error": "no such user", "status": 404 ]) ]);
    return u;
}

mixed create_user(int conn, mapping req) {
    mapping body = req["json"];
    string id = "" + (sizeof(users) + 1);
    users[id] = ([ "id": to_int(id), "name": body["name"] ]);
    return ([ "status": 201, "body": users[id] ]);
}

mixed whoami(int conn, mapping req) { return ([ "claims": req["auth"] ]); }

mixed slow(int conn, mapping req) {
    call_out((: socket_write, conn, ([ "body": "slow answer" ]) :), 0.1);
    return 0;
}

mixed crash(int conn, mapping req) { error("handler failed"); }
mixed spin(int conn, mapping req) { while (1) ; }

// Routes whose handler does not exist come to the read callback.
void on_request(int conn, mapping req, string addr) {
    socket_write(conn, ([ "body": ([ "via": "read callback", "handler": req["handler"] ]) ]));
}

// Middleware: a request with X-Block is answered here.
mixed guard(int conn, mapping req) {
    if (req["headers"]["x-block"]) return ([ "status": 403, "body": ([ "error": "blocked", "status": 403 ]) ]);
    return 0;
}

// Errors get a hint added.
mixed on_error(int conn, mapping err, mapping req) {
    err["hint"] = "see /docs";
    return err;
}

int main() {
    server = socket_create(REST_SERVER, "on_request");
    socket_set_option(server, SO_HTTP_TIMEOUT, 2000);
    socket_set_option(server, REST_OPENAPI_INFO, ([ "title": "Test API", "version": "2.0.0" ]));
    socket_set_option(server, REST_DOCS_PATH, "/docs");
    socket_set_option(server, REST_JWT_SECRET, "sekrit");
    socket_set_option(server, REST_MIDDLEWARE, "guard");
    socket_set_option(server, REST_ERROR_HANDLER, "on_error");
    socket_set_option(server, REST_CORS_CONFIG, ([ "origins": ({ "http://app.example" }), "methods": ({ "GET", "POST" }), "headers": ({ "content-type", "authorization" }), "max_age": 600 ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/users/{id}", "handler": "get_user",
        "openapi": ([ "summary": "Get user by ID", "parameters": ([ "id": ([ "type": "integer", "description": "User ID" ]) ]) ]) ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "POST", "pattern": "/api/users", "handler": "create_user",
        "openapi": ([ "summary": "Create a user", "responses": ([ "201": ([ "description": "Created" ]) ]) ]),
        "schema": ([ "type": "object", "required": ({ "name" }), "properties": ([ "name": ([ "type": "string", "minLength": 1 ]) ]) ]) ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/me", "handler": (: whoami :), "auth": 1 ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/slow", "handler": "slow" ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/crash", "handler": "crash" ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/spin", "handler": "spin" ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/undefined", "handler": "no_such_function" ]));
    // A schema given by pattern (REST_VALIDATION_SCHEMA) rather than on the route.
    socket_set_option(server, REST_VALIDATION_SCHEMA, ([ "/api/notes": ([ "type": "object", "required": ({ "text" }),
        "properties": ([ "text": ([ "type": "string", "maxLength": 20 ]) ]) ]) ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "POST", "pattern": "/api/notes", "handler": (: ([ "status": 201, "body": $2["json"] ]) :),
        "openapi": ([ "responses": ([ "201": ([ "description": "Stored" ]) ]) ]) ]));
    socket_set_option(server, REST_ROUTER_CONFIG, ([ "ignore_trailing_slash": 1 ]));
    if (socket_bind(server, 0, "127.0.0.1 0") != EESUCCESS) return 1;
    int r = socket_listen(server);
    if (r != EESUCCESS) { write("listen: " + socket_error(r) + "\n"); return 2; }
    // Routes may be added while listening.
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "GET", "pattern": "/api/late", "handler": (: ([ "body": "late route" ]) :) ]));
    socket_set_option(server, REST_ADD_ROUTE, ([ "method": "DELETE", "pattern": "/api/stop", "handler": (: socket_close(server), "stopping" :) ]));
    write("PORT " + explode(socket_address(server, 1), " ")[1] + "\n");
    write("TOKEN " + jwt_sign(([ "sub": "ada", "role": "admin" ]), "sekrit", 3600) + "\n");
    return 0;
}
