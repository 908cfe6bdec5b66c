import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Session } from '../app/services';
import { forgetFileTokens } from '../app/fileTokens';

/** The cookie that names a browser client's own session (apart from the run token's cookie). */
export const CLIENT_COOKIE = 'recupera_cliente';

/** A handful of tabs and test clients at most: past this, the client seen longest ago is dropped. */
export const MAX_CLIENTS = 50;
/** A client unseen this long is dropped: the person signs in again (the idle lock came long before). */
export const CLIENT_IDLE_MS = 12 * 60 * 60_000;

export interface ClientOptions {
  maxClients?: number;
  idleMs?: number;
  now?: () => number;
}

interface Client {
  session: Session;
  lastSeen: number;
}

/** The value of one cookie, when it is there and well formed. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const m = (req.headers.cookie ?? '').match(new RegExp(`(?:^|;\\s*)${name}=([A-Za-z0-9_-]+)`));
  return m?.[1];
}

export function clientCookie(id: string): string {
  return `${CLIENT_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Browser mode's sessions, one per client: two tabs or browsers signed in as different people
 * never share a user, a lock or the files they chose. Bounded and expiring, so clients that come
 * and go (or a script without cookies) cannot grow it without end.
 */
export class ClientSessions {
  private readonly clients = new Map<string, Client>();
  private readonly max: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: ClientOptions = {}) {
    this.max = Math.max(1, options.maxClients ?? MAX_CLIENTS);
    this.idleMs = options.idleMs ?? CLIENT_IDLE_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.clients.size;
  }

  /** The session of the client this request names, or null (no cookie, an unknown one, or expired). */
  find(req: IncomingMessage): { id: string; session: Session } | null {
    const id = cookieValue(req, CLIENT_COOKIE);
    if (!id) return null;
    const client = this.clients.get(id);
    if (!client) return null;
    if (this.now() - client.lastSeen > this.idleMs) {
      this.drop(id, client);
      return null;
    }
    // Most recently seen last: the first entry is the one to drop when full.
    client.lastSeen = this.now();
    this.clients.delete(id);
    this.clients.set(id, client);
    return { id, session: client.session };
  }

  /** A new client, signed out, with a fresh random id for its cookie. */
  open(): { id: string; session: Session } {
    this.prune();
    while (this.clients.size >= this.max) {
      const [oldest, client] = this.clients.entries().next().value ?? [];
      if (oldest === undefined || !client) break;
      this.drop(oldest, client);
    }
    const id = randomBytes(24).toString('base64url');
    const session: Session = { user: null };
    this.clients.set(id, { session, lastSeen: this.now() });
    return { id, session };
  }

  clear(): void {
    for (const [id, client] of [...this.clients]) this.drop(id, client);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, client] of [...this.clients]) if (now - client.lastSeen > this.idleMs) this.drop(id, client);
  }

  private drop(id: string, client: Client): void {
    this.clients.delete(id);
    forgetFileTokens(client.session);
    client.session.user = null;
  }
}
