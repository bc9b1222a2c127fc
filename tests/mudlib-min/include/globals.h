// Included before every file (config: global include file).
#define GLOBAL_INCLUDED 1
