//! The table of connected users: which network connection drives which
//! object, and each connection's input state.

use ferrum_net::users::protocol::UserPortKind;
use ferrum_net::NetId;
use ferrum_vm::{ObjectRef, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Instant;

/// input_to()/get_char() flags, as FluffOS numbers them.
pub const I_NOECHO: i64 = 1;
pub const I_NOESC: i64 = 2;

/// A pending input_to() or get_char().
pub struct InputTo {
    pub func: Value,
    /// The object that asked (a function name is looked up there).
    pub owner: ObjectRef,
    pub flags: i64,
    pub args: Vec<Value>,
    /// get_char(): the next key, not the next line.
    pub single_char: bool,
}

pub struct User {
    pub conn: NetId,
    pub object: ObjectRef,
    pub peer: SocketAddr,
    pub port: u16,
    pub kind: UserPortKind,
    /// Input received but not yet a whole line.
    pub partial: Vec<u8>,
    pub input_to: Option<InputTo>,
    pub last_input: Instant,
    /// What the network side was last told.
    pub echo_off: bool,
    pub char_mode: bool,
    pub snooped_by: Option<ObjectRef>,
    pub window: Option<(u16, u16)>,
    pub terminal: Option<String>,
    /// `set_encoding()`: the client's character set when it is not UTF-8
    /// (output is transcoded to it, input from it).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl User {
    pub fn new(conn: NetId, object: ObjectRef, peer: SocketAddr, port: u16, kind: UserPortKind) -> User {
        User {
            conn,
            object,
            peer,
            port,
            kind,
            partial: Vec::new(),
            input_to: None,
            last_input: Instant::now(),
            echo_off: false,
            char_mode: false,
            snooped_by: None,
            window: None,
            terminal: None,
            encoding: None,
        }
    }
}

impl User {
    /// The character set to transcode to and from: WebSocket clients
    /// exchange JSON text, which is Unicode whatever set_encoding() says.
    pub fn transcoding(&self) -> Option<&'static encoding_rs::Encoding> {
        self.encoding.filter(|_| self.kind != UserPortKind::WebSocket)
    }
}

/// Every connected user, in connection order.
#[derive(Default)]
pub struct Users {
    by_conn: HashMap<NetId, User>,
    /// Object id → connection.
    by_object: HashMap<u64, NetId>,
    order: Vec<NetId>,
    /// The user whose input is being handled (`this_interactive()`).
    pub current: Option<ObjectRef>,
}

impl Users {
    pub fn insert(&mut self, user: User) {
        self.by_object.insert(user.object.id(), user.conn);
        self.order.push(user.conn);
        self.by_conn.insert(user.conn, user);
    }

    pub fn remove(&mut self, conn: NetId) -> Option<User> {
        let user = self.by_conn.remove(&conn)?;
        self.by_object.remove(&user.object.id());
        self.order.retain(|c| *c != conn);
        Some(user)
    }

    pub fn get(&self, conn: NetId) -> Option<&User> {
        self.by_conn.get(&conn)
    }

    pub fn get_mut(&mut self, conn: NetId) -> Option<&mut User> {
        self.by_conn.get_mut(&conn)
    }

    pub fn conn_of(&self, ob: &ObjectRef) -> Option<NetId> {
        self.by_object.get(&ob.id()).copied()
    }

    pub fn of_object(&self, ob: &ObjectRef) -> Option<&User> {
        self.conn_of(ob).and_then(|c| self.by_conn.get(&c))
    }

    pub fn of_object_mut(&mut self, ob: &ObjectRef) -> Option<&mut User> {
        let conn = self.conn_of(ob)?;
        self.by_conn.get_mut(&conn)
    }

    /// Moves a connection to another object (exec).
    pub fn rebind(&mut self, conn: NetId, to: &ObjectRef) {
        if let Some(u) = self.by_conn.get_mut(&conn) {
            self.by_object.remove(&u.object.id());
            u.object = to.clone();
            self.by_object.insert(to.id(), conn);
        }
    }

    /// The objects of every user, in connection order.
    pub fn objects(&self) -> Vec<ObjectRef> {
        self.order.iter().filter_map(|c| self.by_conn.get(c)).map(|u| u.object.clone()).collect()
    }

    pub fn conns(&self) -> Vec<NetId> {
        self.order.clone()
    }
}
