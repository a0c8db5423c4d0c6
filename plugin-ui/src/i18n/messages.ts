import { type I18n, setupI18n } from '@lingui/core';
import type { en, MessageKey } from './catalogs/en';
import { type CompiledCatalogs, compileCatalogs } from './compileCatalogs';
import { catalogLocaleOf, intlLocaleOf } from './locale';

let compiled: CompiledCatalogs | null = null;

/** Both catalogs compiled once per page (Lingui then interpolates without parsing again). */
const compiledCatalogs = () => {
  compiled ??= compileCatalogs();
  return compiled;
};

/** A Lingui instance for one mount, with both catalogs, speaking the language of `tag`. */
export function createTabI18n(tag: string | undefined): I18n {
  const i18n = setupI18n();
  i18n.load(compiledCatalogs());
  activateTag(i18n, tag);
  return i18n;
}

/** Switches a mount's instance to the language (and number format) of another tag. */
export function activateTag(i18n: I18n, tag: string | undefined) {
  const locale = catalogLocaleOf(tag);
  const intl = intlLocaleOf(tag);
  if (i18n.locale !== locale || i18n.locales?.[0] !== intl) i18n.activate(locale, [intl]);
}

/** Values a message names: text, numbers, or (for rich messages) React nodes. */
export type MessageValues = Record<string, unknown>;

type Trim<S extends string> = S extends ` ${infer T}` ? Trim<T> : S extends `${infer T} ` ? Trim<T> : S;
/** The parameter names of an ICU message without nested choices (`{id}`, `{count, number}`). */
type ParamsIn<S extends string> = S extends `${string}{${infer Body}}${infer Rest}`
  ? (Body extends `${infer Name},${string}` ? Trim<Name> : Trim<Body>) | ParamsIn<Rest>
  : never;
/** The parameters the English message of `K` names (the other catalogs name the same: catalogs.test.ts). */
export type ParamsOf<K extends MessageKey> = ParamsIn<(typeof en)[K]>;

/**
 * A catalog lookup, typed by key and by the parameters its message names: a message without
 * parameters takes no values, any other takes exactly its own names.
 */
export type Translate = <K extends MessageKey>(
  key: K,
  ...values: [ParamsOf<K>] extends [never] ? [] : [Record<ParamsOf<K>, unknown>]
) => string;

/** The same lookup for a key known only at run time (tests, a code read from the wire). */
export type LooseTranslate = (key: MessageKey, values?: MessageValues) => string;

export const translateWith = (i18n: I18n): Translate =>
  ((key: MessageKey, values?: MessageValues) => i18n._(key, values)) as Translate;

export const loosely = (t: Translate): LooseTranslate => t as unknown as LooseTranslate;

export type { MessageKey };
