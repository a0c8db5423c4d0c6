import { type CompiledMessage, compileMessage } from '@lingui/message-utils/compileMessage';
import type { Catalog } from './catalogs/en';
import { en } from './catalogs/en';
import { zhCN } from './catalogs/zh-CN';
import type { CatalogLocale } from './locale';

export type CompiledCatalogs = Record<CatalogLocale, Record<string, CompiledMessage>>;

const compileAll = (catalog: Catalog) =>
  Object.fromEntries(Object.entries(catalog).map(([key, text]) => [key, compileMessage(text)]));

/**
 * Both catalogs as Lingui's compiled messages. The production build runs this once, at build
 * time (webpack.config.ts), so the parcel carries neither the ICU parser nor the source strings;
 * tests and a development build compile at run time, once per page.
 */
export const compileCatalogs = (): CompiledCatalogs => ({ en: compileAll(en), 'zh-CN': compileAll(zhCN) });
