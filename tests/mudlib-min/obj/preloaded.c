// Loaded by master::preload() at start-up.
int loaded_at;
void create() { loaded_at = time(); }
