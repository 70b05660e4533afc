// @ts-check
// The live channel of a session (docs/PROTOCOL.md): one WebSocket that sends this browser's
// ops (each with a client op id, resolved when the server acknowledges it after commit) and
// brings everyone's ops and presence. Ops made while the connection is down wait in order and
// are sent again on reconnect with the same ids, so none is applied twice. A reconnect names
// the last version seen, and the server sends what was missed.

/**
 * @typedef {import('./op-types.js').Op} Op
 * @typedef {{conn: string, user: string, name: string, block: string | null}} Here
 * @typedef {{
 *   remote: (version: number) => void,
 *   presence: (people: Here[], me: string) => void,
 *   status: (state: 'connecting' | 'connected' | 'offline', waiting: number) => void,
 *   access: (canEdit: boolean) => void,
 *   end: (reason: string) => void,
 * }} Handlers
 */

import { Refused } from './ops.js';

export class Live {
  /**
   * @param {string} session
   * @param {number} version the version the page was drawn at
   * @param {Handlers} on
   */
  constructor(session, version, on) {
    this.session = session;
    this.version = version;
    this.on = on;
    /** @type {WebSocket | null} */
    this.socket = null;
    /** Ops sent or waiting, in order, by client op id. @type {Map<string, {op: Op, resolve: (v: number) => void, reject: (e: Error) => void}>} */
    this.pending = new Map();
    /** Ids of this browser's ops, so their echo is not taken for someone else's change. */
    this.mine = new Set();
    this.me = '';
    this.delay = 500;
    this.stopped = false;
    /** @type {string | null} */
    this.editingBlock = null;
    /** Who is here, by connection. @type {Map<string, Here>} */
    this.people = new Map();
    this.open = false;
  }

  connect() {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}/api/v1/sessions/${this.session}/live?since=${this.version}`;
    this.on.status('connecting', this.pending.size);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.open = true;
      this.delay = 500;
    });
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', () => {
      this.open = false;
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.on.status('offline', this.pending.size);
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 5000);
    });
  }

  /** @param {string} text */
  receive(text) {
    /** @type {{type: string, [key: string]: any}} */
    let msg;
    try { msg = JSON.parse(text); } catch { return; }
    switch (msg.type) {
      case 'welcome':
        this.me = msg.conn;
        // The people here follow, one `here` each.
        this.people = new Map();
        this.on.status('connected', this.pending.size);
        // Whatever waited goes now, in order; the server applies a repeated id once.
        for (const [id, p] of this.pending) this.write({ type: 'op', id, op: p.op });
        if (this.editingBlock) this.write({ type: 'editing', block: this.editingBlock });
        break;
      case 'op': {
        this.version = Math.max(this.version, msg.version);
        if (!this.mine.has(msg.id)) this.on.remote(msg.version);
        break;
      }
      case 'ack': {
        this.version = Math.max(this.version, msg.version);
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg.version);
        if (this.open) this.on.status('connected', this.pending.size);
        break;
      }
      case 'refused': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.reject(new Refused(msg.code));
        break;
      }
      case 'here':
        this.people.set(msg.here.conn, msg.here);
        this.on.presence([...this.people.values()], this.me);
        break;
      case 'gone':
        this.people.delete(msg.conn);
        this.on.presence([...this.people.values()], this.me);
        break;
      case 'access':
        this.on.access(Boolean(msg.can_edit));
        break;
      case 'bye':
        if (msg.reason === 'lagged') break; // the close that follows reconnects and catches up
        this.stopped = true;
        this.on.end(msg.reason);
        break;
      default:
        break;
    }
  }

  /** @param {object} msg */
  write(msg) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  /**
   * Sends an op; resolves with the session's version once it is committed, rejects with
   * `Refused`. While offline it waits and goes on reconnect.
   * @param {Op} op
   * @returns {Promise<number>}
   */
  send(op) {
    const id = crypto.randomUUID();
    this.mine.add(id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { op, resolve, reject });
      if (this.open) this.write({ type: 'op', id, op });
      else this.on.status('offline', this.pending.size);
    });
  }

  /** Tells the others which block this person is editing (or none). @param {string | null} block */
  editing(block) {
    if (this.editingBlock === block) return;
    this.editingBlock = block;
    this.write({ type: 'editing', block });
  }

  /** Whether ops can go out now or will wait. */
  get usable() {
    return !this.stopped;
  }
}
