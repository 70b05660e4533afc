// The messages the live bench's clients send to Hocuspocus, made with Yjs itself: for each of
// CLIENTS clients, EDITS edits of its block's title ("Block K, edit N", as the bench sends to
// Plenary), each a Yjs update in a Hocuspocus sync message. Client K edits the map "block-K"
// of document DOC; its Yjs client id is fixed, so the updates are those a live editor sends.
// Also the two messages a client sends on connecting: its token and the first sync step.
// Usage: node edits.mjs CLIENTS EDITS DOC; prints JSON {hello: [b64…], edits: [[b64…]…]}.
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";

const [clients, edits] = process.argv.slice(2, 4).map(Number);
const doc = process.argv[4];
const SYNC = 0;
const AUTH = 2;
const TOKEN = 0;

const frame = (type, write) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, doc);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return Buffer.from(encoding.toUint8Array(encoder)).toString("base64");
};

const hello = [
  frame(AUTH, (e) => {
    encoding.writeVarUint(e, TOKEN);
    encoding.writeVarString(e, "");
  }),
  frame(SYNC, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc())),
];

const all = [];
for (let k = 0; k < clients; k++) {
  const ydoc = new Y.Doc();
  ydoc.clientID = 1000 + k;
  const updates = [];
  ydoc.on("update", (update) => updates.push(update));
  const block = ydoc.getMap(`block-${k}`);
  for (let n = 0; n < edits; n++) {
    block.set("title", `Block ${k}, edit ${n}`);
  }
  all.push(updates.map((u) => frame(SYNC, (e) => syncProtocol.writeUpdate(e, u))));
}
process.stdout.write(JSON.stringify({ hello, edits: all }));
