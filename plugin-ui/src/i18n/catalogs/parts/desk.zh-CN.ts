import type { deskEn } from './desk.en';

/** 列设置与会话详情。 */
export const deskZhCN: Record<keyof typeof deskEn, string> = {
  'columns.menu': '列设置',
  'columns.menuLabel': '显示、隐藏列及调整列顺序',
  'columns.show': '显示{column}',
  'columns.up': '{column}左移',
  'columns.down': '{column}右移',
  'columns.reset': '重置列',
  'columns.narrowNote': '窗口更宽时默认显示；会话详情中始终可见。',

  'details.open': '会话 {id} 的详情',
  'details.title': '会话 {id}',
  'details.close': '关闭详情',
  'details.gone': '会话 {id} 已不在列表中：以下为最近一次读取的值。',
  'details.sql': '完整 SQL',
  'details.sqlReading': '正在读取 SQL 文本…',
  'details.sqlNone': '当前没有执行中的语句。',
  'details.sqlEnded': '会话已结束。',
  'details.copyOf': '复制{field}',
  'details.state': '状态详情',
  'details.traceId': 'Trace ID',
  'details.sqlId': 'SQL ID',
  'details.transactionState': '事务状态',
  'details.transactionAge': '事务持续时间（s）',
  'details.proxySessionId': 'Proxy 会话 ID',
  'details.otherObservers': '其他 OBServer',
  'details.protectedReason': '受保护原因',
  'details.blockedBy': '被阻塞于',
  'details.blocking': '等待它的会话数',
  'details.actions': '操作',
};
