// A user whose input lines are commands for the interactive efuns.
int may_hide() { return 1; }

void logon() {
    write("ready\n");
}

void got_key(string key) {
    write("key=[" + key + "]\n");
}

// Called from the backend, without a this_player().
void resolved(mixed name, mixed address, int key) {
    tell_object(this_object(), sprintf("resolved %O %O %d\n", name, address, key));
}

void terminal_type(string name) {
    tell_object(this_object(), "ttype=" + name + "\n");
}

int process_input(string line) {
    string arg;
    sscanf(line, "%s %s", line, arg);
    switch (line) {
    case "ga":
        write("before\n");
        telnet_ga();
        write("after\n");
        break;
    case "nop":
        telnet_nop();
        write("nop done\n");
        break;
    case "nul":
        write("sent=" + send_nullbyte(this_object()) + "\n");
        break;
    case "key":
        get_char("got_key");
        write("charmode=" + query_charmode(this_object()) + "\n");
        break;
    case "cancel":
        // Takes back the other users' pending get_char().
        foreach (object u in users() - ({ this_object() })) {
            write("removed=" + remove_get_char(u) + " charmode=" + query_charmode(u) + "\n");
            write("again=" + remove_get_char(u) + "\n");
        }
        break;
    case "linemode":
        // Puts the other users back in line mode; their get_char() stays.
        foreach (object u in users() - ({ this_object() })) {
            write("was=" + remove_charmode(u) + " now=" + query_charmode(u) + "\n");
        }
        break;
    case "enc":
        write("set=" + (arg ? set_encoding(arg) : set_encoding()) + " query=" + query_encoding() + "\n");
        break;
    case "cafe":
        write("café\n");
        break;
    case "same":
        write(arg == "café" ? "decoded\n" : sprintf("raw %O\n", arg));
        break;
    case "nf":
        notify_fail("custom failure\n");
        write("nf=" + query_notify_fail());
        break;
    case "hide":
        set_hide(1);
        write("spy sees me: " + "/obj/spy"->sees(this_object()) + ", I see me: "
              + (member_array(this_object(), users()) >= 0) + "\n");
        set_hide(0);
        write("shown: " + "/obj/spy"->sees(this_object()) + "\n");
        break;
    case "has":
        write(sprintf("has %d%d%d%d%d\n", has_gmcp(), has_msdp(), has_msp(), has_mxp(), has_zmp()));
        flush_messages(this_object());
        break;
    case "ttype":
        request_term_type();
        write("asked\n");
        break;
    case "naws":
        if (arg) request_term_size(to_int(arg)); else request_term_size();
        write("naws asked\n");
        break;
    case "oob":
        send_gmcp("Core.Hello {}");
        send_zmp("zmp.ping", ({ }));
        send_msdp_variable("HEALTH", 10);
        telnet_msp_oob("!!SOUND(x.wav)");
        write("oob done\n");
        break;
    case "ports":
        write(sprintf("ports %O\n", sys_network_ports()));
        break;
    case "net":
        mapping n = network_stats();
        write(sprintf("in %d out %d\n", n["incoming volume total"], n["outgoing volume total"]));
        break;
    case "stats":
        mapping a = author_stats("tester"), d = domain_stats("objs");
        object spy = load_object("/obj/spy");
        int before = domain_stats("objs")["moves"];
        move_object(spy);
        set_author("alice");
        write(sprintf("stats %d %d %d %d %d %d\n", a["objects"] > 0, d["objects"] > 0,
                      domain_stats("objs")["moves"] - before, author_stats("alice")["objects"],
                      mapp(author_stats()["alice"]), author_stats("nobody")));
        break;
    case "resolve":
        write("key=" + resolve("localhost", "resolved") + "\n");
        break;
    default:
        return 0;
    }
    return 1;
}
