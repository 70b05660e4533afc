// @ts-check
// Sends ops to the one op path, `POST /api/v1/sessions/{id}/ops`, each with a client op id
// so that a retried request is applied once.

/**
 * @typedef {import('./op-types.js').Op} Op
 * @typedef {{client_op_id: string | null, status: string, version: number | null, error: string | null}} OpResult
 */

/** Raised when the server refused an op; `code` is the stable reason (docs/API.md). */
export class Refused extends Error {
  /** @param {string} code */
  constructor(code) {
    super(code);
    this.code = code;
  }
}

/** Raised when the request did not reach the server or failed there. */
export class Unreachable extends Error {}

/** A fresh id for a new block or a client op. */
export function newId() {
  return crypto.randomUUID();
}

/** @typedef {{send: (op: Op) => Promise<number>, usable: boolean}} Channel */

/** The live channel, when the page has one. @type {Channel | null} */
let channel = null;

/** Sends ops through `c` (the live channel) from now on. @param {Channel} c */
export function useChannel(c) {
  channel = c;
}

/**
 * Applies `ops` in order and resolves with the session's new version; rejects with `Refused`
 * naming the refused op's reason (over HTTP a batch is all or none), or `Unreachable`. Through the live channel when there is one
 * (where ops wait while offline), otherwise through the HTTP op path.
 * @param {string} session
 * @param {Op[]} ops
 * @returns {Promise<number>}
 */
export async function send(session, ops) {
  if (channel?.usable) {
    const live = channel;
    const versions = await Promise.all(ops.map((op) => live.send(op)));
    return Math.max(0, ...versions);
  }
  /** @type {{version: number, results: OpResult[]}} */
  const out = await post(`/api/v1/sessions/${session}/ops`, { ops: ops.map((op) => ({ client_op_id: newId(), op })) });
  return out.version;
}

/**
 * Posts JSON to the API and resolves with its JSON answer. Rejects with `Unreachable` when the
 * server cannot be reached or fails, and `Refused` with the reason's code (for a batch, the
 * refused op's) when it says no; a refused batch applied nothing.
 * @param {string} url @param {unknown} payload
 * @returns {Promise<any>}
 */
async function post(url, payload) {
  /** @type {Response} */
  let res;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new Unreachable('network');
  }
  if (!res.ok) {
    /** @type {{error?: {code?: string, fields?: {ops?: {code?: string}}}}} */
    const problem = await res.json().catch(() => ({}));
    if (res.status >= 500 || !problem.error?.code) throw new Unreachable(String(res.status));
    throw new Refused(problem.error.fields?.ops?.code ?? problem.error.code);
  }
  return res.json();
}

/**
 * Inserts a library method as a new block after `after` (at the end when null) through
 * `POST /api/v1/sessions/{id}/methods`, which copies its fields and files; resolves with the
 * new block's id. Rejects like `send`.
 * @param {string} session @param {string} method @param {string | null} after
 * @returns {Promise<string>}
 */
export async function insertMethod(session, method, after) {
  /** @type {{block: string}} */
  const out = await post(`/api/v1/sessions/${session}/methods`, { method, after });
  return out.block;
}
