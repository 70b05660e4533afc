//! Live rooms, one per session with people connected on this instance. A room learns from the
//! bus (`store::Signal`) that its session changed and reads the new ops from the op log, in
//! version order, once for all its members; each member gets them through a bounded broadcast
//! queue, so a member that falls behind is told to resync instead of holding memory. Ops a
//! member sends go through `store::apply_op` (acknowledged once committed) after
//! the member's rights are checked again. Presence is kept per instance and shared over the bus.
//!
//! The transport (a WebSocket in the server) only moves text frames: [`Member::next`] gives
//! what to send, [`Member::receive`] takes what came in.

pub use domain::protocol;

use domain::permission::{self, Access, Action};
use domain::{Credential, SessionId, UserId};
use protocol::{ClientMsg, Here, Reason, ServerMsg};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};
use store::{OpOutcome, Signal, Store, StoreError};
use tokio::sync::{broadcast, mpsc, watch};

/// How a hub behaves; the defaults suit a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Messages a member may fall behind before it is disconnected to resync.
    pub queue: usize,
    /// Ops a reconnecting member may have missed and still get one by one; further behind, it
    /// reloads the session.
    pub catch_up: i64,
    /// How often a room repeats its presence to the other instances.
    pub heartbeat: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            queue: 256,
            catch_up: 500,
            heartbeat: Duration::from_secs(20),
        }
    }
}

/// Why someone cannot join.
#[derive(Debug)]
pub enum JoinError {
    /// No such session, or not one this person may see.
    NotFound,
    Store(StoreError),
}

impl From<StoreError> for JoinError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            e => Self::Store(e),
        }
    }
}

/// A person joining: who they are, how they are shown, and the login or token they came
/// with (checked again before every op, and whenever the bus says their credentials changed).
#[derive(Debug, Clone)]
pub struct Person {
    pub user: UserId,
    pub name: String,
    pub credential: Credential,
}

/// Every live room of this instance.
pub struct Hub {
    store: Store,
    config: Config,
    rooms: Mutex<HashMap<SessionId, Weak<Room>>>,
    next_conn: AtomicU64,
}

impl Hub {
    /// A hub listening to the store's bus.
    pub fn start(store: Store, config: Config) -> Arc<Self> {
        let hub = Arc::new(Self {
            store,
            config,
            rooms: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(1),
        });
        let mut signals = hub.store.subscribe();
        let weak = Arc::downgrade(&hub);
        tokio::spawn(async move {
            loop {
                let signal = match signals.recv().await {
                    Ok(s) => s,
                    Err(broadcast::error::RecvError::Lagged(_)) => Signal::Resync,
                    Err(broadcast::error::RecvError::Closed) => return,
                };
                let Some(hub) = weak.upgrade() else { return };
                hub.dispatch(signal);
            }
        });
        hub
    }

    fn room(&self, session: SessionId) -> Option<Arc<Room>> {
        self.rooms.lock().ok()?.get(&session)?.upgrade()
    }

    fn all_rooms(&self) -> Vec<Arc<Room>> {
        self.rooms
            .lock()
            .map(|rooms| rooms.values().filter_map(Weak::upgrade).collect())
            .unwrap_or_default()
    }

    fn dispatch(&self, signal: Signal) {
        match signal {
            Signal::Version { session, .. } => {
                if let Some(room) = self.room(session) {
                    room.wake(Work::CatchUp);
                }
            }
            Signal::Access { session } => {
                if let Some(room) = self.room(session) {
                    room.wake(Work::Recheck);
                }
            }
            Signal::Credentials { user } => {
                for room in self.all_rooms() {
                    if room.has(user) {
                        room.wake(Work::Recheck);
                    }
                }
            }
            Signal::Presence {
                session,
                from,
                payload,
            } => {
                if from == self.store.instance() {
                    return;
                }
                if let Some(room) = self.room(session) {
                    room.remote_presence(from, &payload);
                }
            }
            Signal::Resync => {
                for room in self.all_rooms() {
                    room.wake(Work::CatchUp);
                    room.wake(Work::Recheck);
                    room.wake(Work::Announce);
                }
            }
        }
    }

    /// How many people are connected on this instance, for metrics and tests.
    pub fn connections(&self) -> usize {
        self.all_rooms()
            .iter()
            .map(|r| r.local.lock().map(|l| l.len()).unwrap_or(0))
            .sum()
    }

    /// Joins `person` to `session` if they may see it. `since` is the last version the client
    /// has seen: the ops after it come first (or a `bye behind` when there are too many).
    pub async fn join(
        self: &Arc<Self>,
        session: SessionId,
        person: Person,
        since: Option<i64>,
    ) -> Result<Member, JoinError> {
        let access = access(&self.store, session, &person).await?;
        if !permission::allows(access, Action::View) {
            return Err(JoinError::NotFound);
        }
        let row = self.store.session(session).await?;
        let room = {
            let mut rooms = self.rooms.lock().map_err(|_| JoinError::NotFound)?;
            rooms.retain(|_, r| r.strong_count() > 0);
            match rooms.get(&session).and_then(Weak::upgrade) {
                Some(r) => r,
                None => {
                    let r = Room::open(self, session, row.version);
                    rooms.insert(session, Arc::downgrade(&r));
                    r
                }
            }
        };
        // Subscribe before reading the log, so nothing falls between the two.
        let rx = room.tx.subscribe();
        let conn_no = self.next_conn.fetch_add(1, Ordering::Relaxed);
        let conn = format!("{}-{conn_no}", self.store.instance());
        let (access_tx, access_rx) = watch::channel(access);
        // Who is here, one small message each: a socket's write buffer keeps the capacity of
        // the largest frame it sent, so one big list would cost every connection for good.
        let mut first: Vec<ServerMsg> = vec![ServerMsg::Welcome {
            version: row.version,
            conn: conn.clone(),
            // A session held past its plan's active sessions is read-only to everyone.
            can_edit: can_edit(access, &person) && !row.held,
        }];
        first.extend(
            room.people()
                .into_iter()
                .map(|here| ServerMsg::Here { here }),
        );
        let mut sent = since.unwrap_or(row.version);
        if since.is_some_and(|s| s < row.version) {
            let missed = self
                .store
                .op_log(session, sent, self.config.catch_up + 1)
                .await?;
            if missed.len() as i64 > self.config.catch_up {
                // Nothing else matters to a client that must load the session again.
                first.truncate(1);
                first.push(ServerMsg::Bye {
                    reason: Reason::Behind,
                });
            } else {
                for op in missed {
                    sent = op.version;
                    first.push(op_msg(op));
                }
            }
        }
        room.add(
            conn_no,
            Local {
                here: Here {
                    conn: conn.clone(),
                    user: person.user,
                    name: person.name.clone(),
                    block: None,
                },
                credential: person.credential,
                access: access_tx,
            },
        );
        Ok(Member {
            hub: self.clone(),
            room,
            conn_no,
            person,
            rx,
            access: access_rx,
            sent,
            first: first
                .into_iter()
                .map(|m| match m {
                    ServerMsg::Bye { reason } => bye(reason),
                    m => Next::Send(Arc::from(m.to_text())),
                })
                .collect(),
        })
    }
}

/// A person's access to a session now, from the store: none at all once the login or token
/// they came with has ended.
async fn access(store: &Store, session: SessionId, person: &Person) -> Result<Access, StoreError> {
    access_with(store, session, person.user, person.credential).await
}

async fn access_with(
    store: &Store,
    session: SessionId,
    user: UserId,
    credential: Credential,
) -> Result<Access, StoreError> {
    let (role, member, alive) = store.access_by(session, user, credential).await?;
    if !alive {
        return Ok(Access::Anonymous);
    }
    Ok(Access::of(role, member, false, true))
}

/// Whether ops are taken from this person: their access allows editing and their credential
/// may write (a read-only token may not).
fn can_edit(access: Access, person: &Person) -> bool {
    permission::allows(access, Action::Edit) && person.credential.can_write()
}

fn op_msg(op: store::LoggedOp) -> ServerMsg {
    ServerMsg::Op {
        version: op.version,
        actor: op.actor,
        id: op.client_op_id,
        op: serde_json::from_str(&op.op).unwrap_or(serde_json::Value::Null),
    }
}

/// What a room's task is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
    /// Read new ops from the log and send them out.
    CatchUp,
    /// Check everyone's rights again.
    Recheck,
    /// Tell the other instances who is here.
    Announce,
    /// Tell them and ask them to answer with who is on theirs.
    Ask,
}

/// A message in a room's queue: its version (for ops) and its text, encoded once for all.
#[derive(Debug)]
struct Event {
    version: Option<i64>,
    text: Arc<str>,
}

struct Local {
    here: Here,
    credential: Credential,
    access: watch::Sender<Access>,
}

/// The people of one session on this instance and the queue they read.
struct Room {
    session: SessionId,
    store: Store,
    tx: broadcast::Sender<Arc<Event>>,
    work: mpsc::Sender<Work>,
    /// The last version sent to the queue.
    last: AtomicI64,
    local: Mutex<HashMap<u64, Local>>,
    /// Who is here on other instances, by instance, with when that was heard.
    remote: Mutex<HashMap<String, (Vec<Here>, Instant)>>,
}

impl Room {
    fn open(hub: &Hub, session: SessionId, version: i64) -> Arc<Self> {
        let (work, mut jobs) = mpsc::channel(16);
        let room = Arc::new(Self {
            session,
            store: hub.store.clone(),
            tx: broadcast::channel(hub.config.queue).0,
            work,
            last: AtomicI64::new(version),
            local: Mutex::new(HashMap::new()),
            remote: Mutex::new(HashMap::new()),
        });
        let weak = Arc::downgrade(&room);
        let heartbeat = hub.config.heartbeat;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(heartbeat);
            tick.tick().await;
            loop {
                let job = tokio::select! {
                    job = jobs.recv() => match job {
                        Some(j) => j,
                        None => return,
                    },
                    _ = tick.tick() => Work::Announce,
                };
                let Some(room) = weak.upgrade() else { return };
                match job {
                    Work::CatchUp => room.catch_up().await,
                    Work::Recheck => room.recheck().await,
                    Work::Announce => {
                        room.expire_remote(heartbeat * 3);
                        room.announce(false).await;
                    }
                    Work::Ask => room.announce(true).await,
                }
            }
        });
        // Ops committed while the room was being opened, and who is already here elsewhere.
        room.wake(Work::CatchUp);
        room.wake(Work::Ask);
        room
    }

    /// Queues work for the room's task; a full queue already has the same work coming.
    fn wake(&self, work: Work) {
        let _ = self.work.try_send(work);
    }

    fn send(&self, version: Option<i64>, msg: &ServerMsg) {
        let _ = self.tx.send(Arc::new(Event {
            version,
            text: Arc::from(msg.to_text()),
        }));
    }

    async fn catch_up(&self) {
        loop {
            let last = self.last.load(Ordering::Acquire);
            let ops = match self.store.op_log(self.session, last, 200).await {
                Ok(ops) => ops,
                Err(e) => {
                    tracing::warn!(error = %e, session = %self.session, "live room cannot read the op log");
                    return;
                }
            };
            let full = ops.len() == 200;
            for op in ops {
                let version = op.version;
                self.send(Some(version), &op_msg(op));
                self.last.store(version, Ordering::Release);
            }
            if !full {
                return;
            }
        }
    }

    /// Whether `user` is connected here on this instance.
    fn has(&self, user: UserId) -> bool {
        self.local
            .lock()
            .map(|l| l.values().any(|x| x.here.user == user))
            .unwrap_or(false)
    }

    async fn recheck(&self) {
        let people: Vec<(u64, UserId, Credential)> = self
            .local
            .lock()
            .map(|l| {
                l.iter()
                    .map(|(k, v)| (*k, v.here.user, v.credential))
                    .collect()
            })
            .unwrap_or_default();
        let mut seen: HashMap<(UserId, Credential), Access> = HashMap::new();
        for (conn, user, credential) in people {
            let now = match seen.get(&(user, credential)) {
                Some(a) => *a,
                None => match access_with(&self.store, self.session, user, credential).await {
                    Ok(a) => {
                        seen.insert((user, credential), a);
                        a
                    }
                    Err(StoreError::NotFound) => Access::Stranger,
                    Err(e) => {
                        tracing::warn!(error = %e, "live room cannot check access");
                        continue;
                    }
                },
            };
            if let Ok(local) = self.local.lock()
                && let Some(l) = local.get(&conn)
            {
                l.access
                    .send_if_modified(|a| std::mem::replace(a, now) != now);
            }
        }
    }

    fn add(&self, conn: u64, local: Local) {
        let here = local.here.clone();
        if let Ok(mut l) = self.local.lock() {
            l.insert(conn, local);
        }
        self.send(None, &ServerMsg::Here { here });
        self.wake(Work::Announce);
    }

    fn remove(&self, conn: u64) {
        let gone = self
            .local
            .lock()
            .ok()
            .and_then(|mut l| l.remove(&conn))
            .map(|l| l.here.conn);
        if let Some(conn) = gone {
            self.send(None, &ServerMsg::Gone { conn });
            self.wake(Work::Announce);
        }
    }

    fn editing(&self, conn: u64, block: Option<domain::BlockId>) {
        let changed = self.local.lock().ok().and_then(|mut l| {
            let x = l.get_mut(&conn)?;
            (std::mem::replace(&mut x.here.block, block) != block).then(|| x.here.clone())
        });
        if let Some(here) = changed {
            self.send(None, &ServerMsg::Here { here });
            self.wake(Work::Announce);
        }
    }

    fn people(&self) -> Vec<Here> {
        let mut people: Vec<Here> = self
            .local
            .lock()
            .map(|l| l.values().map(|x| x.here.clone()).collect())
            .unwrap_or_default();
        if let Ok(remote) = self.remote.lock() {
            people.extend(remote.values().flat_map(|(h, _)| h.iter().cloned()));
        }
        people.sort_by(|a, b| a.name.cmp(&b.name).then(a.conn.cmp(&b.conn)));
        people
    }

    /// Tells the other instances who is here on this one (an empty list when nobody is, so
    /// they drop us). `asking` also asks them to answer with theirs.
    async fn announce(&self, asking: bool) {
        let mine: Vec<Here> = self
            .local
            .lock()
            .map(|l| l.values().map(|x| x.here.clone()).collect())
            .unwrap_or_default();
        let payload = serde_json::to_string(&(asking, mine)).unwrap_or_default();
        self.store
            .announce(Signal::Presence {
                session: self.session,
                from: self.store.instance().to_owned(),
                payload,
            })
            .await;
    }

    fn remote_presence(&self, from: String, payload: &str) {
        let Ok((asking, people)) = serde_json::from_str::<(bool, Vec<Here>)>(payload) else {
            return;
        };
        let before = self
            .remote
            .lock()
            .ok()
            .and_then(|mut remote| {
                if people.is_empty() {
                    remote.remove(&from)
                } else {
                    remote.insert(from, (people.clone(), Instant::now()))
                }
            })
            .map(|(p, _)| p)
            .unwrap_or_default();
        self.send_changes(&before, &people);
        if asking {
            self.wake(Work::Announce);
        }
    }

    fn expire_remote(&self, after: Duration) {
        let expired: Vec<Here> = self
            .remote
            .lock()
            .map(|mut remote| {
                let mut gone = Vec::new();
                remote.retain(|_, (people, at)| {
                    let keep = at.elapsed() < after;
                    if !keep {
                        gone.append(people);
                    }
                    keep
                });
                gone
            })
            .unwrap_or_default();
        self.send_changes(&expired, &[]);
    }

    /// Tells the members what changed between two lists of another instance's people.
    fn send_changes(&self, before: &[Here], now: &[Here]) {
        for h in now {
            if !before.contains(h) {
                self.send(None, &ServerMsg::Here { here: h.clone() });
            }
        }
        for h in before {
            if !now.iter().any(|n| n.conn == h.conn) {
                self.send(
                    None,
                    &ServerMsg::Gone {
                        conn: h.conn.clone(),
                    },
                );
            }
        }
    }
}

/// What to do with the connection next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Send this text frame.
    Send(Arc<str>),
    /// Send this text frame, then close the connection.
    Close(Arc<str>),
}

/// One connection in a room. Dropping it leaves the room.
pub struct Member {
    hub: Arc<Hub>,
    room: Arc<Room>,
    conn_no: u64,
    person: Person,
    rx: broadcast::Receiver<Arc<Event>>,
    access: watch::Receiver<Access>,
    /// The last op version this member was sent.
    sent: i64,
    /// Messages to send before anything from the queue.
    first: std::collections::VecDeque<Next>,
}

impl Member {
    /// The next frame to send. Waits for one.
    pub async fn next(&mut self) -> Next {
        if let Some(next) = self.first.pop_front() {
            if self.first.is_empty() {
                // Give the queue's room back: an idle connection should hold nothing.
                self.first = std::collections::VecDeque::new();
            }
            return next;
        }
        loop {
            tokio::select! {
                changed = self.access.changed() => {
                    if changed.is_err() {
                        return bye(Reason::Removed);
                    }
                    let now = *self.access.borrow_and_update();
                    if now == Access::Anonymous {
                        return bye(Reason::SignedOut);
                    }
                    if !permission::allows(now, Action::View) {
                        return bye(Reason::Removed);
                    }
                    let msg = ServerMsg::Access { can_edit: can_edit(now, &self.person) };
                    return Next::Send(Arc::from(msg.to_text()));
                }
                event = self.rx.recv() => match event {
                    Ok(e) => {
                        if let Some(v) = e.version {
                            if v <= self.sent {
                                continue;
                            }
                            self.sent = v;
                        }
                        return Next::Send(e.text.clone());
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => return bye(Reason::Lagged),
                    Err(broadcast::error::RecvError::Closed) => return bye(Reason::Gone),
                },
            }
        }
    }

    /// Handles one text frame from the client; the answer (if any) goes back to this client
    /// only. Rights are checked again for every op.
    pub async fn receive(&mut self, text: &str) -> Option<ServerMsg> {
        let msg = match ClientMsg::parse(text) {
            Ok(m) => m,
            Err(reason) => return Some(ServerMsg::Error { reason }),
        };
        match msg {
            ClientMsg::Editing { block } => {
                self.room.editing(self.conn_no, block);
                None
            }
            ClientMsg::Op { id, op } => Some(self.submit(id, op).await),
        }
    }

    async fn submit(&mut self, id: String, op: domain::op::Op) -> ServerMsg {
        let session = self.room.session;
        let store = &self.hub.store;
        let refused = |code: &str| ServerMsg::Refused {
            id: id.clone(),
            code: code.to_owned(),
        };
        // The op path's one check (`store::Editor`), asked before each op: a login or token
        // that ended is refused too (and its connection closes).
        let editor = match store
            .editor_by(session, self.person.user, self.person.credential)
            .await
        {
            Ok(Some(editor)) => editor,
            Ok(None) => return refused("not_allowed"),
            Err(StoreError::NotFound) => return refused("session_not_found"),
            Err(e) => {
                tracing::warn!(error = %e, "live op: access check failed");
                return refused("unavailable");
            }
        };
        match store.apply_op(&editor, Some(&id), op).await {
            Ok(OpOutcome::Applied { version } | OpOutcome::Duplicate { version }) => {
                ServerMsg::Ack { id, version }
            }
            Ok(OpOutcome::Refused(e)) => refused(e.code()),
            Err(StoreError::NotFound) => refused("session_not_found"),
            Err(StoreError::OverLimit(_)) => refused("plan_limit"),
            Err(e) => {
                tracing::warn!(error = %e, "live op failed");
                refused("unavailable")
            }
        }
    }

    pub fn person(&self) -> &Person {
        &self.person
    }
}

fn bye(reason: Reason) -> Next {
    Next::Close(Arc::from(ServerMsg::Bye { reason }.to_text()))
}

impl Drop for Member {
    fn drop(&mut self) {
        self.room.remove(self.conn_no);
    }
}
