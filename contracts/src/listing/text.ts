/**
 * Lowercase, with the Greek final sigma (which toLowerCase gives a word-final Σ) folded to σ, so
 * that "ΟΔΟΣ" finds "ΟΔΟΣΑ". en-US has no case tailoring, so toLowerCase equals
 * toLocaleLowerCase('en-US'), and it answers an already lowercase value itself instead of a new
 * string per session.
 */
export const foldCase = (text: string): string => {
  const lower = text.toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
};

/** Case-insensitive substring of a folded needle, taken literally: `%`, `_` and `\` match themselves. */
export const containsFolded = (value: string | null, needle: string): boolean =>
  value !== null && foldCase(value).includes(needle);
