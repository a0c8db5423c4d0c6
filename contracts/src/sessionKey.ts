/**
 * A row key's two halves, `<observer>#<id>`: plain string functions in a module of their own, so
 * the parcel can take them without the schemas (and zod) of `sessions.ts`.
 */
export const makeSessionKey = (observer: string | null, id: string): string => `${observer ?? ''}#${id}`;
export const parseSessionKey = (key: string): { observer: string; id: string } => {
  const at = key.lastIndexOf('#');
  return { observer: key.slice(0, at), id: key.slice(at + 1) };
};
