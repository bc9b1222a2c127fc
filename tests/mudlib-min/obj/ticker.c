// Counts heart beats, then turns itself off.
int beats;
void create() { set_heart_beat(1); }
void heart_beat() {
    beats++;
    if (beats == 3) set_heart_beat(0);
}
int query_beats() { return beats; }
