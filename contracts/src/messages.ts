/**
 * Stable message codes the sidecar puts beside its English `message`, with the parameters each
 * one names, so that a client can say them in the operator's language (docs/api.md, "Message
 * codes"). A client that meets a code it does not know shows the English `message`.
 *
 * Every parameter is a string on the wire.
 */
export const KILL_MESSAGE_CODES = {
  /** The KILL worked. */
  killed: [],
  /** OBProxy did not know the session; the KILL was sent on a direct connection to its observer. */
  'killed.direct': ['id', 'proxy', 'observer'],
  /** The session is not on the server any more, or not visible to the sidecar's account. */
  'not_found.gone': ['id', 'address'],
  /** The session ended between the fresh read and the KILL (errno 1094). */
  'not_found.ended': ['id'],
  /** Through OBProxy, unknown to the proxy, and direct access is off for the tenant. */
  'not_found.proxy_unknown': ['id', 'proxy', 'observer'],
  /** Unknown to OBProxy and to its observer, both tried. */
  'not_found.proxy_and_observer': ['id', 'proxy', 'observer'],
  /** The sidecar's account lacks the privilege to close other users' sessions (errno 1095). */
  'denied.privilege': ['id', 'account', 'user', 'privilege'],
  /** OceanBase: an inner session of the server itself, which no account may close. */
  'denied.inner_session': ['id'],
  /** Never closed from here; `reason` is the English reason (the sidecar's own, a system thread...). */
  protected: ['id', 'reason'],
  /** The key now names a session of another user or source than the caller saw. */
  'changed.owner': ['id', 'user', 'source', 'expectedUser', 'expectedSource'],
  /** A key naming the same session as an earlier key of the call (OceanBase folding). */
  same_session: ['id', 'firstKey'],
  /** After KILL QUERY the session still runs the same statement: nothing was closed. */
  'query.still_running': ['id'],
  /** OceanBase: "Kill Client Session failed" (errors 4401, 4402). */
  'error.client_session': ['id', 'errno', 'serverMessage'],
  /** The server refused with another error. */
  'error.server': ['id', 'errno', 'serverMessage'],
  /** The direct retry on the observer failed. */
  'error.direct': ['id', 'proxy', 'observer', 'serverMessage'],
  /** The KILL was sent; no answer came within the statement timeout. */
  'unknown.no_answer': ['id', 'seconds'],
  /** The audit holds the attempt but not its outcome: the sidecar stopped before the answer. */
  'unknown.stopped': ['id'],
  /** Not sent: the audit failed earlier in the call. */
  'error.not_sent': ['id'],
  /** Not sent: the tenant's server stopped answering earlier in the call (within `seconds`). */
  'error.not_sent_unanswered': ['id', 'address', 'seconds'],
  /** The KILL was sent; the connection was lost before its answer came. */
  'unknown.connection_lost': ['id', 'address', 'serverMessage'],
  /** The whole call was refused before any KILL (`reason`: the error's, e.g. TENANT_BUSY). */
  'error.refused': ['id', 'reason', 'serverMessage'],
} as const satisfies Record<string, readonly string[]>;

export type KillMessageCode = keyof typeof KILL_MESSAGE_CODES;

export const isKillMessageCode = (value: unknown): value is KillMessageCode =>
  typeof value === 'string' && Object.hasOwn(KILL_MESSAGE_CODES, value);

/** Parameters of a message: each a string. */
export type MessageParams = Record<string, string>;
