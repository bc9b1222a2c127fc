// A heart beat and a call_out that fail: the driver must keep going.
void create() { set_heart_beat(1); call_out("explode", 0); }
void heart_beat() { error("heart beat failure"); }
void explode() { error("call_out failure"); }
