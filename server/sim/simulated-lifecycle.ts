/**
 * The built-in simulator's complaints move through their lifecycle by the same roads a hotline
 * system's would: its status feed (StatusFeedRun, LIFE-2) and ratings (LIFE-4), under its source.
 */
import type { Clock } from '../core/clock'
import type { SlaPolicy } from '../core/sla'
import { complaintIdsBySource, rateComplaint } from '../db/complaint-store'
import type { Database } from '../db/database'
import { StatusFeedRun } from '../ingest/status-feed'
import type { Log } from '../log'
import type { PlannedRating } from './lifecycle-plan'
import { SIMULATOR_SOURCE, type SimulatorDeps, type StatusLine } from './simulator'

export function simulatedLifecycle(deps: { db: Database; clock: Clock; log: Log; sla: SlaPolicy }): NonNullable<SimulatorDeps['lifecycle']> {
  return {
    slaHours: (category) => deps.sla({ category }),
    async changeStatuses(lines: StatusLine[]) {
      const run = new StatusFeedRun(deps, SIMULATOR_SOURCE)
      for (let i = 0; i < lines.length; i++) await run.add(i + 1, lines[i])
      const summary = await run.finish()
      // A restart replays what is already kept: duplicates are expected, rejections are not.
      if (summary.rejectedTotal > 0) deps.log('warn', `simulator: ${summary.rejectedTotal} status changes rejected`, { first: summary.rejected[0] })
      return summary
    },
    async rate(ratings: PlannedRating[]) {
      const ids = await complaintIdsBySource(deps.db, SIMULATOR_SOURCE, ratings.map((r) => r.sourceId))
      for (const rating of ratings) {
        const id = ids.get(rating.sourceId)
        if (id !== undefined) await rateComplaint(deps.db, id, rating.score, null, new Date(rating.at))
      }
    },
  }
}
