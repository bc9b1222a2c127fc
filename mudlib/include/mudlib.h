// Where things live. Every file that names another object includes this,
// so moving a file means changing one line here.
#ifndef MUDLIB_H
#define MUDLIB_H

#define MASTER_OB     "/secure/master"
#define ACCOUNTS_D    "/secure/accounts"
#define LOGIN_OB      "/obj/login"
#define PLAYER_OB     "/obj/player"
#define ROOM          "/std/room"
#define COMMAND_D     "/daemon/command"
#define WEB_API_D     "/daemon/web_api"

#define START_ROOM    "/domains/start/square"
#define DOMAINS_DIR   "/domains/"
#define CMDS_DIR      "/cmds/"
#define ADMIN_CMDS_DIR "/cmds/admin/"

// Saves live under the master's data directory: /data/ normally, a scratch
// directory while the tests run, so tests never touch real players.
#define DATA_DIR      (MASTER_OB->query_data_dir())
#define PLAYER_SAVE_DIR (DATA_DIR + "players/")
#define ADMINS_FILE   (DATA_DIR + "admins")

// How long a body whose connection dropped stays in the game.
#define LINKDEAD_SECONDS 600
// How long a connection may sit at the login prompts.
#define LOGIN_TIMEOUT 180

#endif
