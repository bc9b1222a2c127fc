// Blueprint of the virtual objects compile_object() makes.
string origin;
void set_origin(string s) { origin = s; }
string query_origin() { return origin; }
int started;
void virtual_start() { started = 1; }
int query_started() { return started; }
