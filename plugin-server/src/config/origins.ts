import { ConfigError } from './tenants';

/** SESSIONS_ALLOWED_ORIGINS: comma-separated origins, each `scheme://host[:port]` with nothing after. */
export const parseOrigins = (raw: string | undefined): Set<string> => {
  const origins = new Set<string>();
  for (const part of (raw ?? '').split(',')) {
    const text = part.trim();
    if (!text) continue;
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {}
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== text.replace(/\/$/, ''))
      throw new ConfigError(
        `SESSIONS_ALLOWED_ORIGINS: ${JSON.stringify(text)} is not an origin (scheme://host[:port], no path)`,
      );
    origins.add(url.origin);
  }
  return origins;
};
