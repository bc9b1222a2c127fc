#define EXTRA_VALUE 7
