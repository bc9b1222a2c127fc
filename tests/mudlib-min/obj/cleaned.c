// Goes away the first time the driver asks it to clean up.
int clean_up(int inherited) { destruct(this_object()); return 0; }
