import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';

/** `n` idle connections to `url` (errors swallowed: they are meant to be killed). */
export const openCrowd = async (url: string, n: number): Promise<Connection[]> => {
  const crowd: Connection[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, () => mysql.createConnection({ uri: url })),
    );
    for (const c of batch) c.on('error', () => undefined);
    crowd.push(...batch);
  }
  return crowd;
};

/** The ids of `ids` the server still lists. */
export const stillListed = async (admin: Connection, ids: string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  return new Set(rows.map((r) => String(r.ID)));
};

/** The ids of `ids` the server no longer lists (closed), once it has settled a moment. */
export const goneOf = async (admin: Connection, ids: string[], settleMs = 300): Promise<string[]> => {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const listed = await stillListed(admin, ids);
  return ids.filter((id) => !listed.has(id));
};

export const closeCrowd = (crowd: Connection[]) => {
  for (const c of crowd) c.destroy();
};
