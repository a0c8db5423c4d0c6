import type { linkEn } from './link.en';

/** 可复现视图的链接（url/）的文案。 */
export const linkZhCN: Record<keyof typeof linkEn, string> = {
  'link.ignored': '链接中的部分参数已忽略：{params}',
};
