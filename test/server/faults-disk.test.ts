import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileSink } from '@tenant-sessions/plugin-server';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, goneOf, openCrowd } from '../support/crowd';
import { connect } from '../support/db';
import { startSidecarProcess } from '../support/process';
import { refused } from '../support/refusal';
import { type SidecarClient, startSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, url } from '../support/testServer';

// The audit's disk full, its file unwritable mid-call: no KILL without its record, the answer
// AUDIT_UNAVAILABLE naming the path and the cause, and once the fault is gone the next close
// works without a restart, audit.list reading every whole record.
const SESSIONS = 20;
const root = process.getuid?.() === 0;

let admin: Connection;
const folders: string[] = [];
beforeAll(async () => {
  admin = await connect(url);
});
afterAll(async () => {
  await admin?.end();
  for (const f of folders) {
    try {
      execFileSync('umount', [f], { stdio: 'ignore' });
    } catch {}
    rmSync(f, { recursive: true, force: true });
  }
});

const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-fault-'));
  folders.push(dir);
  return dir;
};

/** The in-process sidecar or the sidecar process: each has the typed client with the admin token. */
type Caller = { api: SidecarClient };

/**
 * A close of `SESSIONS` fresh idle sessions: the call, settled (await it for its report, or
 * check its refusal), and which of them are gone after.
 */
const closeCrowdOf = async (sidecar: Caller) => {
  const crowd = await openCrowd(url, SESSIONS);
  const ids = crowd.map((c) => String(c.threadId));
  const answer = sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: ids.map(keyOf) });
  await answer.catch(() => undefined);
  const gone = await goneOf(admin, ids, 100);
  closeCrowd(crowd);
  return { answer, ids, gone };
};

/** The session ids every whole line of the audit names (a whole line that is not JSON is a failure). */
const namedIn = (file: string) => {
  const lines = readFileSync(file, 'utf8').split('\n');
  // The last element is what follows the last newline: empty, or a fragment not yet cut.
  return new Set(
    lines
      .slice(0, -1)
      .filter(Boolean)
      .map((line) => String(JSON.parse(line).sessionId)),
  );
};

const expectRefused = async (answer: Promise<unknown>, where: string, cause: RegExp) => {
  const error = await refused(answer, 503, 'AUDIT_UNAVAILABLE', where);
  expect(error.data?.params?.where).toBe(where);
  expect(error.data?.params?.cause).toMatch(cause);
};

/** Closing works again, and audit.list reads every whole record of the file. */
const expectRecovered = async (sidecar: Caller, file: string) => {
  const { answer, gone, ids } = await closeCrowdOf(sidecar);
  await answer;
  expect(gone.sort()).toEqual(ids.sort());
  const named = namedIn(file);
  for (const id of ids) expect(named.has(id)).toBe(true);
  const listed = await sidecar.api.audit.list.query({ ...main, pageSize: 200 });
  const whole = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const settled = new Set(whole.map((l) => l.settles).filter(Boolean));
  const records = whole.filter((l) => l.phase !== 'attempt' || !settled.has(l.id)).length;
  expect(listed.total).toBe(records);
};

describe.skipIf(!root)('the audit file unwritable mid-run (real faults: needs root)', () => {
  it('disk full (a 64 KiB tmpfs): no KILL without its record, AUDIT_UNAVAILABLE, then recovers', async () => {
    const dir = folder();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    const file = path.join(dir, 'audit.jsonl');
    const sidecar = await startSidecar([tenantOn(url, 'main')], { audit: fileSink(file) });
    try {
      await (await closeCrowdOf(sidecar)).answer;
      // Fill the disk, then free one page: less than a call's attempts need, so the write ahead
      // fails part way (the part written is cut).
      const filler = path.join(dir, 'filler');
      const kib = Buffer.alloc(1024);
      try {
        for (;;) appendFileSync(filler, kib);
      } catch {}
      truncateSync(filler, Math.max(0, statSync(filler).size - 4096));
      for (let i = 0; i < 2; i += 1) {
        const { answer, gone } = await closeCrowdOf(sidecar);
        await expectRefused(answer, file, /ENOSPC/);
        // The disk may fill on an attempt (nothing sent) or on an outcome (the KILLs sent had
        // their attempts written first): every session gone has a record naming it.
        const named = namedIn(file);
        expect(gone.filter((id) => !named.has(id))).toEqual([]);
      }
      rmSync(filler);
      await expectRecovered(sidecar, file);
    } finally {
      await sidecar.stop();
    }
  });

  it('the file swapped for a link to /dev/full, then back', async () => {
    const file = path.join(folder(), 'audit.jsonl');
    const sidecar = await startSidecar([tenantOn(url, 'main')], { audit: fileSink(file) });
    try {
      await (await closeCrowdOf(sidecar)).answer;
      renameSync(file, `${file}.kept`);
      symlinkSync('/dev/full', file);
      for (let i = 0; i < 2; i += 1) {
        const { answer, gone } = await closeCrowdOf(sidecar);
        await expectRefused(answer, file, /ENOSPC|EINVAL/);
        expect(gone).toEqual([]);
      }
      unlinkSync(file);
      renameSync(`${file}.kept`, file);
      await expectRecovered(sidecar, file);
    } finally {
      await sidecar.stop();
    }
  });

  it('the file made immutable (chattr +i) mid-run, then not', async () => {
    const file = path.join(folder(), 'audit.jsonl');
    const sidecar = await startSidecar([tenantOn(url, 'main')], { audit: fileSink(file) });
    try {
      await (await closeCrowdOf(sidecar)).answer;
      execFileSync('chattr', ['+i', file]);
      try {
        for (let i = 0; i < 2; i += 1) {
          const { answer, gone } = await closeCrowdOf(sidecar);
          await expectRefused(answer, file, /EPERM|EACCES/);
          expect(gone).toEqual([]);
        }
      } finally {
        execFileSync('chattr', ['-i', file]);
      }
      await expectRecovered(sidecar, file);
    } finally {
      await sidecar.stop();
    }
  });

  it('the file replaced by a folder, then back', async () => {
    const file = path.join(folder(), 'audit.jsonl');
    const sidecar = await startSidecar([tenantOn(url, 'main')], { audit: fileSink(file) });
    try {
      await (await closeCrowdOf(sidecar)).answer;
      renameSync(file, `${file}.kept`);
      mkdirSync(file);
      const { answer, gone } = await closeCrowdOf(sidecar);
      await expectRefused(answer, file, /EISDIR/);
      expect(gone).toEqual([]);
      rmSync(file, { recursive: true });
      renameSync(`${file}.kept`, file);
      await expectRecovered(sidecar, file);
    } finally {
      await sidecar.stop();
    }
  });

  it('a file-size limit on the process (ulimit -f), lifted while it runs', async () => {
    const file = path.join(folder(), 'audit.jsonl');
    const sidecar = await startSidecarProcess([tenantOn(url, 'main')], {
      audit: file,
      // 64 KiB (soft, so it can be lifted); SIGXFSZ ignored as a service manager may leave it, so the write fails with EFBIG.
      shell: "ulimit -S -f 64; trap '' XFSZ",
    });
    try {
      let refused = 0;
      for (let i = 0; i < 40 && refused < 2; i += 1) {
        const { answer, gone } = await closeCrowdOf(sidecar);
        const named = namedIn(file);
        expect(gone.filter((id) => !named.has(id))).toEqual([]);
        if (
          await answer.then(
            () => true,
            () => false,
          )
        )
          continue;
        // The limit may be met by an attempt (nothing sent) or by an outcome (the KILLs sent had
        // their attempts written first): either way every session gone is named above.
        await expectRefused(answer, file, /EFBIG/);
        refused += 1;
      }
      expect(refused).toBe(2);
      execFileSync('prlimit', ['--pid', String(sidecar.pid), '--fsize=unlimited']);
      await expectRecovered(sidecar, file);
      expect(existsSync(file)).toBe(true);
    } finally {
      await sidecar.kill();
    }
  });
});
