import type { NextFunction, Request, Response } from 'express';
import { sendError } from './answers';

const STREAMED = /application\/jsonl/i;
const EVENT_STREAM = /^text\/event-stream/i;

const MiB = 1024 * 1024;

/** The largest answer sent (a full page of 1,000 sessions is about 0.3 MiB; 10 of them in a batch, 3). */
export const MAX_ANSWER_BYTES = 8 * MiB;
/** Answers written but not yet taken by their (slow) readers, all requests together, at most. */
export const MAX_UNREAD_BYTES = 128 * MiB;

type Callback = (error?: Error | null) => void;
const asBuffer = (chunk: unknown, encoding: unknown): Buffer =>
  Buffer.isBuffer(chunk)
    ? chunk
    : typeof chunk === 'string'
      ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
      : // A view of the web stream's chunk, not a copy (an answer of 4 MiB was copied twice).
        Buffer.from(
          (chunk as Uint8Array).buffer,
          (chunk as Uint8Array).byteOffset,
          (chunk as Uint8Array).byteLength,
        );

const mib = (bytes: number) =>
  bytes < MiB ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / MiB).toFixed(1)} MiB`;

export type WholeOptions = { maxAnswerBytes?: number; maxUnreadBytes?: number };

/**
 * Sends each answer whole: one write of its headers and body, with a Content-Length. tRPC's node
 * adapter writes a body through a web stream, as chunked transfer encoding: the body in one
 * write, then, once the stream has closed, the terminating chunk in a second write, which the
 * caller waits for. Answers a caller asked to stream (`trpc-accept: application/jsonl`) are left
 * as they are (tRPC waits for each chunk to drain).
 *
 * Bounded, so that callers who ask much and read slowly cannot fill the sidecar's memory: an
 * answer over `maxAnswerBytes` is replaced by a PAYLOAD_TOO_LARGE error, and while the answers
 * already written but not yet taken by their readers exceed `maxUnreadBytes`, new ones are
 * replaced by TOO_MANY_REQUESTS (Retry-After 1). Counted per app.
 */
export const wholeAnswersWith = ({
  maxAnswerBytes = MAX_ANSWER_BYTES,
  maxUnreadBytes = MAX_UNREAD_BYTES,
}: WholeOptions = {}) => {
  let unread = 0;
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (STREAMED.test(req.get('trpc-accept') ?? '')) {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const { write, end } = res;
    const restore = () => {
      res.write = write;
      res.end = end;
    };
    res.write = ((chunk: unknown, encoding?: unknown, done?: Callback) => {
      // A subscription's event stream goes out as it is written, never held for its end.
      if (size === 0 && EVENT_STREAM.test(String(res.getHeader('content-type') ?? ''))) {
        restore();
        return res.write(chunk as Buffer, encoding as BufferEncoding, done);
      }
      if (chunk !== null && chunk !== undefined) {
        const buffer = asBuffer(chunk, encoding);
        size += buffer.length;
        // Past the bound, nothing more is kept: the answer will be the error.
        if (size <= maxAnswerBytes) chunks.push(buffer);
        else chunks.length = 0;
      }
      const callback = typeof encoding === 'function' ? (encoding as Callback) : done;
      if (callback) process.nextTick(callback);
      return true;
    }) as Response['write'];
    res.end = ((chunk?: unknown, encoding?: unknown, done?: () => void) => {
      restore();
      const last = typeof chunk === 'function' ? undefined : chunk;
      if (last !== null && last !== undefined) {
        const buffer = asBuffer(last, encoding);
        size += buffer.length;
        if (size <= maxAnswerBytes) chunks.push(buffer);
        else chunks.length = 0;
      }
      const callback = [chunk, encoding, done].find((f): f is () => void => typeof f === 'function');
      if (!res.headersSent && size > maxAnswerBytes) {
        chunks.length = 0;
        return refuse(
          res,
          413,
          'PAYLOAD_TOO_LARGE',
          `The answer would be ${mib(size)}, more than the ${mib(maxAnswerBytes)} the sidecar sends for one request: ask for smaller pages or fewer procedures per batch`,
          callback,
        );
      }
      if (!res.headersSent && unread + size > maxUnreadBytes) {
        chunks.length = 0;
        res.setHeader('Retry-After', '1');
        return refuse(
          res,
          429,
          'TOO_MANY_REQUESTS',
          `The sidecar holds ${mib(unread)} of answers their callers have not read yet, the most it keeps: retry in 1 s`,
          callback,
          { retryAfterSeconds: 1 },
        );
      }
      const body = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
      chunks.length = 0;
      if (!res.headersSent) res.setHeader('Content-Length', body.length);
      // Counted until handed to the kernel ('finish') or the connection went away ('close').
      const held = body.length;
      unread += held;
      let counted = true;
      const release = () => {
        if (counted) unread -= held;
        counted = false;
      };
      res.once('finish', release);
      res.once('close', release);
      return callback ? res.end(body, callback) : res.end(body);
    }) as Response['end'];
    next();
  };
  return Object.assign(middleware, { unreadBytes: () => unread });
};

/**
 * Replaces the answer tRPC wrote by an error (its headers are not sent yet: they wait for the
 * body); sendError ends it through the real `end`, restored before.
 */
const refuse = (
  res: Response,
  status: number,
  reason: 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_REQUESTS',
  message: string,
  callback: (() => void) | undefined,
  extra: Record<string, unknown> = {},
): Response => {
  res.removeHeader('Content-Length');
  res.removeHeader('Transfer-Encoding');
  if (callback) res.once('finish', callback);
  sendError(res, status, reason, message, extra);
  return res;
};

/** Whole answers with the default bounds (one counter of unread answers per call of wholeAnswersWith). */
export const wholeAnswers = wholeAnswersWith();
