/** The storage port: the same migrations and named queries run on PostgreSQL (pg) and on embedded PGlite. */
export interface QueryResult<R> {
  rows: R[]
  rowCount: number
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<R>>
}

export interface Database extends Queryable {
  readonly driver: 'pg' | 'pglite'
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
  /** Connections right now, for the `opswall_db_pool_connections` gauge. */
  poolStats(): { total: number; idle: number; waiting: number }
}
