import type { NextFunction, Request, Response } from 'express';
import { type HostName, parseHost } from '../config/hosts';
import { isLoopbackAddress } from '../config/loopback';
import { sendError } from './answers';

/** An address as a Host header writes it: IPv6 in brackets, an IPv4-mapped IPv6 as its IPv4. */
const asHostName = (address: string): string => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return mapped;
  return address.includes(':') && !address.startsWith('[')
    ? `[${address.toLowerCase()}]`
    : address.toLowerCase();
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export type HostRules = {
  /** HOST as configured (a name or an address): served on the port the request came in on. */
  listenHost?: string;
  /** SESSIONS_ALLOWED_HOSTS. */
  allowed?: ReadonlyArray<string>;
};

/**
 * Answers only requests whose Host is one this sidecar serves, the defence against DNS rebinding
 * (a page whose name was made to point at 127.0.0.1 sends its own name as Host): with the port
 * the request came in on, the listen address, the address the connection reached, and on a
 * loopback connection `localhost`, `127.0.0.1` and `[::1]`; plus SESSIONS_ALLOWED_HOSTS (an
 * entry without a port allows any). Any other Host, or none, gets 421 in the JSON error shape.
 */
export const hostGuard = ({ listenHost, allowed = [] }: HostRules) => {
  const listen = listenHost
    ? parseHost(listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost)
    : undefined;
  const extra = allowed.map((entry) => parseHost(entry)).filter((h): h is HostName => h !== undefined);
  const serves = (req: Request, host: HostName): boolean => {
    if (extra.some((e) => e.name === host.name && (e.port === undefined || e.port === host.port)))
      return true;
    const { localPort, localAddress } = req.socket;
    if ((host.port ?? 80) !== localPort) return false;
    if (listen && host.name === listen.name) return true;
    if (localAddress && host.name === asHostName(localAddress)) return true;
    return localAddress !== undefined && isLoopbackAddress(localAddress) && LOOPBACK_NAMES.has(host.name);
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const raw = req.headers.host;
    const host = raw ? parseHost(raw) : undefined;
    if (host && serves(req, host)) {
      next();
      return;
    }
    res.setHeader('Connection', 'close');
    sendError(
      res,
      421,
      'INVALID_INPUT',
      raw
        ? `This sidecar does not serve the host ${JSON.stringify(raw)}: it answers its own address only (a name of yours, such as a proxy's, goes in SESSIONS_ALLOWED_HOSTS)`
        : 'Send a Host header naming this sidecar',
      { params: { host: raw ?? '' } },
    );
  };
};
