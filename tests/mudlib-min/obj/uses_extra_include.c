#include <extra.h>
int query() { return EXTRA_VALUE; }
