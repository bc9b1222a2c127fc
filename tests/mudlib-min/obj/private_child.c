// A private inherit: the master hears priv == 1.
private inherit "/obj/real_parent";
string query() { return parent_name(); }
