// efun:: past the simul_efun, which the master allows here.
int len(string s) { return efun::strlen(s); }
