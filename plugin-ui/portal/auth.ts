import type { Right } from '@tenant-sessions/contracts';

type Signed = { token: string; operator: string; expiresAt: string };

/** Renew a token this long before it expires. */
const MARGIN_MS = 60_000;

/**
 * The portal's sign-in: POST /portal/session for a demo operator with the chosen rights; the
 * parcel's `getAuthToken` reads from here and renews the token before it expires.
 */
export function createAuth(initialRights: Right[]) {
  let rights = initialRights;
  let current: Promise<Signed> | null = null;

  const signIn = async (): Promise<Signed> => {
    const operator = rights.includes('kill') ? 'demo-operator' : 'demo-viewer';
    const response = await fetch('/portal/session', {
      method: 'POST',
      // The sidecar's sign-in answers the portal only: this header (or a same-origin Origin) says so.
      headers: { 'content-type': 'application/json', 'x-portal-signin': '1' },
      body: JSON.stringify({ operator, rights }),
    });
    if (!response.ok) throw new Error(`Sign-in failed: HTTP ${response.status}`);
    return (await response.json()) as Signed;
  };

  const session = async (): Promise<Signed> => {
    current ??= signIn();
    current.catch(() => {
      current = null;
    });
    const signed = await current;
    if (Date.parse(signed.expiresAt) - Date.now() > MARGIN_MS) return signed;
    current = signIn();
    return current;
  };

  return {
    getAuthToken: async () => (await session()).token,
    operator: async () => (await session()).operator,
    rights: () => rights,
    /** Signs in again with other rights (the console's read-only switch). */
    setRights: (next: Right[]) => {
      rights = next;
      current = null;
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
