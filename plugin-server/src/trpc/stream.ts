import { SidecarError } from '../errors/sidecarError';
import { toTRPCError } from './errors';

/**
 * A subscription's values, with the domain's errors (SidecarError) turned into tRPC's as they end
 * the stream: a stream fails after its middlewares ran, so init.ts's domainErrors never sees them.
 */
export async function* domainStream<T>(values: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  try {
    yield* values;
  } catch (error) {
    throw error instanceof SidecarError ? toTRPCError(error) : error;
  }
}
