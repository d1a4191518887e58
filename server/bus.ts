// Fan-out between server processes. One process needs none (LocalBus); several processes behind a
// load balancer would share Redis pub/sub here, so rooms publish and subscribe without knowing which.

export interface Bus {
  publish(mapId: string, message: Uint8Array): void;
  subscribe(mapId: string, listener: (message: Uint8Array) => void): () => void;
}

/** The single-process bus: nobody else to tell. */
export class LocalBus implements Bus {
  publish(): void {}
  subscribe(): () => void {
    return () => {};
  }
}
