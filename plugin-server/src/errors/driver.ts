/** What mysql2 puts on the errors it raises (a server's answer, or the socket's failure). */
export type DriverError = Error & {
  code?: string;
  errno?: number;
  fatal?: boolean;
  sqlMessage?: string;
};

const asDriver = (error: unknown): Partial<DriverError> => (error ?? {}) as Partial<DriverError>;

/** The server's errno of a failed statement, if it answered one. */
export const errnoOf = (error: unknown): number | undefined => {
  const { errno } = asDriver(error);
  return typeof errno === 'number' ? errno : undefined;
};

/** The error's code (ENOENT, ER_ACCESS_DENIED_ERROR…) or `errno N`, for answers and logs. */
export const codeOf = (error: unknown): string => {
  const { code } = asDriver(error);
  const errno = errnoOf(error);
  return typeof code === 'string' ? code : errno !== undefined ? `errno ${errno}` : 'unknown error';
};

/** The driver's words for a failure. */
export const describeDriverError = (error: unknown): string => {
  const { sqlMessage, message } = asDriver(error);
  return sqlMessage ?? message ?? String(error);
};

/** mysql2's own client-side timeout of a statement (`timeout` on the query). */
export const isClientTimeout = (error: unknown): boolean =>
  asDriver(error).code === 'PROTOCOL_SEQUENCE_TIMEOUT';

/** True when the connection that raised `error` can no longer be used. */
export const isFatal = (error: unknown): boolean => Boolean(asDriver(error).fatal) || isClientTimeout(error);
