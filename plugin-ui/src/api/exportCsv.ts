import {
  EXPORT_PATHS,
  type ExportKind,
  type ListInput,
  type StatsExportInput,
} from '@tenant-sessions/contracts';
import type { GetAuthToken } from './client';

/** What each export takes (docs/api.md, "Export"). */
export type ExportInputs = { sessions: ListInput; stats: StatsExportInput };

/** A downloaded export: the file and the name the sidecar gave it. */
export type ExportedFile = { blob: Blob; fileName: string };

/**
 * The export route beside the tRPC endpoint: `apiUrl` without its last `/trpc`, then
 * `/export/<kind>.csv?input=<url-encoded JSON>&lang=<tag>` (README, "CSV export").
 */
export function exportUrl<K extends ExportKind>(
  apiUrl: string,
  kind: K,
  input: ExportInputs[K],
  lang?: string,
): string {
  const base = apiUrl.replace(/\/trpc\/?$/, '');
  const query = new URLSearchParams({ input: JSON.stringify(input) });
  if (lang) query.set('lang', lang);
  return `${base}${EXPORT_PATHS[kind]}?${query}`;
}

/** The name a Content-Disposition gives (RFC 6266: `filename*` first, else `filename`). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {}
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name || null;
}

/** A refused export, shaped like a tRPC client error (`message`, `data.reason`) for problemOf. */
export class ExportError extends Error {
  override name = 'ExportError';
  constructor(
    message: string,
    readonly data: { reason?: string; httpStatus?: number } | null,
  ) {
    super(message);
  }
}

/**
 * Fetches an export with the operator's token in the Authorization header (never in the URL):
 * the whole file as a Blob and its name; a refusal throws an ExportError with the sidecar's words.
 */
export async function fetchExport<K extends ExportKind>(
  { apiUrl, getAuthToken, signal }: { apiUrl: string; getAuthToken: GetAuthToken; signal?: AbortSignal },
  kind: K,
  input: ExportInputs[K],
  lang?: string,
): Promise<ExportedFile> {
  const response = await fetch(exportUrl(apiUrl, kind, input, lang), {
    headers: { authorization: `Bearer ${await getAuthToken()}` },
    signal,
  });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    const error = body?.error;
    throw new ExportError(
      typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
      error?.data ?? { httpStatus: response.status },
    );
  }
  const fileName = fileNameOf(response.headers.get('content-disposition')) ?? `${kind}.csv`;
  return { blob: await response.blob(), fileName };
}
