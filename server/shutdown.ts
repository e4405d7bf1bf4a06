/**
 * Stopping without cutting anyone off: stop accepting connections, let requests already being
 * answered finish, then close. Alexa waits at most 8 s for an answer, so a request still running
 * after the grace period has already failed for the person, and the connection is cut.
 */
import { type Server } from 'node:http';

export type DrainResult = 'drained' | 'forced';

export function stopAndDrain(server: Server, graceMs: number): Promise<DrainResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: DrainResult): void => {
      if (settled) return;
      settled = true;
      clearInterval(idleSweep);
      clearTimeout(deadline);
      resolve(result);
    };
    // close() only resolves once every connection is gone; keep-alive sockets that finish their
    // request while draining would otherwise sit idle until their own timeout.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      finish('forced');
    }, graceMs);
    server.close(() => finish('drained'));
    server.closeIdleConnections();
  });
}
