// Options for socket_set_option() / socket_get_option(). FluffOS's TLS
// numbers 1-4, then the unified socket options.
#ifndef _SOCKET_OPTIONS_H
#define _SOCKET_OPTIONS_H

// TLS (all TLS-capable modes)
#define SO_TLS_VERIFY_PEER             1
#define SO_TLS_SNI_HOSTNAME            2
#define SO_TLS_CERT                    3
#define SO_TLS_KEY                     4

// HTTP client and server
#define SO_HTTP_HEADERS                100
#define SO_HTTP_METHOD                 101
#define SO_HTTP_URL                    102
#define SO_HTTP_BODY                   103
#define SO_HTTP_TIMEOUT                104
#define SO_HTTP_USER_AGENT             105
#define SO_HTTP_FOLLOW_REDIRECTS       106
#define SO_HTTP_MAX_REDIRECTS          107
#define SO_HTTP_CONNECT_TIMEOUT        108
#define SO_HTTP_READ_TIMEOUT           109

// REST server
#define REST_ROUTER_CONFIG             110
#define REST_ADD_ROUTE                 111
#define REST_OPENAPI_INFO              112
#define REST_JWT_SECRET                113
#define REST_DOCS_PATH                 114
#define REST_VALIDATION_SCHEMA         115
#define REST_MIDDLEWARE                116
#define REST_ERROR_HANDLER             117
#define REST_CORS_CONFIG               118
#define REST_RATE_LIMIT                119

// WebSocket
#define WS_PROTOCOL                    120
#define WS_EXTENSIONS                  121
#define WS_ORIGIN                      122
#define WS_MAX_MESSAGE_SIZE            123
#define WS_PING_INTERVAL               124
#define WS_PONG_TIMEOUT                125
#define WS_COMPRESSION                 126
#define WS_SUBPROTOCOL                 127

// MQTT
#define MQTT_BROKER                    130
#define MQTT_CLIENT_ID                 131
#define MQTT_USERNAME                  132
#define MQTT_PASSWORD                  133
#define MQTT_KEEP_ALIVE                134
#define MQTT_QOS                       135
#define MQTT_RETAIN                    136
#define MQTT_CLEAN_SESSION             137
#define MQTT_WILL_TOPIC                138
#define MQTT_WILL_MESSAGE              139

// External processes and file watches
#define EXTERNAL_COMMAND               140
#define EXTERNAL_ARGS                  141
#define EXTERNAL_ENV                   142
#define EXTERNAL_WATCH_PATH            143
#define EXTERNAL_WORKING_DIR           144
#define EXTERNAL_USER                  145
#define EXTERNAL_GROUP                 146
#define EXTERNAL_TIMEOUT               147
#define EXTERNAL_BUFFER_SIZE           148
#define EXTERNAL_ASYNC                 149

// Response cache
#define SO_CACHE_ENABLE                200
#define SO_CACHE_TTL                   201
#define SO_CACHE_MAX_SIZE              202
#define SO_CACHE_KEY_PATTERN           203
#define SO_CACHE_HEADERS               204
#define SO_CACHE_METHODS               205
#define SO_CACHE_EXCLUDE_PATTERNS      206
#define SO_CACHE_THREAD_POOL_SIZE      207
#define SO_CACHE_INVALIDATE_PATTERN    208
#define SO_CACHE_STATISTICS            209

// Apache / nginx integration
#define SO_APACHE_FASTCGI_ENABLE       300
#define SO_APACHE_FASTCGI_SOCKET       301
#define SO_APACHE_PROXY_ENABLE         302
#define SO_APACHE_PROXY_UPSTREAM       303
#define SO_APACHE_STATIC_HANDOFF       304
#define SO_APACHE_DYNAMIC_HANDOFF      305
#define SO_APACHE_CGI_ENV_VARS         306
#define SO_APACHE_AUTH_PASSTHROUGH     307
#define SO_APACHE_SSL_TERMINATION      308
#define SO_APACHE_LOAD_BALANCE         309

#endif
