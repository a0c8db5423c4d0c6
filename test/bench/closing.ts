import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { type Account, closeAll, openCrowd } from './database';
import type { Figure } from './report';
import type { BenchSidecar } from './sidecar';
import { p50, round, sleep, timed } from './stats';

const VICTIMS = 100;
const ROUNDS = 9;
/**
 * Rounds run first and not counted, on both sides: the raw side's connection is long warm, while
 * the sidecar's first close call would also time creating its pool, probing the server and the
 * JIT compiling the kill path (as the list overhead's warm-up calls do).
 */
const WARMUP_ROUNDS = 1;

const stillThere = async (admin: Connection, ids: string[]): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  return Number(rows[0]?.n ?? 0);
};

const untilGone = async (admin: Connection, ids: string[]) => {
  while ((await stillThere(admin, ids)) > 0) await sleep(5);
};

/**
 * The fsync(2)/fdatasync(2) calls the sidecar's process makes during `call`, counted by strace
 * attached to it (an outside witness, not the sidecar's own word); a string when strace is absent.
 */
const fsyncsDuring = async (pid: number, call: () => Promise<unknown>): Promise<number | string> => {
  const strace = ['/usr/bin/strace', '/bin/strace'].find((p) => existsSync(p));
  if (!strace) return 'n/a (no strace)';
  const out = path.join(tmpdir(), `ts-bench-strace-${pid}-${Date.now()}.txt`);
  const tracer = spawn(strace, ['-f', '-e', 'trace=fsync,fdatasync', '-o', out, '-p', String(pid)], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => tracer.once('exit', resolve));
  // Attached to every thread (the file sink's fsync runs on libuv's pool) before the call.
  await sleep(1000);
  await call();
  await sleep(100);
  tracer.kill('SIGINT');
  await exited;
  const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
  rmSync(out, { force: true });
  return text.split('\n').filter((line) => /\b(fsync|fdatasync)\(\d+/.test(line)).length;
};

/**
 * 100 idle victims closed in one sessions.kill call (which answers once they have left the
 * processlist), against 100 `KILL ?` sent one by one on one connection and then waiting the same
 * way until they are gone; rounds alternate (the first of each is a warm-up, checked but not timed).
 */
export const closingAtScale = async (
  url: string,
  admin: Connection,
  victims: Account,
  sidecar: BenchSidecar,
  observer: string,
  audit: 'audit on disk' | 'audit on tmpfs',
): Promise<Figure[]> => {
  const section = `closing ${VICTIMS} sessions, ${audit}`;
  const targeted = audit === 'audit on disk';
  const viaSidecar: number[] = [];
  const rawKills: number[] = [];
  const rawUntilGone: number[] = [];
  let allGone = true;
  let allKilled = true;
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const counted = round >= WARMUP_ROUNDS;
    let crowd = await openCrowd(url, victims, VICTIMS);
    let ids = crowd.map((c) => String(c.threadId));
    const report = await (async () => {
      let answer: { results: Array<{ outcome: string }> } = { results: [] };
      const took = await timed(async () => {
        answer = await sidecar.mutate('sessions.kill', {
          clusterId: 'bench',
          tenantId: 'main',
          sessionKeys: ids.map((id) => `${observer}#${id}`),
        });
      });
      if (counted) viaSidecar.push(took);
      return answer;
    })();
    allKilled &&= report.results.length === VICTIMS && report.results.every((r) => r.outcome === 'killed');
    allGone &&= (await stillThere(admin, ids)) === 0;
    closeAll(crowd);

    crowd = await openCrowd(url, victims, VICTIMS);
    ids = crowd.map((c) => String(c.threadId));
    const started = process.hrtime.bigint();
    for (const id of ids) await admin.query('KILL ?', [id]);
    const killed = Number(process.hrtime.bigint() - started) / 1e6;
    await untilGone(admin, ids);
    if (counted) {
      rawKills.push(killed);
      rawUntilGone.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    closeAll(crowd);
  }
  // One more call, not timed, with strace attached: how many fsyncs the write-ahead audit costs.
  const crowd = await openCrowd(url, victims, VICTIMS);
  const fsyncs = await fsyncsDuring(sidecar.pid, () =>
    sidecar.mutate('sessions.kill', {
      clusterId: 'bench',
      tenantId: 'main',
      sessionKeys: crowd.map((c) => `${observer}#${c.threadId}`),
    }),
  );
  closeAll(crowd);
  return [
    {
      section,
      name: 'one sessions.kill call (answers once all are gone) p50',
      value: round(p50(viaSidecar)),
      unit: 'ms',
    },
    { section, name: '100 raw KILLs on one connection p50', value: round(p50(rawKills)), unit: 'ms' },
    {
      section,
      name: '100 raw KILLs, then until all are gone p50',
      value: round(p50(rawUntilGone)),
      unit: 'ms',
    },
    {
      section,
      name: 'ratio sidecar / raw KILLs until gone',
      value: round(p50(viaSidecar) / p50(rawUntilGone)),
      unit: '×',
      ...(targeted ? { target: { max: 1.5, text: '≤ 1.5' } } : {}),
      note: `vs raw KILLs alone ${round(p50(viaSidecar) / p50(rawKills))}×`,
    },
    {
      section,
      name: 'fsyncs per call of 100 (write ahead: the attempts, then the outcomes; strace)',
      value: fsyncs,
      unit: '',
    },
    {
      section,
      name: 'all killed and gone after the call (every round)',
      value: allKilled && allGone ? 'yes' : 'NO',
      unit: '',
    },
  ];
};
