import type { QueryClient } from '@tanstack/react-query';

const retiring = new Map<string, Promise<void>>();
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Empties a mount's query cache once its aborted requests have settled (their settling would
 * otherwise start garbage-collection timers on queries already cleared).
 */
export function retire(name: string | undefined, client: QueryClient): void {
  const done = client
    .cancelQueries()
    .then(nextTask)
    .then(() => {
      client.getMutationCache().clear();
      client.clear();
    });
  if (name) retiring.set(name, done);
}

/** Resolves when the mount called `name` has finished retiring (the parcel's unmount awaits it). */
export async function retired(name: string | undefined): Promise<void> {
  if (!name) return;
  await retiring.get(name);
  retiring.delete(name);
}
