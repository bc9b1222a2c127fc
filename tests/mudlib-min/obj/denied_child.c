// Inherits a file the master's inherit_program refuses.
inherit "/obj/denied_parent";
