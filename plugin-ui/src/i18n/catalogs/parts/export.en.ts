/** The CSV export's messages (toolbar/ExportButton.tsx), spread into the English catalog. */
export const exportEn = {
  'export.sessions': 'Export',
  'export.sessionsHint': 'Download every session matching the current filters as a CSV file',
  'export.stats': 'Export',
  'export.statsHint': 'Download the rows {grouping} as a CSV file',
  'export.busy': 'Exporting…',
  'export.failed': 'The export failed: {problem}',
} as const;
