import { isKillMessageCode, type KillKind, type KillResult, type Session } from '@tenant-sessions/contracts';
import type { MessageKey, Translate } from '../i18n/messages';

export type Tone = 'success' | 'info' | 'warning' | 'error';
/** The notice a close leaves above the table. */
export type CloseNotice = { tone: Tone; text: string };

/**
 * Why, in the operator's language: from the result's message code and its parameters when the
 * parcel knows the code, else the sidecar's English message (no code, or a newer one).
 */
export function reasonOf(result: KillResult | undefined, t: Translate): string | null {
  if (result?.code && isKillMessageCode(result.code)) {
    return t(`code.${result.code}` as MessageKey, result.params ?? {});
  }
  return result?.message ?? null;
}

/** The answer of one kill, in plain words (docs/api.md, "Kill"). */
export function noticeOfOutcome(
  kind: KillKind,
  session: Session,
  result: KillResult | undefined,
  t: Translate,
): CloseNotice {
  const id = session.id;
  const coded = !!result?.code && isKillMessageCode(result.code);
  const why = reasonOf(result, t);
  switch (result?.outcome) {
    case 'killed': {
      const text =
        kind === 'session'
          ? t('close.killed.session', { id, user: session.user, source: session.source })
          : t('close.killed.query', { id });
      const detail = coded && result.code !== 'killed' ? why : null;
      return { tone: 'success', text: detail ? t('close.killed.detail', { notice: text, detail }) : text };
    }
    case 'not_found':
      return {
        tone: 'info',
        text: coded && why ? t('close.notFoundWhy', { why }) : t('close.notFound', { id }),
      };
    case 'denied':
      return {
        tone: 'error',
        text: t(kind === 'session' ? 'close.denied.session' : 'close.denied.query', {
          id,
          why: why ?? t('close.deniedDefault'),
        }),
      };
    case 'protected':
      return {
        tone: 'warning',
        text: t('close.protected', {
          id,
          why: why ?? session.protectedReason ?? t('close.protectedDefault'),
        }),
      };
    case 'changed':
      return {
        tone: 'warning',
        text: coded && why ? t('close.changedWhy', { why }) : t('close.changed', { id }),
      };
    case 'error':
      return {
        tone: 'error',
        text: t(kind === 'session' ? 'close.error.session' : 'close.error.query', {
          id,
          why: why ?? t('close.errorDefault'),
        }),
      };
    case 'unknown':
      return { tone: 'warning', text: t('close.unknown', { id, why: why ?? t('close.unknownDefault') }) };
    default:
      return { tone: 'error', text: t('close.noAnswer', { id }) };
  }
}
