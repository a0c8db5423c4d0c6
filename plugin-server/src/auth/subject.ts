/** The longest operator name (`sub`) accepted: it is written into every audit record. */
export const MAX_SUBJECT_CHARS = 256;

/** Control, format (bidi overrides, zero-width), surrogate and line/paragraph separator characters. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * What is wrong with a token's `sub` as the operator's name, or null when it is one: a string,
 * not blank, at most MAX_SUBJECT_CHARS characters, every one printable. A number, an array (which
 * would read `x,y`), an object (`[object Object]`) or an empty name never reaches the audit.
 */
export const subjectProblem = (sub: unknown): string | null => {
  if (typeof sub !== 'string')
    return `the "sub" claim must be a string, not ${Array.isArray(sub) ? 'an array' : typeof sub}`;
  if (sub.trim() === '') return 'the "sub" claim (the operator\'s name) is empty';
  const chars = [...sub].length;
  if (chars > MAX_SUBJECT_CHARS)
    return `the "sub" claim is ${chars} characters long, more than the ${MAX_SUBJECT_CHARS} accepted`;
  if (UNPRINTABLE.test(sub))
    return 'the "sub" claim holds characters that cannot be printed (control or format characters)';
  return null;
};
