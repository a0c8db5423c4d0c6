/** Live refresh: the refresh control, the live state, long-running marks, a failing stream. */
export const liveEn = {
  'live.interval': 'Auto refresh',
  'live.off': 'Off',
  'live.seconds': '{seconds, number} s',
  'live.on': 'Live',
  'live.polling': 'Live (polling)',
  'live.connecting': 'Connecting…',
  'live.paused': 'Paused — {count, number} changes waiting',
  'live.resume': 'Resume',
  'live.failed': 'Live refresh interrupted: {problem}. Retrying in {seconds, number} s.',
  'live.stale': 'The rows shown are stale, as of {time}.',
  'live.long.warn': 'Running for over {seconds, number} s',
  'live.long.alert': 'Running for over {seconds, number} s: long-running',
} as const;
