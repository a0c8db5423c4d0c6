/** Locale-aware formatting of what the table shows; `locale` is the parcel's prop. */
export type Formatters = {
  seconds: (value: number) => string;
  count: (value: number) => string;
  time: (iso: string) => string;
};

export function makeFormatters(locale?: string): Formatters {
  const seconds = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return {
    seconds: (value) => seconds.format(value),
    count: (value) => count.format(value),
    time: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : time.format(date);
    },
  };
}
