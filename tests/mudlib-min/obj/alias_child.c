// Inherits a name the master's inherit_program maps to /obj/real_parent.
inherit "/obj/alias_parent";
