import { rmSync } from 'node:fs';
import type { Connection } from 'mysql2/promise';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { batchAmplification } from './amplification';
import { auditAtScale } from './audit';
import { parcelInChromium } from './browser';
import { closingByFilter } from './bulk';
import { closingAtScale } from './closing';
import { type Account, connect, createAccount, globals, provision } from './database';
import { digestOverhead } from './digests';
import { exportAtScale } from './export';
import { fanIn } from './fanin';
import { locksOverhead } from './locks';
import { createFixture, fillFixture } from './obfixture';
import { listOverhead, rawStatement } from './overhead';
import { buildPortal, parcelSize } from './parcel';
import { type Figure, printTable, writeResults } from './report';
import { listAtScale, memoryGrowth } from './scale';
import { selectingInChromium } from './selecting';
import { type BenchSidecar, startBenchSidecar } from './sidecar';
import { memoryWithDigests, statsAtScale } from './statistics';
import { statsInChromium } from './statsBrowser';
import { statsSplit } from './statsSplit';
import { liveViews, WATCH_BENCH_ENV } from './watch';

/**
 * npm run bench: the performance figures, each measured side by side in one run, printed with its
 * target and written to test/bench/results/latest.json. Not part of npm test.
 */
const log = (line: string) => process.stdout.write(`${line}\n`);
const started = Date.now();
const figures: Figure[] = [];
const cleanups: Array<() => Promise<unknown> | unknown> = [];
const later = (cleanup: () => Promise<unknown> | unknown) => cleanups.unshift(cleanup);
/**
 * BENCH_ONLY=overhead,locks,fanin,closing,bulk,selecting,audit,ob,browser,amplification,watch,memory,stats,
 * digests,statsbrowser,export runs only those parts (the parcel's size always).
 */
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (part: string) => !only || only.includes(part);

const main = async () => {
  log('bench: building the portal (webpack production) …');
  const dist = await buildPortal();
  later(() => rmSync(dist, { recursive: true, force: true }));
  figures.push(...parcelSize(dist));

  if (wanted('audit')) {
    log('bench: audit.list on a 1 GiB JSON-lines audit (written to a temporary folder, deleted after) …');
    figures.push(...(await auditAtScale()));
  }

  const { url, throwaway } = await provision();
  if (throwaway) later(() => throwaway.stop());
  log(`bench: database ${url}${throwaway ? ' (a throwaway mariadbd)' : ''}`);
  const admin: Connection = await connect(url);
  later(() => admin.end());
  const server = await globals(admin);
  later(() => server.restore());
  await server.raiseConnections(server.was.maxConnections + 2300);
  await server.countStatements();

  const accounts: Account[] = [];
  const account = async (name: string, grants: string[] = []) => {
    const created = await createAccount(admin, name, grants);
    accounts.push(created);
    return created;
  };
  later(async () => {
    for (const a of accounts) await a.drop().catch(() => undefined);
  });
  const side = await account('bench_side', ['PROCESS ON *.*', 'CONNECTION ADMIN ON *.*']);
  const fanSide = await account('bench_fanin', ['PROCESS ON *.*']);
  const perViewer = await account('bench_viewer', ['PROCESS ON *.*']);
  const crowd = await account('bench_crowd');
  const victims = await account('bench_victim');

  // The OceanBase fixture stands on a mariadbd of its own: the dialect reads `oceanbase`.`GV$OB_PROCESSLIST`,
  // a fixed name the test suite also uses on the shared test server.
  log('bench: the OceanBase fixture (its own throwaway mariadbd, 10,000 rows) …');
  const fixtureServer: ThrowawayServer = await startThrowawayMariadb();
  later(() => fixtureServer.stop());
  const fixture = await connect(fixtureServer.url);
  later(() => fixture.end());
  await createFixture(fixture);
  await fillFixture(fixture, 0, 10_000);
  let filled = 10_000;

  const tenants = [
    { id: 'main', url, account: side },
    { id: 'fanin', url, account: fanSide },
    { id: 'ob', url: fixtureServer.url, dialect: 'oceanbase' as const },
  ];
  const sidecar = async (freshMs: number, staticDir?: string, auditDir?: string): Promise<BenchSidecar> => {
    const started = await startBenchSidecar(tenants, { freshMs, staticDir, auditDir });
    later(() => started.stop());
    return started;
  };

  if (wanted('overhead')) {
    log('bench: list overhead (freshness 0) at 100, 1,000 and 2,000 connections …');
    const fresh = await sidecar(0);
    figures.push(...(await listOverhead(url, admin, crowd, fresh)));
    await fresh.stop();
  }

  if (wanted('locks')) {
    log('bench: the snapshot read with and without its lock read, 1,000 connections, 50 waiting …');
    figures.push(...(await locksOverhead(url, admin, crowd, side)));
  }

  const coalescing = await sidecar(1000, dist);
  if (wanted('fanin')) {
    log('bench: fan-in, 100 viewers for 10 s, then a console querying per viewer …');
    figures.push(...(await fanIn(url, admin, coalescing, fanSide, perViewer, await rawStatement(admin))));
  }
  if (wanted('closing')) {
    log('bench: closing 100 sessions (the audit on disk, then on tmpfs) …');
    const { hostname, port } = new URL(url);
    const observer = `${hostname}:${port || 3306}`;
    figures.push(...(await closingAtScale(url, admin, victims, coalescing, observer, 'audit on disk')));
    const tmpfsAudit = await sidecar(1000, undefined, '/dev/shm');
    figures.push(...(await closingAtScale(url, admin, victims, tmpfsAudit, observer, 'audit on tmpfs')));
    await tmpfsAudit.stop();
  }
  if (wanted('bulk')) {
    log('bench: closing 1,000 sessions by filter (preview + 10 calls, audit on disk) …');
    const fresh = await sidecar(0);
    figures.push(...(await closingByFilter(url, admin, victims, fresh)));
    await fresh.stop();
  }
  if (wanted('ob')) {
    log('bench: 10,000 fixture sessions, list …');
    figures.push(...(await listAtScale(coalescing, 'ob', 10_000)));
  }
  if (wanted('browser')) {
    log('bench: 10,000 fixture sessions in Chromium …');
    figures.push(...(await parcelInChromium(coalescing.url, 'ob', 10_000)));
  }
  if (wanted('statsbrowser')) {
    log('bench: Session Statistics of 10,000 fixture sessions in Chromium …');
    figures.push(...(await statsInChromium(coalescing.url, 'ob', 10_000)));
  }
  if (wanted('selecting')) {
    log('bench: selecting 1,000 of 10,000 fixture sessions in Chromium, and the confirmation …');
    figures.push(...(await selectingInChromium(coalescing.url, 'ob', 10_000)));
  }
  await coalescing.stop();

  // Session Statistics from a warm snapshot: a sidecar whose snapshot stays fresh for the run.
  const warm = () => sidecar(600_000);
  if (wanted('stats')) {
    log('bench: Session Statistics in-process, 10,000 and 50,000 fixture sessions …');
    figures.push(...statsSplit(10_000), ...statsSplit(50_000));
    log('bench: sessions.stats, 10,000 fixture sessions …');
    const own = await warm();
    figures.push(...(await statsAtScale(own, 'ob', 10_000, 10)));
    await own.stop();
  }
  if (wanted('digests')) {
    log('bench: the processlist read with and without digests, 1,000 connections …');
    figures.push(...(await digestOverhead(url, admin, crowd, 160)));
    figures.push(...(await digestOverhead(url, admin, crowd, 120)));
  }

  if (wanted('amplification')) {
    log('bench: batch amplification, 30 slow readers of 10 full pages each …');
    const own = await sidecar(1000);
    figures.push(...(await batchAmplification(own, 'ob')));
    await own.stop();
  }

  if (wanted('watch')) {
    log(
      'bench: live views (sessions.watch), 200 watchers, then a console reading per viewer, then 200 of 10,000 quiet sessions …',
    );
    const live = await startBenchSidecar(tenants, { freshMs: 1000, env: WATCH_BENCH_ENV });
    later(() => live.stop());
    const watchAccounts = { sidecar: fanSide, perViewer, victims };
    figures.push(...(await liveViews(url, admin, live, watchAccounts, await rawStatement(admin))));
    await live.stop();
  }

  if (wanted('memory') || wanted('stats')) {
    await fillFixture(fixture, 10_000, 50_000);
    filled = 50_000;
  }
  if (wanted('memory')) {
    log('bench: 50,000 fixture sessions, memory …');
    const fiftyK = await sidecar(1000);
    figures.push(...(await memoryGrowth(fiftyK, 'ob', 50_000)));
    await fiftyK.stop();
  }
  if (wanted('stats')) {
    log('bench: sessions.stats, 50,000 fixture sessions …');
    const own = await warm();
    figures.push(...(await statsAtScale(own, 'ob', 50_000, 40)));
    await own.stop();
  }
  if (wanted('export')) {
    log('bench: 100,000 fixture sessions, CSV export …');
    await fillFixture(fixture, filled, 100_000);
    // Snapshots fresh for a minute: both exports write the snapshot the first list took.
    const exporting = await sidecar(60_000);
    figures.push(...(await exportAtScale(exporting, 'ob', 100_000)));
    await exporting.stop();
  }
  if (wanted('memory')) {
    // Last: it rewrites the fixture (every session runs a statement without an SQL ID).
    log('bench: 50,000 fixture sessions, memory with every session digested …');
    figures.push(
      ...(await memoryWithDigests(
        fixture,
        () => startBenchSidecar(tenants, { freshMs: 1000 }),
        'ob',
        50_000,
      )),
    );
  }
};

const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`bench: a clean-up step failed: ${(error as Error).message}\n`);
    }
  }
};

main()
  .then(
    () => true,
    (error: unknown) => {
      process.stderr.write(`bench: stopped: ${(error as Error).stack ?? String(error)}\n`);
      return false;
    },
  )
  .then(async (completed) => {
    await cleanUp();
    printTable(figures);
    const seconds = Math.round((Date.now() - started) / 1000);
    const file = writeResults(figures, {
      completed,
      seconds,
      at: new Date().toISOString(),
      node: process.version,
    });
    log(`bench: ${completed ? 'done' : 'INCOMPLETE'} in ${seconds} s; results in ${file}`);
    process.exit(completed ? 0 : 1);
  });
