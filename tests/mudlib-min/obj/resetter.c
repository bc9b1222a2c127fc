// Counts the driver's periodic reset() and clean_up() calls.
int resets, clean_ups, clean_up_arg = -1;
void reset() { resets++; }
int clean_up(int inherited) { clean_ups++; clean_up_arg = inherited; return 1; }
int *query() { return ({ resets, clean_ups, clean_up_arg }); }
