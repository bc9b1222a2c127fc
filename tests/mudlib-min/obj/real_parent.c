string parent_name() { return "real"; }
