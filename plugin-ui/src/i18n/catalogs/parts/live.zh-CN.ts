import type { liveEn } from './live.en';

/** 实时刷新：刷新间隔、实时状态、长时间运行标记、推送中断。 */
export const liveZhCN: Record<keyof typeof liveEn, string> = {
  'live.interval': '自动刷新',
  'live.off': '关闭',
  'live.seconds': '{seconds, number} s',
  'live.on': '实时',
  'live.polling': '实时（轮询）',
  'live.connecting': '正在连接…',
  'live.paused': '已暂停，{count, number} 项变化待显示',
  'live.resume': '继续',
  'live.failed': '实时刷新中断：{problem}。{seconds, number} s 后重试。',
  'live.stale': '当前显示的数据已过时，截至 {time}。',
  'live.long.warn': '已执行超过 {seconds, number} s',
  'live.long.alert': '已执行超过 {seconds, number} s：长时间运行',
};
