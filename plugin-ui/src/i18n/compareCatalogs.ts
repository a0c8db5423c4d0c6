import { type CompiledMessage, compileMessageOrThrow } from '@lingui/message-utils/compileMessage';

/** The parameters and markup tags (`<0>`) a message uses, as Lingui's compiler reads it. */
export function parametersOf(message: string): Set<string> {
  const names = new Set<string>();
  const walk = (tokens: CompiledMessage) => {
    for (const token of tokens) {
      if (typeof token === 'string') {
        for (const tag of token.matchAll(/<\/?(\d+)\/?>/g)) names.add(`<${tag[1]}>`);
        continue;
      }
      const [name, , format] = token;
      names.add(name);
      if (format && typeof format === 'object') {
        for (const [choice, branch] of Object.entries(format))
          if (choice !== 'offset' && Array.isArray(branch)) walk(branch);
      }
    }
  };
  walk(compileMessageOrThrow(message));
  return names;
}

/**
 * What differs between two catalogs of the same messages: a key missing on either side, a
 * message that does not parse, a parameter one side uses and the other lacks. Empty: they agree.
 */
export function compareCatalogs(catalogs: Record<string, Record<string, string>>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(catalogs);
  const keys = new Set(entries.flatMap(([, catalog]) => Object.keys(catalog)));
  for (const key of [...keys].sort()) {
    const params: Array<[string, Set<string>]> = [];
    for (const [locale, catalog] of entries) {
      const text = catalog[key];
      if (typeof text !== 'string') {
        problems.push(`${locale} lacks the key ${key}`);
        continue;
      }
      try {
        params.push([locale, parametersOf(text)]);
      } catch (error) {
        problems.push(`${locale} ${key} does not parse: ${(error as Error).message}`);
      }
    }
    for (const [locale, names] of params) {
      for (const [other, otherNames] of params) {
        if (other === locale) continue;
        for (const name of names)
          if (!otherNames.has(name)) problems.push(`${locale} ${key} uses ${name}, which ${other} lacks`);
      }
    }
  }
  return problems;
}
