#include "generated.h"
#include "renamed.h"
string query_values() { return GENERATED_VALUE + " " + GENERATED_FROM + " " + EXTRA_VALUE; }
