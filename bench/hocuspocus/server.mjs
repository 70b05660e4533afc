// The peer the live bench measures Plenary against: a Hocuspocus 3.x server on 127.0.0.1.
// It stores each document the way Hocuspocus's database extensions do, after a pause in the
// edits (2 s, at most every 10 s): the whole state, here to a file that is synced to disk.
// Usage: PORT=N DATA=DIR node server.mjs; prints "listening PORT" once it accepts connections.
import { Server } from "@hocuspocus/server";
import * as Y from "yjs";
import { openSync, writeSync, fsyncSync, closeSync, renameSync } from "node:fs";
import { join } from "node:path";

const port = Number(process.env.PORT);
const data = process.env.DATA;
if (!port || !data) {
  console.error("PORT and DATA are required");
  process.exit(2);
}

const server = new Server({
  port,
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  async onStoreDocument({ documentName, document }) {
    const state = Y.encodeStateAsUpdate(document);
    const path = join(data, `${encodeURIComponent(documentName)}.ydoc`);
    const fd = openSync(`${path}.tmp`, "w");
    writeSync(fd, state);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(`${path}.tmp`, path);
  },
});
await server.listen();
console.log(`listening ${port}`);
