import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Strips the brackets of an IPv6 literal as written in a URL or a Host header (`[::1]`). */
const bare = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/**
 * True for an IP address of the loopback: 127.0.0.0/8, ::1, and IPv4 127/8 mapped into IPv6
 * (`::ffff:127.0.0.1`, as a dual-stack socket shows it). Names are not addresses: false.
 */
export const isLoopbackAddress = (address: string): boolean => {
  const ip = bare(address).toLowerCase();
  const family = isIP(ip);
  if (family === 4) return ip.startsWith('127.');
  if (family !== 6) return false;
  if (ip === '::1' || ip === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  return mapped !== undefined && isIP(mapped) === 4 && mapped.startsWith('127.');
};

/**
 * True for a loopback address written out, or `localhost`. A name is never taken for loopback by
 * its look (`127.attacker.example` is a name like any other): resolve it (resolvesToLoopback).
 */
export const isLoopbackLiteral = (host: string): boolean =>
  host.toLowerCase() === 'localhost' || isLoopbackAddress(host);

/** Every address a name resolves to (the system's resolver: /etc/hosts, then DNS). */
type LookupAll = (host: string) => Promise<Array<{ address: string }>>;
const systemLookup: LookupAll = (host) => lookup(host, { all: true });

/** True when `host` is a loopback address, or a name every address of which is loopback. */
export const resolvesToLoopback = async (
  host: string,
  lookupAll: LookupAll = systemLookup,
): Promise<boolean> => {
  if (isIP(bare(host))) return isLoopbackAddress(host);
  try {
    const addresses = await lookupAll(host);
    return addresses.length > 0 && addresses.every(({ address }) => isLoopbackAddress(address));
  } catch {
    return false;
  }
};
