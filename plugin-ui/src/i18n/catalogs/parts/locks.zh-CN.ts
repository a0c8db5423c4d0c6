import type { locksEn } from './locks.en';

/** 会话与行锁：行锁列、阻塞源筛选、阻塞链。 */
export const locksZhCN: Record<keyof typeof locksEn, string> = {
  'column.transactionSeconds': '事务时长（s）',
  'column.blockedBy': '被阻塞于',
  'column.blocking': '阻塞会话数',

  'locks.notAvailable': '不可用',
  'locks.notAvailableWhy': '无法查看行锁与事务：{reason}',
  'locks.notAvailableDefault': '未能读取',
  'locks.inTransaction': '事务未提交 {seconds} s',
  'locks.inTransactionTitle': '空闲但事务已开启 {seconds} s：其持有的行锁未释放',
  'locks.showBlocker': '查看会话 {id}（持有当前会话等待的行锁）',
  'locks.blockingCount': '{count, number} 个会话在等待会话 {id}',

  'locks.filter': '阻塞源',
  'locks.filterTitle': '仅查看阻塞其他会话的会话，阻塞最多的在前',
  'locks.filterOff': '阻塞源：不可用（{reason}）',

  'locks.chain': '阻塞链',
  'locks.chainOf': '查看会话 {id} 的阻塞链',
  'locks.chainRegion': '会话 {id} 的阻塞链',
  'locks.chainTitle': '等待会话 {id} 的会话',
  'locks.chainClose': '收起阻塞链',
  'locks.chainReading': '正在读取等待中的会话…',
  'locks.chainNone': '已没有会话在等待会话 {id}。',
  'locks.chainCycle': '（循环：服务器尚未解除的死锁）',
  'locks.chainPartial': '仅读取了该租户的前 {count, number} 个会话，阻塞链可能不完整。',
  'locks.chainMore': '另有 {count, number} 条路径未显示。',
  'locks.chainFailed': '无法读取等待中的会话：{why}',

  'locks.releaseSession':
    '等待其行锁的会话：{count, number} 个。关闭后应释放这些会话；其未提交的事务将回滚。',
  'locks.releaseQuery':
    '等待其行锁的会话：{count, number} 个。关闭查询不会结束其事务，这些会话仍被阻塞：关闭会话才能释放。',
};
