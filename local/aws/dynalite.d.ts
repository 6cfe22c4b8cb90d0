// dynalite ships no types; this is the part of its API the local stand-in uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** Milliseconds a table stays CREATING. @default 500 */
    readonly createTableMs?: number;
    /** Milliseconds a table stays DELETING. @default 500 */
    readonly deleteTableMs?: number;
    /** Milliseconds a table stays UPDATING. @default 500 */
    readonly updateTableMs?: number;
    /** @default 400 */
    readonly maxItemSizeKb?: number;
    /** A LevelDB directory. @default - in memory */
    readonly path?: string;
    readonly verbose?: boolean;
    readonly debug?: boolean;
  }

  /** An http.Server serving the DynamoDB API; its `close()` also closes the store. */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
