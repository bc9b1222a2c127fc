// The master gives an empty source for the parent: refused.
inherit "/obj/empty_parent";
