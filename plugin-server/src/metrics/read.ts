import type { Metrics } from './metrics';

/** The value of one series of a counter or gauge (0 when it has none yet); for tests and the bench. */
export const seriesValue = async (
  metrics: Metrics,
  name: string,
  labels: Record<string, string>,
): Promise<number> => {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  return values
    .filter((v) => wanted.every(([key, value]) => String(v.labels[key]) === value))
    .reduce((sum, v) => sum + v.value, 0);
};
