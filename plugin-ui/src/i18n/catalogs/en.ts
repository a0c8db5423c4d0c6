import { bulkEn } from './parts/bulk.en';
import { deskEn } from './parts/desk.en';
import { exportEn } from './parts/export.en';
import { linkEn } from './parts/link.en';
import { liveEn } from './parts/live.en';
import { locksEn } from './parts/locks.en';
import { statsEn } from './parts/stats.en';

/**
 * The parcel's English catalog: ICU MessageFormat strings by key. It names the keys: the other
 * catalogs must have each of them with the same parameters (catalogs.test.ts).
 */
export const en = {
  'tab.title': 'Tenant Session',
  'tab.failed': 'The Tenant Session tab failed: {message}',
  'tab.noTenant': 'Cluster {clusterId} has no tenant whose sessions you may view.',
  'tenant.region': 'Sessions of tenant {tenant}',

  'right.checking': 'Checking your rights on this tenant…',
  'right.unreadable': 'Your rights on tenant {tenant} could not be read, so closing is off.',
  'right.none': 'Your account has no rights listed on tenant {tenant}, so closing is off.',
  'right.noKill':
    'You may view tenant {tenant} but not close its sessions: your account lacks the kill right.',

  'notice.ownSessionsOnly':
    "Only the session service's own sessions are listed: its database account lacks the PROCESS privilege.",
  'notice.truncated':
    'This tenant has more sessions than the session service keeps ({count, number} are listed: the active ones first, then the longest running).',
  'notice.dismiss': 'Dismiss',

  'toolbar.sessions': '<0>{count, number}</0> sessions',
  'toolbar.active': '<0>{count, number}</0> active',
  'toolbar.activeOnly': 'View Active Sessions Only',
  'toolbar.asOf': 'Data as of {time}',
  'toolbar.refresh': 'Refresh',

  'column.id': 'Session ID',
  'column.sql': 'SQL',
  'column.user': 'User',
  'column.source': 'Source',
  'column.database': 'Database Name',
  'column.command': 'Command',
  'column.time': 'Execution Time (s)',
  'column.status': 'Status',
  'column.observer': 'observer',
  'column.obproxy': 'OBProxy',
  'column.actions': 'Actions',
  'sort.by': 'Sort by {column}',

  'search.open': 'Search {column}',
  'search.openApplied': 'Search {column} (applied: {value})',
  'search.contains': '{column} contains',
  'search.placeholder': '{column} contains…',
  'search.apply': 'Search',
  'search.clear': 'Clear',
  'search.chips': 'Applied searches',
  'search.chip': '{column} contains “{value}”',
  'search.chipClear': 'Clear {column} search',

  'pager.label': 'Pages',
  'pager.size': 'Rows per page',
  'pager.range': '{from, number}–{to, number} of {total, number}',
  'pager.first': 'First page',
  'pager.previous': 'Previous page',
  'pager.next': 'Next page',
  'pager.last': 'Last page',
  'pager.page': 'Page {page, number} of {pages, number}',

  'cell.none': 'none',
  'cell.sameIdOn': 'The same id stands on {observers}',
  'cell.otherObservers': '+{count, number} obs',
  'cell.alsoOn': 'Also on {observers}',
  'cell.viewSql': 'View SQL',
  'cell.viewSqlOf': 'View SQL of session {id}',

  'actions.viewOnly': 'View only',
  'actions.closeSession': 'Close Session',
  'actions.closeQuery': 'Close Current Query',
  'actions.more': 'More actions for session {id}',
  'actions.moreText': 'More',
  'actions.protected': 'Protected',
  'actions.protectedDefault': 'This session may not be closed from here.',

  'state.loading': 'Loading sessions…',
  'state.noMatch': 'No session matches the searches and filters.',
  'state.empty': 'This tenant has no sessions right now.',
  'state.retry': 'Retry',

  'dialog.close': 'Close dialog',
  'confirm.session.title': 'Close this session?',
  'confirm.session.confirm': 'Close Session',
  'confirm.session.effect': 'The connection is ended; its open transaction is rolled back.',
  'confirm.query.title': 'Close the current query?',
  'confirm.query.confirm': 'Close Query',
  'confirm.query.effect': 'The running statement is stopped; the connection stays open.',
  'confirm.cancel': 'Cancel',
  'confirm.closing': 'Closing…',
  'confirm.noSql': '(none)',

  'sql.title': 'SQL of session {id}',
  'sql.reading': 'Reading the SQL text…',
  'sql.ended': 'Session {id} has ended since the list was read.',
  'sql.idle': 'Session {id} runs no statement now.',
  'sql.region': 'Full SQL text',
  'sql.close': 'Close',
  'sql.who': '{user} from {source}',
  'sql.whoOn': '{user} from {source} on {observer}',
  'copy.copy': 'Copy',
  'copy.copied': 'Copied',
  'copy.failed': 'Could not copy: select the text and copy it',

  'close.killed.session': 'Session {id} ({user} from {source}) was closed.',
  'close.killed.query': 'The current query of session {id} was stopped; the session stays connected.',
  'close.killed.detail': '{notice} ({detail})',
  'close.notFound': 'Session {id} was already gone: nothing was closed.',
  'close.notFoundWhy': 'Nothing was closed: {why}.',
  'close.denied.session': 'The database refused to close session {id}: {why}.',
  'close.denied.query': 'The database refused to stop the current query of session {id}: {why}.',
  'close.deniedDefault': 'a privilege is missing',
  'close.protected': 'Session {id} is protected and was left alone: {why}.',
  'close.protectedDefault': 'it belongs to the system',
  'close.changed':
    'Nothing was closed: id {id} now belongs to another connection (its user or source changed since the list was read). Check the refreshed list.',
  'close.changedWhy': 'Nothing was closed: {why}. Check the refreshed list.',
  'close.error.session': 'Could not close session {id}: {why}.',
  'close.error.query': 'Could not stop the current query of session {id}: {why}.',
  'close.errorDefault': 'the database answered with an error',
  'close.unknown':
    'The close of session {id} was sent but its outcome is unknown: {why}. Check whether it is still listed.',
  'close.unknownDefault': 'no answer came',
  'close.noAnswer': 'The session service gave no answer for session {id}.',

  'code.killed': 'the session was closed',
  'code.killed.direct':
    'OBProxy {proxy} did not know session {id}, so it was closed directly on observer {observer}',
  'code.not_found.gone': 'session {id} is no longer on {address}',
  'code.not_found.ended': 'session {id} ended just before the close',
  'code.not_found.proxy_unknown':
    'OBProxy {proxy} does not know session {id}, and closing it directly on observer {observer} is off for this tenant',
  'code.not_found.proxy_and_observer': 'neither OBProxy {proxy} nor observer {observer} knows session {id}',
  'code.denied.privilege':
    "the session service's account {account} lacks the {privilege} privilege to close sessions of user {user}",
  'code.denied.inner_session': 'session {id} is an inner session of OceanBase, which no account may close',
  'code.protected': '{reason}',
  'code.changed.owner':
    'id {id} now belongs to {user} from {source}, not {expectedUser} from {expectedSource}',
  'code.same_session': 'it is the same session as {firstKey}, already in this close',
  'code.query.still_running': 'session {id} still runs the same statement, so nothing was stopped',
  'code.error.client_session':
    'OceanBase could not close client session {id} (error {errno}: {serverMessage})',
  'code.error.server': 'the server answered error {errno}: {serverMessage}',
  'code.error.direct':
    'OBProxy {proxy} did not know session {id}, and the direct close on observer {observer} failed: {serverMessage}',
  'code.unknown.no_answer': 'the KILL for session {id} got no answer within {seconds} s',
  'code.unknown.stopped': 'the session service stopped before it recorded the outcome for session {id}',
  'code.error.not_sent': 'the close of session {id} was not sent: the audit failed earlier in the call',
  'code.error.not_sent_unanswered':
    'the close of session {id} was not sent: {address} stopped answering earlier in the call (within {seconds} s)',
  'code.unknown.connection_lost':
    'the KILL for session {id} was sent, but the connection to {address} was lost before its answer ({serverMessage}): check whether the session is still there',
  'code.error.refused':
    'nothing was sent for session {id}: the whole close was refused ({reason}: {serverMessage})',

  'problem.withDetail': '{title}: {detail}',
  'error.TENANT_UNREACHABLE': 'Tenant {tenant} is unreachable',
  'error.TENANT_TIMEOUT': 'Tenant {tenant} took too long to answer',
  'error.NO_READ': 'You may not view the sessions of tenant {tenant} (your account lacks the read right)',
  'error.NO_KILL': 'You may not close sessions on tenant {tenant} (your account lacks the kill right)',
  'error.UNAUTHENTICATED': 'Your sign-in is missing or has expired: sign in to the console again',
  'error.UNKNOWN_TENANT': 'Tenant {tenant} is not known to the session service',
  'error.TOO_MANY_REQUESTS': 'Too many requests: wait a moment and retry',
  'error.tooManyCloses': 'Too many closes in a minute: retry in {seconds, number} s',
  'error.INVALID_INPUT': 'The session service refused the request as invalid',
  'error.AUDIT_UNAVAILABLE': 'The audit log is unavailable, so nothing was closed',
  'error.TENANT_BUSY':
    'The session service is busy with tenant {tenant}: retry in a moment (the database was not asked)',
  'error.STOPPING': 'The session service is restarting: retry in a moment',
  'error.NETWORK': 'The session service does not answer',
  'error.other': 'The session service answered with an error',

  'audit.region': 'Recent closes on tenant {tenant}',
  'audit.toggle': 'Recent closes',
  'audit.toggleCount': 'Recent closes ({count, number})',
  'audit.outcome': 'Outcome',
  'audit.all': 'all',
  'audit.newer': 'Newer',
  'audit.older': 'Older',
  'audit.loading': 'Loading recent closes…',
  'audit.none': 'No close recorded yet.',
  'audit.noneWithOutcome': 'No close with outcome {outcome} recorded.',
  'audit.unavailable': 'The audit cannot be read now',
  'audit.col.time': 'Time',
  'audit.col.operator': 'Operator',
  'audit.col.action': 'Action',
  'audit.col.session': 'Session',
  'outcome.killed': 'killed',
  'outcome.not_found': 'not found',
  'outcome.denied': 'denied',
  'outcome.protected': 'protected',
  'outcome.changed': 'changed',
  'outcome.error': 'error',
  'outcome.unknown': 'unknown',

  'picker.tenant': 'Tenant',
  'picker.viewOnly': '{name} (view only)',
  ...locksEn,
  ...liveEn,
  ...deskEn,
  ...statsEn,
  ...exportEn,
  ...linkEn,
  ...bulkEn,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
