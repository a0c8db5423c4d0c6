import { LIMITS } from '../limits';
import { fnv1a64 } from './fnv';
import { normaliseStatement } from './normalise';

/** Characters of normalised statement text a statistics row shows. */
export const DIGEST_SAMPLE_CHARS = LIMITS.sqlPreviewChars;

/** Cuts a normalised statement to the sample a statistics row shows (at most 256 characters). */
export const digestSample = (normalised: string): string =>
  normalised.length <= DIGEST_SAMPLE_CHARS ? normalised : `${normalised.slice(0, DIGEST_SAMPLE_CHARS - 1)}…`;

/**
 * The statement digest of docs/api.md: a short stable hex id (16 digits: FNV-1a 64 of the
 * normalised text) shared by statements that differ only in literals, and the normalised text
 * cut to 256 characters. Null for a text that holds no statement (empty, or comments only).
 */
export const statementDigest = (sql: string): { digest: string; sample: string } | null => {
  const normalised = normaliseStatement(sql);
  return normalised === '' ? null : { digest: fnv1a64(normalised), sample: digestSample(normalised) };
};

/**
 * Texts seen lately and their digests: a statement that runs long, or that an application sends
 * word for word again, is read on every snapshot; its digest is taken once. Bounded (at most
 * 2,048 texts of at most 2,048 characters, forgotten all at once when full); it changes no answer.
 */
const recent = new Map<string, string | null>();
const MEMO_ENTRIES = 2048;
const MEMO_TEXT_CHARS = 2048;

/**
 * What a session's `sqlDigest` holds: the digest of its current statement's full text (not the
 * 256-character preview), or null when it runs none. The sidecar calls it once per session per
 * snapshot read, on servers whose sessions have no SQL ID.
 */
export const sessionDigest = (sql: string | null): string | null => {
  if (sql === null) return null;
  const known = recent.get(sql);
  if (known !== undefined) return known;
  const digest = statementDigest(sql)?.digest ?? null;
  if (sql.length <= MEMO_TEXT_CHARS) {
    if (recent.size >= MEMO_ENTRIES) recent.clear();
    recent.set(sql, digest);
  }
  return digest;
};
