// Presence after a dropped connection, on one server: a client that reconnects is seen again at
// once, and sees the others at once — not 15 s later at its next renewal (y-protocols ignores a
// state at a clock it has already seen, and a removed state keeps its clock: presenceClocks.ts).
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { createMap, openClient, removeTempDirs, startTestServer, waitFor, type Client, type TestServer } from './testing/harness';

let server: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.shutdown();
  removeTempDirs();
});

const sees = (a: Client, b: Client) => (a.awareness.getStates().get(b.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name === b.doc.clientID.toString();

describe('presence after a dropped connection', () => {
  it('a client that reconnects is seen by the others, and sees them, within 2 s', async () => {
    const map = await createMap(server.http);
    for (let i = 0; i < 3; i++) {
      const client = await openClient(server.ws, map.id, map.editKey);
      client.awareness.setLocalStateField('user', { name: client.doc.clientID.toString() });
      clients.push(client);
    }
    const [ana, ben, cleo] = clients as [Client, Client, Client];
    await waitFor(() => sees(ana, ben) && sees(ben, ana) && sees(cleo, ana) && sees(ana, cleo), 'everyone to see everyone');
    // Ben's connection drops (his laptop sleeps); the server removes his presence, he removes theirs.
    ben.provider.disconnect();
    await waitFor(() => !ana.awareness.getStates().has(ben.doc.clientID), 'Ana to see Ben gone');
    ben.provider.connect();
    await waitFor(() => sees(ana, ben) && sees(cleo, ben), 'the others to see Ben again', 2_000);
    await waitFor(() => sees(ben, ana) && sees(ben, cleo), 'Ben to see the others again', 2_000);
  });
});
