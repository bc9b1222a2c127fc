// Everything for sockets: modes, result codes and options.
#ifndef _NETWORK_H
#define _NETWORK_H

#include <socket.h>
#include <socket_err.h>
#include <socket_options.h>

#endif
