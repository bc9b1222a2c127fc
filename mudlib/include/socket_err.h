// Socket efun result codes (FluffOS's numbers). socket_error(code) gives
// the text.
#ifndef _SOCKET_ERRORS_H
#define _SOCKET_ERRORS_H

#define EESUCCESS        1
#define EESOCKET        -1
#define EESETSOCKOPT    -2
#define EENONBLOCK      -3
#define EENOSOCKS       -4
#define EEFDRANGE       -5
#define EEBADF          -6
#define EESECURITY      -7
#define EEISBOUND       -8
#define EEADDRINUSE     -9
#define EEBIND         -10
#define EEGETSOCKNAME  -11
#define EEMODENOTSUPP  -12
#define EENOADDR       -13
#define EEISCONN       -14
#define EELISTEN       -15
#define EENOTLISTN     -16
#define EEWOULDBLOCK   -17
#define EEINTR         -18
#define EEACCEPT       -19
#define EEISLISTEN     -20
#define EEBADADDR      -21
#define EEALREADY      -22
#define EECONNREFUSED  -23
#define EECONNECT      -24
#define EENOTCONN      -25
#define EETYPENOTSUPP  -26
#define EESENDTO       -27
#define EESEND         -28
#define EECALLBACK     -29
#define EESOCKRLSD     -30
#define EESOCKNOTRLSD  -31
#define EEBADDATA      -32

#endif
