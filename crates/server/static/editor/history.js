// @ts-check
// Undo and redo of your own last 50 changes. Each entry holds the ops that made a change and
// the ops that take it back. The stacks live in sessionStorage per session, so switching
// between the Programme and the Design keeps them.

/** @typedef {import('./ops.js').Op} Op */
/** @typedef {{redo: Op[], undo: Op[]}} Entry */

export const LIMIT = 50;

export class History {
  /** @param {string} session */
  constructor(session) {
    this.key = `plenary-history-${session}`;
    /** @type {{done: Entry[], undone: Entry[]}} */
    this.state = { done: [], undone: [] };
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.key) ?? 'null');
      if (saved && Array.isArray(saved.done) && Array.isArray(saved.undone)) this.state = saved;
    } catch {
      // A damaged entry starts a new history.
    }
  }

  save() {
    try {
      sessionStorage.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Storage full or disabled: the history lasts as long as the page.
    }
  }

  /** Records a change just made; a new change clears what was undone. @param {Entry} entry */
  push(entry) {
    this.state.done.push(entry);
    if (this.state.done.length > LIMIT) this.state.done.splice(0, this.state.done.length - LIMIT);
    this.state.undone = [];
    this.save();
  }

  canUndo() {
    return this.state.done.length > 0;
  }

  canRedo() {
    return this.state.undone.length > 0;
  }

  /** The entry to undo next, without taking it. */
  peekUndo() {
    return this.state.done.at(-1);
  }

  peekRedo() {
    return this.state.undone.at(-1);
  }

  /** Moves the last change to the redo stack once its undo ops are applied. */
  undone() {
    const e = this.state.done.pop();
    if (e) this.state.undone.push(e);
    this.save();
  }

  /** Drops the entry that would be undone (or redone) next. @param {'undo' | 'redo'} which */
  forget(which) {
    (which === 'undo' ? this.state.done : this.state.undone).pop();
    this.save();
  }

  redone() {
    const e = this.state.undone.pop();
    if (e) this.state.done.push(e);
    this.save();
  }
}
