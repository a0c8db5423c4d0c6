import type { exportEn } from './export.en';

/** 导出 CSV 的文案（toolbar/ExportButton.tsx）。 */
export const exportZhCN: Record<keyof typeof exportEn, string> = {
  'export.sessions': '导出',
  'export.sessionsHint': '将符合当前筛选条件的全部会话下载为 CSV 文件',
  'export.stats': '导出',
  'export.statsHint': '将{grouping}的各行下载为 CSV 文件',
  'export.busy': '正在导出…',
  'export.failed': '导出失败：{problem}',
};
