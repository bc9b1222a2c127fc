#include "forbidden.h"
void create() { }
