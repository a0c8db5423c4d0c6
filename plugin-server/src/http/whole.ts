import type { NextFunction, Request, Response } from 'express';

const STREAMED = /application\/jsonl/i;
const EVENT_STREAM = /^text\/event-stream/i;

type Callback = (error?: Error | null) => void;
const asBuffer = (chunk: unknown, encoding: unknown): Buffer =>
  Buffer.isBuffer(chunk)
    ? chunk
    : typeof chunk === 'string'
      ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
      : Buffer.from(chunk as Uint8Array);

/**
 * Sends each answer whole: one write of its headers and body, with a Content-Length. tRPC's node
 * adapter writes a body through a web stream, as chunked transfer encoding: the body in one
 * write, then, once the stream has closed, the terminating chunk in a second write, which the
 * caller waits for. Answers a caller asked to stream (`trpc-accept: application/jsonl`) are left
 * as they are. What is kept meanwhile is at most one answer (a page is at most 1,000 sessions).
 */
export const wholeAnswers = (req: Request, res: Response, next: NextFunction): void => {
  if (STREAMED.test(req.get('trpc-accept') ?? '')) {
    next();
    return;
  }
  const chunks: Buffer[] = [];
  const { write, end } = res;
  const restore = () => {
    res.write = write;
    res.end = end;
  };
  res.write = ((chunk: unknown, encoding?: unknown, done?: Callback) => {
    // A subscription's event stream goes out as it is written, never held for its end.
    if (chunks.length === 0 && EVENT_STREAM.test(String(res.getHeader('content-type') ?? ''))) {
      restore();
      return res.write(chunk as Buffer, encoding as BufferEncoding, done);
    }
    if (chunk !== null && chunk !== undefined) chunks.push(asBuffer(chunk, encoding));
    const callback = typeof encoding === 'function' ? (encoding as Callback) : done;
    if (callback) process.nextTick(callback);
    return true;
  }) as Response['write'];
  res.end = ((chunk?: unknown, encoding?: unknown, done?: () => void) => {
    restore();
    const last = typeof chunk === 'function' ? undefined : chunk;
    if (last !== null && last !== undefined) chunks.push(asBuffer(last, encoding));
    const callback = [chunk, encoding, done].find((f): f is () => void => typeof f === 'function');
    const body = Buffer.concat(chunks);
    if (!res.headersSent) res.setHeader('Content-Length', body.length);
    return callback ? res.end(body, callback) : res.end(body);
  }) as Response['end'];
  next();
};
