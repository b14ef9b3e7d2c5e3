/** A page of console items and the cursor after it (CON-3, CON-4), for drill-down and search alike. */
import { consoleItem, type ConsoleItem } from '../core/console-item'
import type { Page } from '../core/console-query'
import { signCursor } from '../core/cursor'
import { eventRows } from '../db/console-queries'
import type { Queryable } from '../db/database'

export interface ItemPage {
  items: ConsoleItem[]
  next_cursor: string | null
}

/** The page's items, and a cursor after its last when more follow (CON-3). */
export async function itemPage(db: Queryable, ids: readonly string[], page: Page, maxId: string, context: { now: Date; secret: string; groupOf: (category: string) => string | undefined }): Promise<ItemPage> {
  const shown = ids.slice(0, page.limit)
  const items = (await eventRows(db, shown)).map((row) => consoleItem(row, context.now, context.groupOf))
  const last = items.at(-1)
  const more = ids.length > page.limit && last !== undefined
  return {
    items,
    next_cursor: more ? signCursor({ as_of: page.asOf.toISOString(), max_id: maxId, at: last.occurred_at, id: last.id, key: page.key }, context.secret) : null,
  }
}

