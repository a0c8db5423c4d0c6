import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of an account that may create users and databases (test/support/database.global.ts). */
    mysqlUrl: string;
  }
}
