// Inherits a program whose source the master supplies.
inherit "/obj/synth_parent";
string query() { return synth(); }
