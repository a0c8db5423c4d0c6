import { ConfigError } from './tenants';

/** A Host as written in a header or a setting: its name (lower case, IPv6 in brackets) and port, if any. */
export type HostName = { name: string; port: number | undefined };

export const parseHost = (text: string): HostName | undefined => {
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    return undefined;
  }
  // Only host[:port]: no user, no path, nothing the URL parser would have quietly dropped.
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  if (url.host !== text.toLowerCase() && `${url.host}:80` !== text.toLowerCase()) return undefined;
  return { name: url.hostname, port: url.port ? Number(url.port) : undefined };
};

/** SESSIONS_ALLOWED_HOSTS: comma-separated `host` (any port) or `host:port`, e.g. a proxy's public name. */
export const parseHosts = (raw: string | undefined): string[] => {
  const hosts: string[] = [];
  for (const part of (raw ?? '').split(',')) {
    const text = part.trim();
    if (!text) continue;
    if (!parseHost(text))
      throw new ConfigError(
        `SESSIONS_ALLOWED_HOSTS: ${JSON.stringify(text)} is not a host (name or name:port)`,
      );
    hosts.push(text.toLowerCase());
  }
  return hosts;
};
