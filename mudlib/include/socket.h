// Socket modes for socket_create(). FluffOS's numbers 0-6, then the
// unified socket modes.
#ifndef _SOCKET_H
#define _SOCKET_H

#include <socket_err.h>

#define MUD                 0
#define STREAM              1
#define DATAGRAM            2
#define STREAM_BINARY       3
#define DATAGRAM_BINARY     4
#define STREAM_TLS          5
#define STREAM_TLS_BINARY   6

#define HTTP_SERVER         10
#define HTTPS_SERVER        11
#define HTTP_CLIENT         12
#define HTTPS_CLIENT        13
#define REST_SERVER         14
#define REST_CLIENT         15
#define WEBSOCKET_SERVER    20
#define WEBSOCKET_CLIENT    21
#define MQTT_CLIENT         30
#define EXTERNAL_PROCESS    40
#define EXTERNAL_WATCH      41

#endif
