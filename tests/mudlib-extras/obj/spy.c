// Looks at the users without the right to see hidden ones.
int sees(object ob) {
    return member_array(ob, users()) >= 0;
}
