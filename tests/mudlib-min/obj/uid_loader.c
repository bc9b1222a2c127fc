// An ordinary object (uid "tester") that loads a backbone object.
string load_backbone() { return getuid(load_object("/obj/backbone_probe2")); }
