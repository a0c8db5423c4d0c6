import { type ProcessRow, UnsupportedServer } from '../dialect';

/** What VERSION() tells of an OceanBase server: `5.7.25-OceanBase_CE-v4.2.1.2` → CE 4.2.1.2. */
export type ObVersion = { edition: 'CE' | 'enterprise'; version: string; major: number };

/** The OceanBase release in a VERSION() answer, or null when the server is not OceanBase. */
export const parseObVersion = (serverVersion: string): ObVersion | null => {
  const match = /OceanBase(_CE)?-v(\d+)((?:\.\d+)*)/i.exec(serverVersion);
  if (!match) return null;
  return {
    edition: match[1] ? 'CE' : 'enterprise',
    version: `${match[2]}${match[3] ?? ''}`,
    major: Number(match[2]),
  };
};

/** `SHOW VARIABLES LIKE 'ob_compatibility_mode'`: MYSQL or ORACLE; no row (not OceanBase) is MySQL. */
export const MODE_SQL = "SHOW VARIABLES LIKE 'ob_compatibility_mode'";

export const modeOf = (rows: ProcessRow[]): string => {
  const value = rows[0]?.Value ?? rows[0]?.VALUE ?? rows[0]?.value;
  return value === undefined || value === null ? 'MYSQL' : String(value).toUpperCase();
};

/**
 * Refuses what this dialect cannot serve: OceanBase before 4.0 (no GV$OB_PROCESSLIST) and
 * Oracle-mode tenants. A server that is not OceanBase by its VERSION() (the dialect was forced in
 * the config) is trusted.
 */
export const checkServed = (serverVersion: string, mode: string): void => {
  const parsed = parseObVersion(serverVersion);
  const named = parsed ? `OceanBase ${parsed.version}` : `The server (${serverVersion})`;
  if (parsed && parsed.major < 4)
    throw new UnsupportedServer(`${named}: sessions need OceanBase 4.0 or later (GV$OB_PROCESSLIST)`);
  if (mode !== 'MYSQL')
    throw new UnsupportedServer(
      `${named} in ${mode} mode (ob_compatibility_mode): only MySQL-mode tenants are supported`,
    );
};
